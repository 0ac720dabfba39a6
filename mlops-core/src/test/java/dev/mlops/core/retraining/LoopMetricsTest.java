package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.retraining.micrometer.LoopMetrics;
import dev.mlops.core.serving.ModelEndpoint;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LoopMetricsTest {

  @TempDir Path dir;

  @Test
  void labelCounts_championAndStore_areMicrometerMeters() {
    ModelRegistry registry = FileSystemModelRegistry.open(dir.resolve("registry"));
    registry.promote("offset", registry.register("offset", OffsetModel.parts(0.0), Map.of()).version());
    ContinuousTraining<OffsetModel> loop = ContinuousTraining
        .builder("offset", registry, OffsetModel.ADAPTER, (data, champion) -> RetrainOutcome.reject(Map.of(), List.of("no")))
        .maxPendingPredictions(2)
        .build();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    new LoopMetrics(loop, Tags.of("model", "offset")).bindTo(meters);
    assertThat(meters.get("mlops.loop.champion.version").tag("model", "offset").gauge().value()).isNaN();

    ModelEndpoint endpoint = loop.start();
    endpoint.predict("p1", Map.of("x", 1.0));
    endpoint.predict("p2", Map.of("x", 2.0));
    endpoint.predict("p3", Map.of("x", 3.0));   // evicts p1: expired
    loop.recordLabel("p1", 1.0);                // unmatched
    loop.recordLabel("nope", 1.0);              // unmatched
    loop.recordLabel("p3", 3.0);                // matched

    assertThat(meters.get("mlops.loop.labels.matched").functionCounter().count()).isEqualTo(1.0);
    assertThat(meters.get("mlops.loop.labels.unmatched").functionCounter().count()).isEqualTo(2.0);
    assertThat(meters.get("mlops.loop.labels.expired").functionCounter().count()).isEqualTo(1.0);
    assertThat(meters.get("mlops.loop.labels.pending").gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("mlops.loop.label.store.rows").gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("mlops.loop.champion.version").gauge().value()).isEqualTo(1.0);
    assertThat(meters.get("mlops.loop.retraining").gauge().value()).isZero();
    loop.close();
  }
}
