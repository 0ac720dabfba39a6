package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import dev.mlops.drift.monitor.micrometer.DriftMonitorMetrics;
import dev.mlops.drift.profile.ReferenceProfile;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

  private static final List<Map<String, Object>> REFERENCE = Fixtures.rows(500, 1, 0, 1);

  private static DriftReport window(DriftMonitor.Builder builder, double[][] live) {
    return window(builder, live, Fixtures.rows(live[0].length, 7, 0, 1));
  }

  private static DriftReport window(DriftMonitor.Builder builder, double[][] live,
      List<Map<String, Object>> rows) {
    DriftMonitor m = builder.window(Window.tumblingCount(100_000))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
    for (int i = 0; i < live[0].length; i++) {
      double p = live[0][i];
      m.record(rows.get(i), Prediction.ofProbabilities(new double[] {1 - p, p}), "r" + i);
      m.recordLabel("r" + i, live[1][i]);
    }
    return m.closeWindow().orElseThrow();
  }

  /** Values of x and y outside the reference's [min, max], over the rows (an upper bound). */
  private static double beyondShare(List<Map<String, Object>> rows) {
    long beyond = 0;
    for (String f : new String[] {"x", "y"}) {
      double min = REFERENCE.stream().mapToDouble(r -> (Double) r.get(f)).min().orElseThrow();
      double max = REFERENCE.stream().mapToDouble(r -> (Double) r.get(f)).max().orElseThrow();
      beyond += rows.stream().mapToDouble(r -> (Double) r.get(f)).filter(v -> v < min || v > max)
          .count();
    }
    return Math.min(1, (double) beyond / rows.size());
  }

  @Test
  void estimate_isTheCalibratedEstimatorsOnTheWindowsScores_withIntervalAndRealisedError()
      throws Exception {
    PerformanceEstimator estimator = estimator();
    double[][] live = stream(2_000, 2, 0.8);
    DriftReport r = window(DriftMonitor.builder(Fixtures.profile(REFERENCE))
        .performanceEstimator(estimator), live);

    // the few live values beyond the 500 reference rows' range widen the interval by their share
    double share = beyondShare(Fixtures.rows(2_000, 7, 0, 1));
    assertThat(share).isBetween(0.001, 0.05);
    AccuracyEstimate direct = estimator.estimate(live[0], share);
    AccuracyEstimate e = r.performance().accuracyEstimate();
    assertThat(e).isNotNull();
    assertThat(e.rows()).isEqualTo(2_000);
    assertThat(e.extrapolated()).isCloseTo(share, within(1e-15));
    assertThat(e.extrapolating()).isFalse();
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
  void windowBeyondTheReferencesRange_isFlaggedExtrapolating_withTheIntervalWidened_inTextAndJson()
      throws Exception {
    PerformanceEstimator estimator = estimator();
    double[][] live = stream(1_000, 4, 0.5);
    List<Map<String, Object>> rows = Fixtures.rows(1_000, 8, 2.5, 1);   // x moved by 2.5 sd
    DriftReport r = window(DriftMonitor.builder(Fixtures.profile(REFERENCE))
        .performanceEstimator(estimator), live, rows);

    double share = beyondShare(rows);
    assertThat(share).isGreaterThan(0.1);
    AccuracyEstimate e = r.performance().accuracyEstimate();
    AccuracyEstimate direct = estimator.estimate(live[0], share);
    assertThat(e.extrapolated()).isCloseTo(share, within(1e-15));
    assertThat(e.extrapolating()).isTrue();
    assertThat(e.lower()).isCloseTo(direct.lower(), within(1e-12));
    assertThat(e.upper()).isCloseTo(direct.upper(), within(1e-12));
    AccuracyEstimate inside = estimator.estimate(live[0]);
    assertThat(e.lower()).isCloseTo(Math.max(0, inside.lower() - share), within(1e-12));
    assertThat(e.upper()).isCloseTo(Math.min(1, inside.upper() + share), within(1e-12));
    assertThat(r.toText()).contains("extrapolating: ").contains("of rows beyond the reference's");
    JsonNode a = new ObjectMapper().readTree(r.toJson()).get("performance")
        .get("accuracy_estimate");
    assertThat(a.get("extrapolated").asDouble()).isCloseTo(share, within(1e-15));
    assertThat(a.get("extrapolating").asBoolean()).isTrue();
    assertThat(DriftReport.fromJson(r.toJson())).isEqualTo(r);
  }

  @Test
  void micrometerGauges_showLabelDrift_predictionDrift_andTheEstimateWithIntervalAndError() {
    // a reference with 30% positive labels; the live window has ~60%: label drift
    SplittableRandom g = new SplittableRandom(21);
    double[] refLabels = new double[REFERENCE.size()];
    for (int i = 0; i < refLabels.length; i++) {
      refLabels[i] = g.nextDouble() < 0.3 ? 1 : 0;
    }
    // the prediction of a probabilistic classifier is profiled as its positive-class probability
    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .numeric("x", "y", ReferenceProfile.PREDICTION)
        .categorical("city", ReferenceProfile.LABEL);
    REFERENCE.forEach(b::add);
    b.addColumn(ReferenceProfile.LABEL, refLabels);
    b.addColumn(ReferenceProfile.PREDICTION, stream(REFERENCE.size(), 1, 0)[0]);
    DriftMonitor m = DriftMonitor.builder(b.build()).performanceEstimator(estimator())
        .window(Window.tumblingCount(100_000))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DriftMonitorMetrics(m, Tags.of("model", "m1")).bindTo(registry);
    assertThat(registry.get("mlops.drift.accuracy.estimate").gauge().value()).isNaN();
    double[][] live = stream(1_000, 5, 0.8);
    List<Map<String, Object>> rows = Fixtures.rows(1_000, 7, 0, 1);
    for (int i = 0; i < 1_000; i++) {
      double p = live[0][i];
      m.record(rows.get(i), Prediction.ofProbabilities(new double[] {1 - p, p}), "r" + i);
      m.recordLabel("r" + i, live[1][i]);
    }
    DriftReport r = m.closeWindow().orElseThrow();

    AccuracyEstimate e = r.performance().accuracyEstimate();
    assertThat(r.label().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(registry.get("mlops.drift.label.status").tag("model", "m1").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get("mlops.drift.label.statistic").gauge().value())
        .isEqualTo(r.label().statistic());
    // the live scores are shifted (mean 0.8): more positive predictions than the reference's
    assertThat(r.predictionDrift().orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(registry.get("mlops.drift.prediction.statistic").gauge().value())
        .isEqualTo(r.predictionDrift().orElseThrow().statistic()).isNotNaN();
    assertThat(registry.get("mlops.drift.prediction.status").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("mlops.drift.accuracy.estimate").gauge().value())
        .isEqualTo(e.estimate());
    assertThat(registry.get("mlops.drift.accuracy.estimate.lower").gauge().value())
        .isEqualTo(e.lower());
    assertThat(registry.get("mlops.drift.accuracy.estimate.upper").gauge().value())
        .isEqualTo(e.upper());
    assertThat(registry.get("mlops.drift.accuracy.estimate.extrapolated").gauge().value())
        .isEqualTo(e.extrapolated());
    assertThat(registry.get("mlops.drift.accuracy.realised").gauge().value())
        .isEqualTo(r.performance().realised().get("accuracy"));
    assertThat(registry.get("mlops.drift.accuracy.estimate.error").gauge().value())
        .isEqualTo(e.error()).isNotNaN();
  }

  @Test
  void multiclassTopLabelEstimator_givesTheCalibratedTopClassAccuracyWithItsInterval() {
    // three classes; the model's top-class probability is over-confident
    SplittableRandom g = new SplittableRandom(11);
    int n = 3_000;
    double[][] probs = new double[2 * n][];
    int[] labels = new int[2 * n];
    for (int i = 0; i < 2 * n; i++) {
      double s = Fixtures.gaussian(g);
      double[] truth = softmax(0, 1.5 * s, -1.5 * s);
      double u = g.nextDouble();
      labels[i] = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
      probs[i] = softmax(0, 3 * s, -3 * s);
    }
    double[] top = new double[n];
    int[] right = new int[n];
    for (int i = 0; i < n; i++) {
      int k = argmax(probs[i]);
      top[i] = probs[i][k];
      right[i] = k == labels[i] ? 1 : 0;
    }
    PerformanceEstimator estimator =
        PerformanceEstimator.topLabel(ProbabilityCalibration.isotonic(top, right), 0.95);
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(REFERENCE))
        .performanceEstimator(estimator).window(Window.tumblingCount(100_000))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
    List<Map<String, Object>> rows = Fixtures.rows(n, 1, 0, 1);   // the reference's own rows
    double[] liveTop = new double[n];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      double[] p = probs[n + i];
      liveTop[i] = p[argmax(p)];
      correct += argmax(p) == labels[n + i] ? 1 : 0;
      m.record(rows.get(i), Prediction.ofProbabilities(p), "r" + i);
      m.recordLabel("r" + i, labels[n + i]);
    }
    DriftReport r = m.closeWindow().orElseThrow();

    AccuracyEstimate e = r.performance().accuracyEstimate();
    AccuracyEstimate direct = estimator.estimate(liveTop, beyondShare(rows));
    assertThat(e.estimate()).isCloseTo(direct.estimate(), within(1e-12));
    assertThat(e.lower()).isCloseTo(direct.lower(), within(1e-12));
    assertThat(e.upper()).isCloseTo(direct.upper(), within(1e-12));
    assertThat(r.performance().estimated().get("accuracy")).isCloseTo(direct.estimate(),
        within(1e-12));
    assertThat(e.realised()).isCloseTo((double) correct / n, within(1e-12));
    assertThat(Math.abs(e.error())).isLessThan(0.03);
    assertThat(estimator.uncalibrated(liveTop) - e.realised()).isGreaterThan(0.05);
    assertThat(r.performance().estimationMethod()).contains("top-label calibration on 3000");
  }

  private static double[] softmax(double... z) {
    double total = 0;
    double[] p = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      p[j] = Math.exp(z[j]);
      total += p[j];
    }
    for (int j = 0; j < z.length; j++) {
      p[j] /= total;
    }
    return p;
  }

  private static int argmax(double[] p) {
    int k = 0;
    for (int j = 1; j < p.length; j++) {
      k = p[j] > p[k] ? j : k;
    }
    return k;
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
