package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A categorical feature takes part in the label-free estimate: the model is wrong in one
 * category, and the window's mix of categories moves towards it. The estimate sample keeps the
 * category (profile format 9), the monitor encodes it as indicator columns ({@link
 * CategoryColumns}), and the estimate follows the accuracy down; with the category left out (the
 * code before), the calibration by score alone kept the reference's accuracy.
 *
 * <p>The stream: {@code x ~ N(0, 1)}, {@code plan} A or B (B in 20% of the reference's rows and
 * in 60% of the window's); the model's {@code P(y = 1) = sigmoid(2 x)} whatever the plan; the
 * truth {@code sigmoid(2 x)} in plan A and {@code sigmoid(-2 x)} in plan B (the model has the
 * direction of {@code x} wrong there). With {@code a = E[sigmoid(2 |x|)] = 0.7779896578910496}
 * (SciPy {@code quad}), the true accuracy of a share {@code q} of plan B is {@code (1 - q) a + q (1 -
 * a)}: 0.6667937947346297 for the reference, 0.4444020684217901 for the window.
 */
final class CategoricalEstimateTest {

  /** {@code (1 - q) a + q (1 - a)} at q = 0.2, from SciPy (see the class comment). */
  private static final double REFERENCE_ACCURACY = 0.6667937947346297;
  /** The same at q = 0.6. */
  private static final double WINDOW_ACCURACY = 0.4444020684217901;

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  private static double gaussian(SplittableRandom r) {
    return Fixtures.gaussian(r);
  }

  /** A row with plan B at probability {@code q}: {x, plan} and the model's P(y = 1). */
  private static Map<String, Object> row(SplittableRandom r, double q) {
    Map<String, Object> row = new HashMap<>();
    row.put("x", gaussian(r));
    row.put("plan", r.nextDouble() < q ? "B" : "A");
    return row;
  }

  private static double model(Map<String, Object> row) {
    return sigmoid(2 * (Double) row.get("x"));
  }

  private static int label(SplittableRandom r, Map<String, Object> row) {
    double x = (Double) row.get("x");
    double p = sigmoid("B".equals(row.get("plan")) ? -2 * x : 2 * x);
    return r.nextDouble() < p ? 1 : 0;
  }

  /** The reference as a user builds it from held-out rows (features, P(y = 1), label). */
  private static ReferenceProfile reference(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .numeric("x", ReferenceProfile.PREDICTION).categorical("plan", ReferenceProfile.LABEL);
    for (int i = 0; i < rows; i++) {
      Map<String, Object> row = row(r, 0.2);
      row.put(ReferenceProfile.LABEL, Integer.toString(label(r, row)));
      row.put(ReferenceProfile.PREDICTION, model(row));
      b.add(row);
    }
    return b.build();
  }

  /** One window of {@code rows} rows at plan-B share {@code q}, with labels. */
  private static AccuracyEstimate window(ReferenceProfile profile, double q, int rows, long seed) {
    DriftMonitor m = DriftMonitor.builder(profile).window(Window.tumblingCount(1_000_000))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < rows; i++) {
      Map<String, Object> row = row(r, q);
      double p = model(row);
      m.record(row, Prediction.ofProbabilities(new double[] {1 - p, p}), Integer.toString(i));
      m.recordLabel(Integer.toString(i), label(r, row));
    }
    return m.closeWindow().orElseThrow().performance().accuracyEstimate();
  }

  @Test
  void estimateSample_keepsTheCategoricalFeaturesLevels() {
    EstimateSample s = reference(2_000, 11).estimateSample().orElseThrow();

    assertThat(s.hasCategories()).isTrue();
    int j = s.features().indexOf("plan");
    String[][] c = s.categoryRows();
    double[][] x = s.featureRows();
    int b = 0;
    for (int i = 0; i < s.rows(); i++) {
      assertThat(c[i][j]).isIn("A", "B");
      assertThat(x[i][j]).isNaN();
      b += "B".equals(c[i][j]) ? 1 : 0;
    }
    assertThat((double) b / s.rows()).isBetween(0.17, 0.23);
  }

  @Test
  void modelWrongInOneCategory_estimateFollowsTheCategoryMix_notTheReferencesAccuracy() {
    ReferenceProfile profile = reference(4_000, 21);

    AccuracyEstimate unshifted = window(profile, 0.2, 4_000, 22);
    AccuracyEstimate shifted = window(profile, 0.6, 4_000, 23);

    // the code before kept the reference's accuracy in the shifted window: 0.667 against 0.444
    assertThat(unshifted.estimate()).isCloseTo(REFERENCE_ACCURACY, within(0.03));
    assertThat(shifted.estimate()).isCloseTo(WINDOW_ACCURACY, within(0.03));
    assertThat(shifted.lower()).isLessThanOrEqualTo(WINDOW_ACCURACY);
    assertThat(shifted.upper()).isGreaterThanOrEqualTo(WINDOW_ACCURACY);
  }

  @Test
  void withoutTheCategoriesInTheSample_theEstimateKeepsTheReferencesAccuracy() {
    ReferenceProfile profile = reference(4_000, 21);
    EstimateSample s = profile.estimateSample().orElseThrow();
    // the same rows without their categorical values: what a version 8 profile holds
    EstimateSample numericOnly = EstimateSample.of(s.features(), s.featureRows(), s.scores(),
        s.outcomes(), false);
    ReferenceProfile old = profile.withEstimateSample(numericOnly);

    AccuracyEstimate shifted = window(old, 0.6, 4_000, 23);

    assertThat(shifted.estimate() - WINDOW_ACCURACY).isGreaterThan(0.15);
  }

  @Test
  void indicatorColumns_replaceTheCategoricalColumn_andPoolRareLevels() {
    ReferenceProfile profile = reference(4_000, 21);
    CategoryColumns.Encoded e = CategoryColumns.of(profile.estimateSample().orElseThrow(), profile);

    assertThat(e.names()).containsExactlyInAnyOrder("x", "plan=A", "plan=B");
    assertThat(e.encoded()).containsEntry("plan", List.of("A", "B"));
  }
}
