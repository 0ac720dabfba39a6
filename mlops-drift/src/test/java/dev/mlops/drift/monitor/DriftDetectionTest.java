package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Behaviour on seeded synthetic traffic: false alarms near nominal, and each kind of drift found. */
final class DriftDetectionTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int FEATURES = 5;

  private static Map<String, Object> gaussianRow(SplittableRandom r) {
    Map<String, Object> row = new HashMap<>();
    for (int f = 0; f < FEATURES; f++) {
      row.put("f" + f, Fixtures.gaussian(r));
    }
    return row;
  }

  private static ReferenceProfile gaussianProfile(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (int f = 0; f < FEATURES; f++) {
      b.numeric("f" + f);
    }
    for (int i = 0; i < n; i++) {
      b.add(gaussianRow(r));
    }
    return b.build();
  }

  /** Windows of 100 rows from the reference distribution; returns the closed reports. */
  private static List<DriftReport> nullWindows(DriftMonitor.Builder builder, int windows) {
    List<DriftReport> reports = new ArrayList<>();
    DriftMonitor m = builder.window(Window.tumblingCount(100)).history(windows)
        .reservoirSize(1_000).clock(new MutableClock(T0)).listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            reports.add(report);
          }
        }).build();
    SplittableRandom r = new SplittableRandom(99);
    for (int i = 0; i < windows * 100; i++) {
      m.record(gaussianRow(r), null, null);
    }
    m.awaitEvaluation();
    assertThat(reports).hasSize(windows);
    return reports;
  }

  @Test
  void falseAlarmRate_isNearNominal_withAndWithoutCorrection() {
    ReferenceProfile profile = gaussianProfile(1_000, 7);
    int windows = 200;

    List<DriftReport> uncorrected = nullWindows(DriftMonitor.builder(profile)
        .decisionRule(DecisionRule.SIGNIFICANT).correction(Correction.NONE), windows);
    long tests = 0;
    long alarms = 0;
    long windowsWithAlarm = 0;
    for (DriftReport r : uncorrected) {
      assertThat(r.features()).allSatisfy(f -> assertThat(f.test()).isEqualTo("ks"));
      tests += r.features().size();
      long a = r.driftedFeatures().size();
      alarms += a;
      windowsWithAlarm += a > 0 ? 1 : 0;
    }
    double perTest = (double) alarms / tests;
    // nominal 0.05 per test; 1000 tests (correlated through the shared reference)
    assertThat(perTest).isBetween(0.03, 0.075);
    // without correction, a window of 5 features alarms about 1 - 0.95^5 = 0.23 of the time
    assertThat((double) windowsWithAlarm / windows).isBetween(0.15, 0.32);

    List<DriftReport> bonferroni = nullWindows(DriftMonitor.builder(profile)
        .decisionRule(DecisionRule.SIGNIFICANT).correction(Correction.BONFERRONI), windows);
    long bonfWindows = bonferroni.stream().filter(r -> !r.driftedFeatures().isEmpty()).count();
    // family-wise error rate at most 0.05
    assertThat((double) bonfWindows / windows).isBetween(0.01, 0.08);

    List<DriftReport> bh = nullWindows(DriftMonitor.builder(profile)
        .decisionRule(DecisionRule.SIGNIFICANT), windows);
    long bhWindows = bh.stream().filter(r -> !r.driftedFeatures().isEmpty()).count();
    // under the global null BH also controls the family-wise rate at alpha
    assertThat((double) bhWindows / windows).isBetween(0.01, 0.08);

    List<DriftReport> combined = nullWindows(DriftMonitor.builder(profile), windows);
    long combinedWindows = combined.stream().filter(DriftReport::datasetDrift).count();
    assertThat(combinedWindows).isLessThanOrEqualTo(bhWindows);
  }

  private static DriftReport oneWindow(DriftMonitor m, List<Map<String, Object>> rows) {
    for (Map<String, Object> row : rows) {
      m.record(row, null, null);
    }
    return m.closeWindow().orElseThrow();
  }

  private static DriftMonitor.Builder xyCity() {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(T0)).window(Window.tumblingCount(10_000));
  }

  @Test
  void meanShift_isDetected_onTheShiftedFeatureOnly() {
    DriftReport r = oneWindow(xyCity().build(), Fixtures.rows(300, 2, 0.5, 1));
    assertThat(r.feature("x").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(r.feature("y").orElseThrow().status()).isEqualTo(DriftStatus.OK);
    assertThat(r.feature("city").orElseThrow().status()).isEqualTo(DriftStatus.OK);
  }

  @Test
  void sameDistribution_isNotDrift() {
    DriftReport r = oneWindow(xyCity().build(), Fixtures.rows(300, 3, 0, 1));
    assertThat(r.driftedFeatures()).isEmpty();
    assertThat(r.datasetDrift()).isFalse();
    assertThat(r.alert()).isFalse();
  }

  @Test
  void varianceChange_isDetected() {
    DriftReport r = oneWindow(xyCity().build(), Fixtures.rows(300, 4, 0, 2.5));
    FeatureDrift x = r.feature("x").orElseThrow();
    assertThat(x.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(x.test()).isEqualTo("normed_wasserstein");
    assertThat(x.reason()).contains("threshold calibrated on 100 windows of 300 values resampled");
  }

  @Test
  void newCategory_isDetected_andNamedInDataQuality() {
    List<Map<String, Object>> rows = Fixtures.rows(300, 5, 0, 1);
    for (int i = 0; i < rows.size(); i += 3) {
      rows.get(i).put("city", "marseille");
    }
    DriftReport r = oneWindow(xyCity().build(), rows);
    assertThat(r.feature("city").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
    FeatureQuality q = r.dataQuality().feature("city");
    assertThat(q.unseen()).isEqualTo(100);
    assertThat(q.topUnseen()).containsEntry("marseille", 100L);
    assertThat(r.dataQuality().findings()).anySatisfy(f -> assertThat(f)
        .startsWith("city: unseen-category rate 0.3333 > 0.0500").contains("marseille"));
  }

  /** x ~ N(0,1); y = rho x + sqrt(1 - rho^2) e: same marginals for any rho. */
  private static List<Map<String, Object>> correlated(int n, long seed, double rho) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = Fixtures.gaussian(r);
      double y = rho * x + Math.sqrt(1 - rho * rho) * Fixtures.gaussian(r);
      Map<String, Object> row = new HashMap<>();
      row.put("x", x);
      row.put("y", y);
      row.put("city", Fixtures.CITIES[r.nextInt(3)]);
      rows.add(row);
    }
    return rows;
  }

  @Test
  void correlationChange_isCaughtByMultivariateOnly() {
    List<Map<String, Object>> reference = correlated(5_000, 11, 0.9);
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(reference))
        .clock(new MutableClock(T0)).window(Window.tumblingCount(10_000))
        .multivariate(reference).build();

    DriftReport same = oneWindow(m, correlated(1_000, 12, 0.9));
    assertThat(same.multivariate().status()).isEqualTo(DriftStatus.OK);
    assertThat(same.multivariate().components()).isEqualTo(1);

    DriftReport decorrelated = oneWindow(m, correlated(1_000, 13, 0.0));
    assertThat(decorrelated.features()).allSatisfy(f ->
        assertThat(f.status()).as(f.feature()).isEqualTo(DriftStatus.OK));
    assertThat(decorrelated.datasetDrift()).isFalse();
    MultivariateDrift mv = decorrelated.multivariate();
    assertThat(mv.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(mv.reconstructionError()).isGreaterThan(mv.upper());
    assertThat(decorrelated.drifted()).isTrue();
    assertThat(decorrelated.alert()).isTrue();
  }

  @Test
  void labelShift_isDetected_fromJoinedLabels() {
    SplittableRandom r = new SplittableRandom(21);
    List<Map<String, Object>> reference = Fixtures.rows(500, 1, 0, 1);
    double[] labels = new double[500];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextDouble() < 0.3 ? 1 : 0;
    }
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x", "y")
        .categorical("city", ReferenceProfile.LABEL);
    reference.forEach(b::add);
    b.addColumn(ReferenceProfile.LABEL, labels);
    DriftMonitor m = DriftMonitor.builder(b.build()).clock(new MutableClock(T0))
        .window(Window.tumblingCount(10_000)).build();

    List<Map<String, Object>> rows = Fixtures.rows(300, 22, 0, 1);
    for (int i = 0; i < rows.size(); i++) {
      m.record(rows.get(i), Prediction.ofProbabilities(new double[] {0.7, 0.3}), "r" + i);
    }
    for (int i = 0; i < rows.size(); i++) {
      assertThat(m.recordLabel("r" + i, r.nextDouble() < 0.6 ? 1 : 0)).isTrue();
    }
    DriftReport report = m.closeWindow().orElseThrow();
    FeatureDrift label = report.label();
    assertThat(label).isNotNull();
    assertThat(label.test()).isEqualTo("jensen_shannon");
    assertThat(label.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(label.nCurrent()).isEqualTo(300);
    assertThat(report.performance().labelled()).isEqualTo(300);
    assertThat(report.features()).allSatisfy(f -> assertThat(f.status()).isEqualTo(DriftStatus.OK));
  }
}
