package dev.mlops.drift.decision;

/**
 * The fitting steps of {@link PerformanceEstimator#withLocalCorrection}: the stack of the
 * calibrated chance with models of the label ({@link OutcomeModel}), the local correction of its
 * residual ({@link LocalCorrection}), the feature check's allowance on cross-fitted corrected
 * chances ({@link FeatureCheck}; at least that of the unstacked estimator's), and the model of the
 * rows beyond the reference ({@link Extrapolation}). Split from {@link PerformanceEstimator}
 * (eleventh session) so that the estimator holds the estimate and its interval. Stateless.
 */
final class CorrectionFit {

  private CorrectionFit() {}

  /**
   * The fitted parts.
   *
   * @param correction the local correction
   * @param allowance the feature check's allowance
   * @param parts the reference parts it was measured on
   * @param extrapolation the model beyond the reference, or {@code null}
   * @param outcome the stack, or {@code null}
   */
  record Result(LocalCorrection correction, double allowance, int parts,
      Extrapolation extrapolation, OutcomeModel outcome) {}

  /**
   * Fits the parts on validated reference rows.
   *
   * @param features {@code features[row][feature]}
   * @param calibrated each row's calibrated chance of being right ({@code NaN}: left out)
   * @param correct each row's correctness, 0 or 1
   * @param predicted each row's predicted class (binary: 0 or 1); {@code null} for a top-label
   *     estimator without classes (no model of the label)
   * @param labels each row's label (binary: 0 or 1; with classes: the class number)
   * @param classes whether {@code predicted} and {@code labels} are class numbers (multinomial)
   * @return the parts, or {@code null} when no correction could be fitted
   */
  static Result fit(double[][] features, double[] calibrated, int[] correct, int[] predicted,
      int[] labels, boolean classes) {
    // inside the reference: the calibrated chance stacked with outcome models of the label
    OutcomeModel.Fitted stacked = predicted == null ? new OutcomeModel.Fitted(null, calibrated)
        : OutcomeModel.fit(features, calibrated, predicted, labels, classes);
    double[] chance = stacked.chance();
    // the distance: features weighed alike or by their relevance to the chance, whichever
    // corrects the rows of the other half better (twelfth session)
    double[] weights = null;
    double[][] cross = crossFitted(features, chance, correct, null);
    if (stacked.model() != null) {
      double[] relevance = stacked.model().relevance();
      double[][] weighed = crossFitted(features, chance, correct, relevance);
      if (brier(weighed[0], correct) < brier(cross[0], correct)) {
        weights = relevance;
        cross = weighed;
      }
    }
    LocalCorrection all = LocalCorrection.fit(features, chance, correct, weights);
    if (all == null) {
      return null;
    }
    double[] crossed = cross[0];
    double[] a = FeatureCheck.allowance(features, crossed, correct, true);
    if (stacked.model() != null) {
      // the interval is not narrowed by the stack: the allowance is at least that of the
      // calibrated chance with its own cross-fitted correction (the estimator without the stack).
      // Which base holds under a shift the reference's parts do not show is not known; on bike
      // sharing's months the stack's smaller allowance left two months uncovered (eleventh session)
      double[] floor = FeatureCheck.allowance(features,
          crossFitted(features, calibrated, correct, null)[0], correct, true);
      if (floor[0] > a[0]) {
        a = new double[] {floor[0], a[1]};
      }
    }
    Extrapolation.OwnTail ownTail = null;
    if (stacked.model() != null) {
      double[] u = new double[calibrated.length];
      for (int i = 0; i < u.length; i++) {
        u[i] = Double.isNaN(calibrated[i]) ? Double.NaN : OutcomeModel.logit(calibrated[i]);
      }
      ownTail = new Extrapolation.OwnTail(stacked.model(), u, cross[1]);
    }
    Extrapolation beyond = predicted == null ? null
        : classes ? Extrapolation.fitClasses(features, chance, crossed, predicted, labels, ownTail)
        : Extrapolation.fit(features, chance, crossed, predicted, labels, ownTail);
    return new Result(all, a[0], (int) a[1], beyond, stacked.model());
  }

  /** The mean squared error of chances against correctness (rows of unknown chance left out). */
  static double brier(double[] chance, int[] correct) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < chance.length; i++) {
      if (!Double.isNaN(chance[i])) {
        double d = chance[i] - correct[i];
        sum += d * d;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Cross-fitted corrected chances: rows of one parity corrected by the other parity's
   * neighbours, the distance's features weighed by {@code weights} ({@code null}: all 1).
   *
   * @return {@code {corrected chance, the amount added}} per row (the chance itself and 0 where
   *     it is unknown or no correction could be fitted)
   */
  static double[][] crossFitted(double[][] features, double[] chance, int[] correct,
      double[] weights) {
    double[] crossed = new double[chance.length];
    double[] added = new double[chance.length];
    for (int parity = 0; parity < 2; parity++) {
      double[] other = chance.clone();
      for (int i = parity; i < other.length; i += 2) {
        other[i] = Double.NaN;
      }
      LocalCorrection half = LocalCorrection.fit(features, other, correct, weights);
      for (int i = parity; i < crossed.length; i += 2) {
        added[i] = half == null || Double.isNaN(chance[i]) ? 0 : half.at(features[i]);
        crossed[i] = half == null || Double.isNaN(chance[i]) ? chance[i]
            : PerformanceEstimator.clip(chance[i] + added[i]);
      }
    }
    return new double[][] {crossed, added};
  }
}
