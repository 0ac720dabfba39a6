package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.decision.ProbabilityCalibration;
import dev.mlops.drift.monitor.micrometer.DriftMonitorMetrics;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A monitor built on a profile whose rows carry the features, the model's out-of-sample
 * probabilities and the labels gives, by default, the calibrated label-free estimate with the
 * feature check's allowance: measured here over many windows of a seeded covariate-shift stream
 * (the features move, {@code P(y | x)} stays), through the monitor's public API only.
 */
final class ProfileEstimateTest {

  private static final int FEATURES = 4;
  private static final int WINDOWS = 30;
  private static final int WINDOW_ROWS = 1_000;

  /** Four standard-normal features; a share {@code t} of the full mean shift of x0 and x1. */
  private static double[] features(SplittableRandom r, double t) {
    double[] x = new double[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      x[j] = Fixtures.gaussian(r);
    }
    x[0] += 1.5 * t;
    x[1] += t;
    return x;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** The true class probabilities: binary sigmoid(2 x0 - x1 + 0.5 x2), or a 3-class softmax. */
  private static double[] truth(double[] x, int classes) {
    if (classes == 2) {
      double p = sigmoid(2 * x[0] - x[1] + 0.5 * x[2]);
      return new double[] {1 - p, p};
    }
    return softmax(new double[] {0, 1.5 * x[0] - x[1], -x[0] + 1.5 * x[1] + 0.5 * x[2]});
  }

  /**
   * A coarse, over-confident model (as a shallow tree ensemble): it sees x0 and x1 only, on a grid
   * of half-units, with its logits doubled. Its probabilities are not calibrated and do not carry
   * all the features say about the label, so {@code P(y | score)} moves with the feature mix.
   */
  private static double[] model(double[] x, int classes) {
    double a = Math.floor(2 * x[0]) / 2 + 0.25;
    double b = Math.floor(2 * x[1]) / 2 + 0.25;
    if (classes == 2) {
      double p = sigmoid(2 * (2 * a - b));
      return new double[] {1 - p, p};
    }
    return softmax(new double[] {0, 2 * (1.5 * a - b), 2 * (-a + 1.5 * b)});
  }

  private static double[] softmax(double[] z) {
    double max = Math.max(z[0], Math.max(z[1], z[2]));
    double[] p = new double[z.length];
    double sum = 0;
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  private static int draw(SplittableRandom r, double[] p) {
    double u = r.nextDouble();
    double c = 0;
    for (int k = 0; k < p.length - 1; k++) {
      c += p[k];
      if (u < c) {
        return k;
      }
    }
    return p.length - 1;
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  private static Map<String, Object> featureRow(double[] x) {
    Map<String, Object> row = new HashMap<>();
    for (int j = 0; j < FEATURES; j++) {
      row.put("x" + j, x[j]);
    }
    return row;
  }

  /**
   * The reference profile as a user builds it from held-out rows: the features, the model's
   * probability of class 1 (binary) or its class and that class's probability (3 classes), and
   * the label.
   */
  static ReferenceProfile reference(int classes, int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    if (classes == 2) {
      b.numeric(ReferenceProfile.PREDICTION).categorical(ReferenceProfile.LABEL);
    } else {
      b.categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL);
    }
    for (int i = 0; i < rows; i++) {
      double[] x = features(r, 0);
      double[] p = model(x, classes);
      Map<String, Object> row = featureRow(x);
      row.put(ReferenceProfile.LABEL, Integer.toString(draw(r, truth(x, classes))));
      if (classes == 2) {
        row.put(ReferenceProfile.PREDICTION, p[1]);
      } else {
        int top = argmax(p);
        row.put(ReferenceProfile.PREDICTION, Integer.toString(top));
        row.put(ReferenceProfile.CONFIDENCE, p[top]);
      }
      b.add(row);
    }
    return b.build();
  }

  /** Each window's report, the stream moving from no shift (window 0) to the full shift. */
  private static List<DriftReport> run(DriftMonitor m, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<DriftReport> reports = new ArrayList<>();
    for (int w = 0; w < WINDOWS; w++) {
      double t = (double) w / (WINDOWS - 1);
      for (int i = 0; i < WINDOW_ROWS; i++) {
        double[] x = features(r, t);
        String id = w + "-" + i;
        m.record(featureRow(x), Prediction.ofProbabilities(model(x, classes)), id);
        m.recordLabel(id, draw(r, truth(x, classes)));
      }
      reports.add(m.closeWindow().orElseThrow());
    }
    return reports;
  }

  private static DriftMonitor.Builder monitor(ReferenceProfile profile) {
    return DriftMonitor.builder(profile).window(Window.tumblingCount(1_000_000))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
  }

  /**
   * {mean |error|, coverage} of the windows' estimates against their realised accuracy; the
   * intervals are also checked to be narrow enough to mean something (mean width at most 0.15).
   */
  private static double[] maeAndCoverage(List<DriftReport> reports) {
    double abs = 0;
    int covered = 0;
    double width = 0;
    for (DriftReport r : reports) {
      AccuracyEstimate e = r.performance().accuracyEstimate();
      assertThat(e).isNotNull();
      width += e.upper() - e.lower();
      double realised = r.performance().realised().get("accuracy");
      assertThat(e.realised()).isEqualTo(realised);
      assertThat(e.error()).isCloseTo(e.estimate() - realised, within(1e-12));
      abs += Math.abs(e.error());
      covered += e.lower() <= realised && realised <= e.upper() ? 1 : 0;
    }
    assertThat(width / reports.size()).isLessThanOrEqualTo(0.15);
    return new double[] {abs / reports.size(), (double) covered / reports.size()};
  }

  @Test
  void binaryProfileWithScoresAndLabels_givesTheCalibratedCheckedEstimateByDefault_onACovariateShift()
      throws Exception {
    ReferenceProfile profile = reference(2, 10_000, 101);
    EstimateSample sample = profile.estimateSample().orElseThrow();
    assertThat(sample.topLabel()).isFalse();
    assertThat(sample.rows()).isEqualTo(EstimateSample.CAPACITY);
    assertThat(sample.features()).containsExactlyInAnyOrder("x0", "x1", "x2", "x3");

    DriftMonitor m = monitor(profile).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DriftMonitorMetrics(m, Tags.of("model", "m")).bindTo(registry);
    List<DriftReport> reports = run(m, 2, 202);
    double[] fig = maeAndCoverage(reports);
    assertThat(fig[0]).isLessThanOrEqualTo(0.03);
    assertThat(fig[1]).isGreaterThanOrEqualTo(0.9);

    DriftReport last = reports.get(WINDOWS - 1);
    AccuracyEstimate e = last.performance().accuracyEstimate();
    assertThat(last.performance().estimationMethod())
        .contains("isotonic calibration on 10000 reference rows")
        .contains("feature check on");
    assertThat(last.toText()).contains("estimated accuracy").contains("error");
    JsonNode a = new ObjectMapper().readTree(last.toJson()).get("performance")
        .get("accuracy_estimate");
    assertThat(a.get("estimate").asDouble()).isCloseTo(e.estimate(), within(1e-12));
    assertThat(a.get("upper").asDouble()).isCloseTo(e.upper(), within(1e-12));
    assertThat(registry.get("mlops.drift.accuracy.estimate").gauge().value())
        .isEqualTo(e.estimate());
    assertThat(registry.get("mlops.drift.accuracy.estimate.lower").gauge().value())
        .isEqualTo(e.lower());

    // opting out: the raw probabilities' estimate, no interval; over-confident, so far off
    DriftMonitor raw = monitor(profile).withoutProfileEstimate().build();
    List<DriftReport> rawReports = run(raw, 2, 202);
    double rawAbs = 0;
    for (DriftReport r : rawReports) {
      assertThat(r.performance().accuracyEstimate()).isNull();
      rawAbs += Math.abs(r.performance().estimated().get("accuracy")
          - r.performance().realised().get("accuracy"));
    }
    assertThat(rawAbs / WINDOWS).isGreaterThan(0.05);
  }

  @Test
  void threeClassProfileWithClassConfidenceAndLabel_givesTheTopLabelEstimateByDefault() {
    ReferenceProfile profile = reference(3, 10_000, 103);
    assertThat(profile.estimateSample().orElseThrow().topLabel()).isTrue();
    // the confidence is kept for the estimate only, not profiled as a feature
    assertThat(profile.featureNames()).containsExactlyInAnyOrder("x0", "x1", "x2", "x3");

    List<DriftReport> reports = run(monitor(profile).build(), 3, 204);
    double[] fig = maeAndCoverage(reports);
    assertThat(fig[0]).isLessThanOrEqualTo(0.03);
    assertThat(fig[1]).isGreaterThanOrEqualTo(0.9);
    assertThat(reports.get(0).performance().estimationMethod())
        .contains("top-label calibration").contains("feature check on");
  }

  /**
   * The default calibration of a top-label sample is isotonic with its steps of few rows shrunk
   * toward a logistic fit (fifteenth session, "calib3"; {@code ProbabilityCalibrationTest} pins
   * its values against scikit-learn), and the window's method text says so; a binary sample keeps
   * plain isotonic calibration.
   */
  @Test
  void theDefaultTopLabelCalibration_shrinksStepsOfFewRowsTowardALogisticFit_andSaysSo() {
    ReferenceProfile profile = reference(3, 2_000, 107);
    dev.mlops.drift.decision.PerformanceEstimator e = ProfileEstimate.of(profile, 0.5);
    EstimateSample s = profile.estimateSample().orElseThrow();
    assertThat(e.calibration().priorRows()).isEqualTo(ProbabilityCalibration.PRIOR_ROWS)
        .isEqualTo(30);
    ProbabilityCalibration expected = ProbabilityCalibration.isotonicShrunk(s.scores(),
        s.outcomes(), 30);
    for (double score = 0.34; score <= 1; score += 0.01) {
      assertThat(e.calibration().apply(score)).isEqualTo(expected.apply(score));
    }
    List<DriftReport> reports = run(monitor(profile).build(), 3, 208);
    assertThat(reports.get(0).performance().estimationMethod())
        .contains("top-label calibration on 2000 reference rows, its steps shrunk toward a"
            + " logistic fit by 30 rows; 95% interval");

    // a binary sample keeps plain isotonic calibration
    ReferenceProfile binary = reference(2, 2_000, 109);
    EstimateSample b = binary.estimateSample().orElseThrow();
    ProbabilityCalibration plain = ProfileEstimate.of(binary, 0.5).calibration();
    assertThat(plain.priorRows()).isZero();
    ProbabilityCalibration isotonic = ProbabilityCalibration.isotonic(b.scores(), b.outcomes());
    for (double score = 0; score <= 1; score += 0.01) {
      assertThat(plain.apply(score)).isEqualTo(isotonic.apply(score));
    }
  }

  @Test
  void estimateSample_survivesBytesAndMerge_andTheMonitorOnTheMergedProfileEstimatesAlike() {
    ReferenceProfile half1 = reference(2, 5_000, 105);
    ReferenceProfile half2 = reference(2, 5_000, 106);
    ReferenceProfile merged = half1.merge(half2);
    EstimateSample s = merged.estimateSample().orElseThrow();
    assertThat(s.offered()).isEqualTo(10_000);
    assertThat(s.rows()).isEqualTo(EstimateSample.CAPACITY);
    ReferenceProfile read = ReferenceProfile.fromBytes(merged.toBytes());
    assertThat(read).isEqualTo(merged);
    assertThat(read.estimateSample()).contains(s);
    assertThat(merged.sizeInBytes()).isEqualTo(merged.toBytes().length);

    double[] fig = maeAndCoverage(run(monitor(read).build(), 2, 207));
    assertThat(fig[0]).isLessThanOrEqualTo(0.03);
    assertThat(fig[1]).isGreaterThanOrEqualTo(0.9);
    // without a sample the monitor falls back to the raw estimate
    assertThat(run(monitor(read.withoutEstimateSample()).build(), 2, 207).get(0)
        .performance().accuracyEstimate()).isNull();
  }

  @Test
  void monitorCorrectsEachRowByItsFeatures_exactlyAsTheEstimatorDoesOnTheSameRows() {
    for (int classes = 2; classes <= 3; classes++) {
      ReferenceProfile profile = reference(classes, 4_000, 110 + classes);
      dev.mlops.drift.decision.PerformanceEstimator e = ProfileEstimate.of(profile, 0.5);
      // the sample's feature order, which the monitor maps to its own
      List<String> names = e.correctionFeatures();
      assertThat(names).containsExactlyInAnyOrder("x0", "x1", "x2", "x3");
      DriftMonitor m = monitor(profile).build();
      SplittableRandom r = new SplittableRandom(120 + classes);
      int n = 500;
      double[] scores = new double[n];
      int[] predicted = new int[n];
      double[][] rows = new double[n][];
      double plain = 0;
      for (int i = 0; i < n; i++) {
        double[] x = features(r, 1);
        double[] p = model(x, classes);
        predicted[i] = argmax(p);
        scores[i] = classes == 2 ? p[1] : p[argmax(p)];
        rows[i] = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
          rows[i][j] = x[Integer.parseInt(names.get(j).substring(1))];
        }
        plain += e.chanceCorrect(scores[i]);
        m.record(featureRow(x), Prediction.ofProbabilities(p), "r" + i);
      }
      AccuracyEstimate got = m.closeWindow().orElseThrow().performance().accuracyEstimate();
      // the top class too: beyond the reference a multinomial model may take over (tenth session)
      AccuracyEstimate want = e.estimate(scores, predicted, rows, 0);
      assertThat(got.estimate()).as("classes %d", classes)
          .isCloseTo(want.estimate(), within(1e-9));
      // the correction moved it: not the score-only calibration's mean
      assertThat(Math.abs(got.estimate() - plain / n)).isGreaterThan(1e-4);
    }
  }

  /** The coarse 3-class model of {@link #model}, flat beyond [-3.5, 3.5] (a tree's edge leaves). */
  private static double[] clampedModel(double[] x) {
    double[] c = x.clone();
    c[0] = Math.max(-3.5, Math.min(3.5, x[0]));
    c[1] = Math.max(-3.5, Math.min(3.5, x[1]));
    return model(c, 3);
  }

  @Test
  void threeClassProfile_givesTheMonitorTheMultinomialModel_forRowsBeyondTheReference() {
    // the reference as a user profiles it: the class, its probability and the label per row
    SplittableRandom r = new SplittableRandom(131);
    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL);
    for (int i = 0; i < 4_000; i++) {
      double[] x = features(r, 0);
      double[] p = clampedModel(x);
      Map<String, Object> row = featureRow(x);
      row.put(ReferenceProfile.PREDICTION, Integer.toString(argmax(p)));
      row.put(ReferenceProfile.CONFIDENCE, p[argmax(p)]);
      row.put(ReferenceProfile.LABEL, Integer.toString(draw(r, truth(x, 3))));
      b.add(row);
    }
    // through the bytes (format version 8 keeps the rows' classes)
    ReferenceProfile profile = ReferenceProfile.fromBytes(b.build().toBytes());
    assertThat(profile.estimateSample().orElseThrow().classes()).containsExactly("0", "1", "2");

    DriftMonitor m = monitor(profile).build();
    DriftMonitor before = monitor(profile)
        .performanceEstimator(ProfileEstimate.of(profile, 0.5).withoutExtrapolationModel())
        .build();
    // a window far beyond the reference, along (1, 2) as the probe's "outside" shift
    SplittableRandom w = new SplittableRandom(132);
    for (int i = 0; i < 1_000; i++) {
      double[] x = features(w, 0);
      x[0] += 4;
      x[1] += 8;
      int label = draw(w, truth(x, 3));
      for (DriftMonitor each : List.of(m, before)) {
        each.record(featureRow(x), Prediction.ofProbabilities(clampedModel(x)), "w" + i);
        each.recordLabel("w" + i, label);
      }
    }
    DriftReport report = m.closeWindow().orElseThrow();
    AccuracyEstimate with = report.performance().accuracyEstimate();
    AccuracyEstimate without = before.closeWindow().orElseThrow().performance()
        .accuracyEstimate();
    assertThat(report.performance().estimationMethod())
        .contains("P(y | x) by multinomial logistic regression");
    assertThat(Math.abs(without.error())).isGreaterThan(0.1);
    assertThat(Math.abs(with.error())).isLessThan(0.03);
    assertThat(with.covers()).isTrue();
  }
}
