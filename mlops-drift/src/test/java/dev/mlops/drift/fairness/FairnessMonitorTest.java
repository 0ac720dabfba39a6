package dev.mlops.drift.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.fairness.Disparity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class FairnessMonitorTest {

  @Test
  void selectionDisparity_isAlerted_inTheWindowWhereANewChannelIsTreatedWorse() {
    List<FairnessWindow> windows = new ArrayList<>();
    FairnessMonitor monitor = FairnessMonitor.builder("channel").windowSize(1_000)
        .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8).listener(windows::add).build();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 3_000; i++) {
      boolean late = i >= 2_000;
      String channel = late && random.nextDouble() < 0.3 ? "partner_app" : random.nextDouble() < 0.5 ? "web" : "branch";
      double approval = channel.equals("partner_app") ? 0.3 : 0.6;
      monitor.record("r" + i, Map.of("channel", channel), random.nextDouble() < approval ? 1 : 0);
    }
    assertThat(windows).hasSize(3);
    assertThat(windows.get(0).alerts()).isEmpty();
    assertThat(windows.get(1).alerts()).isEmpty();
    FairnessAlert alert = windows.get(2).alerts().get(0);
    assertThat(alert.disparity()).isEqualTo(Disparity.DISPARATE_IMPACT_RATIO);
    assertThat(alert.lowGroup()).isEqualTo("partner_app");
    assertThat(alert.value()).isCloseTo(0.5, within(0.12));
    assertThat(alert.fromLabels()).isFalse();
    assertThat(windows.get(2).selection().attribute("channel").group("partner_app").size()).isBetween(250L, 350L);
    assertThat(windows.get(2).outcomes()).isNull();
  }

  @Test
  void labels_giveTheOutcomeDisparities_withTheGroupOfTheirPrediction() {
    FairnessMonitor monitor = FairnessMonitor.builder("region").windowSize(10_000).minGroupSize(1)
        .alertAbove(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.2).build();
    // north: 4 positives, 3 selected -> TPR 0.75; south: 4 positives, 1 selected -> TPR 0.25
    int[] northDecisions = {1, 1, 1, 0};
    int[] southDecisions = {1, 0, 0, 0};
    for (int i = 0; i < 4; i++) {
      monitor.record("n" + i, Map.of("region", "north"), northDecisions[i]);
      monitor.record("s" + i, Map.of("region", "south"), southDecisions[i]);
    }
    for (int i = 0; i < 4; i++) {
      assertThat(monitor.recordLabel("n" + i, 1)).isTrue();
      assertThat(monitor.recordLabel("s" + i, 1)).isTrue();
    }
    assertThat(monitor.recordLabel("unknown", 1)).isFalse();
    FairnessWindow w = monitor.closeWindow().orElseThrow();
    assertThat(w.labelledRows()).isEqualTo(8);
    assertThat(w.skipped()).isEqualTo(1);
    assertThat(w.outcomes().attribute("region").disparity(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE).value())
        .isEqualTo(0.5);
    assertThat(w.alerts()).extracting(FairnessAlert::disparity).containsExactly(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE);
    assertThat(w.alerts().get(0).fromLabels()).isTrue();
    assertThat(w.selection().attribute("region").disparity(Disparity.STATISTICAL_PARITY_DIFFERENCE).value())
        .isEqualTo(0.5);
    assertThat(w.toJson()).contains("\"type\":\"fairness_window\"").contains("\"labelled_rows\":8")
        .contains("\"disparity\":\"equal_opportunity_difference\"").doesNotContain("NaN");
  }

  @Test
  void badInput_isCounted_neverThrown_andMemoryIsBounded() {
    FairnessMonitor monitor = FairnessMonitor.builder("region").windowSize(100_000).maxGroups(3).maxPending(10)
        .build();
    assertThat(monitor.record(null, Map.of("region", "x"), 1)).isFalse();
    assertThat(monitor.record("x".repeat(10_000), Map.of("region", "x"), 1)).isFalse();
    assertThat(monitor.record("r", null, 1)).isFalse();
    Map<String, Object> noRegion = new HashMap<>();
    noRegion.put("region", null);
    assertThat(monitor.record("m", noRegion, 1)).isTrue();
    for (int i = 0; i < 50; i++) {
      monitor.record("g" + i, Map.of("region", "group-" + i), i % 2);
    }
    assertThat(monitor.expiredPredictions()).isEqualTo(41);
    FairnessWindow w = monitor.closeWindow().orElseThrow();
    assertThat(w.skipped()).isEqualTo(3);
    assertThat(w.selection().attribute("region").groups()).extracting(g -> g.group())
        .containsExactlyInAnyOrder("(missing)", "group-0", "(other)");
    assertThat(monitor.closeWindow()).isEmpty();
  }

  @Test
  void micrometer_exposesTheLatestWindowsDisparities() {
    FairnessMonitor monitor = FairnessMonitor.builder("region").windowSize(4).minGroupSize(1)
        .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8).build();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    new dev.mlops.drift.monitor.micrometer.FairnessMonitorMetrics(monitor, java.util.List.of()).bindTo(registry);
    assertThat(registry.get("mlops.fairness.disparity").tag("disparity", "disparate_impact_ratio").gauge().value())
        .isNaN();
    monitor.record("a", Map.of("region", "north"), 1);
    monitor.record("b", Map.of("region", "north"), 1);
    monitor.record("c", Map.of("region", "south"), 1);
    monitor.record("d", Map.of("region", "south"), 0);
    assertThat(registry.get("mlops.fairness.disparity").tag("disparity", "disparate_impact_ratio").gauge().value())
        .isEqualTo(0.5);
    assertThat(registry.get("mlops.fairness.alerts").functionCounter().count()).isEqualTo(1.0);
    assertThat(registry.get("mlops.fairness.disparity").tag("disparity", "equal_opportunity_difference")
        .tag("basis", "labels").gauge().value()).isNaN();
  }

  @Test
  void builder_refusesBadSettings() {
    assertThatThrownBy(FairnessMonitor::builder).hasMessageContaining("at least one attribute");
    assertThatThrownBy(() -> FairnessMonitor.builder("a", "a")).hasMessageContaining("unique");
    assertThatThrownBy(() -> FairnessMonitor.builder("a").windowSize(0)).hasMessage("window size must be at least 1: 0");
    assertThatThrownBy(() -> FairnessMonitor.builder("a").bootstrap(10)).hasMessageContaining("0 or at least 100");
  }
}
