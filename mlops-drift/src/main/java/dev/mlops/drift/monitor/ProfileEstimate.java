package dev.mlops.drift.monitor;

import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;

/**
 * The label-free accuracy estimator a monitor calibrates on its profile's {@link
 * ReferenceProfile#estimateSample() estimate sample} by default: isotonic calibration of the
 * sample's scores against its outcomes (binary at the monitor's classification threshold, or
 * top-label; a top-label sample's steps of few rows shrunk toward a logistic fit, {@link
 * ProbabilityCalibration#isotonicShrunk} with {@value ProbabilityCalibration#PRIOR_ROWS} rows),
 * a 95% interval, the local correction by the sample rows nearest each row in feature space, and
 * the feature check's allowance measured on the same rows (cross-fitted corrected chances; {@link
 * PerformanceEstimator#withLocalCorrection}). A top-label sample whose rows keep their predicted
 * classes and labels as class numbers (format version 8 on) also gives the estimator its
 * multinomial model of {@code P(y | x)} beyond the reference. The profile's categorical features
 * enter as indicator columns of their frequent levels ({@link CategoryColumns}) when the sample
 * keeps their values (format version 9 on).
 * Stateless.
 */
final class ProfileEstimate {

  /** Fewest sample rows calibrated on (the feature check measures parts of 50 rows or more). */
  static final int MIN_ROWS = 200;

  /** The interval's coverage. */
  static final double CONFIDENCE = 0.95;

  private ProfileEstimate() {}

  /**
   * The estimator, or {@code null} when the profile has no sample, fewer than {@value
   * #MIN_ROWS} rows in it, or a binary sample and a threshold of 0 or 1 (no class is then
   * predicted by the score).
   */
  static PerformanceEstimator of(ReferenceProfile profile, double threshold) {
    if (!applies(profile, threshold)) {
      return null;
    }
    EstimateSample s = profile.estimateSample().orElseThrow();
    double[] scores = s.scores();
    int[] outcomes = s.outcomes();
    // top-label: the isotonic steps of few rows at the confident end shrunk toward a logistic fit
    // (fifteenth session, "calib3"); binary samples keep plain isotonic calibration (measured: no
    // clear gain, one CheckerStreams setting worse)
    ProbabilityCalibration calibration = s.topLabel()
        ? ProbabilityCalibration.isotonicShrunk(scores, outcomes, ProbabilityCalibration.PRIOR_ROWS)
        : ProbabilityCalibration.isotonic(scores, outcomes);
    PerformanceEstimator plain = s.topLabel()
        ? PerformanceEstimator.topLabel(calibration, CONFIDENCE)
        : PerformanceEstimator.of(calibration, threshold, CONFIDENCE);
    int[] numbers = s.topLabel() ? classNumbers(s.classes()) : null;
    // categorical features as indicator columns of their frequent levels
    CategoryColumns.Encoded x = CategoryColumns.of(s, profile);
    if (numbers == null) {
      return plain.withLocalCorrection(x.names(), x.rows(), scores, outcomes);
    }
    // the rows' predicted classes and labels as the class numbers a Prediction gives: beyond the
    // reference, a multinomial model of P(y | x) may then take over
    int[] predicted = s.predictedClasses();
    int[] labels = s.labelClasses();
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = predicted[i] < 0 ? -1 : numbers[predicted[i]];
      labels[i] = labels[i] < 0 ? -1 : numbers[labels[i]];
    }
    return plain.withLocalCorrection(x.names(), x.rows(), scores, outcomes, predicted, labels);
  }

  /**
   * What the estimate rests on, for the performance section's method text: "estimate sample:
   * 2000 of 2000 reference rows, 1600 training rows' out-of-fold scores (5 folds) and 400 held-out
   * rows" ({@link EstimateSample#origin()}; "origin unknown" when nobody said), or empty without a
   * sample.
   */
  static String basis(ReferenceProfile profile) {
    EstimateSample s = profile.estimateSample().orElse(null);
    if (s == null) {
      return "";
    }
    return "estimate sample: " + s.rows() + " of " + s.offered() + " reference rows, "
        + s.origin().describe();
  }

  /**
   * Whether {@link #of} gives an estimator (a cheap check, without the fit): the profile has a
   * sample of at least {@value #MIN_ROWS} rows, and a binary sample a threshold in (0, 1).
   */
  static boolean applies(ReferenceProfile profile, double threshold) {
    EstimateSample s = profile.estimateSample().orElse(null);
    return s != null && s.rows() >= MIN_ROWS && (s.topLabel() || threshold > 0 && threshold < 1);
  }

  /**
   * The classes as the class numbers a {@code Prediction} gives (0, 1, ...), or {@code null} when
   * there are none or one is not such a number (named classes: a window's predicted class number
   * could not be matched to them).
   */
  static int[] classNumbers(java.util.List<String> classes) {
    if (classes.isEmpty()) {
      return null;
    }
    int[] out = new int[classes.size()];
    for (int k = 0; k < out.length; k++) {
      String c = classes.get(k);
      if (c.isEmpty() || c.length() > 9 || !c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        return null;
      }
      out[k] = Integer.parseInt(c);
    }
    return out;
  }
}
