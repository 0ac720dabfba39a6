package dev.mlops.metrics.assertj;

import static dev.mlops.metrics.assertj.MlopsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import dev.mlops.metrics.fairness.GroupFairness;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class FairnessEvaluationAssertTest {

  private static FairnessEvaluation fairness(double rateOfV) {
    SplittableRandom random = new SplittableRandom(4);
    int n = 4_000;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      g[i] = i % 2 == 0 ? "north" : "south";
      y[i] = random.nextDouble() < 0.5 ? 1 : 0;
      double rate = g[i].equals("north") ? 0.5 : rateOfV;
      p[i] = random.nextDouble() < (y[i] == 1 ? rate + 0.3 : rate - 0.3) ? 1 : 0;
    }
    return GroupFairness.builder().predictions(p).labels(y).attribute("region", g).bootstrap(500, 0.95, 3)
        .evaluate();
  }

  @Test
  void passes_whenTheFourFifthsRuleHolds() {
    assertThat(fairness(0.5)).hasDisparityAtLeast("region", Disparity.DISPARATE_IMPACT_RATIO, 0.8)
        .hasDisparityUpperBoundAtMost("region", Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.1);
  }

  @Test
  void failure_carriesThePerGroupTable_andTheInterval() {
    FairnessEvaluation unfair = fairness(0.35);
    assertThatThrownBy(() -> assertThat(unfair).hasDisparityAtLeast("region", Disparity.DISPARATE_IMPACT_RATIO, 0.8))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting fairness of region")
        .hasMessageContaining("north")
        .hasMessageContaining("south")
        .hasMessageContaining("selected")
        .hasMessageContaining("to have disparate_impact_ratio >= 0.8 but was")
        .hasMessageContaining("between north and south");
    assertThatThrownBy(() -> assertThat(unfair)
        .hasDisparityUpperBoundAtMost("region", Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.05))
        .hasMessageContaining("upper bound of equal_opportunity_difference <= 0.05");
  }

  @Test
  void failure_saysWhyAnUndefinedDisparityCannotPass() {
    FairnessEvaluation noLabels = GroupFairness.builder().predictions(new int[] {1, 0, 1, 0})
        .attribute("g", new String[] {"a", "a", "b", "b"}).minGroupSize(1).evaluate();
    assertThatThrownBy(() -> assertThat(noLabels).hasDisparityAtMost("g", Disparity.EQUALIZED_ODDS_DIFFERENCE, 0.1))
        .hasMessageContaining("but it is undefined: needs labels");
  }
}
