package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four threads predict and label while retrains run on a host executor: no request or label is
 * lost, retrains never overlap, and the endpoint, the registry and the loop agree on the champion.
 * Bounded: 4 x 500 requests; no sleeping.
 */
final class ContinuousTrainingConcurrencyTest {

  @TempDir Path dir;

  @Test
  void concurrentTrafficAndLabels_withAsynchronousRetrains_stayConsistent() throws Exception {
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.promote("m", registry.register("m", OffsetModel.parts(0.0), Map.of()).version());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger retrains = new AtomicInteger();
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    ExecutorService retrainExecutor = Executors.newSingleThreadExecutor();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      ContinuousTraining<OffsetModel> loop = ContinuousTraining
          .<OffsetModel>builder("m", registry, OffsetModel.ADAPTER, (data, champion) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
              int n = retrains.incrementAndGet();
              return RetrainOutcome.promote(OffsetModel.parts(n), Map.of(), List.of("retrain " + n));
            } finally {
              running.decrementAndGet();
            }
          })
          .volumeTrigger(200)
          .executor(retrainExecutor)
          .listener(events::add)
          .build();
      ModelEndpoint endpoint = loop.start();
      AtomicLong matched = new AtomicLong();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        workers.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            String id = "t" + thread + "-" + i;
            try {
              PredictionResult r = endpoint.predict(id, Map.of("x", (double) i));
              if (r.value() != i + loadedOffset(r)) {
                failures.add(new AssertionError("v" + r.modelVersion() + " answered " + r.value() + " for x=" + i));
              }
              if (loop.recordLabel(id, i + 1.0)) {
                matched.incrementAndGet();
              }
            } catch (Throwable e) {
              failures.add(e);
            }
          }
        }));
      }
      for (Future<?> w : workers) {
        w.get(60, TimeUnit.SECONDS);
      }
      retrainExecutor.shutdown();
      assertThat(retrainExecutor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      assertThat(failures).isEmpty();
      assertThat(matched).hasValue(2000);
      assertThat(maxRunning).hasValue(1);
      assertThat(retrains.get()).isBetween(1, 10);
      long promoted = events.stream().filter(e -> e.type() == LoopEvent.Type.PROMOTED).count();
      assertThat(promoted).isEqualTo(retrains.get());
      assertThat(loop.championVersion()).isEqualTo(1 + retrains.get());
      assertThat(endpoint.champion().version()).isEqualTo(loop.championVersion());
      assertThat(registry.resolve("m", ModelRegistry.CHAMPION)).map(v -> v.version()).contains(loop.championVersion());
      assertThat(endpoint.stats().predictions()).isEqualTo(2000);
      assertThat(endpoint.stats().failed()).isZero();
    } finally {
      pool.shutdownNow();
      retrainExecutor.shutdownNow();
    }
  }

  /** Version v (v >= 2) was trained as the (v - 1)-th retrain, with offset v - 1; v1 has offset 0. */
  private static double loadedOffset(PredictionResult r) {
    return r.modelVersion() - 1;
  }
}
