package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The training stage reports each tree of a forest; a listener failing on progress fails nothing. */
final class TrainProgressTest {

  private static Pipeline.Builder base() {
    return Pipeline.builder("progress").source(TestData.mixed(200, 5)).target("y").exclude("label")
        .transform(t -> t.oneHot("colour")).split(Split.random().testFraction(0.25)).seed(2);
  }

  private static PipelineListener collect(Queue<String> events) {
    return new PipelineListener() {
      @Override
      public void onProgress(String runId, Stage stage, String what, int done, int total) {
        events.add(stage + " " + what + " " + done + "/" + total);
      }
    };
  }

  @Test
  void randomForest_reportsEachThreadsShareOfTheTrees_whenItIsFitted() {
    Queue<String> events = new ConcurrentLinkedQueue<>();

    base().train(Trainers.randomForestRegressor().trees(6).threads(2)).listener(collect(events)).build().run();

    // Smile's RandomForest.fit has no per-tree callback: each of the two threads' shares (3 + 3)
    assertThat(events).containsExactlyInAnyOrder("TRAIN tree 3/6", "TRAIN tree 6/6");
  }

  @Test
  void trainerWithoutProgress_reportsOnlyTheStage() {
    Queue<String> events = new ConcurrentLinkedQueue<>();

    base().train(Trainers.ridge()).listener(collect(events)).build().run();

    assertThat(events).isEmpty();
  }

  @Test
  void listenerThrowingOnProgress_failsNothing_andChangesNoPrediction() {
    PipelineListener failing = new PipelineListener() {
      @Override
      public void onProgress(String runId, Stage stage, String what, int done, int total) {
        throw new IllegalStateException("listener bug");
      }
    };

    PipelineRun withFailingListener =
        base().train(Trainers.randomForestRegressor().trees(4).threads(2)).listener(failing).build().run();
    PipelineRun plain = base().train(Trainers.randomForestRegressor().trees(4).threads(2)).build().run();

    Map<String, Object> row = Map.of("x1", 0.3, "x2", 0.6, "colour", "red");
    assertThat(((TrainedRegressor) withFailingListener.model()).predict(row))
        .isEqualTo(((TrainedRegressor) plain.model()).predict(row));
    assertThat(withFailingListener.stages()).extracting(StageReport::stage).contains(Stage.TRAIN);
    assertThat(withFailingListener.gate().decision()).isEqualTo(plain.gate().decision());
  }
}
