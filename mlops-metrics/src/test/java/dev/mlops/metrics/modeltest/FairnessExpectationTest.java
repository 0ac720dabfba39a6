package dev.mlops.metrics.modeltest;

import static dev.mlops.metrics.assertj.MlopsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.metrics.fairness.Disparity;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class FairnessExpectationTest {

  record Applicant(String region, double score) {}

  private static final List<Applicant> ROWS = new ArrayList<>();
  private static final int[] LABELS = new int[4_000];

  static {
    SplittableRandom random = new SplittableRandom(8);
    for (int i = 0; i < LABELS.length; i++) {
      String region = i % 2 == 0 ? "north" : "south";
      LABELS[i] = random.nextDouble() < 0.5 ? 1 : 0;
      // the model favours the north: same label, higher score
      double score = 0.2 + 0.3 * LABELS[i] + (region.equals("north") ? 0.15 : 0) + 0.35 * random.nextDouble();
      ROWS.add(new Applicant(region, Math.min(1, score)));
    }
  }

  private static double[] model(Applicant a) {
    return new double[] {1 - a.score(), a.score()};
  }

  @Test
  void fairnessExpectation_failsWithThePerGroupTable_whenTheModelFavoursOneRegion() {
    ModelTestReport report = ModelTest.forClassifier((Applicant a) -> model(a)).on(ROWS, LABELS)
        .expectFairness(Disparity.DISPARATE_IMPACT_RATIO).by("region", Applicant::region).atLeast(0.8)
        .run();
    ExpectationResult result = report.expectations().get(0);
    assertThat(result.kind()).isEqualTo(ExpectationKind.FAIRNESS);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.name()).isEqualTo("disparate_impact_ratio by region >= 0.8");
    assertThat(result.reason()).contains("between north and south is not >= 0.8").contains("north")
        .contains("selected").contains("TPR");
    assertThat(result.ci()).isNotNull();
    assertThatThrownBy(() -> assertThat(report).passes()).hasMessageContaining("between north and south");
  }

  @Test
  void fairnessExpectation_onTheIntervalsUpperBound_passesForAFairModel() {
    ModelTestReport report = ModelTest.forClassifier((Applicant a) -> model(new Applicant(a.region(),
            a.score() - (a.region().equals("north") ? 0.15 : 0)))).on(ROWS, LABELS)
        .expectFairness(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE).by("region", Applicant::region)
        .upperBound(0.95).atMost(0.1)
        .expectFairness(Disparity.DISPARATE_IMPACT_RATIO).by("region", Applicant::region).minGroupSize(100)
        .atLeast(0.8)
        .run();
    assertThat(report.expectations()).allMatch(r -> r.status() == Status.PASSED, "all passed");
    assertThat(report.expectations().get(0).name())
        .isEqualTo("equal_opportunity_difference by region (95% CI upper bound) <= 0.1");
    assertThat(report.toJson()).contains("\"kind\":\"fairness\"");
  }

  @Test
  void fairnessExpectation_asWarning_warns() {
    ModelTestReport report = ModelTest.forClassifier((Applicant a) -> model(a)).on(ROWS, LABELS)
        .expectFairness(Disparity.STATISTICAL_PARITY_DIFFERENCE).by("region", Applicant::region).asWarning()
        .atMost(0.05).run();
    assertThat(report.expectations().get(0).status()).isEqualTo(Status.WARNED);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void fairnessExpectation_needsAnAttribute_andABinaryClassifier() {
    assertThatThrownBy(() -> ModelTest.forClassifier((Applicant a) -> model(a)).on(ROWS, LABELS)
        .expectFairness(Disparity.DISPARATE_IMPACT_RATIO).atLeast(0.8))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("by(name, key)");
    assertThatThrownBy(() -> ModelTest.forClassifier((Applicant a) -> new double[] {0.2, 0.3, 0.5})
        .on(ROWS.subList(0, 3), new int[] {0, 1, 2})
        .expectFairness(Disparity.DISPARATE_IMPACT_RATIO).by("region", Applicant::region).atLeast(0.8).run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a binary classifier: 3 classes");
  }
}
