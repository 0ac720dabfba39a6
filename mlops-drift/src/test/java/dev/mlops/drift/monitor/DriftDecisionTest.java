package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Report values of one deterministic window checked against SciPy. Reference: x = 0..99,
 * c = "a" for even i, "b" for odd multiples of 3, "c" otherwise, b = "yes" when i % 4 == 0.
 * Window: x = 30 + 1.2 i, c = a/b/c by i % 3, b = "yes" for even i, i in 0..59.
 */
final class DriftDecisionTest {

  static ReferenceProfile profile() {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x").categorical("c", "b");
    for (int i = 0; i < 100; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("x", (double) i);
      row.put("c", i % 2 == 0 ? "a" : i % 3 == 0 ? "b" : "c");
      row.put("b", i % 4 == 0 ? "yes" : "no");
      b.add(row);
    }
    return b.build();
  }

  static DriftReport window(DriftMonitor.Builder builder) {
    DriftMonitor m = builder.window(Window.tumblingCount(60))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("x", 30 + 1.2 * i);
      row.put("c", i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c");
      row.put("b", i % 2 == 0 ? "yes" : "no");
      m.record(row, null, null);
    }
    return m.latestReport().orElseThrow();
  }

  @Test
  void smallReference_usesEvidentlyDefaults_withScipyValues() {
    DriftReport r = window(DriftMonitor.builder(profile())
        .thresholds(DriftThresholds.evidentlyDefaults()));

    // scipy.stats.ks_2samp(np.arange(100.), 30 + np.arange(60) * 1.2)
    FeatureDrift x = r.feature("x").orElseThrow();
    assertThat(x.test()).isEqualTo("ks");
    assertThat(x.statistic()).isCloseTo(0.30333333333333334, within(1e-12));
    assertThat(x.pValue()).isCloseTo(0.0015650597488208594, within(1e-9));
    // scipy.stats.wasserstein_distance(ref, cur) / np.std(ref)
    assertThat(x.effectSize()).isCloseTo(0.5508196984803859, within(1e-12));
    assertThat(x.nReference()).isEqualTo(100);
    assertThat(x.nCurrent()).isEqualTo(60);

    // scipy.stats.chi2_contingency([[50, 17, 33], [20, 20, 20]], correction=False)
    FeatureDrift c = r.feature("c").orElseThrow();
    assertThat(c.test()).isEqualTo("chi_square_homogeneity");
    assertThat(c.statistic()).isCloseTo(6.708336368713728, within(1e-10));
    assertThat(c.pValue()).isCloseTo(0.03493842039548981, within(1e-12));
    // scipy.spatial.distance.jensenshannon([.5, .17, .33], [1/3, 1/3, 1/3])
    assertThat(c.effectSize()).isCloseTo(0.14794416590000448, within(1e-12));

    // pooled two-proportion z on "no": 75/100 vs 30/60; p = erfc(|z| / sqrt(2))
    FeatureDrift b = r.feature("b").orElseThrow();
    assertThat(b.test()).isEqualTo("z_test");
    assertThat(b.statistic()).isCloseTo(3.2232918561015214, within(1e-12));
    assertThat(b.pValue()).isCloseTo(0.0012672636103836332, within(1e-12));
  }

  @Test
  void benjaminiHochberg_keepsAllThree_whereBonferroniDropsTheWeakest() {
    // sorted p = 0.00127, 0.00157, 0.0349: all below i * 0.05 / 3, so the BH cut is 0.05
    DriftReport bh = window(DriftMonitor.builder(profile())
        .thresholds(DriftThresholds.evidentlyDefaults()));
    assertThat(bh.correction()).isEqualTo(Correction.BENJAMINI_HOCHBERG);
    assertThat(bh.correctedThreshold()).isCloseTo(0.05, within(1e-15));
    assertThat(bh.feature("c").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(bh.driftShare()).isEqualTo(1.0);
    assertThat(bh.datasetDrift()).isTrue();

    DriftReport bonferroni = window(DriftMonitor.builder(profile())
        .correction(Correction.BONFERRONI));
    assertThat(bonferroni.correctedThreshold()).isCloseTo(0.05 / 3, within(1e-15));
    assertThat(bonferroni.feature("c").orElseThrow().status()).isEqualTo(DriftStatus.OK);
    assertThat(bonferroni.feature("c").orElseThrow().reason()).contains("p-value 0.0349 >");
    assertThat(bonferroni.feature("x").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(bonferroni.driftShare()).isCloseTo(2.0 / 3, within(1e-15));
  }

  @Test
  void combinedRule_keepsSignificantButSmallEffect_asOk() {
    // effect of c is 0.148: a minimum of 0.2 turns the significant test into OK
    DriftReport r = window(DriftMonitor.builder(profile()).minEffectSize(0.2));
    FeatureDrift c = r.feature("c").orElseThrow();
    assertThat(c.status()).isEqualTo(DriftStatus.OK);
    assertThat(c.reason()).contains("significant").contains("< minimum 0.2000");
    assertThat(c.minEffectSize()).isEqualTo(0.2);

    DriftReport significanceOnly = window(DriftMonitor.builder(profile()).minEffectSize(0.2)
        .decisionRule(DecisionRule.SIGNIFICANT));
    assertThat(significanceOnly.feature("c").orElseThrow().status())
        .isEqualTo(DriftStatus.DRIFT);
  }

  @Test
  void perFeatureOverride_changesTestAndThreshold() {
    DriftReport r = window(DriftMonitor.builder(profile())
        .featureTest("x", DriftStatistic.NORMED_WASSERSTEIN).featureThreshold("x", 0.6)
        .featureTest("c", DriftStatistic.PSI));
    FeatureDrift x = r.feature("x").orElseThrow();
    assertThat(x.test()).isEqualTo("normed_wasserstein");
    assertThat(x.statistic()).isCloseTo(0.5508196984803859, within(1e-12));
    assertThat(x.threshold()).isEqualTo(0.6);
    assertThat(x.status()).isEqualTo(DriftStatus.OK);
    // PSI with proportions p = (.5, .17, .33), q = (1/3, 1/3, 1/3):
    // np.sum((q - p) * np.log(q / p)) = 0.1775906295039541
    FeatureDrift c = r.feature("c").orElseThrow();
    assertThat(c.test()).isEqualTo("psi");
    assertThat(c.statistic()).isCloseTo(0.1775906295039541, within(1e-12));
    assertThat(c.threshold()).isEqualTo(0.1);
    assertThat(c.status()).isEqualTo(DriftStatus.DRIFT);
  }

  @Test
  void windowBelowMinimum_isInsufficientData() {
    DriftReport r = window(DriftMonitor.builder(profile()).minSampleSize(61));
    assertThat(r.features()).allSatisfy(f -> {
      assertThat(f.status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
      assertThat(f.reason()).isEqualTo("window has 60 values < minimum 61");
    });
    assertThat(r.datasetDrift()).isFalse();
    assertThat(r.driftShare()).isNaN();
    assertThat(r.correctedThreshold()).isNaN();
  }

  @Test
  void report_json_isSnakeCase_andComplete() throws Exception {
    DriftReport r = window(DriftMonitor.builder(profile())
        .thresholds(DriftThresholds.evidentlyDefaults()));
    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertThat(json.get("dataset_drift").asBoolean()).isTrue();
    assertThat(json.get("corrected_threshold").asDouble()).isCloseTo(0.05, within(1e-15));
    JsonNode x = json.get("features").get(0);
    assertThat(x.get("feature").asText()).isEqualTo("x");
    assertThat(x.get("p_value").asDouble()).isCloseTo(0.0015650597488208594, within(1e-9));
    assertThat(x.get("n_reference").asLong()).isEqualTo(100);
    assertThat(x.get("status").asText()).isEqualTo("DRIFT");
    assertThat(json.get("data_quality").get("rows").asLong()).isEqualTo(60);
    assertThat(json.get("start").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(r.toText()).contains("dataset drift: YES").contains("x ").contains("ks");
  }
}
