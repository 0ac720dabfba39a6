package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.drift.stat.CountStatistic;
import dev.mlops.drift.stat.DriftStatistic;
import dev.mlops.drift.stat.SampleStatistic;
import dev.mlops.drift.stat.TestResult;
import java.util.Arrays;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * User-defined drift statistics go through the monitor's decision, correction and report exactly
 * as built-ins do (the window of {@link DriftDecisionTest}: x 0..99 against 30 + 1.2 i).
 */
final class UserStatisticTest {

  /** A z-test of the means with the normal tail: a user's test with a p-value. */
  static final SampleStatistic MEAN_Z = DriftStatistic.ofSamples("mean_z", true, (ref, cur) -> {
    double z = (mean(cur) - mean(ref)) / Math.sqrt(var(ref) / ref.length + var(cur) / cur.length);
    return TestResult.ok("mean_z", z, Erf.erfc(Math.abs(z) / Math.sqrt(2)), ref.length,
        cur.length);
  });

  /** The largest absolute change of a category's share: a user's distance on counts. */
  static final CountStatistic MAX_SHARE_CHANGE =
      DriftStatistic.ofCounts("max_share_change", false, (ref, cur) -> {
        long n1 = Arrays.stream(ref).sum();
        long n2 = Arrays.stream(cur).sum();
        double m = 0;
        for (int i = 0; i < ref.length; i++) {
          m = Math.max(m, Math.abs((double) ref[i] / n1 - (double) cur[i] / n2));
        }
        return TestResult.ok("max_share_change", m, Double.NaN, n1, n2);
      });

  private static double mean(double[] x) {
    return Arrays.stream(x).average().orElse(Double.NaN);
  }

  private static double var(double[] x) {
    double m = mean(x);
    return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
  }

  @Test
  void userTestWithPValue_isCorrectedWithTheBuiltIns_andReportedUnderItsKey() {
    DriftReport r = DriftDecisionTest.window(DriftMonitor.builder(DriftDecisionTest.profile())
        .thresholds(DriftThresholds.evidentlyDefaults()).featureTest("x", MEAN_Z));
    FeatureDrift x = r.feature("x").orElseThrow();
    assertThat(x.test()).isEqualTo("mean_z");
    double[] ref = new double[100];
    for (int i = 0; i < 100; i++) {
      ref[i] = i;
    }
    double[] cur = new double[60];
    for (int i = 0; i < 60; i++) {
      cur[i] = 30 + 1.2 * i;
    }
    TestResult expected = MEAN_Z.test(ref, cur);
    assertThat(x.statistic()).isCloseTo(expected.statistic(), within(1e-12));
    assertThat(x.pValue()).isCloseTo(expected.pValue(), within(1e-15));
    // Benjamini-Hochberg over the three p-values (user's, chi-square's, z-test's)
    double[] p = {x.pValue(), r.feature("c").orElseThrow().pValue(),
        r.feature("b").orElseThrow().pValue()};
    Arrays.sort(p);
    int k = 0;
    for (int i = 1; i <= 3; i++) {
      if (p[i - 1] <= i * 0.05 / 3) {
        k = i;
      }
    }
    assertThat(r.correctedThreshold()).isCloseTo(Math.max(k, 1) * 0.05 / 3, within(1e-15));
    assertThat(x.threshold()).isEqualTo(r.correctedThreshold());
    assertThat(x.status()).isEqualTo(x.pValue() <= r.correctedThreshold()
        && x.effectSize() >= 0.1 ? DriftStatus.DRIFT : DriftStatus.OK);
    assertThat(r.toText()).contains("mean_z");
  }

  @Test
  void userDistanceOnCounts_decidesOnItsThreshold_inTextAndJson() throws Exception {
    DriftReport r = DriftDecisionTest.window(DriftMonitor.builder(DriftDecisionTest.profile())
        .featureTest("c", MAX_SHARE_CHANGE).featureThreshold("c", 0.15));
    FeatureDrift c = r.feature("c").orElseThrow();
    // reference shares a/b/c 50/17/33 of 100, window 20/20/20 of 60: largest change |0.5 - 1/3|
    assertThat(c.test()).isEqualTo("max_share_change");
    assertThat(c.statistic()).isCloseTo(0.5 - 1.0 / 3, within(1e-12));
    assertThat(c.pValue()).isNaN();
    assertThat(c.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(c.reason()).startsWith("max_share_change 0.1667 >= 0.1500");
    assertThat(r.toText()).contains("max_share_change");
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    JsonNode fc = json.get("features").get(1);
    assertThat(fc.get("test").asText()).isEqualTo("max_share_change");
    assertThat(fc.get("status").asText()).isEqualTo("DRIFT");
    // the distance has no p-value: null in JSON, never a string
    assertThat(fc.get("p_value").isNull()).isTrue();
  }

  @Test
  void userStatisticThatThrows_isAnErrorOfThatFeatureOnly() {
    SampleStatistic broken = DriftStatistic.ofSamples("broken", false, (a, b) -> {
      throw new IllegalStateException("boom");
    });
    DriftReport r = DriftDecisionTest.window(DriftMonitor.builder(DriftDecisionTest.profile())
        .thresholds(DriftThresholds.evidentlyDefaults()).featureTest("x", broken));
    assertThat(r.feature("x").orElseThrow().status()).isEqualTo(DriftStatus.ERROR);
    assertThat(r.feature("x").orElseThrow().reason()).contains("broken failed").contains("boom");
    assertThat(r.feature("c").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
  }

  @Test
  void userStatisticThatThrowsAnError_isAnErrorOfThatFeatureOnly_andTheWindowIsReported() {
    SampleStatistic asserting = DriftStatistic.ofSamples("asserting", false, (a, b) -> {
      throw new AssertionError("invariant broken");
    });
    CountStatistic recursing = DriftStatistic.ofCounts("recursing", false, (a, b) -> {
      throw new StackOverflowError("too deep");
    });
    DriftReport r = DriftDecisionTest.window(DriftMonitor.builder(DriftDecisionTest.profile())
        .thresholds(DriftThresholds.evidentlyDefaults()).featureTest("x", asserting)
        .featureTest("b", recursing));
    assertThat(r.feature("x").orElseThrow().status()).isEqualTo(DriftStatus.ERROR);
    assertThat(r.feature("x").orElseThrow().reason()).contains("asserting failed")
        .contains("invariant broken");
    assertThat(r.feature("b").orElseThrow().status()).isEqualTo(DriftStatus.ERROR);
    assertThat(r.feature("b").orElseThrow().reason()).contains("recursing failed");
    assertThat(r.feature("c").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
  }

  @Test
  void userTestReturningAPValueOutsideTheUnitInterval_isAnError() {
    SampleStatistic bad = DriftStatistic.ofSamples("bad_p", true,
        (a, b) -> TestResult.ok("bad_p", 1.0, 2.0, a.length, b.length));
    DriftReport r = DriftDecisionTest.window(DriftMonitor.builder(DriftDecisionTest.profile())
        .featureTest("x", bad));
    FeatureDrift x = r.feature("x").orElseThrow();
    assertThat(x.status()).isEqualTo(DriftStatus.ERROR);
    assertThat(x.reason()).contains("p-value 2.0 outside [0, 1]");
  }

  @Test
  void builder_refusesASampleStatisticForACategoricalFeature() {
    DriftMonitor.Builder b = DriftMonitor.builder(DriftDecisionTest.profile())
        .featureTest("c", MEAN_Z);
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statistic of categorical feature c must work on counts, not numeric samples:"
            + " mean_z");
  }

  @Test
  void userKeys_mustBeSnakeCase_andNotABuiltInsKey() {
    assertThatThrownBy(() -> DriftStatistic.ofSamples("ks", true, (a, b) -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statistic key must not be a built-in statistic's key: ks");
    assertThatThrownBy(() -> DriftStatistic.ofCounts("Max Share", false, (a, b) -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("statistic key must be snake_case");
    assertThat(DriftStatistic.builtIn("ks")).containsSame(DriftStatistic.KOLMOGOROV_SMIRNOV);
    assertThat(DriftStatistic.builtIns()).hasSize(19).allMatch(DriftStatistic::builtIn);
    assertThat(MEAN_Z.builtIn()).isFalse();
  }
}
