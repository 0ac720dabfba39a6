package dev.mlops.core.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Model registry" example, compiled and run. Keep the two in sync. */
final class RegistryReadmeExampleTest {

  @TempDir Path dir;

  @Test
  void readmeExample_registersPromotesLoadsAndRollsBack() {
    Map<String, byte[]> partsV1 = Map.of("model.bin", "v1".getBytes(UTF_8), "contract.json", "{}".getBytes(UTF_8));
    Map<String, byte[]> partsV2 = Map.of("model.bin", "v2".getBytes(UTF_8), "contract.json", "{}".getBytes(UTF_8));

    // --- README example begins
    ModelRegistry registry = FileSystemModelRegistry.open(dir.resolve("models"));
    ModelVersion v1 = registry.register("churn", partsV1, Map.of("roc_auc", "0.91"));
    registry.promote("churn", v1.version());                          // champion -> v1
    ModelVersion v2 = registry.register("churn", partsV2, Map.of("roc_auc", "0.93"));
    registry.setAlias("churn", ModelRegistry.CHALLENGER, v2.version());
    registry.promote("churn", v2.version());                          // champion -> v2

    LoadedVersion served = registry.load("churn", ModelRegistry.CHAMPION); // SHA-256 verified
    byte[] model = served.part("model.bin");   // Java-serialised parts: SafeDeserialization.read(...)
    registry.rollback("churn");                                       // champion -> v1 again
    registry.appendEvent("retrain_failed", "churn", 0, Map.of("reason", "gate rejected"));
    List<AuditEvent> log = registry.auditLog();
    // --- README example ends

    assertThat(new String(model, UTF_8)).isEqualTo("v2");
    assertThat(registry.resolve("churn", ModelRegistry.CHAMPION)).map(ModelVersion::version).contains(1);
    assertThat(log).extracting(AuditEvent::type).containsExactly(
        "registered", "promoted", "registered", "alias_set", "promoted", "rolled_back", "retrain_failed");
  }
}
