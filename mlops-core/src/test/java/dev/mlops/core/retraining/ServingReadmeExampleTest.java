package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.ServingStats;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.metrics.Metric;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The README's "Serving and continuous training" example, compiled and run. */
final class ServingReadmeExampleTest {

  private static final Logger LOG = LoggerFactory.getLogger(ServingReadmeExampleTest.class);

  @TempDir Path dir;

  private static Table demand(int n, long seed, double shift) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] temp = new double[n];
    double[] hum = new double[n];
    double[] cnt = new double[n];
    for (int i = 0; i < n; i++) {
      temp[i] = rnd.nextDouble() + shift;
      hum[i] = rnd.nextDouble();
      cnt[i] = 100 * temp[i] - 30 * hum[i] + 5 * rnd.nextDouble();
    }
    return Table.builder().numeric("temp", temp).numeric("hum", hum).numeric("cnt", cnt).build();
  }

  @Test
  void readmeExample_servesMonitorsRetrainsAndRollsBack() {
    Table history = demand(300, 1, 0.0);
    Executor retrainExecutor = Runnable::run;   // a service passes its own executor

    // --- README example starts here
    Pipeline pipeline = Pipeline.builder("demand")
        .source(history).target("cnt")
        .split(Split.random().testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(10))
        .build();
    ModelRegistry registry = FileSystemModelRegistry.open(dir.resolve("models"));
    PipelineRun first = pipeline.run();                 // model + ModelTest report + run record:
    registry.promote("demand", registry.register("demand", RunRecord.registryParts(first),
        RunRecord.metadata(first)).version());

    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("demand", registry, TrainedModelAdapter.create(), PipelineRetrainer.of(pipeline))
        .monitoring(DriftMonitoring.factory(TrainedModelAdapter::profile,   // the model's training profile
            profile -> DriftMonitor.builder(profile).window(Window.tumblingCount(100))))
        .driftTrigger(2)                                    // dataset drift in 2 consecutive windows
        .volumeTrigger(5_000)                               // or 5,000 new labelled rows
        .performanceMeasure(PerformanceMeasure.of(Metric.RMSE))
        .performanceTrigger(25.0, 200)                      // or RMSE > 25 over 200 labels
        .probation(200, 0.01)                               // roll back if significantly worse on the same rows
        .executor(retrainExecutor)
        .listener(event -> LOG.info("{}", event.toText()))  // trained, rejected, promoted, rolled back...
        .build();
    ModelEndpoint endpoint = loop.start();                  // serves the registry's champion

    PredictionResult r = endpoint.predict("req-1", Map.of("temp", 0.42, "hum", 0.7));
    int servedBy = r.modelVersion();                        // every answer names its version
    loop.recordLabel("req-1", 17.0);                        // the truth, when it arrives
    ServingStats stats = endpoint.stats();                  // exact counts; p50/p99 of 1 in 16 requests timed
    // --- README example pauses here

    assertThat(servedBy).isEqualTo(1);
    assertThat(stats.predictions()).isEqualTo(1);
    // Traffic moves (temp + 1): two drifted windows of 100 retrain and promote v2.
    Table live = demand(200, 2, 1.0);
    for (int i = 0; i < live.rowCount(); i++) {
      Map<String, Object> row = new HashMap<>(live.row(i));
      double cnt = (double) row.remove("cnt");
      endpoint.predict("live-" + i, row);
      loop.recordLabel("live-" + i, cnt);
    }
    // windows are evaluated on the monitor's own thread (the retrain runs there): wait for them
    ((DriftMonitor) loop.championMonitoring().orElseThrow().monitor()).awaitEvaluation();
    assertThat(loop.championVersion()).isEqualTo(2);
    assertThat(endpoint.predict(Map.of("temp", 1.5, "hum", 0.5)).modelVersion()).isEqualTo(2);

    // --- README example resumes here
    loop.rollback("operator: v2 looks wrong");               // registry and endpoint, in one call
    // --- README example ends here

    assertThat(loop.championVersion()).isEqualTo(1);
    assertThat(registry.resolve("demand", ModelRegistry.CHAMPION)).map(v -> v.version()).contains(1);
    assertThat(registry.auditLog()).extracting(e -> e.type())
        .contains("loop.drift", "loop.trained", "loop.promoted", "loop.rolled_back");
  }
}
