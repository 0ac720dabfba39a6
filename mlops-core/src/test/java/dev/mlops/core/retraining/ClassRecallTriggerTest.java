package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.Role;
import dev.mlops.metrics.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The realised-performance trigger of a binary classifier measured by accuracy also tests each
 * class's recall against its held-out recall: a moved decision boundary costs the class on its far
 * side, diluted in accuracy by the other class.
 */
final class ClassRecallTriggerTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final PerformanceMeasure ACCURACY = PerformanceMeasure.of(Metric.ACCURACY);

  /** Held-out: accuracy 0.8955 on 1,000 rows, class 0 recall 0.90 (850 rows), class 1 recall 0.87 (150 rows). */
  private static PolicyState.ReferencePerformance reference(boolean byClass) {
    return new PolicyState.ReferencePerformance("accuracy", 0.8955, 1_000, "held-out evaluation of v1",
        byClass ? List.of(new PolicyState.ClassRecall(0, 0.90, 850), new PolicyState.ClassRecall(1, 0.87, 150))
            : List.of());
  }

  /**
   * {@code n} labels, 15% of class 1; each row predicted right with the class's probability
   * ({@code recall0}, {@code recall1}), seeded.
   */
  private static PolicyState stream(long seed, int n, double recall0, double recall1, boolean byClass) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    List<PredictionResult> p = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = r.nextDouble() < 0.15 ? 1 : 0;
      boolean right = r.nextDouble() < (label == 1 ? recall1 : recall0);
      y[i] = label;
      int predicted = right ? label : 1 - label;
      double[] probabilities = predicted == 1 ? new double[] {0.2, 0.8} : new double[] {0.8, 0.2};
      p.add(new PredictionResult("r" + i, "m", 1, Role.CHAMPION, predicted, probabilities));
    }
    return new PolicyState(T0, T0, n, y, p, n, reference(byClass), List.of());
  }

  @Test
  void aCollapsedClassRecall_firesAlthoughAccuracyDropsLessThanTheMinimum() {
    RetrainPolicy policy = RetrainPolicy.realisedPerformance(ACCURACY, 1_000);
    // class 1's recall 0.87 -> 0.60 costs accuracy 0.15 x 0.27 = 4 points (4.5% of 0.8955: under the 5% minimum)
    PolicyState withClasses = stream(11, 1_000, 0.90, 0.60, true);
    PolicyState withoutClasses = stream(11, 1_000, 0.90, 0.60, false);

    Optional<Firing> f = policy.evaluate(withClasses);

    assertThat(policy.evaluate(withoutClasses)).isEmpty();
    assertThat(f).hasValueSatisfying(firing -> {
      assertThat(firing.trigger()).isEqualTo(Trigger.PERFORMANCE);
      assertThat(firing.evidence()).containsEntry("class", "1").containsEntry("tested", "recall of class 1")
          .containsEntry("reference", "0.870000");
      assertThat(Double.parseDouble(firing.evidence().get("realised"))).isLessThan(0.70);
      assertThat(firing.reason()).startsWith("realised recall of class 1 ").contains("of that class)")
          .contains("over 12 tests");
    });
  }

  @Test
  void classRecallsAtTheirReference_neverFire_overManySeededChecks() {
    RetrainPolicy policy = RetrainPolicy.realisedPerformance(ACCURACY, 500);
    int fired = 0;
    for (long seed = 0; seed < 200; seed++) {
      fired += policy.evaluate(stream(seed, 500, 0.90, 0.87, true)).isPresent() ? 1 : 0;
    }
    // each check is a test at level 0.01 over its 12 tests (4 windows x accuracy and 2 recalls) (with the 5% minimum drop on top)
    assertThat(fired).isLessThanOrEqualTo(2);
  }

  @Test
  void theReferenceReadsBothClassRecalls_fromABinaryRunRecord_onlyForAccuracy() {
    Map<String, String> metadata = Map.of("metric.accuracy", "0.89", "metric.recall", "0.87",
        "metric.specificity", "0.9", "metric.prevalence", "0.36", "holdout_rows", "1000", "metric.rmse", "0.3");

    PolicyState.ReferencePerformance ref = ChampionMetadata.reference(ACCURACY, metadata, 4);

    assertThat(ref.byClass()).containsExactly(new PolicyState.ClassRecall(0, 0.9, 640),
        new PolicyState.ClassRecall(1, 0.87, 360));
    assertThat(ref.source()).isEqualTo("held-out evaluation of v4 on 1000 rows");
    assertThat(ChampionMetadata.reference(PerformanceMeasure.of(Metric.RMSE), metadata, 4).byClass()).isEmpty();
    assertThat(ChampionMetadata.reference(ACCURACY, Map.of("metric.accuracy", "0.89", "holdout_rows", "1000"), 4)
        .byClass()).isEmpty();
  }
}
