package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Gate;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline whose transforms apply a user function, run through the loop. */
final class UserFunctionLoopTest {

  private static final DoubleUnaryOperator SQUARE = x -> x * x;

  @TempDir Path dir;

  /** y = 3 x1^2 - 2 x2 + U(-0.05, 0.05): linear in the squared x1, so OLS after the map is near exact. */
  private static Table data(int n, long seed, double shift) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = rnd.nextDouble() + shift;
      x2[i] = rnd.nextDouble();
      y[i] = 3 * x1[i] * x1[i] - 2 * x2[i] + 0.1 * (rnd.nextDouble() - 0.5);
    }
    return Table.builder().numeric("x1", x1).numeric("x2", x2).numeric("y", y).build();
  }

  private static Pipeline pipeline(Table source) {
    return Pipeline.builder("user-fn")
        .source(source)
        .target("y")
        .transform(t -> t.map("square", "x1", SQUARE))
        .split(Split.random().testFraction(0.25))
        .train(Trainers.ols())
        .evaluateRegressor(t -> t.bootstrap(0).expect(Metric.RMSE).atMost(0.2))
        .gate(Gate.expectationsOnly())
        .seed(5)
        .build();
  }

  @Test
  void loopWithTheUserFunctions_retrainsRegistersReloadsAndPredicts() {
    Pipeline pipeline = pipeline(data(200, 1, 0.0));
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.promote("m", registry.register("m", pipeline.run().model().toParts(), Map.of()).version());
    TrainedModelAdapter adapter = TrainedModelAdapter.create().withUserFunction("square", SQUARE);
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("m", registry, adapter, PipelineRetrainer.of(pipeline))
        .volumeTrigger(80)
        .executor(Runnable::run)
        .listener(events::add)
        .build();
    ModelEndpoint endpoint = loop.start();

    Table live = data(80, 2, 1.0);
    for (int i = 0; i < live.rowCount(); i++) {
      Map<String, Object> row = new HashMap<>(live.row(i));
      double y = (double) row.remove("y");
      assertThat(endpoint.predict("r" + i, row).modelVersion()).isEqualTo(1);
      loop.recordLabel("r" + i, y);
    }

    assertThat(events).extracting(LoopEvent::type).containsExactly(LoopEvent.Type.TRAINED, LoopEvent.Type.PROMOTED);
    assertThat(loop.championVersion()).isEqualTo(2);
    // The retrained model (on x1 in [1, 2) only) is served and reloads from the registry with the
    // function: at x1 = 1.5, x2 = 0.5 the true value is 3 * 2.25 - 1 = 5.75, which a fit on x1
    // itself instead of x1^2 would miss by far more than the noise (+-0.05).
    Map<String, Object> probe = Map.of("x1", 1.5, "x2", 0.5);
    assertThat(endpoint.predict(probe).modelVersion()).isEqualTo(2);
    assertThat(endpoint.predict(probe).value()).isCloseTo(5.75, within(0.05));
    TrainedRegressor reloaded = (TrainedRegressor) adapter.load(registry.load("m", 2));
    assertThat(reloaded.predict(probe)).isEqualTo(endpoint.predict(probe).value());
    assertThat(reloaded.transforms().userFunctionNames()).containsExactly("square");
  }

  @Test
  void adapterWithoutTheUserFunction_refusesToLoad_namingIt() {
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.register("m", pipeline(data(100, 3, 0.0)).run().model().toParts(), Map.of());

    assertThatThrownBy(() -> TrainedModelAdapter.create().load(registry.load("m", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'square'");
    assertThatThrownBy(() -> TrainedModelAdapter.create().withUserFunction("cube", x -> x * x * x)
        .load(registry.load("m", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'square'");
    assertThat(((TrainedRegressor) TrainedModelAdapter.create().withUserFunctions(Map.of("square", SQUARE))
        .load(registry.load("m", 1))).predict(Map.of("x1", 0.5, "x2", 0.5))).isCloseTo(3 * 0.25 - 1, within(0.05));
  }

  @Test
  void withUserFunctions_refusesBlankNames() {
    assertThatThrownBy(() -> TrainedModelAdapter.create().withUserFunctions(Map.of(" ", SQUARE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user function name must not be blank");
  }
}
