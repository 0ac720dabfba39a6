package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.drift.fairness.FairnessAlert;
import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.monitor.micrometer.DriftMonitorMetrics;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.GroupRates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Group fairness inside the drift monitor's windows, reports, listeners and Micrometer binding. */
final class FairnessMonitoringTest {

  private static final Prediction YES = Prediction.ofClass(1);
  private static final Prediction NO = Prediction.ofClass(0);

  private static DriftMonitor.Builder monitor(int window, SensitiveAttributes attributes) {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .window(Window.tumblingCount(window)).fairness(attributes);
  }

  private static Map<String, Object> row(String attribute, Object value) {
    Map<String, Object> row = new HashMap<>(Map.of("x", 0.1, "y", 0.2, "city", "paris"));
    row.put(attribute, value);
    return row;
  }

  @Test
  void selectionDisparity_isReportedAndAlerted_inTheWindowWhereANewChannelIsTreatedWorse() {
    List<DriftReport> alerted = new CopyOnWriteArrayList<>();
    DriftMonitor m = monitor(1_000, SensitiveAttributes.builder("channel")
        .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8).build())
        .listener(new DriftListener() {
          @Override
          public void onFairness(DriftReport report) {
            alerted.add(report);
          }
        }).build();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 3_000; i++) {
      boolean late = i >= 2_000;
      String channel = late && random.nextDouble() < 0.3 ? "partner_app"
          : random.nextDouble() < 0.5 ? "web" : "branch";
      double approval = channel.equals("partner_app") ? 0.3 : 0.6;
      m.record(row("channel", channel), random.nextDouble() < approval ? YES : NO, "r" + i);
    }
    m.awaitEvaluation();
    List<DriftReport> reports = m.history();
    assertThat(reports).hasSize(3);
    assertThat(reports.get(0).fairness().alerts()).isEmpty();
    assertThat(reports.get(1).fairness().alerts()).isEmpty();
    FairnessWindow third = reports.get(2).fairness();
    assertThat(third.window()).isEqualTo(3);
    assertThat(third.rows()).isEqualTo(1_000);
    assertThat(third.selection().attribute("channel").group("partner_app").size()).isBetween(250L, 350L);
    FairnessAlert alert = third.alerts().get(0);
    assertThat(alert.window()).isEqualTo(3);
    assertThat(alert.disparity()).isEqualTo(Disparity.DISPARATE_IMPACT_RATIO);
    assertThat(alert.lowGroup()).isEqualTo("partner_app");
    assertThat(alert.value()).isCloseTo(0.5, within(0.12));
    assertThat(alert.fromLabels()).isFalse();
    assertThat(third.outcomes()).isEmpty();
    assertThat(alerted).extracting(DriftReport::window).containsExactly(3L);
    assertThat(m.fairnessAlerts()).isEqualTo(1);
    // the attribute is not a feature: it is not an unknown field of the rows
    assertThat(reports.get(2).dataQuality().rowsWithUnknownFeatures()).isZero();
    assertThat(reports.get(2).toText()).contains("FAIRNESS ALERT window 3: disparate_impact_ratio of channel");
  }

  @Test
  void labels_countInTheWindowOfTheirPrediction_andAWindowsLabelAlertIsRaisedOnce() {
    DriftMonitor m = monitor(100_000, SensitiveAttributes.builder("region").minGroupSize(1)
        .alertAbove(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.2).build()).build();
    // north: 4 positives, 3 selected -> TPR 0.75; south: 4 positives, 1 selected -> TPR 0.25
    int[] north = {1, 1, 1, 0};
    int[] south = {1, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
      m.record(row("region", "north"), Prediction.ofClass(north[i]), "n" + i);
      m.record(row("region", "south"), Prediction.ofClass(south[i]), "s" + i);
    }
    m.record(row("region", "south"), NO, "s-late");
    FairnessWindow first = m.closeWindow().orElseThrow().fairness();
    assertThat(first.rows()).isEqualTo(9);
    assertThat(first.outcomes()).isEmpty();
    assertThat(first.selection().attribute("region").disparity(Disparity.STATISTICAL_PARITY_DIFFERENCE).value())
        .isCloseTo(0.75 - 0.2, within(1e-12));

    // window 2: two new predictions, and the labels of window 1's predictions arrive
    m.record(row("region", "north"), YES, "n-2");
    m.record(row("region", "south"), YES, "s-2");
    for (int i = 0; i < 4; i++) {
      m.recordLabel("n" + i, 1);
      m.recordLabel("s" + i, 1);
    }
    m.recordLabel("unknown", 1);
    FairnessWindow second = m.closeWindow().orElseThrow().fairness();
    assertThat(second.rows()).isEqualTo(2);
    assertThat(second.outcomes()).hasSize(1);
    assertThat(second.outcomesOf(1)).hasValueSatisfying(o -> {
      assertThat(o.labelledRows()).isEqualTo(8);
      assertThat(o.evaluation().attribute("region").disparity(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE).value())
          .isEqualTo(0.5);
    });
    assertThat(second.outcomesOf(2)).isEmpty();
    assertThat(second.unmatchedLabels()).isEqualTo(1);
    assertThat(second.alerts()).singleElement().satisfies(a -> {
      assertThat(a.window()).isEqualTo(1);
      assertThat(a.fromLabels()).isTrue();
      assertThat(a.highGroup()).isEqualTo("north");
      assertThat(a.lowGroup()).isEqualTo("south");
    });
    assertThat(second.value("region", Disparity.EQUAL_OPPORTUNITY_DIFFERENCE)).isEqualTo(0.5);

    // window 3: one more label of window 1 (a negative of south, not selected): re-evaluated, not re-alerted
    m.record(row("region", "north"), YES, "n-3");
    m.recordLabel("s-late", 0);
    FairnessWindow third = m.closeWindow().orElseThrow().fairness();
    assertThat(third.outcomesOf(1).orElseThrow().labelledRows()).isEqualTo(9);
    GroupRates south1 = third.outcomesOf(1).orElseThrow().evaluation().attribute("region").group("south");
    assertThat(south1.falsePositiveRate()).isEqualTo(0.0);
    assertThat(third.alerts()).isEmpty();
    assertThat(m.fairnessAlerts()).isEqualTo(1);
  }

  @Test
  void reportJson_carriesTheFairness_andReadsBackEqual() {
    DriftMonitor m = monitor(100_000, SensitiveAttributes.builder("region").minGroupSize(1).bootstrap(200)
        .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8).build()).build();
    m.record(row("region", "north"), YES, "a");
    m.record(row("region", "north"), YES, "b");
    m.record(row("region", "south"), YES, "c");
    m.record(row("region", "south"), NO, "d");
    m.closeWindow();
    m.recordLabel("a", 1);
    m.recordLabel("d", 1);
    m.record(row("region", "north"), NO, "e");
    DriftReport report = m.closeWindow().orElseThrow();
    String json = report.toJson();
    assertThat(json).contains("\"fairness\"").contains("\"type\":\"fairness_window\"")
        .contains("\"labelled_rows\":2");
    assertThat(report.fairness().toJson()).doesNotContain("NaN");
    assertThat(DriftReport.fromJson(json)).isEqualTo(report);
    assertThat(FairnessWindow.fromJson(report.fairness().toJson())).isEqualTo(report.fairness());
  }

  @Test
  void fastPath_readsACategoricalFeatureAsTheAttribute() {
    DriftMonitor m = monitor(100_000, SensitiveAttributes.builder("city").minGroupSize(1).build()).build();
    List<String> cities = m.categories("city");
    int cityIndex = m.featureNames().indexOf("city");
    double[] values = new double[m.featureNames().size()];
    values[cityIndex] = cities.indexOf("lyon");
    m.record(values, YES, null);
    values[cityIndex] = Double.NaN;
    m.record(values, NO, null);
    values[cityIndex] = 99;
    m.record(values, NO, null);
    FairnessWindow w = m.closeWindow().orElseThrow().fairness();
    assertThat(w.selection().attribute("city").groups()).extracting(GroupRates::group)
        .containsExactlyInAnyOrder("lyon", "(missing)", "(unseen)");
  }

  @Test
  void badInput_isCounted_neverThrown_andGroupsAreBounded() {
    DriftMonitor m = monitor(100_000, SensitiveAttributes.builder("region").maxGroups(3).build()).build();
    m.record(row("region", "a"), null, "no-prediction");
    m.record(row("region", "a"), Prediction.ofValue(3.5), "regression");
    Map<String, Object> missing = row("region", null);
    m.record(missing, YES, "m");
    for (int i = 0; i < 50; i++) {
      m.record(row("region", "group-" + i), i % 2 == 0 ? YES : NO, "g" + i);
    }
    m.recordLabel(null, 1);
    m.recordLabel("no-prediction", 1);
    FairnessWindow w = m.closeWindow().orElseThrow().fairness();
    assertThat(w.skipped()).isEqualTo(2);
    assertThat(w.rows()).isEqualTo(51);
    assertThat(w.unmatchedLabels()).isEqualTo(2);
    assertThat(w.selection().attribute("region").groups()).extracting(GroupRates::group)
        .containsExactlyInAnyOrder("(missing)", "group-0", "(other)");
    assertThat(m.recordErrors()).isZero();
  }

  @Test
  void labelsOfPredictionsOlderThanTheLabelWindows_areCountedUnmatched() {
    DriftMonitor m = monitor(100_000, SensitiveAttributes.builder("region").labelWindows(1).build()).build();
    m.record(row("region", "north"), YES, "old");
    m.closeWindow();
    m.record(row("region", "north"), YES, "newer");
    m.closeWindow();
    m.record(row("region", "north"), YES, "newest");
    m.recordLabel("old", 1);
    m.recordLabel("newer", 1);
    FairnessWindow w = m.closeWindow().orElseThrow().fairness();
    assertThat(w.unmatchedLabels()).isEqualTo(1);
    assertThat(w.outcomes()).extracting(o -> o.window()).containsExactly(2L);
  }

  @Test
  void micrometer_exposesTheLatestDisparities_andCountsFairnessAlerts() {
    DriftMonitor m = monitor(4, SensitiveAttributes.builder("region").minGroupSize(1)
        .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8).build()).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DriftMonitorMetrics(m, List.of()).bindTo(registry);
    assertThat(registry.get("mlops.fairness.disparity").tag("disparity", "disparate_impact_ratio").gauge()
        .value()).isNaN();
    m.record(row("region", "north"), YES, "a");
    m.record(row("region", "north"), YES, "b");
    m.record(row("region", "south"), YES, "c");
    m.record(row("region", "south"), NO, "d");
    m.awaitEvaluation();
    assertThat(registry.get("mlops.fairness.disparity").tag("disparity", "disparate_impact_ratio").gauge()
        .value()).isEqualTo(0.5);
    assertThat(registry.get("mlops.fairness.alerts").functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("mlops.fairness.disparity").tag("disparity", "equal_opportunity_difference")
        .tag("basis", "labels").gauge().value()).isNaN();
  }

  @Test
  void readmeExample_alertsTheListener_whenYoungApplicantsAreApprovedLessOften() {
    ReferenceProfile profile = Fixtures.profile(Fixtures.rows(500, 1, 0, 1));
    List<FairnessAlert> seen = new CopyOnWriteArrayList<>();
    DriftMonitor monitor = DriftMonitor.builder(profile)
        .fairness(SensitiveAttributes.builder("age_group")        // any field of the recorded row
            .favourableClass(0)                                    // 0 = "will not default": approved
            .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8)
            .alertAbove(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.1)
            .build())
        .listener(new DriftListener() {
          @Override
          public void onFairness(DriftReport r) {
            seen.addAll(r.fairness().alerts());
          }
        })
        .build();
    for (int i = 0; i < 200; i++) {
      // under 30: approved (class 0) 2 times in 4; 30 and over: 3 times in 4 -> ratio 2/3
      boolean young = i % 2 == 0;
      boolean approved = young ? i % 4 == 0 : i % 8 != 1;
      monitor.record(row("age_group", young ? "under 30" : "30+"), approved ? NO : YES, "r" + i);
    }
    monitor.closeWindow();
    assertThat(seen).singleElement().satisfies(a -> {
      assertThat(a.disparity()).isEqualTo(Disparity.DISPARATE_IMPACT_RATIO);
      assertThat(a.value()).isCloseTo((50.0 / 100) / (75.0 / 100), within(1e-12));
      assertThat(a.lowGroup()).isEqualTo("under 30");
    });
  }

  @Test
  void noDeclaration_meansNoFairnessPart() {
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1))).build();
    m.record(row("region", "north"), YES, "a");
    assertThat(m.closeWindow().orElseThrow().fairnessWindow()).isEmpty();
    assertThat(m.sensitiveAttributes()).isEmpty();
  }

  @Test
  void declaration_refusesBadSettings() {
    assertThatThrownBy(SensitiveAttributes::builder).hasMessage("sensitive attributes must name at least one attribute");
    assertThatThrownBy(() -> SensitiveAttributes.builder("a", "a")).hasMessage("attribute names must be unique: [a, a]");
    assertThatThrownBy(() -> SensitiveAttributes.builder(" ")).hasMessage("attribute name must not be blank:  ");
    assertThatThrownBy(() -> SensitiveAttributes.builder("a").bootstrap(10))
        .hasMessage("resamples must be 0 or at least 100: 10");
    assertThatThrownBy(() -> SensitiveAttributes.builder("a").labelWindows(0))
        .hasMessage("label windows must be at least 1: 0");
    assertThatThrownBy(() -> SensitiveAttributes.builder("a").alertBelow(Disparity.DISPARATE_IMPACT_RATIO, Double.NaN))
        .hasMessageContaining("must not be NaN");
    List<String> names = new ArrayList<>(SensitiveAttributes.builder("a", "b").build().names());
    assertThat(names).containsExactly("a", "b");
  }
}
