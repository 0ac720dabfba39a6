package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON rule of drift reports: numbers or null, never strings; snake_case; round trip. */
final class DriftReportJsonTest {

  /** A window with undefined values: a feature without data, a chi-square that is infinite. */
  private static DriftReport reportWithUndefinedValues() {
    List<Map<String, Object>> ref = Fixtures.rows(500, 3, 0, 1);
    ReferenceProfile profile = Fixtures.profile(ref);
    DriftMonitor m = DriftMonitor.builder(profile).window(Window.tumblingCount(200))
        .quantileSketch(64)
        .featureTest("city", DriftStatistic.CHI_SQUARE_GOODNESS_OF_FIT)
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
    for (Map<String, Object> row : Fixtures.rows(200, 4, 0.3, 1)) {
      Map<String, Object> r = new HashMap<>(row);
      r.put("y", Double.NaN); // y has no valid value in the window: insufficient data
      r.put("city", "tokyo"); // unseen: goodness of fit to the reference is infinite
      m.record(r, null, null);
    }
    return m.latestReport().orElseThrow();
  }

  @Test
  void nonFiniteNumbers_areNullWithTheKindBeside_neverStrings() throws Exception {
    DriftReport report = reportWithUndefinedValues();
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    JsonNode y = json.get("features").get(1);
    assertThat(y.get("feature").asText()).isEqualTo("y");
    assertThat(y.get("status").asText()).isEqualTo("INSUFFICIENT_DATA");
    assertThat(y.get("statistic").isNull()).isTrue();
    assertThat(y.get("statistic_non_finite").asText()).isEqualTo("NaN");
    assertThat(y.get("p_value").isNull()).isTrue();
    assertThat(y.get("reason").asText()).contains("window has 0 values");
    JsonNode city = json.get("features").get(2);
    assertThat(city.get("statistic").isNull()).isTrue();
    assertThat(city.get("statistic_non_finite").asText()).isEqualTo("Infinity");
    assertThat(numericFieldsHoldingText(json)).isEmpty();
  }

  /** Paths of fields that hold text where the Java component is a number. */
  private static List<String> numericFieldsHoldingText(JsonNode node) {
    List<String> bad = new ArrayList<>();
    walk(node, "$", bad);
    return bad;
  }

  private static void walk(JsonNode node, String path, List<String> bad) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        JsonNode v = e.getValue();
        boolean numeric = name.equals("statistic") || name.equals("p_value")
            || name.equals("threshold") || name.endsWith("_share") || name.equals("effect_size")
            || name.equals("alpha") || name.equals("corrected_threshold");
        if (numeric && v.isTextual()) {
          bad.add(path + "." + name + "=" + v);
        }
        walk(v, path + "." + name, bad);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isTextual() && node.get(i).asText().contains("NaN")) {
          bad.add(path + "[" + i + "]");
        }
        walk(node.get(i), path + "[" + i + "]", bad);
      }
    }
  }

  @Test
  void fromJson_readsBackAnEqualReport_includingNaNAndInfinity() {
    DriftReport report = reportWithUndefinedValues();
    DriftReport back = DriftReport.fromJson(report.toJson());
    assertThat(back).isEqualTo(report);
    assertThat(back.feature("city").orElseThrow().statistic()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(back.feature("y").orElseThrow().statistic()).isNaN();
    assertThat(back.toJson()).isEqualTo(report.toJson());
  }

  @Test
  void fromJson_namesTheTypeOnBadInput() {
    assertThatThrownBy(() -> DriftReport.fromJson("[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("json must be a DriftReport written by toJson()");
  }

  @Test
  void propertyNames_areSnakeCase() throws Exception {
    JsonNode json = new ObjectMapper().readTree(reportWithUndefinedValues().toJson());
    List<String> names = new ArrayList<>();
    collectNames(json, names);
    assertThat(names).isNotEmpty().allMatch(n -> n.matches("[a-z][a-z0-9_]*"), "snake_case");
  }

  private static void collectNames(JsonNode node, List<String> names) {
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(names::add);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        // the top_* maps are keyed by data (feature names and categories), not properties
        if (!e.getKey().startsWith("top_")) {
          collectNames(e.getValue(), names);
        }
      }
    } else if (node.isArray()) {
      node.forEach(c -> collectNames(c, names));
    }
  }
}
