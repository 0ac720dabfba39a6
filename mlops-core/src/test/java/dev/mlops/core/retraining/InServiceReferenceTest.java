package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.Role;
import dev.mlops.metrics.Metric;
import dev.mlops.drift.monitor.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The realised-performance trigger of a champion whose reference came from a tiny holdout: once the
 * champion has as many labelled rows as the trigger's longest window, the reference is measured
 * again on them, so an unlucky (pessimistic) holdout no longer hides a real drop and a lucky one no longer
 * makes ordinary windows look like drops.
 */
final class InServiceReferenceTest {

  private static final int WINDOW = 40;

  @TempDir Path dir;

  /** Firings (retrains, all rejected) at each label index of a stream: MAE 1 for 400 labels, then MAE 3. */
  private List<Integer> firings(double referenceMae, List<LoopEvent> events) throws Exception {
    ModelRegistry registry = FileSystemModelRegistry.open(dir.resolve("r" + referenceMae));
    // the champion was gated on 10 held-out rows, with this MAE
    registry.promote("m", registry.register("m", OffsetModel.parts(0.0),
        Map.of("metric.mae", Double.toString(referenceMae), "holdout_rows", "10")).version());
    List<Integer> at = Collections.synchronizedList(new ArrayList<>());
    int[] label = {0};
    ContinuousTraining<OffsetModel> loop = ContinuousTraining
        .<OffsetModel>builder("m", registry, OffsetModel.ADAPTER, (data, champion) -> {
          at.add(label[0]);
          return RetrainOutcome.reject(Map.of(), List.of("kept"));
        })
        .executor(Runnable::run)
        .performanceMeasure(OffsetModel.MAE)
        .policy(RetrainPolicy.realisedPerformance(OffsetModel.MAE, WINDOW))
        .clock(new MutableClock(Instant.parse("2026-12-07T00:00:00Z")))
        .listener(events::add)
        .build();
    ModelEndpoint endpoint = loop.start();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 600; i++) {
      double spread = i < 400 ? 2 : 6;      // |error| uniform on [0, spread]: MAE 1, then 3
      String id = "r" + i;
      endpoint.predict(id, Map.of("x", (double) i));
      label[0] = i + 1;
      loop.recordLabel(id, i + (random.nextBoolean() ? 1 : -1) * random.nextDouble() * spread);
    }
    loop.close();
    return at;
  }

  @Test
  void unluckyHoldoutReference_isMeasuredAgainOnTheChampionsFirstLabels_andARealDropThenFires() throws Exception {
    List<LoopEvent> events = new ArrayList<>();
    List<Integer> at = firings(5.0, events);   // held-out MAE 5 on 10 rows; in service MAE 1, then 3

    // MAE 3 is below the held-out 5: without pooling the drop would never be significant
    assertThat(at).isNotEmpty().allMatch(i -> i > 400);
    assertThat(at.get(0)).isLessThanOrEqualTo(400 + WINDOW);
    LoopEvent trained = events.stream().filter(e -> e.type() == LoopEvent.Type.TRAINED).findFirst().orElseThrow();
    assertThat(trained.details()).containsEntry("trigger", "PERFORMANCE")
;
    assertThat(trained.details().get("trigger.reference_source"))
        .isEqualTo("first 40 labels of v1 in service (its held-out evaluation of v1 on 10 rows gave 5.00000)");
    double reference = Double.parseDouble(trained.details().get("trigger.reference"));
    assertThat(reference).isBetween(0.7, 1.3);   // the MAE of the first 40 labels, near 1
  }

  @Test
  void luckyHoldoutReference_stopsFiringOnOrdinaryWindows_onceTheChampionsOwnLabelsArrive() throws Exception {
    List<LoopEvent> events = new ArrayList<>();
    List<Integer> at = firings(0.3, events);   // held-out MAE 0.3 on 10 rows; in service MAE 1, then 3

    // before its own 40 labels the lucky reference may fire; after them, only the real drop at 400 does
    assertThat(at).filteredOn(i -> i > WINDOW && i <= 400).isEmpty();
    assertThat(at).filteredOn(i -> i > 400 && i <= 400 + WINDOW).isNotEmpty();
  }

  @Test
  void reference_isTheMeasureOnTheFirstLabels_andEachClassRecallOnItsRows() {
    // 40 own rows: classes 0 and 1 alternate; class 0 always right, class 1 right in 15 of its 20 rows
    double[] y = new double[40];
    List<PredictionResult> p = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      y[i] = i % 2;
      double predicted = y[i] == 1 && i < 30 ? 1 : 0;
      p.add(new PredictionResult("c" + i, "m", 3, Role.CHAMPION, predicted, new double[] {1 - predicted, predicted}));
    }
    PolicyState.ReferencePerformance held = new PolicyState.ReferencePerformance("accuracy", 0.8, 10,
        "held-out evaluation of v3 on 10 rows",
        List.of(new PolicyState.ClassRecall(0, 0.5, 6), new PolicyState.ClassRecall(1, 0.5, 4),
            new PolicyState.ClassRecall(2, 0.9, 1)));
    PolicyState.ReferencePerformance own = InServiceReference.of(held, PerformanceMeasure.of(Metric.ACCURACY), y, p, 3);
    assertThat(own.value()).isEqualTo(35 / 40.0);
    assertThat(own.rows()).isEqualTo(40);
    // class 2 has no row in service: its held-out recall stays
    assertThat(own.byClass()).containsExactly(new PolicyState.ClassRecall(0, 1.0, 20),
        new PolicyState.ClassRecall(1, 0.75, 20), new PolicyState.ClassRecall(2, 0.9, 1));
    assertThat(own.source()).isEqualTo("first 40 labels of v3 in service (its held-out evaluation of v3 on 10 rows gave 0.800000)");
  }

  @Test
  void referenceFromAsManyHeldOutRowsAsTheWindow_isNotPooled() {
    PolicyState.ReferencePerformance big = new PolicyState.ReferencePerformance("mae", 1.0, WINDOW, "held-out");
    PolicyState.ReferencePerformance small = new PolicyState.ReferencePerformance("mae", 1.0, WINDOW - 1, "held-out");
    PolicyState.ReferencePerformance unknown = new PolicyState.ReferencePerformance("mae", 1.0, 0, "held-out");
    assertThat(InServiceReference.applies(big, OffsetModel.MAE, WINDOW)).isFalse();
    assertThat(InServiceReference.applies(small, OffsetModel.MAE, WINDOW)).isTrue();
    assertThat(InServiceReference.applies(unknown, OffsetModel.MAE, WINDOW)).isFalse();
    assertThat(InServiceReference.applies(small, OffsetModel.MAE, 10)).isFalse();
  }
}
