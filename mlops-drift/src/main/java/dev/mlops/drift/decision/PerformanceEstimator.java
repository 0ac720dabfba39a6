package dev.mlops.drift.decision;

import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Label-free accuracy of a binary classifier (confidence-based performance estimation, as
 * NannyML's CBPE): the model's probabilities are first calibrated on reference data with labels
 * ({@link ProbabilityCalibration}); in a window, a prediction is correct with probability
 * {@code c = p} when it predicts the positive class ({@code p >= threshold}) and {@code c = 1 - p}
 * otherwise ({@code p} calibrated), so the expected accuracy is the mean of {@code c}.
 *
 * <p>Interval: the realised accuracy is a mean of independent Bernoulli({@code c_i}) outcomes,
 * with variance {@code sum c_i (1 - c_i) / n^2}; to it is added the calibration's own uncertainty,
 * {@code a (1 - a) / N} for an accuracy {@code a} learnt from {@code N} reference rows. The
 * interval is the estimate +- z of the stated confidence times the square root of their sum,
 * clipped to [0, 1]. The estimate is only as good as the assumption that the calibration
 * {@code P(y | score)} still holds (covariate shift leaves it when the score carries all the
 * features say about the label, concept drift does not). Rows beyond the reference's range widen
 * the interval by their share on each side (see {@link AccuracyEstimate}).
 *
 * <p>With {@link #withFeatureCheck} the interval also allows for a calibration that moves with the
 * features (a forest's or boosted trees' probabilities under covariate shift): a standard error
 * measured on feature-defined parts of the reference.
 *
 * <p>Multiclass ({@link #topLabel}): the calibration maps the model's top-class probability to the
 * chance that the top class is right (top-label calibration, fitted on the reference's top-class
 * probabilities and whether the top class was the label); the expected accuracy is the mean of the
 * calibrated chances. Binary models may use either form.
 *
 * <pre>{@code
 * PerformanceEstimator estimator =
 *     PerformanceEstimator.of(ProbabilityCalibration.isotonic(refScores, refLabels), 0.5, 0.95);
 * AccuracyEstimate e = estimator.estimate(windowScores);
 * // later, when the window's labels arrived:
 * AccuracyEstimate checked = e.withRealised(realisedAccuracy);   // checked.error()
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PerformanceEstimator {

  private final ProbabilityCalibration calibration;
  private final double threshold;
  private final double confidence;
  private final double z;
  private final boolean topLabel;
  private final double allowance;
  private final int parts;
  private final LocalCorrection correction;
  private final List<String> correctionFeatures;
  private final Extrapolation extrapolation;
  private final OutcomeModel outcome;

  private PerformanceEstimator(ProbabilityCalibration calibration, double threshold,
      double confidence, boolean topLabel) {
    this(calibration, threshold, confidence, topLabel, 0, 0, null, List.of(), null, null);
  }

  private PerformanceEstimator(ProbabilityCalibration calibration, double threshold,
      double confidence, boolean topLabel, double allowance, int parts,
      LocalCorrection correction, List<String> correctionFeatures, Extrapolation extrapolation,
      OutcomeModel outcome) {
    this.extrapolation = extrapolation;
    this.outcome = outcome;
    this.allowance = allowance;
    this.parts = parts;
    this.correction = correction;
    this.correctionFeatures = correctionFeatures;
    this.calibration = calibration;
    this.threshold = threshold;
    this.topLabel = topLabel;
    this.confidence = confidence;
    this.z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(
        1 - (1 - confidence) / 2);
  }

  /**
   * An estimator.
   *
   * @param calibration the calibration fitted on reference data
   * @param threshold the score at or above which the model predicts the positive class, in
   *     (0, 1)
   * @param confidence the interval's coverage, in (0, 1)
   * @return the estimator
   * @throws NullPointerException if {@code calibration} is null
   * @throws IllegalArgumentException if {@code threshold} or {@code confidence} is not in (0, 1)
   */
  public static PerformanceEstimator of(ProbabilityCalibration calibration, double threshold,
      double confidence) {
    Objects.requireNonNull(calibration, "calibration must not be null");
    ProbabilityCalibration.require(threshold > 0 && threshold < 1,
        "classification threshold must be in (0, 1): " + threshold);
    ProbabilityCalibration.require(confidence > 0 && confidence < 1,
        "confidence must be in (0, 1): " + confidence);
    return new PerformanceEstimator(calibration, threshold, confidence, false);
  }

  /**
   * An estimator of the accuracy of the top class (any number of classes): its calibration maps
   * the top-class probability to the chance that the top class is the label.
   *
   * <pre>{@code
   * // reference rows: top[i] = max_j p_ij, right[i] = argmax_j p_ij == label_i ? 1 : 0
   * PerformanceEstimator e =
   *     PerformanceEstimator.topLabel(ProbabilityCalibration.isotonic(top, right), 0.95);
   * }</pre>
   *
   * @param calibration isotonic calibration of top-class probabilities against correctness
   * @param confidence the interval's coverage, in (0, 1)
   * @return the estimator
   * @throws NullPointerException if {@code calibration} is null
   * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
   */
  public static PerformanceEstimator topLabel(ProbabilityCalibration calibration,
      double confidence) {
    Objects.requireNonNull(calibration, "calibration must not be null");
    ProbabilityCalibration.require(confidence > 0 && confidence < 1,
        "confidence must be in (0, 1): " + confidence);
    return new PerformanceEstimator(calibration, 0.5, confidence, true);
  }

  /**
   * The same estimator with an allowance for a calibration that moves with the features: on the
   * reference rows (with the features the model saw), the estimate's error is measured on each
   * quarter, the inner and the outer half of each feature's values; the largest error beyond
   * sampling noise becomes a standard error added to every window's interval (in quadrature). A
   * model whose score carries all the features say about its correctness (a well-specified
   * logistic regression) gets an allowance near 0; a forest or boosted trees, whose calibration
   * shifts when the feature mix does (covariate shift), get a wider, honest interval. The
   * estimate itself is unchanged.
   *
   * @param features the reference rows' features, {@code features[row][feature]}, numeric (codes
   *     for categories); rows with a non-finite value are left out of that feature's parts
   * @param scores the model's probabilities on those rows, as given to the calibration
   *     (positive-class ones; top-class ones for {@link #topLabel})
   * @param labels the rows' labels, 0 or 1 (for {@link #topLabel}: 1 when the top class was right)
   * @return the estimator with the allowance ({@link #allowance()})
   * @throws NullPointerException if an array or row is null
   * @throws IllegalArgumentException if the lengths differ, rows have different widths or a label
   *     is not 0 or 1
   */
  public PerformanceEstimator withFeatureCheck(double[][] features, double[] scores,
      int[] labels) {
    ReferenceRows r = ReferenceRows.of(this, features, scores, labels);
    double[] a = FeatureCheck.allowance(features, r.chance(), r.correct());
    return new PerformanceEstimator(calibration, threshold, confidence, topLabel, a[0],
        (int) a[1], null, List.of(), null, null);
  }

  /**
   * The same estimator with a local correction and its feature check: each row's calibrated
   * chance of being right gets the mean calibration error of the reference rows nearest to it in
   * feature space (k-nearest-neighbour regression of {@code correct - chance} over the
   * standardised features, {@code k} = 1% of the rows, 25 to 100; looked up through a k-d tree of
   * leaves of at most 8 rows), clipped to [0, 1]. Under covariate shift {@code P(y | x)} stays, so
   * the reference's errors near a window's rows are the errors the score-only calibration makes on
   * them: a forest's or boosted trees' calibration, which moves with the feature mix, is corrected
   * where the window lies (doubly robust in spirit: calibration plus the local residual). The
   * feature check's allowance ({@link #withFeatureCheck}) is then measured on cross-fitted
   * corrected chances (each half of the rows, alternating, corrected by the other half's
   * neighbours), so it holds the error the correction leaves and its own noise.
   *
   * <p>Inside the reference, binary estimators (and top-label ones given the classes) first stack
   * the calibrated chance with logistic models of the label on the features ({@link
   * OutcomeModel}, eleventh session): a score that scatters around {@code P(y | x)} (a forest's
   * votes) is calibrated too high near the decision boundary and too low far from it, which a
   * shift away from the boundary turned into an estimate that erred low; the neighbours then
   * correct the stack's residual. A row beyond the reference that keeps the stack (no auxiliary
   * model below) takes each feature at its edge and the linear model in the quadratic's place.
   *
   * <p>Rows are then estimated with their features: {@link #chanceCorrect(double, double[])} and
   * {@link #estimate(double[], double[][], double)}; a row without features gets the mean
   * correction of all reference rows (close to 0).
   *
   * <p>Beyond the reference (binary estimators): a row with a feature outside the reference rows'
   * [min, max] is where neither the calibration nor the correction was ever checked. Its chance
   * of being right is then taken from an auxiliary model of {@code P(y | x)} (logistic regression
   * on the standardised features, linear or quadratic) when that model predicted the reference's
   * own held-out tails (the rows beyond each feature's 10% and 90% quantiles, fitted without them)
   * better than the calibrated, corrected score did; otherwise from the corrected score as inside
   * ({@link #extrapolationModel()}). The interval's widening by the share of such rows stays: no
   * choice made on the reference proves how {@code P(y | x)} continues beyond it.
   *
   * @param featureNames the features' names, one per column (a monitor finds the row's values by
   *     them)
   * @param features the reference rows' features, {@code features[row][feature]}, numeric
   *     (non-finite values are unknown)
   * @param scores the model's probabilities on those rows, as given to the calibration
   * @param labels the rows' labels, 0 or 1 (for {@link #topLabel}: 1 when the top class was right)
   * @return the corrected estimator ({@link #correctionFeatures()} non-empty when a correction
   *     could be fitted: at least 25 rows and a feature that varies)
   * @throws NullPointerException if an argument, a row or a name is null
   * @throws IllegalArgumentException if the lengths differ, rows have different widths, the names
   *     do not number the columns or a label is not 0 or 1
   */
  public PerformanceEstimator withLocalCorrection(List<String> featureNames,
      double[][] features, double[] scores, int[] labels) {
    return withLocalCorrection(featureNames, features, scores, labels, null, null);
  }

  /**
   * As {@link #withLocalCorrection(List, double[][], double[], int[])} for a {@link #topLabel}
   * estimator whose reference rows also carry the predicted class and the label: beyond the
   * reference, the auxiliary model is then a multinomial logistic regression of the label on the
   * standardised features (linear or quadratic terms, {@code C} = 1, as scikit-learn's {@code
   * LogisticRegression(multi_class='multinomial')}), and a row's chance of being right is {@code
   * P(y = predicted | x)}, chosen on the reference's held-out tails by the Brier score exactly as
   * for a binary estimator. Windows give each row's predicted class through {@link
   * #chanceCorrect(double, int, double[])} or {@link #estimate(double[], int[], double[][],
   * double)}.
   *
   * <pre>{@code
   * // reference rows: top[i] = max_j p_ij, pred[i] = argmax_j p_ij, right[i] = pred[i] == y[i]
   * PerformanceEstimator e = PerformanceEstimator.topLabel(
   *         ProbabilityCalibration.isotonic(top, right), 0.95)
   *     .withLocalCorrection(names, x, top, right, pred, y);
   * AccuracyEstimate w = e.estimate(windowTop, windowPred, windowX, shareBeyond);
   * }</pre>
   *
   * @param featureNames the features' names, one per column
   * @param features the reference rows' features, {@code features[row][feature]}
   * @param scores the top-class probabilities on those rows, as given to the calibration
   * @param labels 1 when the top class was right, else 0
   * @param predictedClasses each row's predicted class number (negative: unknown)
   * @param labelClasses each row's label's class number (negative: unknown)
   * @return the corrected estimator
   * @throws NullPointerException if an argument, a row or a name is null
   * @throws IllegalArgumentException if this estimator is not top-label, the lengths differ, rows
   *     have different widths, the names do not number the columns, a label is not 0 or 1, or a
   *     row's correctness contradicts its known predicted class and label
   */
  public PerformanceEstimator withLocalCorrection(List<String> featureNames,
      double[][] features, double[] scores, int[] labels, int[] predictedClasses,
      int[] labelClasses) {
    ReferenceRows r = ReferenceRows.of(this, features, scores, labels, featureNames,
        predictedClasses, labelClasses);
    CorrectionFit.Result f = CorrectionFit.fit(features, r.chance(), r.correct(), r.predicted(),
        r.outcomes(), predictedClasses != null);
    if (f == null) {
      return withFeatureCheck(features, scores, labels);
    }
    return new PerformanceEstimator(calibration, threshold, confidence, topLabel, f.allowance(),
        f.parts(), f.correction(), List.copyOf(featureNames), f.extrapolation(), f.outcome());
  }

  /**
   * The same estimator without its model of the rows beyond the reference (the {@link
   * #withLocalCorrection local correction}'s chance is then used for them too), for comparison.
   *
   * @return the estimator; this one when it has no such model
   */
  public PerformanceEstimator withoutExtrapolationModel() {
    return extrapolation == null ? this : new PerformanceEstimator(calibration, threshold,
        confidence, topLabel, allowance, parts, correction, correctionFeatures, null, outcome);
  }

  /**
   * The model of {@code P(y | x)} used for rows beyond the reference (binary estimators with a
   * {@link #withLocalCorrection local correction}, top-label ones given the predicted classes and
   * labels): {@code "linear"} or {@code "quadratic"} (binary or multinomial) logistic regression
   * on the standardised features, chosen because it predicted the reference's own held-out tails better than the calibrated score did; {@code "none"} when the
   * calibrated score (with its correction) predicted them best, without a correction, or with
   * more than {@value Extrapolation#MAX_FEATURES} features (which {@link #describe()} then states).
   *
   * @return {@code "linear"}, {@code "quadratic"} or {@code "none"}
   */
  public String extrapolationModel() {
    return extrapolation == null ? "none"
        : extrapolation.form().name().toLowerCase(java.util.Locale.ROOT);
  }

  static double clip(double v) {
    return Math.min(1, Math.max(0, v));
  }

  /**
   * The features a {@link #withLocalCorrection local correction} reads, in the order of the rows
   * given to {@link #chanceCorrect(double, double[])}.
   *
   * @return the names; empty without a correction
   */
  public List<String> correctionFeatures() {
    return correctionFeatures;
  }

  /**
   * The standard error allowed for a calibration that moves with the features ({@link
   * #withFeatureCheck}).
   *
   * @return the allowance, 0 without a feature check
   */
  public double allowance() {
    return allowance;
  }

  /**
   * Whether this estimator calibrates top-class probabilities ({@link #topLabel}) rather than
   * the positive class's.
   *
   * @return {@code true} for a top-label estimator
   */
  public boolean isTopLabel() {
    return topLabel;
  }

  /**
   * A prediction's calibrated chance of being right.
   *
   * @param score the positive-class probability (binary) or the top-class probability ({@link
   *     #topLabel})
   * @return the chance in [0, 1]; {@code NaN} for a {@code NaN} score
   */
  public double chanceCorrect(double score) {
    double p = calibration.apply(score);
    return topLabel || score >= threshold ? p : 1 - p;
  }

  /**
   * A prediction's calibrated chance of being right, with the {@link #withLocalCorrection local
   * correction} of its row (none without a correction).
   *
   * @param score the positive-class probability (binary) or the top-class probability ({@link
   *     #topLabel})
   * @param features the row's values of {@link #correctionFeatures()}, in that order (non-finite:
   *     unknown; a shorter row leaves the rest unknown)
   * @return the chance in [0, 1]; {@code NaN} for a {@code NaN} score
   * @throws NullPointerException if {@code features} is null
   */
  public double chanceCorrect(double score, double[] features) {
    Objects.requireNonNull(features, "features must not be null");
    double c = chanceCorrect(score);
    if (Double.isNaN(c)) {
      return c;
    }
    int predicted = score >= threshold ? 1 : 0;
    if (extrapolation != null && !extrapolation.multinomial() && extrapolation.beyond(features)) {
      return extrapolation.chance(predicted, features);
    }
    if (outcome != null && !outcome.multinomial()) {
      c = outcome.chance(c, predicted, features);
    }
    return correction == null ? c : clip(c + correction.at(features));
  }

  /**
   * A top-label prediction's chance of being right, with the {@link #withLocalCorrection local
   * correction} of its row; beyond the reference, the multinomial model's {@code P(y = predicted
   * | x)} when one was chosen ({@link #withLocalCorrection(List, double[][], double[], int[],
   * int[], int[])}) and it knows the class. A binary estimator ignores the class.
   *
   * @param score the top-class probability (binary: the positive-class probability)
   * @param predictedClass the predicted class's number
   * @param features the row's values of {@link #correctionFeatures()}, in that order
   * @return the chance in [0, 1]; {@code NaN} for a {@code NaN} score
   * @throws NullPointerException if {@code features} is null
   */
  public double chanceCorrect(double score, int predictedClass, double[] features) {
    if (extrapolation != null && extrapolation.multinomial() && !Double.isNaN(score)
        && extrapolation.beyond(features)) {
      double c = extrapolation.chanceOfClass(predictedClass, features);
      if (!Double.isNaN(c)) {
        return c;
      }
    }
    if (outcome != null && outcome.multinomial() && !Double.isNaN(score)) {
      Objects.requireNonNull(features, "features must not be null");
      double c = outcome.chance(chanceCorrect(score), predictedClass, features);
      return correction == null ? c : clip(c + correction.at(features));
    }
    return chanceCorrect(score, features);
  }

  /**
   * Estimates a window's accuracy from its top-class probabilities, predicted classes and rows
   * (as {@link #chanceCorrect(double, int, double[])}), a share of whose rows lie beyond the
   * reference's range.
   *
   * @param scores the top-class probabilities (non-finite scores are skipped)
   * @param predictedClasses each row's predicted class number
   * @param features each row's values of {@link #correctionFeatures()}
   * @param extrapolated the share of the window's rows beyond the reference's range, in [0, 1]
   * @return the estimate; with no finite score, 0 rows and {@code NaN} values
   * @throws NullPointerException if an array or row is null
   * @throws IllegalArgumentException if the lengths differ or {@code extrapolated} is not in
   *     [0, 1]
   */
  public AccuracyEstimate estimate(double[] scores, int[] predictedClasses, double[][] features,
      double extrapolated) {
    Objects.requireNonNull(scores, "scores must not be null");
    Objects.requireNonNull(predictedClasses, "predicted classes must not be null");
    Objects.requireNonNull(features, "features must not be null");
    ProbabilityCalibration.require(scores.length == features.length
        && scores.length == predictedClasses.length, "scores, predicted classes and feature rows"
        + " must have the same length: " + scores.length + ", " + predictedClasses.length + ", "
        + features.length);
    return estimate(scores, i -> chanceCorrect(scores[i], predictedClasses[i], features[i]),
        extrapolated);
  }

  /**
   * Estimates a window's accuracy from its scores and rows (the {@link #withLocalCorrection local
   * correction} applied to each), a share of whose rows lie beyond the reference's range.
   *
   * @param scores the model's positive-class probabilities (top-class ones for {@link #topLabel};
   *     non-finite scores are skipped)
   * @param features each row's values of {@link #correctionFeatures()}
   * @param extrapolated the share of the window's rows beyond the reference's range, in [0, 1]
   * @return the estimate; with no finite score, 0 rows and {@code NaN} values
   * @throws NullPointerException if an array or row is null
   * @throws IllegalArgumentException if the lengths differ or {@code extrapolated} is not in
   *     [0, 1]
   */
  public AccuracyEstimate estimate(double[] scores, double[][] features, double extrapolated) {
    Objects.requireNonNull(scores, "scores must not be null");
    Objects.requireNonNull(features, "features must not be null");
    ProbabilityCalibration.require(scores.length == features.length,
        "scores and feature rows must have the same length: " + scores.length + " vs "
            + features.length);
    return estimate(scores, i -> chanceCorrect(scores[i], features[i]), extrapolated);
  }

  /**
   * Estimates a window's accuracy from its scores.
   *
   * @param scores the model's positive-class probabilities (top-class ones for {@link #topLabel};
   *     non-finite scores are skipped)
   * @return the estimate; with no finite score, 0 rows and {@code NaN} values
   * @throws NullPointerException if {@code scores} is null
   */
  public AccuracyEstimate estimate(double[] scores) {
    return estimate(scores, 0);
  }

  /**
   * Estimates a window's accuracy from its scores, a share of whose rows lie beyond the
   * reference's range.
   *
   * @param scores the model's positive-class probabilities (top-class ones for {@link #topLabel};
   *     non-finite scores are skipped)
   * @param extrapolated the share of the window's rows beyond the reference's range, in [0, 1]
   * @return the estimate; with no finite score, 0 rows and {@code NaN} values
   * @throws NullPointerException if {@code scores} is null
   * @throws IllegalArgumentException if {@code extrapolated} is not in [0, 1]
   */
  public AccuracyEstimate estimate(double[] scores, double extrapolated) {
    Objects.requireNonNull(scores, "scores must not be null");
    return estimate(scores, i -> chanceCorrect(scores[i]), extrapolated);
  }

  /**
   * Estimates a window's accuracy from sums accumulated elsewhere (a monitor adds them up as
   * predictions are recorded): per prediction, its calibrated probability of being correct
   * {@code c} and {@code c (1 - c)}.
   *
   * @param rows the predictions summed
   * @param expectedCorrect the sum of {@code c}
   * @param varianceSum the sum of {@code c (1 - c)}
   * @return the estimate; with no row, 0 rows and {@code NaN} values
   * @throws IllegalArgumentException if {@code rows} is negative or a sum is negative, not finite
   *     or inconsistent with {@code rows}
   */
  public AccuracyEstimate estimate(long rows, double expectedCorrect, double varianceSum) {
    return estimate(rows, expectedCorrect, varianceSum, 0);
  }

  /**
   * Estimates a window's accuracy from sums accumulated elsewhere, a share of whose rows lie
   * beyond the reference's range: the interval is widened by that share on each side, since those
   * rows' chance of being right is unknown (any value in [0, 1]).
   *
   * @param rows the predictions summed
   * @param expectedCorrect the sum of {@code c}
   * @param varianceSum the sum of {@code c (1 - c)}
   * @param extrapolated the share of the window's rows beyond the reference's range, in [0, 1]
   * @return the estimate; with no row, 0 rows and {@code NaN} values
   * @throws IllegalArgumentException if {@code rows} is negative, a sum is negative, not finite
   *     or inconsistent with {@code rows}, or {@code extrapolated} is not in [0, 1]
   */
  public AccuracyEstimate estimate(long rows, double expectedCorrect, double varianceSum,
      double extrapolated) {
    ProbabilityCalibration.require(extrapolated >= 0 && extrapolated <= 1,
        "extrapolated share must be in [0, 1]: " + extrapolated);
    ProbabilityCalibration.require(rows >= 0, "rows must not be negative: " + rows);
    ProbabilityCalibration.require(expectedCorrect >= 0 && expectedCorrect <= rows + 1e-6 * rows,
        "expected correct must be in [0, rows]: " + expectedCorrect);
    ProbabilityCalibration.require(varianceSum >= 0 && varianceSum <= rows + 1e-6 * rows,
        "variance sum must be in [0, rows]: " + varianceSum);
    if (rows == 0) {
      return new AccuracyEstimate(0, Double.NaN, Double.NaN, Double.NaN, confidence, Double.NaN);
    }
    double a = Math.min(1, expectedCorrect / rows);
    double se = Math.sqrt(varianceSum / ((double) rows * rows)
        + a * (1 - a) / calibration.fittedOn() + allowance * allowance);
    double half = z * se + extrapolated;
    return new AccuracyEstimate(rows, a, Math.max(0, a - half), Math.min(1, a + half),
        confidence, Double.NaN, extrapolated);
  }

  /**
   * The probability calibration.
   *
   * @return the calibration fitted on reference data
   */
  public ProbabilityCalibration calibration() {
    return calibration;
  }

  /**
   * The score at or above which the model predicts the positive class.
   *
   * @return the classification threshold
   */
  public double threshold() {
    return threshold;
  }

  /**
   * The interval's nominal coverage.
   *
   * @return the confidence, e.g. 0.95
   */
  public double confidence() {
    return confidence;
  }

  /**
   * Why rows beyond the reference have no model of their own when that is the width: above
   * {@value Extrapolation#MAX_FEATURES} features neither the continuation nor the stacked models
   * of the label are fitted, and without this a window's estimate beyond the reference would read
   * as extrapolated while it is the in-range one.
   */
  private String unmodelled() {
    if (correction == null || correctionFeatures.size() <= Extrapolation.MAX_FEATURES) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, "; no model beyond the reference's range: %d"
        + " features, more than the %d it models (rows beyond the range take the in-range chance;"
        + " the interval is widened by their share)", correctionFeatures.size(),
        Extrapolation.MAX_FEATURES);
  }

  /**
   * The method in words, as reports state it.
   *
   * @return e.g. {@code "confidence-based estimation with isotonic calibration on 10000 reference
   *     rows; 95% interval"}
   */
  public String describe() {
    String check = (correction == null ? "" : "; local correction by the reference rows nearest"
        + " in " + correctionFeatures.size() + " features (" + correction.distance() + ")")
        + (parts == 0 ? "" : String.format(java.util.Locale.ROOT, "; feature check on %d"
        + " reference parts: calibration allowance %.4f", parts, allowance))
        + (outcome == null ? "" : "; " + outcome.describe())
        + (extrapolation == null ? unmodelled() : "; " + extrapolation.describe());
    String shrunk = calibration.priorRows() == 0 ? "" : String.format(java.util.Locale.ROOT,
        ", its steps shrunk toward a logistic fit by %s rows",
        ProbabilityCalibration.text(calibration.priorRows()));
    return (topLabel
        ? String.format(java.util.Locale.ROOT, "confidence-based estimation with isotonic "
            + "top-label calibration on %d reference rows%s; %.0f%% interval",
            calibration.fittedOn(), shrunk, 100 * confidence)
        : String.format(java.util.Locale.ROOT, "confidence-based estimation with isotonic "
            + "calibration on %d reference rows (threshold %s)%s; %.0f%% interval",
            calibration.fittedOn(), threshold, shrunk, 100 * confidence)) + check;
  }

  /**
   * Sums each finite score's chance of being right, in row order, and its {@code c (1 - c)}.
   *
   * @param scores the window's scores (non-finite ones are skipped)
   * @param chance row index to that row's chance of being right
   * @param extrapolated the share of the window's rows beyond the reference's range
   * @return the estimate
   */
  private AccuracyEstimate estimate(double[] scores, IntToDoubleFunction chance,
      double extrapolated) {
    long n = 0;
    double sum = 0;
    double var = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        continue;
      }
      double c = chance.applyAsDouble(i);
      sum += c;
      var += c * (1 - c);
      n++;
    }
    return estimate(n, sum, var, extrapolated);
  }

  /**
   * The uncalibrated estimate (the raw scores taken as probabilities), for comparison.
   *
   * @param scores the model's positive-class probabilities
   * @return the mean of {@code max(p, 1 - p)}-style correctness probabilities of the raw scores
   * @throws NullPointerException if {@code scores} is null
   */
  public double uncalibrated(double[] scores) {
    Objects.requireNonNull(scores, "scores must not be null");
    long n = 0;
    double sum = 0;
    for (double s : scores) {
      if (Double.isFinite(s)) {
        double p = Math.min(1, Math.max(0, s));
        sum += topLabel || s >= threshold ? p : 1 - p;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
