package dev.mlops.drift.decision;

import java.util.List;
import java.util.Objects;

/**
 * The reference rows an estimator's correction is fitted on, validated: each row's calibrated
 * chance of being right and its correctness, and for the models of the label the predicted class
 * and the outcome (binary estimators: 0/1 from the threshold and the label; top-label ones: the
 * classes when given). Split from {@link PerformanceEstimator} (twelfth session, bit for bit) so
 * that the estimator holds the estimate and its interval.
 *
 * @param chance each row's calibrated chance ({@code NaN} for a non-finite score)
 * @param correct each row's correctness, 0 or 1
 * @param predicted each row's predicted class, or {@code null} (a top-label estimator without
 *     classes)
 * @param outcomes each row's label (binary: 0 or 1; with classes: the class number)
 */
record ReferenceRows(double[] chance, int[] correct, int[] predicted, int[] outcomes) {

  /**
   * Validates rows for a feature check.
   *
   * @throws NullPointerException if an array or row is null
   * @throws IllegalArgumentException if the lengths differ, rows have different widths or a
   *     label is not 0 or 1
   */
  static ReferenceRows of(PerformanceEstimator e, double[][] features, double[] scores,
      int[] labels) {
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(scores, "scores must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    ProbabilityCalibration.require(features.length == scores.length
        && scores.length == labels.length, "features, scores and labels must have the same length: "
        + features.length + ", " + scores.length + ", " + labels.length);
    double[] chance = new double[scores.length];
    int[] correct = new int[scores.length];
    boolean topLabel = e.isTopLabel();
    double threshold = e.threshold();
    for (int i = 0; i < scores.length; i++) {
      Objects.requireNonNull(features[i], "features row must not be null");
      ProbabilityCalibration.require(features[i].length == features[0].length,
          "feature rows must have the same width: " + features[i].length + " at row " + i + " vs "
              + features[0].length);
      ProbabilityCalibration.require(labels[i] == 0 || labels[i] == 1,
          "label must be 0 or 1: " + labels[i] + " at index " + i);
      chance[i] = Double.isFinite(scores[i]) ? e.chanceCorrect(scores[i]) : Double.NaN;
      correct[i] = topLabel ? labels[i] : (scores[i] >= threshold ? 1 : 0) == labels[i] ? 1 : 0;
    }
    return new ReferenceRows(chance, correct, null, labels);
  }

  /**
   * Validates rows for a local correction, as {@link
   * PerformanceEstimator#withLocalCorrection(List, double[][], double[], int[], int[], int[])}
   * states.
   */
  static ReferenceRows of(PerformanceEstimator e, double[][] features, double[] scores,
      int[] labels, List<String> featureNames, int[] predictedClasses, int[] labelClasses) {
    Objects.requireNonNull(featureNames, "feature names must not be null");
    ReferenceRows r = of(e, features, scores, labels);
    if (predictedClasses != null || labelClasses != null) {
      Objects.requireNonNull(predictedClasses, "predicted classes must not be null");
      Objects.requireNonNull(labelClasses, "label classes must not be null");
      ProbabilityCalibration.require(e.isTopLabel(),
          "predicted classes and labels need a top-label estimator");
      ProbabilityCalibration.require(predictedClasses.length == scores.length
          && labelClasses.length == scores.length, "scores, predicted classes and label classes"
          + " must have the same length: " + scores.length + ", " + predictedClasses.length + ", "
          + labelClasses.length);
      for (int i = 0; i < scores.length; i++) {
        ProbabilityCalibration.require(predictedClasses[i] < 0 || labelClasses[i] < 0
            || (predictedClasses[i] == labelClasses[i] ? 1 : 0) == labels[i],
            "row " + i + " is marked " + (labels[i] == 1 ? "right" : "wrong") + " but predicts "
                + predictedClasses[i] + " for label " + labelClasses[i]);
      }
    }
    int width = features.length == 0 ? featureNames.size() : features[0].length;
    ProbabilityCalibration.require(featureNames.size() == width,
        "feature names must number the feature columns (" + width + "): " + featureNames.size());
    // the models of the label: binary estimators' 0/1 labels, top-label ones' classes when given
    int[] predicted = null;
    int[] outcomes = labels;
    if (predictedClasses != null) {
      predicted = predictedClasses;
      outcomes = labelClasses;
    } else if (!e.isTopLabel()) {
      predicted = new int[scores.length];
      for (int i = 0; i < scores.length; i++) {
        predicted[i] = scores[i] >= e.threshold() ? 1 : 0;
      }
    }
    return new ReferenceRows(r.chance(), r.correct(), predicted, outcomes);
  }
}
