package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The monitor's label-free estimate comes from the isotonic-calibrated estimator. */
final class EstimatedPerformanceTest {

  /** An overconfident model: true P(y=1) = sigmoid(s), the model says sigmoid(3 s + 0.5). */
  private static double[][] stream(int n, long seed, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] scores = new double[n];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      double s = shift + Fixtures.gaussian(r);
      scores[i] = 1 / (1 + Math.exp(-(3 * s + 0.5)));
      labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
    }
    return new double[][] {scores, labels};
  }

  private static PerformanceEstimator estimator() {
    double[][] ref = stream(5_000, 1, 0);
    int[] y = new int[ref[1].length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) ref[1][i];
    }
    return PerformanceEstimator.of(ProbabilityCalibration.isotonic(ref[0], y), 0.5, 0.95);
  }

  private static DriftReport window(DriftMonitor.Builder builder, double[][] live) {
    DriftMonitor m = builder.window(Window.tumblingCount(100_000))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
    List<Map<String, Object>> rows = Fixtures.rows(live[0].length, 7, 0, 1);
    for (int i = 0; i < live[0].length; i++) {
      double p = live[0][i];
      m.record(rows.get(i), Prediction.ofProbabilities(new double[] {1 - p, p}), "r" + i);
      m.recordLabel("r" + i, live[1][i]);
    }
    return m.closeWindow().orElseThrow();
  }

  @Test
  void estimate_isTheCalibratedEstimatorsOnTheWindowsScores_withIntervalAndRealisedError()
      throws Exception {
    PerformanceEstimator estimator = estimator();
    double[][] live = stream(2_000, 2, 0.8);
    DriftReport r = window(DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .performanceEstimator(estimator), live);

    AccuracyEstimate direct = estimator.estimate(live[0]);
    AccuracyEstimate e = r.performance().accuracyEstimate();
    assertThat(e).isNotNull();
    assertThat(e.rows()).isEqualTo(2_000);
    assertThat(e.estimate()).isCloseTo(direct.estimate(), within(1e-12));
    assertThat(e.lower()).isCloseTo(direct.lower(), within(1e-12));
    assertThat(e.upper()).isCloseTo(direct.upper(), within(1e-12));
    assertThat(r.performance().estimated().get("accuracy")).isCloseTo(direct.estimate(),
        within(1e-12));
    double realised = r.performance().realised().get("accuracy");
    assertThat(e.realised()).isEqualTo(realised);
    assertThat(e.error()).isCloseTo(direct.estimate() - realised, within(1e-12));
    // calibrated, the estimate is close to what happened; the raw scores overestimate
    assertThat(Math.abs(e.error())).isLessThan(0.03);
    assertThat(estimator.uncalibrated(live[0]) - realised).isGreaterThan(0.05);
    assertThat(e.covers()).isTrue();
    assertThat(r.performance().estimationMethod()).contains("isotonic calibration on 5000");

    assertThat(r.toText()).contains("estimated accuracy").contains("realised")
        .contains("error");
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    JsonNode a = json.get("performance").get("accuracy_estimate");
    assertThat(a.get("estimate").asDouble()).isCloseTo(e.estimate(), within(1e-12));
    assertThat(a.get("lower").asDouble()).isCloseTo(e.lower(), within(1e-12));
    assertThat(a.get("error").asDouble()).isCloseTo(e.error(), within(1e-12));
    assertThat(DriftReport.fromJson(r.toJson())).isEqualTo(r);
  }

  @Test
  void withoutAnEstimator_theRawScoresAreUsed_andThereIsNoInterval() {
    double[][] live = stream(500, 3, 0);
    DriftReport r = window(DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1))),
        live);
    assertThat(r.performance().accuracyEstimate()).isNull();
    assertThat(r.performance().estimationMethod()).contains("assumes calibration");
    // the estimate without an interval says why, in text and JSON
    String why = "no interval: the monitor has no performance estimator calibrated on held-out rows";
    assertThat(r.toText()).contains("  estimated by confidence-based performance estimation").contains(why);
    assertThat(r.toJson()).contains(why);
  }

  @Test
  void builder_refusesAClassificationThresholdOtherThanTheEstimators() {
    DriftMonitor.Builder b = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .performanceEstimator(estimator()).classificationThreshold(0.3);
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("classification threshold must match the performance estimator's 0.5: 0.3");
  }
}
