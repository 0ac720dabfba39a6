package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.drift.internal.DriftJson;
import dev.mlops.drift.monitor.micrometer.DriftMonitorMetrics;
import dev.mlops.drift.profile.ReferenceProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scale check as a statistic of its own: value, band, p-value, which check fired, JSON. */
final class ScaleDriftTest {

  /**
   * An AR(1) stream (rho 0.5) whose feature x0 keeps its mean but shrinks its deviation to 0.85
   * from row 20,000: the calibrated distance stays below its threshold, the scale band does not.
   * At a stated 1% of windows (the band of the default 0.2% holds the window's log ratio -0.1376:
   * this fixture tests what the scale check reports, not how wide the default makes it).
   */
  private static DriftMonitor shrunkSpreadMonitor() {
    List<Map<String, Object>> rows = ChunkCalibrationTest.ar1(21_000, 0.5, 12L, 0.85, 20_000);
    ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("c");
    rows.subList(0, 20_000).forEach(b::add);
    DriftMonitor m = DriftMonitor.builder(b.build()).window(Window.tumblingCount(1_000))
        .thresholds(DriftThresholds.calibrated(0.01)).build();
    rows.subList(20_000, 21_000).forEach(row -> m.record(row, null, null));
    m.awaitEvaluation();
    return m;
  }

  private static DriftReport shrunkSpreadWindow() {
    return shrunkSpreadMonitor().latestReport().orElseThrow();
  }

  @Test
  void band_boundsAndPValue_matchScipysStudentTPredictionInterval() {
    // v = [0.012, -0.034, 0.051, 0.003, -0.021, 0.027, -0.008, 0.040]; rate 0.005, factor 1.1
    // m, s = v.mean(), v.std(ddof=1); spread = s * sqrt(1 + 1/8) * 1.1
    // m -+ t.ppf(1 - 0.005/2, 7) * spread; p(r) = 2 * t.sf(|r - m| / spread, 7)
    double[] v = {0.012, -0.034, 0.051, 0.003, -0.021, 0.027, -0.008, 0.040};
    ScaleCheck.Band band = ScaleCheck.fit(v, 0.005, 1.1, "test windows");
    assertThat(band.lo()).isCloseTo(-0.13038516379930645, within(1e-12));
    assertThat(band.hi()).isCloseTo(0.14788516379930647, within(1e-12));
    assertThat(band.centre()).isCloseTo(0.00875, within(1e-15));
    assertThat(band.spread()).isCloseTo(0.03453053384842382, within(1e-14));

    ScaleDrift out = band.result(0.2);
    assertThat(out.pValue()).isCloseTo(0.0008703260458973634, within(1e-12));
    assertThat(out.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(out.alpha()).isEqualTo(0.005);
    ScaleDrift in = band.result(-0.05);
    assertThat(in.pValue()).isCloseTo(0.13266002458887624, within(1e-12));
    assertThat(in.status()).isEqualTo(DriftStatus.OK);
    assertThat(band.result(0.01).pValue()).isCloseTo(0.9721336930730395, within(1e-12));
    // a constant window: infinitely far below any band
    ScaleDrift constant = band.result(Double.NEGATIVE_INFINITY);
    assertThat(constant.pValue()).isZero();
    assertThat(constant.drifted()).isTrue();
  }

  @Test
  void scaleOnlyDrift_isItsOwnStatistic_andTheDistanceFieldsStayTheDistancesBelowThreshold() {
    FeatureDrift x0 = shrunkSpreadWindow().feature("x0").orElseThrow();

    assertThat(x0.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(x0.firedChecks()).containsExactly(ScaleDrift.KEY);
    assertThat(x0.scaleDrifted()).isTrue();
    assertThat(x0.testDrifted()).isFalse();
    // statistic/threshold are the distribution test's, which did not fire
    assertThat(x0.test()).isEqualTo("normed_wasserstein");
    assertThat(x0.statistic()).isLessThan(x0.threshold());

    ScaleDrift scale = x0.scaleCheck().orElseThrow();
    // NumPy: np.log(np.std(window, ddof=1) / np.std(reference)) on rows 20,000..20,999 / 0..19,999
    assertThat(scale.logSdRatio()).isCloseTo(-0.13755487273068603, within(1e-12));
    assertThat(scale.sdRatio()).isCloseTo(Math.exp(-0.13755487273068603), within(1e-12));
    assertThat(scale.logSdRatio()).isLessThan(scale.lower());
    assertThat(scale.lower()).isLessThan(0).isLessThan(scale.upper());
    assertThat(scale.pValue()).isLessThan(scale.alpha());
    assertThat(scale.origin()).contains("ordered reference windows").contains("Student-t");
    assertThat(x0.reason()).startsWith("scale check: log sd ratio -0.1376 outside");
    assertThat(x0.evidence()).startsWith("scale: log sd ratio -0.1376 outside [")
        .doesNotContain("normed_wasserstein");
  }

  @Test
  void alertLogLineAndGauges_nameTheScaleCheckWhenItDecided() {
    DriftMonitor m = shrunkSpreadMonitor();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DriftMonitorMetrics(m).bindTo(registry);
    assertThat(gauge(registry, "mlops.drift.feature.status", "x0")).isEqualTo(1.0);
    assertThat(gauge(registry, "mlops.drift.feature.test.drift", "x0")).isEqualTo(0.0);
    assertThat(gauge(registry, "mlops.drift.feature.scale.drift", "x0")).isEqualTo(1.0);
    assertThat(gauge(registry, "mlops.drift.feature.scale.log.sd.ratio", "x0"))
        .isCloseTo(-0.13755487273068603, within(1e-12));
    assertThat(gauge(registry, "mlops.drift.feature.scale.p.value", "x0"))
        .isLessThan(0.00125).isPositive();
    assertThat(gauge(registry, "mlops.drift.feature.scale.drift", "x1")).isEqualTo(0.0);
    assertThat(gauge(registry, "mlops.drift.feature.scale.drift", "c")).isNaN();

    String line = WindowReporter.summary(m.latestReport().orElseThrow());
    assertThat(line).contains("x0 (scale: log sd ratio -0.1376 outside [")
        .doesNotContain("x0 (normed_wasserstein");
  }

  private static double gauge(SimpleMeterRegistry registry, String name, String feature) {
    return registry.get(name).tag("feature", feature).gauge().value();
  }

  @Test
  void featuresWithoutAScaleCheck_haveNone_andTheirFiredChecksFollowTheirTest() {
    DriftReport report = shrunkSpreadWindow();
    FeatureDrift c = report.feature("c").orElseThrow();
    assertThat(c.scale()).isNull();
    assertThat(c.firedChecks()).isEqualTo(c.drifted() ? List.of(c.test()) : List.of());
    FeatureDrift x1 = report.feature("x1").orElseThrow();
    assertThat(x1.scaleCheck()).isPresent();
    assertThat(x1.scale().status()).isEqualTo(DriftStatus.OK);
    assertThat(x1.firedChecks()).isEmpty();
    assertThat(x1.evidence()).isEmpty();
  }

  @Test
  void json_writesTheScaleCheckAndTheFiredChecks_andReadsThemBack() {
    DriftReport report = shrunkSpreadWindow();
    JsonNode x0 = feature(json(report.toJson()), "x0");
    assertThat(x0.get("fired_checks")).hasSize(1);
    assertThat(x0.get("fired_checks").get(0).asText()).isEqualTo("scale");
    JsonNode scale = x0.get("scale");
    assertThat(scale.get("log_sd_ratio").asDouble()).isCloseTo(-0.13755487273068603,
        within(1e-12));
    assertThat(scale.get("status").asText()).isEqualTo("DRIFT");
    List<String> names = new java.util.ArrayList<>();
    scale.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("log_sd_ratio", "lower", "upper", "p_value", "alpha",
        "status", "origin");
    assertThat(feature(json(report.toJson()), "c").get("scale").isNull())
        .as("the categorical feature c has no scale check").isTrue();

    assertThat(DriftReport.fromJson(report.toJson())).isEqualTo(report);
  }

  @Test
  void jsonWrittenBeforeTheScaleCheck_stillReads_withTheFiredCheckDerivedFromTheStatus() {
    DriftReport report = shrunkSpreadWindow();
    ObjectNode tree = (ObjectNode) json(report.toJson());
    for (JsonNode f : (ArrayNode) tree.get("features")) {
      ((ObjectNode) f).remove(List.of("scale", "fired_checks"));
    }
    DriftReport old = DriftReport.fromJson(tree.toString());
    FeatureDrift x0 = old.feature("x0").orElseThrow();
    assertThat(x0.scale()).isNull();
    assertThat(x0.status()).isEqualTo(DriftStatus.DRIFT);
    // all an old document can say: its test decided
    assertThat(x0.firedChecks()).containsExactly("normed_wasserstein");
    assertThat(old.feature("x1").orElseThrow().firedChecks()).isEmpty();
  }

  @Test
  void nonFiniteLogRatio_isNullWithItsKindBeside_andRoundTrips() {
    ScaleDrift constant = new ScaleDrift(Double.NEGATIVE_INFINITY, -0.1, 0.1, 0.0, 0.005,
        DriftStatus.DRIFT, "hand-made band");
    FeatureDrift f = new FeatureDrift("x", "numeric", "normed_wasserstein", 0.05, Double.NaN, 0.1,
        0.05, 0, 500, 200, DriftStatus.DRIFT, "constant window", constant,
        List.of(ScaleDrift.KEY));
    String text = DriftJson.write(f, "feature");
    JsonNode scale = json(text).get("scale");
    assertThat(scale.get("log_sd_ratio").isNull()).isTrue();
    assertThat(scale.get("log_sd_ratio_non_finite").asText()).isEqualTo("-Infinity");
    assertThat(DriftJson.read(text, FeatureDrift.class)).isEqualTo(f);
  }

  @Test
  void constructor_refusesFiredChecksThatDisagreeWithTheVerdict_andTheOldFormDerivesThem() {
    ScaleDrift fired = new ScaleDrift(0.3, -0.1, 0.1, 1e-4, 0.005, DriftStatus.DRIFT, "band");
    assertThatThrownBy(() -> new FeatureDrift("x", "numeric", "ks", 0.1, 0.5, 0.05, 0.1, 0, 100,
        100, DriftStatus.DRIFT, "r", fired, List.of("ks")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fired checks of x must name the checks that fired");
    assertThatThrownBy(() -> new FeatureDrift("x", "numeric", "ks", 0.1, 0.5, 0.05, 0.1, 0, 100,
        100, DriftStatus.OK, "r", null, List.of("ks")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScaleDrift(0.3, 0.1, -0.1, 1e-4, 0.005, DriftStatus.DRIFT, "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scale band must have lower <= upper: [0.1, -0.1]");
    assertThatThrownBy(() -> new ScaleDrift(0.3, -0.1, 0.1, 1e-4, 0.005, DriftStatus.OK, "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scale status must be DRIFT exactly when the log sd ratio is "
            + "outside the band: 0.3");
    FeatureDrift old = new FeatureDrift("x", "numeric", "ks", 0.4, 0.001, 0.05, 0.4, 0, 100, 100,
        DriftStatus.DRIFT, "ks p-value 0.0010 < 0.0500");
    assertThat(old.firedChecks()).containsExactly("ks");
    assertThat(old.scale()).isNull();
    assertThat(old.evidence()).isEqualTo("ks 0.4000, p-value 0.0010 (threshold 0.0500)");
  }

  private static JsonNode feature(JsonNode report, String name) {
    for (JsonNode f : report.get("features")) {
      if (f.get("feature").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no feature " + name + " in " + report);
  }

  private static JsonNode json(String text) {
    try {
      return DriftJson.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
