package dev.mlops.bench.decisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded stream of rows with known change points, for the drift-decision benchmarks: numeric
 * features {@code x0 .. x(p-1)}, each a stationary AR(1) series with unit marginal variance and
 * lag-one autocorrelation {@code rho}, and a categorical feature {@code c} (categories {@code a},
 * {@code b}, {@code c}, {@code d} with probabilities 0.4, 0.3, 0.2, 0.1, drawn independently per
 * row). Features {@code x0} and {@code x1} share correlated innovations (correlation
 * {@link #CORRELATION}), so their marginal correlation is the same. From the change row on, one
 * {@link Change} applies.
 *
 * <p>Not thread-safe (one generator per thread); the same seed gives the same rows.
 */
public final class SyntheticStream {

  /** The correlation of {@code x0} and {@code x1} before a {@link Change#CORRELATION_FLIP}. */
  public static final double CORRELATION = 0.8;
  private static final String[] CATEGORIES = {"a", "b", "c", "d"};
  private static final double[] CUMULATIVE = {0.4, 0.7, 0.9, 1.0};

  /** What changes at the change point. */
  public enum Change {
    /** Nothing: a stationary stream. */
    NONE,
    /** The mean of {@code x0} and {@code x1} moves by 0.5 standard deviations. */
    MEAN_SHIFT,
    /** A category {@code "new"} takes 20% of the rows of {@code c}. */
    NEW_CATEGORY,
    /** The variance of {@code x0} doubles (standard deviation x sqrt 2). */
    DOUBLED_VARIANCE,
    /** The correlation of {@code x0} and {@code x1} goes from 0.8 to -0.8; marginals unchanged. */
    CORRELATION_FLIP
  }

  private final int features;
  private final double rho;
  private final double innovation;
  private final Change change;
  private final long changeRow;
  private final SplittableRandom random;
  private final double[] state;
  private long row;

  /**
   * A stream.
   *
   * @param features numeric features, at least 2
   * @param rho lag-one autocorrelation of each numeric feature, in [0, 1)
   * @param change the change
   * @param changeRow the first row (from 0) the change applies to
   * @param seed the seed
   * @throws IllegalArgumentException if an argument is out of range
   */
  public SyntheticStream(int features, double rho, Change change, long changeRow, long seed) {
    if (features < 2) {
      throw new IllegalArgumentException("features must be at least 2: " + features);
    }
    if (!(rho >= 0 && rho < 1)) {
      throw new IllegalArgumentException("rho must be in [0, 1): " + rho);
    }
    this.features = features;
    this.rho = rho;
    this.innovation = Math.sqrt(1 - rho * rho);
    this.change = change;
    this.changeRow = changeRow;
    this.random = new SplittableRandom(seed);
    this.state = new double[features];
    // start in the stationary distribution
    double[] e = innovations(CORRELATION);
    System.arraycopy(e, 0, state, 0, features);
  }

  /**
   * The names of the numeric features.
   *
   * @param features how many
   * @return {@code x0 .. x(features-1)}
   */
  public static String[] numericNames(int features) {
    String[] names = new String[features];
    for (int i = 0; i < features; i++) {
      names[i] = "x" + i;
    }
    return names;
  }

  private double[] innovations(double correlation) {
    double[] e = new double[features];
    for (int j = 0; j < features; j++) {
      e[j] = gaussian(random);
    }
    e[1] = correlation * e[0] + Math.sqrt(1 - correlation * correlation) * e[1];
    return e;
  }

  /**
   * The next row.
   *
   * @return feature values by name ({@code Double} for {@code x*}, {@code String} for {@code c})
   */
  public Map<String, Object> next() {
    boolean changed = row >= changeRow;
    row++;
    double corr = changed && change == Change.CORRELATION_FLIP ? -CORRELATION : CORRELATION;
    double[] e = innovations(corr);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int j = 0; j < features; j++) {
      state[j] = rho * state[j] + innovation * e[j];
      double v = state[j];
      if (changed && change == Change.MEAN_SHIFT && j < 2) {
        v += 0.5;
      }
      if (changed && change == Change.DOUBLED_VARIANCE && j == 0) {
        v *= Math.sqrt(2);
      }
      out.put("x" + j, v);
    }
    double u = random.nextDouble();
    String category;
    if (changed && change == Change.NEW_CATEGORY && u < 0.2) {
      category = "new";
    } else {
      double v = changed && change == Change.NEW_CATEGORY ? (u - 0.2) / 0.8 : u;
      int k = 0;
      while (v >= CUMULATIVE[k] && k < CUMULATIVE.length - 1) {
        k++;
      }
      category = CATEGORIES[k];
    }
    out.put("c", category);
    return out;
  }

  /**
   * The next {@code n} rows.
   *
   * @param n rows
   * @return the rows in order
   */
  public List<Map<String, Object>> next(int n) {
    List<Map<String, Object>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(next());
    }
    return rows;
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
