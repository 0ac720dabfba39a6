package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A numeric feature has two checks, its distribution test and the calibrated scale check: the
 * drift explorer's table shows both for every feature and which one fired.
 */
final class ScaleCheckReportTest {

  private static JsonNode cell(JsonNode drift, int window, String feature) {
    int f = -1;
    for (int i = 0; i < drift.get("features").size(); i++) {
      if (drift.get("features").get(i).asText().equals(feature)) {
        f = i;
      }
    }
    for (JsonNode c : drift.get("cells")) {
      if (c.get("w").asInt() == window && c.get("f").asInt() == f) {
        return c;
      }
    }
    throw new AssertionError("no cell of " + feature + " in window " + window);
  }

  private static JsonNode driftBlock(JsonNode data) {
    for (JsonNode s : data.get("sections")) {
      for (JsonNode b : s.get("blocks")) {
        if (b.get("type").asText().equals("drift")) {
          return b;
        }
      }
    }
    throw new AssertionError("no drift block");
  }

  @Test
  void driftTable_showsTheTestAndTheScaleCheck_andWhichFired() {
    RunReport run = SampleRuns.narrowedSpread();
    FeatureDrift x = run.windows().get(1).report().feature("x").orElseThrow();
    assertThat(x.firedChecks()).as(x.reason()).containsExactly("scale");

    HtmlReport html = HtmlReport.render(run);
    JsonNode drift = driftBlock(html.data());
    JsonNode narrowed = cell(drift, 1, "x");
    assertThat(narrowed.get("status").asText()).isEqualTo("DRIFT");
    assertThat(narrowed.get("fired")).hasSize(1);
    assertThat(narrowed.get("fired").get(0).asText()).isEqualTo("scale");
    // the distribution test's own numbers: below its threshold
    assertThat(narrowed.get("statistic").asDouble()).isLessThan(narrowed.get("threshold").asDouble());
    JsonNode scale = narrowed.get("scale");
    assertThat(scale.get("status").asText()).isEqualTo("DRIFT");
    assertThat(scale.get("logSdRatio").asDouble()).isLessThan(scale.get("lower").asDouble());
    assertThat(scale.get("p").asDouble()).isLessThan(scale.get("alpha").asDouble());

    JsonNode steady = cell(drift, 1, "y");
    assertThat(steady.get("fired")).isEmpty();
    assertThat(steady.get("scale").get("status").asText()).isEqualTo("OK");
    assertThat(steady.get("scale").get("logSdRatio").asDouble())
        .isBetween(steady.get("scale").get("lower").asDouble(), steady.get("scale").get("upper").asDouble());

    // the page's table has a column for each check and one for the checks that fired
    assertThat(html.toHtml()).contains("'scale check', 'scale p-value'").contains("'fired by'");
  }

  @Test
  void runSummary_countsAFeatureDriftedByItsScaleCheck() {
    RunReport run = SampleRuns.narrowedSpread();
    DriftReport week2 = run.windows().get(1).report();
    assertThat(week2.driftedFeatures()).extracting(FeatureDrift::feature).containsExactly("x");
    assertThat(run.summary().driftedFeatures()).containsExactly(Map.entry("x", 1));
    assertThat(run.summary().driftedWindows()).containsExactly("week 2");
  }
}
