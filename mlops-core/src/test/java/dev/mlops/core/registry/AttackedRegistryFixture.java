package dev.mlops.core.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry the corruption and hostile-file tests attack, created afresh before every test:
 * model {@code churn} with three versions (v1 a seeded 3,000-byte artifact with a contract and
 * non-ASCII metadata, v2 and v3 small), v1 the champion and v3 archived; five audit lines.
 */
abstract class AttackedRegistryFixture {

  @TempDir Path dir;
  /** The registry over {@link #dir}. */
  FileSystemModelRegistry registry;
  /** The model's directory: {@code dir/models/churn}. */
  Path model;

  @BeforeEach
  final void createAttackedRegistry() {
    registry = FileSystemModelRegistry.open(dir);
    byte[] artifact = new byte[3000];
    new Random(7).nextBytes(artifact);
    registry.register("churn", Map.of("model.bin", artifact, "contract.json", "{\"f\":[1,2]}".getBytes(UTF_8)),
        Map.of("auc", "0.91", "note", "ünïcode"));
    registry.register("churn", Map.of("model.bin", new byte[] {1, 2, 3}, "contract.json", "{}".getBytes(UTF_8)), Map.of());
    registry.register("churn", Map.of("model.bin", new byte[] {4}, "contract.json", "{}".getBytes(UTF_8)), Map.of());
    registry.promote("churn", 1);
    registry.archive("churn", 3);
    model = dir.resolve("models").resolve("churn");
  }
}
