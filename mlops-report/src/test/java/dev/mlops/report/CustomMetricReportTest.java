package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user-defined metric ({@link SampleRuns#COST}, a mlops-metrics {@code CustomMetric}) shows in the
 * HTML report exactly where and as a built-in one does: the model test's expectations, the evaluation's
 * metric table with its interval, the gate's champion-versus-candidate table, and performance over time
 * with its band. "Exactly like" is checked cell by cell against a built-in metric of the same rows.
 */
final class CustomMetricReportTest {

  private static final HtmlReport REPORT = HtmlReport.render(SampleRuns.classification());
  private static final String COST = SampleRuns.COST.key();

  @Test
  void customMetric_isInTheModelTestTable_likeABuiltInExpectation() {
    JsonNode tables = tables(section("model-test"));
    JsonNode expectations = tables.get(0);
    JsonNode cost = row(expectations, COST + " <= 1");
    JsonNode auc = row(expectations, "roc_auc >= 0.7");

    assertThat(kinds(cost)).isEqualTo(kinds(auc));
    assertThat(cost.get(1).get("s").asText()).isEqualTo("PASSED");
    double observed = cost.get(2).get("n").asDouble();
    assertThat(observed).isBetween(0.0, 1.0);
    assertThat(cost.get(3).get("ci").get(0).asDouble()).isLessThanOrEqualTo(observed);
    assertThat(cost.get(3).get("ci").get(1).asDouble()).isGreaterThanOrEqualTo(observed);
  }

  @Test
  void customMetric_isInTheEvaluationTable_withItsInterval_likeABuiltIn() {
    JsonNode metrics = tables(section("model-test")).get(1);
    JsonNode cost = row(metrics, COST);
    JsonNode brier = row(metrics, "brier");

    assertThat(kinds(cost)).isEqualTo(kinds(brier));
    assertThat(cost.get(2).get("ci").get(0).isNumber()).as("bootstrap interval of the custom metric").isTrue();
    assertThat(cost.get(3).get("c").asLong()).isEqualTo(brier.get(3).get("c").asLong());
  }

  @Test
  void customMetric_isInTheGateTable_withBothModelsDifferenceIntervalAndPValue() {
    JsonNode gate = tables(section("gate")).get(0);
    JsonNode cost = row(gate, COST);
    JsonNode auc = row(gate, "roc_auc");

    assertThat(kinds(cost)).isEqualTo(kinds(auc));
    double champion = cost.get(1).get("n").asDouble();
    double candidate = cost.get(2).get("n").asDouble();
    assertThat(cost.get(3).get("n").asDouble()).isCloseTo(candidate - champion,
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cost.get(4).get("ci").get(0).asDouble()).isLessThanOrEqualTo(cost.get(4).get("ci").get(1).asDouble());
    assertThat(cost.get(5).get("p").asDouble()).isBetween(0.0, 1.0);
    assertThat(cost.get(6).asText()).isEqualTo("paired_bootstrap");
  }

  @Test
  void customMetric_isChartedOverTime_withABandInEveryWindow_likeABuiltIn() {
    JsonNode cost = performance(COST);
    JsonNode auc = performance("roc_auc");

    JsonNode realised = cost.get("series").get(0);
    assertThat(realised.get("name").asText()).isEqualTo(COST + " realised");
    assertThat(fieldNames(realised)).isEqualTo(fieldNames(auc.get("series").get(0)));
    assertThat(cost.get("markers")).isEqualTo(auc.get("markers"));
    assertThat(cost.get("references")).isEqualTo(auc.get("references"));
    for (int w = 0; w < 12; w++) {
      assertThat(realised.get("lower").get(w).isNumber()).as("window %d has a band", w).isTrue();
      assertThat(realised.get("upper").get(w).isNumber()).as("window %d has a band", w).isTrue();
      double v = realised.get("values").get(w).asDouble();
      assertThat(v).as("window %d", w).isBetween(realised.get("lower").get(w).asDouble(),
          realised.get("upper").get(w).asDouble());
    }
    // after the shift the model flags defaults and the cost varies between resamples: a band with width
    assertThat(realised.get("upper").get(7).asDouble() - realised.get("lower").get(7).asDouble()).isGreaterThan(0.1);
  }

  private static JsonNode section(String id) {
    for (JsonNode s : REPORT.data().get("sections")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no section " + id + " in " + REPORT.data().get("sections").findValuesAsText("id"));
  }

  private static JsonNode tables(JsonNode section) {
    List<JsonNode> out = new ArrayList<>();
    section.get("blocks").forEach(b -> {
      if (b.get("type").asText().equals("table")) {
        out.add(b);
      }
    });
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().addAll(out);
  }

  private static JsonNode row(JsonNode table, String first) {
    for (JsonNode row : table.get("rows")) {
      if (row.get(0).asText().equals(first)) {
        return row;
      }
    }
    throw new AssertionError("no row " + first + " in " + table.get("rows"));
  }

  /** What each cell holds: text, number, interval, count, p-value or status. */
  private static List<String> kinds(JsonNode row) {
    List<String> kinds = new ArrayList<>();
    row.forEach(c -> kinds.add(c.isTextual() ? "text" : c.fieldNames().next()));
    return kinds;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode performance(String metric) {
    for (JsonNode b : section("monitoring").get("blocks")) {
      if (b.get("type").asText().equals("grid")) {
        for (JsonNode c : b.get("charts")) {
          if (c.get("kind").asText().equals("performance") && c.get("title").asText().contains(": " + metric + " ")) {
            return c;
          }
        }
      }
    }
    throw new AssertionError("no performance chart of " + metric);
  }
}
