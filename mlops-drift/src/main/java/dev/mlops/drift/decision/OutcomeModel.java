package dev.mlops.drift.decision;

import java.util.Arrays;
import java.util.Locale;

/**
 * A prediction's chance of being right inside the reference, from the calibrated score and from
 * what the features say about the label directly (eleventh session, "estimate").
 *
 * <p>Why: isotonic calibration maps a score to the reference's mean accuracy over all rows with
 * that score. When the score is a noisy function of {@code P(y | x)} (a forest's or boosted
 * trees' votes), the rows truly near the decision boundary get too high a chance and the rows far
 * from it too low a one (regression to the mean within each score level). A covariate shift that
 * moves rows away from the boundary, or along it, changes that mix, and the estimate errs low.
 * The k-nearest-neighbour correction ({@link LocalCorrection}) removes only part of it: its
 * neighbourhoods straddle the steep residual across the boundary.
 *
 * <p>The outcome models are logistic regressions of the label on the standardised features
 * (linear; squares and pairwise products, beyond {@value Extrapolation#MAX_PRODUCT_FEATURES}
 * features the squares and the {@value QuadraticTerms#MAX_PRODUCTS} products of largest score
 * statistic, {@link QuadraticTerms}), binary or multinomial ({@code C} = 1), giving {@code P(y =
 * predicted | x)}. The fit also measures each feature's {@link Relevance} beyond the model's own
 * score, for the local correction's distance. They are stacked with the
 * calibrated chance by a logistic regression of the row's correctness on the three logits
 * ({@code logit(calibrated)}, {@code logit(linear)}, {@code logit(quadratic)}, each clipped to
 * [{@value #EPS}, 1 - {@value #EPS}]), fitted on the reference with the outcome models
 * cross-fitted (each half of the rows, alternating, scored by models fitted on the other half), so
 * the stack weighs each source by how well it predicts rows it has not seen. A model whose
 * calibrated score carries all the features say (a well-specified logistic regression) keeps
 * nearly its calibrated chance; a noisy score leans on the outcome models where they fit; a
 * label no logistic form of the features holds (rules, a sine) leans on the score. The local
 * correction then smooths the stack's residual. Beyond the sample's range each feature is taken
 * at its edge, and the linear model's logit takes the quadratic's place in the stack (the
 * quadratic's products are not continued to a corner the sample never held; {@link
 * Extrapolation#beyondVaried}).
 * Immutable and thread-safe.
 */
final class OutcomeModel {

  /** Chances are clipped to [EPS, 1 - EPS] before their logits are taken. */
  static final double EPS = 1e-3;
  /** Fewest rows of known chance on which the models are fitted. */
  static final int MIN_ROWS = 100;

  private final Extrapolation linear;
  private final QuadraticTerms quadratic;
  /** Binary coefficients of each form ({@code null} for multinomial models). */
  private final double[] linearTheta;
  private final double[] quadraticTheta;
  /** Multinomial coefficients of each form ({@code null} for binary models). */
  private final double[][] linearThetas;
  private final double[][] quadraticThetas;
  /** The classes a multinomial model tells apart, ascending. */
  private final int[] classes;
  /** The stack: intercept, then the weights of the three logits. */
  private final double[] stack;
  /** Per feature, its weight in the local correction's distance ({@link Relevance}). */
  private final double[] relevance;

  private OutcomeModel(Extrapolation linear, QuadraticTerms quadratic, double[] linearTheta,
      double[] quadraticTheta, double[][] linearThetas, double[][] quadraticThetas,
      int[] classes, double[] stack, double[] relevance) {
    this.linear = linear;
    this.quadratic = quadratic;
    this.linearTheta = linearTheta;
    this.quadraticTheta = quadraticTheta;
    this.linearThetas = linearThetas;
    this.quadraticThetas = quadraticThetas;
    this.classes = classes;
    this.stack = stack;
    this.relevance = relevance;
  }

  /**
   * The model and the reference rows' stacked chances (the outcome models cross-fitted).
   *
   * @param model the model, or {@code null} when none could be fitted
   * @param chance each reference row's stacked chance ({@code NaN} where the calibrated chance is)
   */
  record Fitted(OutcomeModel model, double[] chance) {}

  /**
   * Fits the outcome models and their stack.
   *
   * @param features {@code features[row][feature]} (non-finite: unknown, taken at the mean)
   * @param chance each row's calibrated chance of being right ({@code NaN} leaves it out)
   * @param predicted each row's predicted class (binary: 0 or 1; negative: unknown)
   * @param labels each row's label (binary: 0 or 1; negative: unknown)
   * @param multinomial whether the classes are class numbers of any count
   * @return the fit; its model {@code null} (and the calibrated chances) when fewer than {@value
   *     #MIN_ROWS} rows have a known chance, predicted class and label, no feature varies, fewer
   *     than 2 classes are labels, or there are more than {@value Extrapolation#MAX_FEATURES}
   *     features
   */
  static Fitted fit(double[][] features, double[] chance, int[] predicted, int[] labels,
      boolean multinomial) {
    int[] values = multinomial ? Arrays.stream(labels).filter(v -> v >= 0).distinct().sorted()
        .toArray() : new int[] {0, 1};
    double[] kept = chance.clone();
    int[] p = new int[chance.length];
    int[] y = new int[chance.length];
    int n = 0;
    for (int i = 0; i < chance.length; i++) {
      p[i] = predicted[i] < 0 ? -1 : Arrays.binarySearch(values, predicted[i]);
      y[i] = labels[i] < 0 ? -1 : Arrays.binarySearch(values, labels[i]);
      if (p[i] < 0 || y[i] < 0) {
        kept[i] = Double.NaN;
      }
      n += Double.isNaN(kept[i]) ? 0 : 1;
    }
    Extrapolation shape = Extrapolation.shape(features, kept, Extrapolation.Form.LINEAR);
    boolean varies = false;
    for (int j = 0; j < shape.width(); j++) {
      varies |= shape.sd(j) > 0;
    }
    if (values.length < 2 || n < MIN_ROWS || !varies
        || shape.width() > Extrapolation.MAX_FEATURES) {
      return new Fitted(null, chance);
    }
    Extrapolation lin = shape;
    int[] rows = new int[n];
    int m = 0;
    for (int i = 0; i < kept.length; i++) {
      if (!Double.isNaN(kept[i])) {
        rows[m++] = i;
      }
    }
    double[][] z = new double[chance.length][];
    for (int i : rows) {
      z[i] = shape.standardised(features[i]);
    }
    int k = values.length;
    Object linAll = fitForm((row, i) -> lin.terms(row), z, y, rows, -1, k);
    QuadraticTerms quad = shape.width() <= Extrapolation.MAX_PRODUCT_FEATURES
        ? QuadraticTerms.all(shape.width())
        : QuadraticTerms.select(shape.width(), z, rows, y, classChances(z, rows, linAll, k));
    // cross-fitted chances of each form: rows of one parity (of their rank) scored by the other's
    double[][] crossed = new double[2][chance.length];
    for (int form = 0; form < 2; form++) {
      Terms f = form == 0 ? (row, i) -> lin.terms(row) : (row, i) -> quad.terms(row);
      for (int parity = 0; parity < 2; parity++) {
        Object theta = fitForm(f, z, y, rows, parity, k);
        for (int t = parity; t < rows.length; t += 2) {
          int i = rows[t];
          crossed[form][i] = chanceOf(f.of(z[i], i), theta, k, p[i]);
        }
      }
    }
    double[][] x = new double[rows.length][];
    int[] right = new int[rows.length];
    for (int t = 0; t < rows.length; t++) {
      int i = rows[t];
      x[t] = new double[] {logit(kept[i]), crossed[0][i], crossed[1][i]};
      right[t] = p[i] == y[i] ? 1 : 0;
    }
    double[] stack = LogisticFit.fit(x, right, Extrapolation.C);
    double[] out = chance.clone();
    for (int t = 0; t < rows.length; t++) {
      out[rows[t]] = LogisticFit.sigmoid(LogisticFit.predictor(stack, x[t]));
    }
    Object quadAll = fitForm((row, i) -> quad.terms(row), z, y, rows, -1, k);
    // relevance: how each feature moves the chance beyond what the row's calibrated score says
    // (the quadratic form with the score's columns, the score held while the feature moves)
    Object scored = fitForm((row, i) -> adjusted(quad.terms(row), logit(kept[i]), p[i], k), z,
        y, rows, -1, k);
    double[] relevance = Relevance.weights(z, rows, (row, t) -> chanceOf(
        adjusted(quad.terms(row), logit(kept[rows[t]]), p[rows[t]], k), scored, k, p[rows[t]],
        false));
    OutcomeModel model = multinomial
        ? new OutcomeModel(lin, quad, null, null, (double[][]) linAll, (double[][]) quadAll,
            values, stack, relevance)
        : new OutcomeModel(lin, quad, (double[]) linAll, (double[]) quadAll, null, null, null,
            stack, relevance);
    return new Fitted(model, out);
  }

  /** A form's terms of a row's standardised features ({@code i}: the row's index). */
  @FunctionalInterface
  private interface Terms {
    double[] of(double[] z, int i);
  }

  /**
   * The quadratic form's terms with the calibrated score's columns appended: for each class
   * {@code j}, {@code [p == j] logit(calibrated)}, then {@code [p == j]} for {@code j >= 1}. A
   * model of the label on them holds what the features say beyond the model's own score (what
   * the local correction has to find), measured by {@link Relevance}.
   */
  static double[] adjusted(double[] terms, double calibratedLogit, int p, int classes) {
    double[] out = Arrays.copyOf(terms, terms.length + 2 * classes - 1);
    out[terms.length + p] = calibratedLogit;
    if (p >= 1) {
      out[terms.length + classes + p - 1] = 1;
    }
    return out;
  }

  /**
   * Each row's chances of each class under a fitted form ({@code [row][0]} = {@code P(y = 1)}
   * for a binary one).
   */
  private static double[][] classChances(double[][] z, int[] rows, Object theta, int classes) {
    double[][] out = new double[z.length][];
    for (int i : rows) {
      if (classes == 2) {
        out[i] = new double[] {
            LogisticFit.sigmoid(LogisticFit.predictor((double[]) theta, z[i]))};
      } else {
        out[i] = new double[classes];
        for (int c = 0; c < classes; c++) {
          out[i][c] = MultinomialFit.probability((double[][]) theta, z[i], c);
        }
      }
    }
    return out;
  }

  /**
   * One form fitted on the rows of rank parity {@code 1 - parity} ({@code parity} -1: all rows);
   * binary coefficients ({@code double[]}) or multinomial ones ({@code double[][]}).
   */
  private static Object fitForm(Terms form, double[][] z, int[] y, int[] rows,
      int parity, int classes) {
    int count = 0;
    for (int t = 0; t < rows.length; t++) {
      count += parity < 0 || t % 2 != parity ? 1 : 0;
    }
    double[][] x = new double[count][];
    int[] labels = new int[count];
    int c = 0;
    for (int t = 0; t < rows.length; t++) {
      if (parity < 0 || t % 2 != parity) {
        x[c] = form.of(z[rows[t]], rows[t]);
        labels[c++] = y[rows[t]];
      }
    }
    return classes == 2 ? LogisticFit.fit(x, labels, Extrapolation.C)
        : MultinomialFit.fit(x, labels, classes, Extrapolation.C);
  }

  /**
   * The clipped logit of {@code P(y = predicted | x)} of a form's coefficients (class index
   * {@code p}) for a row's terms; binary: the linear predictor itself, signed and clipped (no exp
   * and log).
   */
  private static double chanceOf(double[] terms, Object theta, int classes, int p) {
    if (classes == 2) {
      return binaryLogit(LogisticFit.predictor((double[]) theta, terms), p);
    }
    return logit(MultinomialFit.probability((double[][]) theta, terms, p));
  }

  /** The same as a chance, unclipped ({@code logit} false). */
  private static double chanceOf(double[] terms, Object theta, int classes, int p,
      boolean logit) {
    if (classes == 2) {
      double s = LogisticFit.sigmoid(LogisticFit.predictor((double[]) theta, terms));
      return p == 1 ? s : 1 - s;
    }
    return MultinomialFit.probability((double[][]) theta, terms, p);
  }

  /** The largest logit taken: that of 1 - {@value #EPS}. */
  private static final double MAX_LOGIT = Math.log((1 - EPS) / EPS);

  private static double clipLogit(double v) {
    return Math.min(MAX_LOGIT, Math.max(-MAX_LOGIT, v));
  }

  /** The clipped logit of a binary model's {@code P(y = p | x)} from its linear predictor. */
  static double binaryLogit(double v, int p) {
    return clipLogit(p == 1 ? v : -v);
  }

  /** The logit of a chance clipped to [{@value #EPS}, 1 - {@value #EPS}]. */
  static double logit(double c) {
    double v = Math.min(1 - EPS, Math.max(EPS, c));
    return Math.log(v / (1 - v));
  }

  /**
   * A row's stacked chance of being right.
   *
   * @param calibrated the row's calibrated chance
   * @param predicted the predicted class (binary: 0 or 1; else its number)
   * @param row the row's features (non-finite: unknown); a value beyond the reference's range is
   *     taken at its edge, and such a row takes the linear model's logit in the quadratic's place
   *     ({@link Extrapolation#beyondVaried})
   * @return the stacked chance; the calibrated one when the class was never a label
   */
  double chance(double calibrated, int predicted, double[] row) {
    int p;
    if (classes == null) {
      p = predicted;
    } else {
      p = Arrays.binarySearch(classes, predicted);
      if (p < 0) {
        return calibrated;
      }
    }
    // beyond the reference the logistic forms are not continued: the row is taken at the
    // reference's edge (the continuation is Extrapolation's job)
    double[] z = linear.standardisedWithin(row);
    double[] lt = linear.terms(z);
    double l = classes == null ? chanceOf(lt, linearTheta, 2, p)
        : chanceOf(lt, linearThetas, classes.length, p);
    if (linear.beyondVaried(row)) {
      // each feature is taken at its own edge, so a row beyond in two features lands at a corner
      // the sample never held jointly, where the quadratic's squares and products swing its logit
      // with the noise of their coefficients (on CheckerStreams' BEYOND windows at a 2,000-row
      // reference: +0.040..+0.056 on one seed, -0.026..-0.036 on another; fifteenth session,
      // "corner"): the linear model takes the quadratic's place
      return stacked(logit(calibrated), l, l);
    }
    double[] qt = quadratic.terms(z);
    double q = classes == null ? chanceOf(qt, quadraticTheta, 2, p)
        : chanceOf(qt, quadraticThetas, classes.length, p);
    return stacked(logit(calibrated), l, q);
  }

  /**
   * The stacked chance from the three clipped logits.
   *
   * @param calibrated the calibrated chance's logit
   * @param linear the linear model's logit of {@code P(y = predicted | x)}
   * @param quadratic the quadratic model's
   * @return the chance
   */
  double stacked(double calibrated, double linear, double quadratic) {
    return LogisticFit.sigmoid(stack[0] + stack[1] * calibrated + stack[2] * linear
        + stack[3] * quadratic);
  }

  /** Whether the classes are class numbers of a multinomial model. */
  boolean multinomial() {
    return classes != null;
  }

  /**
   * Per feature (in the order fitted on), its weight in the local correction's distance, in [0,
   * 1] ({@link Relevance}).
   */
  double[] relevance() {
    return relevance.clone();
  }

  /** The stack's intercept and weights. */
  double[] stack() {
    return stack.clone();
  }

  /** The words for reports. */
  String describe() {
    String products = quadratic.describe();
    return String.format(Locale.ROOT, "inside the reference, the calibrated chance stacked with"
        + " %slogistic models of the label (weights %.2f calibrated, %.2f linear, %.2f"
        + " quadratic%s; beyond it the linear model in the quadratic's place)",
        classes == null ? "" : "multinomial ", stack[1], stack[2], stack[3],
        products.isEmpty() ? "" : ", products " + products);
  }
}
