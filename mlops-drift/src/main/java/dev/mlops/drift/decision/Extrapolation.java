package dev.mlops.drift.decision;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A binary classifier's chance of being right where a window's rows lie beyond the reference: an
 * auxiliary model of {@code P(y | x)} fitted on the reference rows that continues smoothly past
 * their range. Under covariate shift {@code P(y | x)} is the reference's everywhere, but beyond the
 * reference nothing shows how it continues, nor how the model's calibrated score relates to it
 * (a tree model's score stays at its edge leaves' value). Which continuation to trust is decided
 * on the reference itself, by extrapolating into its own held-out tails: for each feature and
 * side, the rows beyond its 10% (90%) quantile are held out, each candidate is fitted on the
 * other rows and scored on the held-out ones by the Brier score of its chance of the prediction
 * being right. The candidates are
 *
 * <ul>
 *   <li>the estimator's own chance (the calibrated score plus the local correction, cross-fitted:
 *       each row corrected by the other half's neighbours; the score and its correction have seen
 *       the tails, so this candidate is favoured, and an auxiliary model is only taken when it
 *       extrapolates better even so): when it predicts the tails best, no auxiliary model is
 *       kept ({@link #fit} returns {@code null}); when the estimator stacks logistic models of
 *       the label ({@link OutcomeModel}), which saw the tails, each tail's own chance takes the
 *       candidates' held-out fits in the stack instead, at the row brought to the tail's edge
 *       ({@link OwnTail});
 *   <li>logistic regression ({@link LogisticFit}, {@code C} = 1, as scikit-learn's default) on the
 *       standardised features ({@link Form#LINEAR});
 *   <li>the same on the standardised features, their squares and pairwise products
 *       ({@link Form#QUADRATIC}; squares only beyond {@value #MAX_PRODUCT_FEATURES} features).
 * </ul>
 *
 * <p>The held-out tails are fitted and scored in parallel on the common fork-join pool; their
 * Brier terms are summed in feature, side and row order, so the choice does not depend on the
 * split.
 *
 * <p>A row is beyond the reference when a finite feature lies outside the sample's [min, max];
 * its chance of being right is then {@code P(y = predicted | x)} of the chosen model. Immutable and
 * thread-safe.
 */
final class Extrapolation {

  /** The auxiliary model's features. */
  enum Form { LINEAR, QUADRATIC }

  /** The share of rows held out on each side of a feature. */
  static final double TAIL = 0.1;
  /** Fewest rows in a held-out tail (a feature with fewer distinct values gives none). */
  static final int MIN_TAIL = 50;
  /** Most features whose pairwise products the quadratic form takes. */
  static final int MAX_PRODUCT_FEATURES = 6;
  /** Most features modelled (the held-out tails cost two fits per feature and side). */
  static final int MAX_FEATURES = 20;
  /**
   * Standard errors by which the quadratic form's held-out Brier score must beat the linear one's
   * for it to be chosen (tenth session, "tails": on logistic streams the quadratic form won by
   * noise, 2e-4, and its squares sent the estimate 0.03-0.1 off far beyond the reference).
   */
  static final double QUADRATIC_MARGIN = 2.0;
  /** The inverse penalty strength, scikit-learn's default. */
  static final double C = 1.0;

  private final double[] mean;
  private final double[] sd;
  private final double[] low;
  private final double[] high;
  private final Form form;
  private final double[] theta;
  private final double[] brier;
  /** The classes a multinomial model tells apart, ascending; {@code null} for a binary model. */
  private final int[] classes;
  /** The multinomial model's coefficients, one row per class; {@code null} for a binary one. */
  private final double[][] thetas;

  private Extrapolation(double[] mean, double[] sd, double[] low, double[] high, Form form,
      double[] theta, double[] brier) {
    this(mean, sd, low, high, form, theta, brier, null, null);
  }

  private Extrapolation(double[] mean, double[] sd, double[] low, double[] high, Form form,
      double[] theta, double[] brier, int[] classes, double[][] thetas) {
    this.mean = mean;
    this.sd = sd;
    this.low = low;
    this.high = high;
    this.form = form;
    this.theta = theta;
    this.brier = brier;
    this.classes = classes;
    this.thetas = thetas;
  }

  /**
   * Chooses and fits the continuation on reference rows (rows with a {@code NaN} chance are left
   * out; a non-finite feature is taken at its mean).
   *
   * @param features {@code features[row][feature]}
   * @param chance each row's calibrated chance of being right (before the local correction;
   *     {@code NaN} leaves the row out)
   * @param own each row's chance as the estimator gives it (calibrated and cross-fitted
   *     corrected: each row corrected by neighbours that exclude it)
   * @param predicted each row's predicted class, 0 or 1
   * @param labels each row's label, 0 or 1
   * @return the auxiliary model, or {@code null} when the estimator's own chance extrapolated best
   *     into the held-out tails, no tail of {@value #MIN_TAIL} rows could be held out, or there
   *     are more than {@value #MAX_FEATURES} features
   */
  static Extrapolation fit(double[][] features, double[] chance, double[] own, int[] predicted,
      int[] labels) {
    return fit(features, chance, own, predicted, labels, 0, null);
  }

  /**
   * The estimator's own chance on a held-out tail when it stacks outcome models ({@link
   * OutcomeModel}): those models are global fits that saw the tails, so on each tail the stack
   * takes the candidates' own held-out fits instead, evaluated at the row brought to the tail's
   * edge (the stack's flat continuation beyond the reference), with each row's cross-fitted
   * correction added: {@code clip(stacked(calibrated, linear, quadratic) + correction)}.
   *
   * @param stack the stack
   * @param calibrated each row's calibrated chance's clipped logit
   * @param correction each row's cross-fitted local correction (the amount added)
   */
  record OwnTail(OutcomeModel stack, double[] calibrated, double[] correction) {}

  /** As {@link #fit(double[][], double[], double[], int[], int[])}, the own chance stacked. */
  static Extrapolation fit(double[][] features, double[] chance, double[] own, int[] predicted,
      int[] labels, OwnTail ownTail) {
    return fit(features, chance, own, predicted, labels, 0, ownTail);
  }

  /**
   * As {@link #fit(double[][], double[], double[], int[], int[])} for a model of any number of
   * classes: the candidates are multinomial logistic regressions ({@link MultinomialFit}, {@code
   * C} = 1) of the label on the same terms, and a row's chance of being right is {@code P(y =
   * predicted | x)}. Rows whose label is unknown, or whose predicted class is never a label in
   * the rows, are left out.
   *
   * @param features {@code features[row][feature]}
   * @param chance each row's calibrated chance of being right ({@code NaN} leaves the row out)
   * @param own each row's chance as the estimator gives it (cross-fitted corrected)
   * @param predicted each row's predicted class (a non-negative class number; negative: unknown)
   * @param labels each row's label (a non-negative class number; negative: unknown)
   * @return the auxiliary model, or {@code null} as for the binary fit, or when fewer than 2
   *     classes are labels
   */
  static Extrapolation fitClasses(double[][] features, double[] chance, double[] own,
      int[] predicted, int[] labels) {
    return fitClasses(features, chance, own, predicted, labels, null);
  }

  /** As {@link #fitClasses(double[][], double[], double[], int[], int[])}, the own chance stacked. */
  static Extrapolation fitClasses(double[][] features, double[] chance, double[] own,
      int[] predicted, int[] labels, OwnTail ownTail) {
    int[] values = Arrays.stream(labels).filter(v -> v >= 0).distinct().sorted().toArray();
    if (values.length < 2) {
      return null;
    }
    double[] kept = chance.clone();
    int[] p = new int[chance.length];
    int[] y = new int[chance.length];
    for (int i = 0; i < chance.length; i++) {
      p[i] = predicted[i] < 0 ? -1 : Arrays.binarySearch(values, predicted[i]);
      y[i] = labels[i] < 0 ? -1 : Arrays.binarySearch(values, labels[i]);
      if (p[i] < 0 || y[i] < 0) {
        kept[i] = Double.NaN;
      }
    }
    Extrapolation e = fit(features, kept, own, p, y, values.length, ownTail);
    return e == null ? null : new Extrapolation(e.mean, e.sd, e.low, e.high, e.form, null,
        e.brier, values, e.thetas);
  }

  /** The fit of either kind: {@code classes} 0 for binary, else the number of classes. */
  private static Extrapolation fit(double[][] features, double[] chance, double[] own,
      int[] predicted, int[] labels, int classes, OwnTail ownTail) {
    Extrapolation shape = shape(features, chance, Form.LINEAR);
    int width = shape.mean.length;
    if (width > MAX_FEATURES) {
      return null;
    }
    double[] mean = shape.mean;
    double[] sd = shape.sd;
    double[] low = shape.low;
    double[] high = shape.high;
    int[] rows = rows(chance);
    double[][] design = new double[chance.length][];
    for (int i : rows) {
      design[i] = shape.standardised(features[i]);
    }
    Form[] forms = Form.values();
    double[] brier = new double[forms.length + 1];
    int held = 0;
    // paired differences linear - quadratic on the same held-out rows
    double diffSum = 0;
    double diffSquares = 0;
    // each feature's sides are scored apart (in parallel), their terms summed here in order
    double[][][] scored = IntStream.range(0, 2 * width).parallel()
        .mapToObj(s -> side(features, own, predicted, labels, shape, design, rows, s / 2, s % 2,
            classes, ownTail))
        .toArray(double[][][]::new);
    for (double[][] terms : scored) {
      if (terms == null) {
        continue;
      }
      held += terms[1].length;
      for (int k = 0; k < terms.length; k++) {
        for (double term : terms[k]) {
          brier[k] += term;
        }
      }
      for (int i = 0; i < terms[1].length; i++) {
        double d = terms[1 + Form.LINEAR.ordinal()][i] - terms[1 + Form.QUADRATIC.ordinal()][i];
        diffSum += d;
        diffSquares += d * d;
      }
    }
    if (held == 0) {
      return null;
    }
    for (int k = 0; k < brier.length; k++) {
      brier[k] /= held;
    }
    int best = 0;
    for (int k = 1; k < brier.length; k++) {
      if (brier[k] < brier[best]) {
        best = k;
      }
    }
    int quadratic = 1 + Form.QUADRATIC.ordinal();
    int linear = 1 + Form.LINEAR.ordinal();
    if (best == quadratic && !clearlyBetter(diffSum, diffSquares, held)) {
      // the squares and products diverge fast beyond the reference: taken only when the tails
      // show the curvature beyond their own noise, else the linear form (if it beats the score)
      best = brier[linear] < brier[0] ? linear : 0;
    }
    if (best == 0) {
      return null;
    }
    Extrapolation chosen = shape.withForm(forms[best - 1]);
    if (classes > 0) {
      double[][] t = chosen.multinomial(design, labels, rows, new boolean[chance.length], classes);
      return new Extrapolation(mean, sd, low, high, chosen.form, null, brier, null, t);
    }
    double[] theta = chosen.logistic(design, labels, rows, new boolean[chance.length]);
    return new Extrapolation(mean, sd, low, high, chosen.form, theta, brier);
  }

  /**
   * Whether the quadratic form's held-out Brier score is lower than the linear one's by more than
   * {@value #QUADRATIC_MARGIN} standard errors of the paired per-row differences (tail rows of
   * several features are counted once per tail, so the error is a rough one).
   *
   * @param diffSum sum of (linear - quadratic) squared errors
   * @param diffSquares sum of their squares
   * @param held rows
   * @return {@code true} if the quadratic form is clearly better
   */
  static boolean clearlyBetter(double diffSum, double diffSquares, int held) {
    if (held < 2) {
      return false;
    }
    double mean = diffSum / held;
    double variance = Math.max(0, (diffSquares - held * mean * mean) / (held - 1));
    return mean > QUADRATIC_MARGIN * Math.sqrt(variance / held);
  }

  /**
   * The held-out tail of feature {@code j} on one side ({@code 0}: below its 10% quantile):
   * each candidate's squared error on each tail row, in row order (the estimator's own chance
   * first, then each form's), or {@code null} when the feature is constant or the tail or the
   * rest has fewer than {@value #MIN_TAIL} rows.
   */
  private static double[][] side(double[][] features, double[] own, int[] predicted,
      int[] labels, Extrapolation shape, double[][] design, int[] rows, int j, int side,
      int classes, OwnTail ownTail) {
    if (!(shape.sd[j] > 0)) {
      return null;
    }
    int n = rows.length;
    double[] sorted = new double[n];
    int known = 0;
    for (int i : rows) {
      if (Double.isFinite(features[i][j])) {
        sorted[known++] = features[i][j];
      }
    }
    sorted = Arrays.copyOf(sorted, known);
    Arrays.sort(sorted);
    double q = sorted[(int) Math.floor((side == 0 ? TAIL : 1 - TAIL) * (known - 1))];
    boolean[] tail = new boolean[features.length];
    int size = 0;
    for (int i : rows) {
      double v = features[i][j];
      tail[i] = Double.isFinite(v) && (side == 0 ? v < q : v > q);
      size += tail[i] ? 1 : 0;
    }
    if (size < MIN_TAIL || n - size < MIN_TAIL) {
      return null;
    }
    Form[] forms = Form.values();
    double[][] terms = new double[forms.length + 1][];
    // the held-out fits' logits at each tail row brought to the tail's edge (for a stacked own
    // chance): feature j at the quantile, standardised
    double[][] edge = ownTail == null ? null : new double[forms.length][size];
    double edgeZ = (q - shape.mean[j]) / shape.sd[j];
    for (int f = 0; f < forms.length; f++) {
      Extrapolation candidate = shape.withForm(forms[f]);
      double[] e = new double[size];
      int m = 0;
      if (classes > 0) {
        double[][] t = candidate.multinomial(design, labels, rows, tail, classes);
        for (int i : rows) {
          if (tail[i]) {
            double c = MultinomialFit.probability(t, candidate.terms(design[i]), predicted[i]);
            if (edge != null) {
              edge[f][m] = OutcomeModel.logit(MultinomialFit.probability(t,
                  candidate.terms(atEdge(design[i], j, edgeZ)), predicted[i]));
            }
            e[m++] = sq(c - (predicted[i] == labels[i] ? 1 : 0));
          }
        }
      } else {
        double[] t = candidate.logistic(design, labels, rows, tail);
        for (int i : rows) {
          if (tail[i]) {
            double p = LogisticFit.sigmoid(LogisticFit.predictor(t, candidate.terms(design[i])));
            double c = predicted[i] == 1 ? p : 1 - p;
            if (edge != null) {
              edge[f][m] = OutcomeModel.binaryLogit(LogisticFit.predictor(t,
                  candidate.terms(atEdge(design[i], j, edgeZ))), predicted[i]);
            }
            e[m++] = sq(c - (predicted[i] == labels[i] ? 1 : 0));
          }
        }
      }
      terms[f + 1] = e;
    }
    double[] e = new double[size];
    int m = 0;
    int k = 0;
    // the own chance as beyond the reference: the score and correction at the tail's edge
    int[] near = edge == null ? null : TailEdge.nearest(design, rows, tail, predicted, j, edgeZ,
        size);
    for (int i : rows) {
      if (!tail[i]) {
        continue;
      }
      if (!Double.isNaN(own[i])) {
        double c = edge == null ? own[i] : Math.min(1, Math.max(0, ownTail.stack().stacked(
            ownTail.calibrated()[near[k]], edge[0][k], edge[1][k])
            + ownTail.correction()[near[k]]));
        e[m++] = sq(c - (predicted[i] == labels[i] ? 1 : 0));
      }
      k++;
    }
    // held counts every tail row; the own chance's terms only where it is known
    terms[0] = Arrays.copyOf(e, m);
    return terms;
  }

  /** A standardised row with feature {@code j} set to {@code z}. */
  private static double[] atEdge(double[] row, int j, double z) {
    double[] out = row.clone();
    out[j] = z;
    return out;
  }

  /** The rows with a known chance. */
  private static int[] rows(double[] chance) {
    int[] rows = new int[chance.length];
    int n = 0;
    for (int i = 0; i < chance.length; i++) {
      if (!Double.isNaN(chance[i])) {
        rows[n++] = i;
      }
    }
    return Arrays.copyOf(rows, n);
  }

  /**
   * The standardisation and range of the rows with a known chance, before any fit (each
   * feature's mean and population standard deviation over its finite values, as scikit-learn's
   * {@code StandardScaler}).
   */
  static Extrapolation shape(double[][] features, double[] chance, Form form) {
    int width = features.length == 0 ? 0 : features[0].length;
    int[] rows = rows(chance);
    double[] mean = new double[width];
    double[] sd = new double[width];
    double[] low = new double[width];
    double[] high = new double[width];
    for (int j = 0; j < width; j++) {
      double s = 0;
      int known = 0;
      low[j] = Double.POSITIVE_INFINITY;
      high[j] = Double.NEGATIVE_INFINITY;
      for (int i : rows) {
        double v = features[i][j];
        if (Double.isFinite(v)) {
          s += v;
          known++;
          low[j] = Math.min(low[j], v);
          high[j] = Math.max(high[j], v);
        }
      }
      mean[j] = known == 0 ? 0 : s / known;
      double ss = 0;
      for (int i : rows) {
        double v = features[i][j];
        ss += Double.isFinite(v) ? (v - mean[j]) * (v - mean[j]) : 0;
      }
      sd[j] = known == 0 ? 0 : Math.sqrt(ss / known);
      if (known == 0) {
        low[j] = Double.NEGATIVE_INFINITY;
        high[j] = Double.POSITIVE_INFINITY;
      }
    }
    return new Extrapolation(mean, sd, low, high, form, null, null);
  }

  /**
   * The row's standardised features with each finite one first brought into the sample's [min,
   * max] (0 for an unknown or constant one, as {@link #standardised}).
   */
  double[] standardisedWithin(double[] row) {
    double[] z = new double[mean.length];
    for (int j = 0; j < z.length; j++) {
      double v = j < row.length ? row[j] : Double.NaN;
      z[j] = sd[j] > 0 && Double.isFinite(v)
          ? (Math.min(high[j], Math.max(low[j], v)) - mean[j]) / sd[j] : 0;
    }
    return z;
  }

  /**
   * Whether the row lies beyond the sample in a feature that varied there: a finite value whose
   * standardised value changes when brought into the sample's [min, max] ({@link
   * #standardisedWithin} differs from {@link #standardised}, without building either). Unlike
   * {@link #beyond}, a feature constant in the sample never counts (its standardised value is 0
   * either way); an unknown value never counts; a value at the min or max is inside.
   */
  boolean beyondVaried(double[] row) {
    for (int j = 0; j < mean.length; j++) {
      double v = j < row.length ? row[j] : Double.NaN;
      if (sd[j] > 0 && Double.isFinite(v)) {
        double c = Math.min(high[j], Math.max(low[j], v));
        if (Double.compare(c, v) != 0
            && Double.compare((c - mean[j]) / sd[j], (v - mean[j]) / sd[j]) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The number of features. */
  int width() {
    return mean.length;
  }

  /** Feature {@code j}'s standard deviation on the rows fitted on. */
  double sd(int j) {
    return sd[j];
  }

  Extrapolation withForm(Form f) {
    return new Extrapolation(mean, sd, low, high, f, theta, brier);
  }

  /** Logistic regression of the labels on this form's terms of the rows not excluded. */
  private double[] logistic(double[][] design, int[] labels, int[] rows, boolean[] excluded) {
    Terms t = terms(design, labels, rows, excluded);
    return LogisticFit.fit(t.x(), t.y(), C);
  }

  /** Multinomial logistic regression of the class indices on this form's terms of the rows. */
  private double[][] multinomial(double[][] design, int[] labels, int[] rows, boolean[] excluded,
      int classes) {
    Terms t = terms(design, labels, rows, excluded);
    return MultinomialFit.fit(t.x(), t.y(), classes, C);
  }

  /** This form's terms and the labels of the rows not excluded, in the rows' order. */
  private Terms terms(double[][] design, int[] labels, int[] rows, boolean[] excluded) {
    int count = 0;
    for (int i : rows) {
      count += excluded[i] ? 0 : 1;
    }
    double[][] x = new double[count][];
    int[] y = new int[count];
    int t = 0;
    for (int i : rows) {
      if (!excluded[i]) {
        x[t] = terms(design[i]);
        y[t++] = labels[i];
      }
    }
    return new Terms(x, y);
  }

  private record Terms(double[][] x, int[] y) {
  }

  /** The row's standardised features (0 for an unknown or constant one). */
  double[] standardised(double[] row) {
    double[] z = new double[mean.length];
    for (int j = 0; j < z.length; j++) {
      double v = j < row.length ? row[j] : Double.NaN;
      z[j] = sd[j] > 0 && Double.isFinite(v) ? (v - mean[j]) / sd[j] : 0;
    }
    return z;
  }

  /** The model's terms of standardised features: themselves, then squares and products. */
  double[] terms(double[] z) {
    if (form == Form.LINEAR) {
      return z;
    }
    int d = z.length;
    boolean products = d <= MAX_PRODUCT_FEATURES;
    double[] out = new double[d + (products ? d * (d + 1) / 2 : d)];
    System.arraycopy(z, 0, out, 0, d);
    int k = d;
    for (int a = 0; a < d; a++) {
      for (int b = a; b < (products ? d : a + 1); b++) {
        out[k++] = z[a] * z[b];
      }
    }
    return out;
  }

  /**
   * Whether a row lies beyond the reference: a finite feature outside the sample's [min, max].
   *
   * @param row the row's features (non-finite: unknown; a shorter row leaves the rest unknown)
   * @return {@code true} if beyond
   */
  boolean beyond(double[] row) {
    for (int j = 0; j < Math.min(row.length, low.length); j++) {
      double v = row[j];
      if (Double.isFinite(v) && (v < low[j] || v > high[j])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The chance that the prediction is right under the auxiliary model.
   *
   * @param predicted the predicted class, 0 or 1
   * @param row the row's features
   * @return {@code P(y = predicted | x)}
   */
  double chance(int predicted, double[] row) {
    double p = LogisticFit.sigmoid(LogisticFit.predictor(theta, terms(standardised(row))));
    return predicted == 1 ? p : 1 - p;
  }

  /** Whether this is a multinomial model ({@link #fitClasses}). */
  boolean multinomial() {
    return classes != null;
  }

  /**
   * The chance that a multinomial model's prediction is right.
   *
   * @param predicted the predicted class's number
   * @param row the row's features
   * @return {@code P(y = predicted | x)}; {@code NaN} when the class was never a label in the
   *     reference rows
   */
  double chanceOfClass(int predicted, double[] row) {
    int k = Arrays.binarySearch(classes, predicted);
    return k < 0 ? Double.NaN
        : MultinomialFit.probability(thetas, terms(standardised(row)), k);
  }

  /** The multinomial model's coefficients, one row per class of {@link #classes()}. */
  double[][] classCoefficients() {
    double[][] out = new double[thetas.length][];
    for (int k = 0; k < out.length; k++) {
      out[k] = thetas[k].clone();
    }
    return out;
  }

  /** The classes a multinomial model tells apart, ascending. */
  int[] classes() {
    return classes.clone();
  }

  /** The chosen form. */
  Form form() {
    return form;
  }

  /** The coefficients, intercept first. */
  double[] coefficients() {
    return theta.clone();
  }

  /** The words for reports. */
  String describe() {
    return String.format(Locale.ROOT, "beyond the reference's range, P(y | x) by %slogistic"
        + " regression on %s standardised features (held-out tails' Brier %.4f, against %.4f"
        + " for the calibrated score)", classes == null ? "" : "multinomial ",
        form == Form.LINEAR ? "linear" : "quadratic", brier[form.ordinal() + 1], brier[0]);
  }

  private static double sq(double v) {
    return v * v;
  }
}
