package dev.mlops.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded down-sampling of a table for fast experiments: a simple random sample, or a sample
 * stratified by a column so each of its values keeps its share. Rows keep their original order.
 *
 * <pre>{@code
 * Table small = Sampling.random(0.1).apply(table, 42);
 * Table balanced = Sampling.stratified("label", 0.1).apply(table, 42);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Sampling {

  private final double fraction;
  private final String stratifyBy;

  private Sampling(double fraction, String stratifyBy) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("sampling fraction must be in (0, 1]: " + fraction);
    }
    this.fraction = fraction;
    this.stratifyBy = stratifyBy;
  }

  /**
   * A simple random sample of {@code round(fraction * n)} rows.
   *
   * @param fraction in (0, 1]
   * @return the sampling
   */
  public static Sampling random(double fraction) {
    return new Sampling(fraction, null);
  }

  /**
   * A sample of {@code round(fraction * n_c)} rows from each value {@code c} of a column.
   *
   * @param column the column to stratify by (usually the target)
   * @param fraction in (0, 1]
   * @return the sampling
   */
  public static Sampling stratified(String column, double fraction) {
    return new Sampling(fraction, Objects.requireNonNull(column, "column"));
  }

  /**
   * Samples a table.
   *
   * @param table the rows
   * @param seed the seed
   * @return the sample, rows in their original order
   */
  public Table apply(Table table, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<List<Integer>> strata = new ArrayList<>();
    if (stratifyBy == null) {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < table.rowCount(); i++) {
        all.add(i);
      }
      strata.add(all);
    } else {
      table.indexOf(stratifyBy);
      TreeMap<String, List<Integer>> by = new TreeMap<>();
      for (int r = 0; r < table.rowCount(); r++) {
        Object v = table.row(r).get(stratifyBy);
        by.computeIfAbsent(String.valueOf(v), k -> new ArrayList<>()).add(r);
      }
      strata.addAll(by.values());
    }
    List<Integer> chosen = new ArrayList<>();
    for (List<Integer> rows : strata) {
      int k = (int) Math.round(rows.size() * fraction);
      // Partial Fisher-Yates: the first k positions are a uniform sample without replacement.
      Integer[] a = rows.toArray(new Integer[0]);
      for (int i = 0; i < k; i++) {
        int j = i + rnd.nextInt(a.length - i);
        Integer t = a[i];
        a[i] = a[j];
        a[j] = t;
        chosen.add(a[i]);
      }
    }
    int[] idx = chosen.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(idx);
    return table.rows(idx);
  }

  @Override
  public String toString() {
    return stratifyBy == null ? "random(" + fraction + ")" : "stratified(" + stratifyBy + ", " + fraction + ")";
  }
}
