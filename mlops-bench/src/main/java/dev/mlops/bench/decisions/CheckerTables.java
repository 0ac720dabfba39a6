package dev.mlops.bench.decisions;

import dev.mlops.core.data.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reviewer-style stream generator of {@link CheckerStreams} (and {@link WeightedEstimate},
 * {@link ServedClassifier}, {@link EndpointEstimateCost}): 8 features on different scales ({@code
 * age} ~ 40 + 12 z, {@code income} ~ 50,000 + 15,000 z, {@code ratio} ~ 0.01 + 0.002 z, {@code
 * amount} log-normal around 100, {@code share} uniform on [0, 1], {@code temp} ~ -3 + 3 z, {@code
 * visits} integer counts, and a categorical {@code plan} A/B/C/D at 40/30/20/10%), the true
 * conditional label distributions ({@link Truth}) and the covariate shifts ({@link Shift}). Every
 * row carries its true class probabilities, so a window's oracle accuracy is known.
 *
 * <p>The same {@link SplittableRandom} state gives the same rows (split out of {@code
 * CheckerStreams} bit for bit in the thirteenth session: its CSV for a seed is unchanged).
 *
 * <p>Stateless.
 */
public final class CheckerTables {

  /** The feature names, numeric first. */
  static final String[] NUMERIC = {"age", "income", "ratio", "amount", "share", "temp", "visits"};

  /** The categorical feature. */
  static final String PLAN = "plan";

  private static final String[] PLANS = {"A", "B", "C", "D"};
  private static final double[] PLAN_SHARES = {0.4, 0.3, 0.2, 0.1};
  private static final double[] PLAN_SHARES_SHIFTED = {0.1, 0.2, 0.3, 0.4};
  private static final double[] PLAN_EFFECT = {0, 0.6, -0.7, 1.0};

  private CheckerTables() {}

  /** The conditional label distribution (the same before and after every shift). */
  public enum Truth {
    /**
     * Binary, {@code logit = z_age - 0.8 z_income + 0.6 z_ratio + 0.5 z_amount + 0.3 z_share + 0.7
     * z_age z_temp + plan effect (0, 0.6, -0.7, 1.0) - 0.14}: about half the rows are class 1.
     */
    BALANCED,
    /** Binary, the same with intercept -2.0: about 20% class 1. */
    IMBALANCED,
    /**
     * Three classes, softmax of {@code (0, 0.9 z_age - 0.7 z_income + 0.8 plan effect, -0.6 z_age +
     * 0.8 z_temp + 0.6 z_ratio + 0.5 z_age z_amount)}.
     */
    THREE,
    /**
     * Binary, {@code logit = s z_age - 0.8 z_income + 0.6 z_ratio + 0.5 z_amount + 0.3 z_share +
     * plan effect - 0.14} with the slope {@code s} of age 1.0 in plans A, B, C and -1.5 in plan D
     * (thirteenth session): a category x numeric interaction a logistic model of the main effects
     * cannot fit, so it is wrong in plan D, whose share the {@link Shift#CATEGORY} shift raises
     * from 10% to 40%. Not in the default suite.
     */
    INTERACTION
  }

  /** How the features move (latent standard scores {@code z}; {@code t} from 0 to 1). */
  public enum Shift {
    /** {@code z_age += 1.5 t, z_temp += 2 t}: a mean shift of 1.5 and 2 sd in 2 features. */
    MEAN,
    /** {@code z_income, z_amount} scaled by {@code 1 + t}: the sd doubles. */
    VARIANCE,
    /** A share {@code 0.5 t} of rows from a component at {@code z_age + 2, z_ratio - 1.5}, plan D. */
    MIXTURE,
    /** The plan mix moves from 40/30/20/10% to 10/20/30/40%. */
    CATEGORY,
    /** {@code z_income += 3 t, z_ratio += 4 t}: partly beyond the reference's range. */
    BEYOND
  }

  /** A generated row: the monitor's input, the latent scores, and the true class probabilities. */
  record Row(Map<String, Object> values, double[] truth, int label) {}

  /** The predicted class as the monitor takes it: class 1 at P(1) >= 0.5, else the arg-max. */
  static int predicted(double[] p) {
    if (p.length == 2) {
      return p[1] >= 0.5 ? 1 : 0;
    }
    int top = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[top]) {
        top = k;
      }
    }
    return top;
  }

  /** {@code n} training rows (no shift) with the numeric target {@code y}. */
  static Table table(Truth truth, int n, SplittableRandom rnd) {
    double[][] numeric = new double[NUMERIC.length][n];
    String[] plan = new String[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = row(truth, Shift.MEAN, 0, rnd);
      for (int j = 0; j < NUMERIC.length; j++) {
        numeric[j][i] = (Double) r.values().get(NUMERIC[j]);
      }
      plan[i] = (String) r.values().get(PLAN);
      y[i] = r.label();
    }
    Table.Builder b = Table.builder();
    for (int j = 0; j < NUMERIC.length; j++) {
      b.numeric(NUMERIC[j], numeric[j]);
    }
    return b.categorical(PLAN, plan).numeric("y", y).build();
  }

  /** One row at shift {@code t}. */
  static Row row(Truth truth, Shift shift, double t, SplittableRandom rnd) {
    double[] z = new double[NUMERIC.length];
    for (int j = 0; j < z.length; j++) {
      z[j] = SyntheticStream.gaussian(rnd);
    }
    double[] shares = PLAN_SHARES;
    boolean component = false;
    switch (shift) {
      case MEAN -> {
        z[0] += 1.5 * t;
        z[5] += 2 * t;
      }
      case VARIANCE -> {
        z[1] *= 1 + t;
        z[3] *= 1 + t;
      }
      case MIXTURE -> {
        if (rnd.nextDouble() < 0.5 * t) {
          component = true;
          z[0] += 2;
          z[2] -= 1.5;
        }
      }
      case CATEGORY -> {
        shares = new double[PLANS.length];
        for (int k = 0; k < shares.length; k++) {
          shares[k] = (1 - t) * PLAN_SHARES[k] + t * PLAN_SHARES_SHIFTED[k];
        }
      }
      case BEYOND -> {
        z[1] += 3 * t;
        z[2] += 4 * t;
      }
      default -> throw new IllegalArgumentException("unknown shift: " + shift);
    }
    int plan = component ? 3 : draw(shares, rnd);
    Map<String, Object> values = new HashMap<>(16);
    values.put("age", 40 + 12 * z[0]);
    values.put("income", 50_000 + 15_000 * z[1]);
    values.put("ratio", 0.01 + 0.002 * z[2]);
    values.put("amount", 100 * Math.exp(0.5 * z[3]));
    values.put("share", normalCdf(z[4]));
    values.put("temp", -3 + 3 * z[5]);
    values.put("visits", Math.floor(Math.exp(1 + 0.4 * z[6])));
    values.put(PLAN, PLANS[plan]);
    // the truth on the standard scores the features are made of (share enters as its own z)
    double effect = PLAN_EFFECT[plan];
    double[] p;
    if (truth == Truth.THREE) {
      double l1 = 0.9 * z[0] - 0.7 * z[1] + 0.8 * effect;
      double l2 = -0.6 * z[0] + 0.8 * z[5] + 0.6 * z[2] + 0.5 * z[0] * z[3];
      double m = Math.max(0, Math.max(l1, l2));
      double e0 = Math.exp(-m);
      double e1 = Math.exp(l1 - m);
      double e2 = Math.exp(l2 - m);
      double s = e0 + e1 + e2;
      p = new double[] {e0 / s, e1 / s, e2 / s};
    } else if (truth == Truth.INTERACTION) {
      double eta = (plan == 3 ? -1.5 : 1.0) * z[0] - 0.8 * z[1] + 0.6 * z[2] + 0.5 * z[3]
          + 0.3 * z[4] + effect - 0.14;
      double p1 = 1 / (1 + Math.exp(-eta));
      p = new double[] {1 - p1, p1};
    } else {
      double eta = z[0] - 0.8 * z[1] + 0.6 * z[2] + 0.5 * z[3] + 0.3 * z[4] + 0.7 * z[0] * z[5]
          + effect + (truth == Truth.BALANCED ? -0.14 : -2.0);
      double p1 = 1 / (1 + Math.exp(-eta));
      p = new double[] {1 - p1, p1};
    }
    return new Row(values, p, draw(p, rnd));
  }

  static int draw(double[] p, SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double c = 0;
    for (int k = 0; k < p.length - 1; k++) {
      c += p[k];
      if (u < c) {
        return k;
      }
    }
    return p.length - 1;
  }

  /** The standard normal distribution function (Abramowitz and Stegun 7.1.26 through erf). */
  private static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double k = 1 / (1 + 0.3275911 * x);
    double erf = 1 - (((((1.061405429 * k - 1.453152027) * k) + 1.421413741) * k - 0.284496736) * k
        + 0.254829592) * k * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
