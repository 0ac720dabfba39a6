package dev.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.MlopsException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, items 1 and 2, as an attacker with write access to a registry directory would try
 * them: a model part replaced by a nested-HashMap payload or by a 35-byte stream declaring a
 * {@code double[49_999_999]}, registered as a version (so its SHA-256 is right) and loaded through
 * {@code registry.load} and {@link TrainedModel#fromParts}: the typed error, at once, without
 * allocating the array.
 */
final class HostileModelPartTest {

  @TempDir Path dir;

  /** The parts of a small trained model, with its model part replaced by {@code hostile}. */
  private static Map<String, byte[]> partsWith(byte[] hostile) {
    double[] x = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
      y[i] = 2 * i + (i % 3);
    }
    Table t = Table.builder().numeric("x", x).numeric("y", y).build();
    TrainedModel m = Pipeline.builder("victim").source(t).target("y")
        .train(Trainers.randomForestRegressor().trees(2)).seed(1).build().run().model();
    Map<String, byte[]> parts = new HashMap<>(m.toParts());
    parts.put(TrainedModel.PART_MODEL, hostile);
    return parts;
  }

  private Map<String, byte[]> registeredAndLoaded(byte[] hostile) {
    FileSystemModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.register("victim", partsWith(hostile), Map.of());
    return registry.load("victim", 1).parts();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard (the payload hashed for hours)
  void nestedHashMapModelPart_fromTheRegistry_isRefusedWithTheTypedError() {
    byte[] payload = SafeDeserializationTest.serialise(DeserializationWorkTest.nestedMaps(100));
    assertThat(payload.length).isLessThan(10_000);
    Map<String, byte[]> parts = registeredAndLoaded(payload);
    assertThatThrownBy(() -> TrainedModel.fromParts(parts, SafeDeserialization.filter()))
        .isInstanceOf(MlopsException.class)
        .hasMessageContaining("Smile model part was refused by the deserialisation filter")
        .hasMessageContaining("must not be read inside another HashMap")
        .hasCauseInstanceOf(UnsafeArtifactException.class);
  }

  @Test
  void tinyStreamDeclaringAHugeArray_fromTheRegistry_isRefusedBeforeAllocating() {
    byte[] payload = SafeDeserializationTest.serialise(new double[0]);
    assertThat(payload).hasSizeLessThanOrEqualTo(35);
    ByteBuffer.wrap(payload).putInt(payload.length - 4, 49_999_999);
    Map<String, byte[]> parts = registeredAndLoaded(payload);
    assertThatThrownBy(() -> TrainedModel.fromParts(parts, SafeDeserialization.filter()))
        .isInstanceOf(MlopsException.class)
        .hasMessageContaining("array double[49999999] needs at least 399999992 bytes")
        .hasCauseInstanceOf(UnsafeArtifactException.class);
  }

  @Test
  void garbageModelPart_thatDeserialisesToAnotherObject_isTheTypedError() {
    Map<String, byte[]> parts =
        registeredAndLoaded(SafeDeserializationTest.serialise(new double[] {1, 2}));
    assertThatThrownBy(() -> TrainedModel.fromParts(parts, SafeDeserialization.filter()))
        .isInstanceOf(MlopsException.class);
  }
}
