package dev.mlops.drift.decision;

import java.util.Arrays;
import java.util.Objects;

/**
 * Isotonic calibration of a binary classifier's positive-class probability, fitted on reference
 * data with labels: the non-decreasing step function closest in squared error to the labels
 * (pool-adjacent-violators), interpolated linearly between the distinct scores and clipped to the
 * fitted range, as scikit-learn's {@code IsotonicRegression(out_of_bounds='clip', y_min=0,
 * y_max=1)} with {@code CalibratedClassifierCV(method='isotonic')}'s use of it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProbabilityCalibration {

  /**
   * The rows the logistic fit weighs in each isotonic step of the label-free estimate's default
   * top-label calibration ({@link #isotonicShrunk}; fifteenth session, "calib3").
   */
  public static final double PRIOR_ROWS = 30;

  /** Buckets of equal width over the scores' range, each holding the steps that fall in it. */
  private static final int BUCKETS = 1_024;

  private final double[] x;
  private final double[] y;
  private final long fittedOn;
  /** The rows the logistic fit weighs in each step; 0 for plain isotonic. */
  private final double priorRows;
  /** {@code BUCKETS / (x[last] - x[0])}: a score's bucket is {@code (int) ((s - x[0]) * scale)}. */
  private final double scale;
  /**
   * Per bucket {@code b}, the first step whose bucket is at least {@code b} ({@code BUCKETS + 1}
   * entries): a score's search is confined to its bucket's steps. Buckets rise with the score, so
   * the steps before the bucket's first are below the score and those from the next bucket's
   * first above it: the confined search finds the same step as a search of all steps.
   */
  private final int[] first;

  private ProbabilityCalibration(double[] x, double[] y, long fittedOn, double priorRows) {
    this.priorRows = priorRows;
    this.x = x;
    this.y = y;
    this.fittedOn = fittedOn;
    double span = x[x.length - 1] - x[0];
    this.scale = span > 0 && Double.isFinite(BUCKETS / span) ? BUCKETS / span : 0;
    this.first = new int[BUCKETS + 2];
    int i = 0;
    for (int b = 0; b <= BUCKETS + 1; b++) {
      while (i < x.length && bucket(x[i]) < b) {
        i++;
      }
      first[b] = i;
    }
  }

  /** The bucket of a value within [x[0], x[last]]: in [0, BUCKETS]. */
  private int bucket(double v) {
    return (int) Math.min(BUCKETS, (v - x[0]) * scale);
  }

  /**
   * Fits the calibration.
   *
   * @param scores the model's positive-class probabilities on reference rows (non-finite scores
   *     are skipped)
   * @param labels the true classes, 0 or 1
   * @return the calibration
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the lengths differ, a label is not 0 or 1, or fewer than 2
   *     finite scores remain
   */
  public static ProbabilityCalibration isotonic(double[] scores, int[] labels) {
    Steps st = Steps.of(scores, labels);
    return new ProbabilityCalibration(Arrays.copyOf(st.x, st.m), Arrays.copyOf(st.fitted, st.m),
        st.n, 0);
  }

  /**
   * Fits an isotonic calibration whose steps resting on few rows lean toward a logistic (Platt)
   * fit on the same rows: the pool-adjacent-violators step over {@code w} rows with mean {@code m}
   * becomes {@code (w m + k platt(s)) / (w + k)} at each of its scores {@code s}, as if {@code k}
   * rows at the logistic fit's chance were added to the step, and the result is made
   * non-decreasing again (pool-adjacent-violators over the distinct scores' row counts). The
   * logistic fit is {@code 1 / (1 + exp(A f + B))} on {@code f = logit(score)} with Platt's
   * targets ({@code (N+ + 1) / (N+ + 2)}, {@code 1 / (N- + 2)}), as scikit-learn's {@code
   * CalibratedClassifierCV(method='sigmoid')} fits it on decision values.
   *
   * <p>Why: the isotonic fit's last step is the largest mean of the rows above some score, so at
   * the most confident scores it rests on a few rows and leans high (the first step low); a window
   * whose rows move to those scores inherits the lean. Steps of many rows keep their own mean
   * (a step of 300 rows moves by a tenth of its gap to the logistic fit at {@code k = 30}).
   *
   * <pre>{@code
   * ProbabilityCalibration c = ProbabilityCalibration.isotonicShrunk(top, right, 30);
   * }</pre>
   *
   * @param scores the model's probabilities on reference rows (non-finite scores are skipped)
   * @param labels the true classes (or whether the top class was right), 0 or 1
   * @param priorRows {@code k}, the rows the logistic fit weighs in each step; 0 gives {@link
   *     #isotonic}
   * @return the calibration
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the lengths differ, a label is not 0 or 1, fewer than 2
   *     finite scores remain, or {@code priorRows} is negative or not finite
   */
  public static ProbabilityCalibration isotonicShrunk(double[] scores, int[] labels,
      double priorRows) {
    require(priorRows >= 0 && Double.isFinite(priorRows),
        "prior rows must be finite and not negative: " + priorRows);
    if (priorRows == 0) {
      return isotonic(scores, labels);
    }
    Steps st = Steps.of(scores, labels);
    double[] ab = platt(st);
    double[] v = new double[st.m];
    for (int i = 0; i < st.m; i++) {
      double f = logit(st.x[i]);
      double p = 1 / (1 + Math.exp(ab[0] * f + ab[1]));
      v[i] = (st.stepRows[i] * st.fitted[i] + priorRows * p) / (st.stepRows[i] + priorRows);
    }
    double[] fy = pool(v, st.w, st.m, new double[st.m]);
    return new ProbabilityCalibration(Arrays.copyOf(st.x, st.m), fy, st.n, priorRows);
  }

  /** The distinct finite scores, their rows and mean labels, and the isotonic fit over them. */
  private static final class Steps {
    final double[] x;
    final double[] w;
    final double[] mean;
    final double[] fitted;
    /** Per distinct score, the rows of the pool-adjacent-violators step holding it. */
    final double[] stepRows;
    final int m;
    final int n;

    private Steps(double[] x, double[] w, double[] mean, int m, int n) {
      this.x = x;
      this.w = w;
      this.mean = mean;
      this.m = m;
      this.n = n;
      this.stepRows = new double[m];
      this.fitted = pool(mean, w, m, stepRows);
    }

    static Steps of(double[] scores, int[] labels) {
      Objects.requireNonNull(scores, "scores must not be null");
      Objects.requireNonNull(labels, "labels must not be null");
      require(scores.length == labels.length,
          "scores and labels must have the same length: " + scores.length + " vs "
              + labels.length);
      int n = 0;
      Integer[] idx = new Integer[scores.length];
      for (int i = 0; i < scores.length; i++) {
        require(labels[i] == 0 || labels[i] == 1,
            "label must be 0 or 1: " + labels[i] + " at index " + i);
        if (Double.isFinite(scores[i])) {
          idx[n++] = i;
        }
      }
      require(n >= 2, "finite scores must number at least 2: " + n);
      Integer[] order = Arrays.copyOf(idx, n);
      Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
      // distinct scores with the mean label and the count of each
      double[] ux = new double[n];
      double[] uy = new double[n];
      double[] w = new double[n];
      int m = 0;
      for (int k = 0; k < n; k++) {
        double s = scores[order[k]];
        if (m > 0 && ux[m - 1] == s) {
          uy[m - 1] += labels[order[k]];
          w[m - 1] += 1;
        } else {
          ux[m] = s;
          uy[m] = labels[order[k]];
          w[m++] = 1;
        }
      }
      for (int i = 0; i < m; i++) {
        uy[i] /= w[i];
      }
      return new Steps(ux, w, uy, m, n);
    }
  }

  /**
   * Pool adjacent violators over the first {@code m} values with weights {@code w}: the
   * non-decreasing fit closest in weighted squared error, clipped to [0, 1]; each value's step
   * weight is written to {@code stepWeight}.
   */
  private static double[] pool(double[] v, double[] w, int m, double[] stepWeight) {
    double[] bv = new double[m];
    double[] bw = new double[m];
    int[] bs = new int[m];
    int blocks = 0;
    for (int i = 0; i < m; i++) {
      bv[blocks] = v[i];
      bw[blocks] = w[i];
      bs[blocks++] = i;
      while (blocks > 1 && bv[blocks - 2] > bv[blocks - 1]) {
        double tw = bw[blocks - 2] + bw[blocks - 1];
        bv[blocks - 2] = (bv[blocks - 2] * bw[blocks - 2] + bv[blocks - 1] * bw[blocks - 1]) / tw;
        bw[blocks - 2] = tw;
        blocks--;
      }
    }
    double[] fy = new double[m];
    for (int b = 0; b < blocks; b++) {
      int end = b + 1 < blocks ? bs[b + 1] : m;
      Arrays.fill(fy, bs[b], end, Math.min(1, Math.max(0, bv[b])));
      Arrays.fill(stepWeight, bs[b], end, bw[b]);
    }
    return fy;
  }

  /** The score's logit, the score clipped to [1e-12, 1 - 1e-12]. */
  private static double logit(double s) {
    double c = Math.min(1 - 1e-12, Math.max(1e-12, s));
    return Math.log(c / (1 - c));
  }

  /**
   * Platt's fit {@code [A, B]} of {@code P = 1 / (1 + exp(A f + B))} on {@code f = logit(score)}:
   * Newton's method with {@link LogisticFit#halvingStep} on the cross-entropy against Platt's
   * targets, started at {@code A = 0}, {@code B = log((N- + 1) / (N+ + 1))} (scikit-learn's
   * {@code _sigmoid_calibration} minimises the same loss with L-BFGS).
   */
  static double[] platt(Steps st) {
    double pos = 0;
    double all = 0;
    for (int i = 0; i < st.m; i++) {
      pos += st.mean[i] * st.w[i];
      all += st.w[i];
    }
    pos = Math.rint(pos);
    double neg = all - pos;
    double hi = (pos + 1) / (pos + 2);
    double lo = 1 / (neg + 2);
    double[] f = new double[st.m];
    // per distinct score: its rows' summed target t = ones * hi + zeros * lo
    double[] t = new double[st.m];
    for (int i = 0; i < st.m; i++) {
      f[i] = logit(st.x[i]);
      double ones = Math.rint(st.mean[i] * st.w[i]);
      t[i] = ones * hi + (st.w[i] - ones) * lo;
    }
    double a = 0;
    double b = Math.log((neg + 1) / (pos + 1));
    double loss = plattLoss(f, t, st.w, st.m, a, b);
    for (int it = 0; it < 100; it++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-12;
      double hab = 0;
      double hbb = 1e-12;
      for (int i = 0; i < st.m; i++) {
        // q = P(y = 1) = 1 / (1 + exp(a f + b)); d loss / d (a f + b) = w q - t... per row
        double q = 1 / (1 + Math.exp(a * f[i] + b));
        double g = t[i] - st.w[i] * q;
        double h = st.w[i] * q * (1 - q);
        ga += g * f[i];
        gb += g;
        haa += h * f[i] * f[i];
        hab += h * f[i];
        hbb += h;
      }
      double det = haa * hbb - hab * hab;
      if (!(det > 0)) {
        break;
      }
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      LogisticFit.Step s = LogisticFit.halvingStep(new double[] {a, b}, new double[] {da, db}, loss,
          ab -> plattLoss(f, t, st.w, st.m, ab[0], ab[1]));
      if (s == null) {
        break;
      }
      a = s.theta()[0];
      b = s.theta()[1];
      boolean done = loss - s.value() < 1e-12 * Math.max(1, Math.abs(loss));
      loss = s.value();
      if (done) {
        break;
      }
    }
    return new double[] {a, b};
  }

  /** Platt's cross-entropy of the summed targets at {@code (a, b)}. */
  private static double plattLoss(double[] f, double[] t, double[] w, int m, double a, double b) {
    double sum = 0;
    for (int i = 0; i < m; i++) {
      double z = a * f[i] + b;
      // log(1 + exp(z)) and log(1 + exp(-z)), stable
      double lp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      double ln = lp - z;
      // -[t log q + (w - t) log(1 - q)] with q = 1 / (1 + exp(z)): -log q = lp, -log(1-q) = ln
      sum += t[i] * lp + (w[i] - t[i]) * ln;
    }
    return sum;
  }

  /**
   * The calibrated probability of a score.
   *
   * @param score the model's positive-class probability
   * @return the calibrated probability in [0, 1]; {@code NaN} for a {@code NaN} score
   */
  public double apply(double score) {
    if (Double.isNaN(score)) {
      return Double.NaN;
    }
    if (score <= x[0]) {
      return y[0];
    }
    int last = x.length - 1;
    if (score >= x[last]) {
      return y[last];
    }
    int b = bucket(score);
    int i = Arrays.binarySearch(x, first[b], first[b + 1], score);
    if (i >= 0) {
      return y[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (score - x[lo]) / (x[hi] - x[lo]);
    return y[lo] + t * (y[hi] - y[lo]);
  }

  /**
   * The number of reference rows the calibration was fitted on.
   *
   * @return rows with a finite score
   */
  public long fittedOn() {
    return fittedOn;
  }

  /**
   * The rows the logistic fit weighs in each isotonic step ({@link #isotonicShrunk}).
   *
   * @return 0 for plain isotonic calibration
   */
  public double priorRows() {
    return priorRows;
  }

  @Override
  public String toString() {
    return "ProbabilityCalibration[isotonic" + (priorRows > 0 ? ", steps shrunk toward a logistic"
        + " fit by " + text(priorRows) + " rows" : "") + ", " + x.length
        + " distinct scores, fitted on " + fittedOn + " rows]";
  }

  /** A count of rows in words: 30 as "30", 2.5 as "2.5". */
  static String text(double rows) {
    return new java.math.BigDecimal(rows).stripTrailingZeros().toPlainString();
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
