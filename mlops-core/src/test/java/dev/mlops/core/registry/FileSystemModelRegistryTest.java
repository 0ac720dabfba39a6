package dev.mlops.core.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileSystemModelRegistryTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private FileSystemModelRegistry open() {
    return FileSystemModelRegistry.builder(dir).clock(CLOCK).open();
  }

  /** A registry over the same directory whose force of files named {@code name} fails. */
  private FileSystemModelRegistry failingToForce(String name) {
    return FileSystemModelRegistry.builder(dir)
        .clock(CLOCK)
        .forcer(
            (channel, path) -> {
              if (path.getFileName().toString().contains(name)) {
                throw new IOException("simulated fsync failure of " + name);
              }
              channel.force(true);
            })
        .open();
  }

  private static Map<String, byte[]> parts(String model) {
    return Map.of("model.bin", model.getBytes(UTF_8), "contract.json", "{\"a\":1}".getBytes(UTF_8));
  }

  @Test
  void register_numbersVersionsFromOne_andLoadReturnsTheSameBytes() {
    FileSystemModelRegistry registry = open();
    ModelVersion v1 = registry.register("churn", parts("first"), Map.of("auc", "0.91"));
    ModelVersion v2 = registry.register("churn", parts("second"), Map.of("auc", "0.93"));

    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v1.createdAt()).isEqualTo(CLOCK.instant());
    LoadedVersion loaded = registry.load("churn", 1);
    assertThat(new String(loaded.part("model.bin"), UTF_8)).isEqualTo("first");
    assertThat(loaded.parts().keySet()).containsExactly("contract.json", "model.bin");
    assertThat(loaded.version().metadata()).containsExactly(Map.entry("auc", "0.91"));
    // sha256 of "first": python3 -c "import hashlib;print(hashlib.sha256(b'first').hexdigest())"
    assertThat(loaded.version().part("model.bin").orElseThrow().sha256())
        .isEqualTo("a7937b64b8caa58f03721bb6bacf5c78cb235febe0e70b1b84cd99541461a08e");
    assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(1, 2);
    assertThat(registry.models()).containsExactly("churn");
  }

  @Test
  void registry_reopenedFromTheSameDirectory_seesEverything() {
    FileSystemModelRegistry registry = open();
    registry.register("churn", parts("first"), Map.of());
    registry.promote("churn", 1);

    FileSystemModelRegistry again = open();
    assertThat(again.resolve("churn", ModelRegistry.CHAMPION)).map(ModelVersion::version).contains(1);
    assertThat(new String(again.load("churn", "champion").part("model.bin"), UTF_8)).isEqualTo("first");
  }

  @Test
  void promoteAndRollback_walkTheAliasHistoryBack() {
    FileSystemModelRegistry registry = open();
    for (int i = 1; i <= 3; i++) {
      registry.register("churn", parts("m" + i), Map.of());
      registry.promote("churn", i);
    }
    assertThat(registry.resolve("churn", "champion")).map(ModelVersion::version).contains(3);

    assertThat(registry.rollback("churn").version()).isEqualTo(2);
    assertThat(registry.rollback("churn").version()).isEqualTo(1);
    assertThat(registry.resolve("churn", "champion")).map(ModelVersion::version).contains(1);
    assertThatThrownBy(() -> registry.rollback("churn"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("champion");
    assertThat(registry.aliasHistory("churn", "champion"))
        .extracting(AliasChange::action, AliasChange::fromVersion, AliasChange::toVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("set", 0, 1),
            org.assertj.core.groups.Tuple.tuple("set", 1, 2),
            org.assertj.core.groups.Tuple.tuple("set", 2, 3),
            org.assertj.core.groups.Tuple.tuple("rollback", 3, 2),
            org.assertj.core.groups.Tuple.tuple("rollback", 2, 1));
  }

  @Test
  void aliases_pointIndependently_andCanBeRemovedAndRestoredByRollback() {
    FileSystemModelRegistry registry = open();
    registry.register("churn", parts("a"), Map.of());
    registry.register("churn", parts("b"), Map.of());
    registry.promote("churn", 1);
    registry.setAlias("churn", "challenger", 2);

    assertThat(registry.aliases("churn")).containsExactly(Map.entry("challenger", 2), Map.entry("champion", 1));
    assertThat(registry.removeAlias("churn", "challenger")).isTrue();
    assertThat(registry.resolve("churn", "challenger")).isEmpty();
    assertThat(registry.removeAlias("churn", "challenger")).isFalse();
    assertThat(registry.rollback("churn", "challenger").version()).isEqualTo(2);
    assertThatThrownBy(() -> registry.load("churn", "nope")).isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void setAlias_refusesMissingVersions() {
    FileSystemModelRegistry registry = open();
    registry.register("churn", parts("a"), Map.of());
    assertThatThrownBy(() -> registry.promote("churn", 2))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("churn v2");
    assertThatThrownBy(() -> registry.load("other", 1)).isInstanceOf(ModelNotFoundException.class);
  }

  @Test
  void archive_hidesVersions_andRefusesAliasedOnes() {
    FileSystemModelRegistry registry = open();
    registry.register("churn", parts("a"), Map.of("stage", "x"));
    registry.register("churn", parts("b"), Map.of("stage", "x"));
    registry.promote("churn", 2);

    assertThatThrownBy(() -> registry.archive("churn", 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("champion");
    assertThat(registry.archive("churn", 1).archived()).isTrue();
    assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(2);
    assertThat(registry.versions("churn", true)).extracting(ModelVersion::archived).containsExactly(true, false);
    assertThat(registry.search(Map.of("stage", "x"))).extracting(ModelVersion::version).containsExactly(2);
    assertThatThrownBy(() -> registry.setAlias("churn", "old", 1)).isInstanceOf(IllegalStateException.class);
    assertThat(registry.load("churn", 1).part("model.bin")).isEqualTo("a".getBytes(UTF_8));
    registry.unarchive("churn", 1);
    assertThat(registry.versions("churn")).extracting(ModelVersion::version).containsExactly(1, 2);
  }

  @Test
  void search_matchesEveryGivenMetadataEntry_acrossModels() {
    FileSystemModelRegistry registry = open();
    registry.register("churn", parts("a"), Map.of("team", "growth", "algo", "rf"));
    registry.register("churn", parts("b"), Map.of("team", "growth", "algo", "gbt"));
    registry.register("fraud", parts("c"), Map.of("team", "risk", "algo", "rf"));

    assertThat(registry.search(Map.of("algo", "rf"))).extracting(ModelVersion::label)
        .containsExactly("churn v1", "fraud v1");
    assertThat(registry.search(Map.of("algo", "rf", "team", "growth"))).extracting(ModelVersion::label)
        .containsExactly("churn v1");
    assertThat(registry.search(v -> v.metadata().get("algo").equals("gbt"))).hasSize(1);
  }

  @Test
  void auditLog_recordsEveryChangeAndHostEvents_inOrder() {
    FileSystemModelRegistry registry = open();
    registry.register("churn", parts("a"), Map.of());
    registry.register("churn", parts("b"), Map.of());
    registry.promote("churn", 1);
    registry.appendEvent("trained", "churn", 2, Map.of("auc", "0.9"));
    registry.promote("churn", 2);
    registry.rollback("churn");
    registry.archive("churn", 2);

    List<AuditEvent> log = open().auditLog();
    assertThat(log).extracting(AuditEvent::type).containsExactly(
        "registered", "registered", "promoted", "trained", "promoted", "rolled_back", "archived");
    assertThat(log).extracting(AuditEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(log.get(3).details()).containsEntry("auc", "0.9");
    assertThat(log.get(5).details()).containsEntry("from", "2").containsEntry("to", "1");
    assertThat(log.get(5).alias()).isEqualTo("champion");
  }

  @Test
  void register_copiesItsInputs() {
    FileSystemModelRegistry registry = open();
    byte[] bytes = "abc".getBytes(UTF_8);
    registry.register("m", Map.of("p", bytes), Map.of());
    bytes[0] = 'x';
    assertThat(registry.load("m", 1).part("p")).isEqualTo("abc".getBytes(UTF_8));
  }

  @Test
  void register_refusesEmptyParts() {
    assertThatThrownBy(() -> open().register("m", Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parts must not be empty");
  }

  @Test
  void failedForce_abortsTheRegistration_andLeavesNoVersionOrTemporary() throws IOException {
    FileSystemModelRegistry failing = failingToForce("model.bin");
    assertThatThrownBy(() -> failing.register("churn", parts("a"), Map.of()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("simulated fsync failure");

    FileSystemModelRegistry registry = open();
    assertThat(registry.versions("churn")).isEmpty();
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
    }
    assertThat(registry.register("churn", parts("b"), Map.of()).version()).isEqualTo(1);
    assertThat(registry.auditLog()).extracting(AuditEvent::type).containsExactly("registered");
  }

  @Test
  void failedForce_ofAnAliasFile_leavesTheAliasAsItWas() {
    FileSystemModelRegistry registry = open();
    registry.register("churn", parts("a"), Map.of());
    registry.register("churn", parts("b"), Map.of());
    registry.promote("churn", 1);
    FileSystemModelRegistry failing = failingToForce("champion.json");
    assertThatThrownBy(() -> failing.promote("churn", 2)).isInstanceOf(RegistryException.class);
    assertThat(registry.resolve("churn", "champion")).map(ModelVersion::version).contains(1);
  }

  @Test
  void failedDirectoryForce_beforeTheRename_abortsTheRegistration() {
    FileSystemModelRegistry failing = failingToForce("parts");
    assertThatThrownBy(() -> failing.register("churn", parts("a"), Map.of()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("simulated fsync failure of parts");
    assertThat(open().versions("churn")).isEmpty();
  }

  @Test
  void failedAuditForce_isReported_andTheChangeIsReloggedOnTheNextOpen() {
    FileSystemModelRegistry failing = failingToForce("audit.jsonl");
    assertThatThrownBy(() -> failing.register("churn", parts("a"), Map.of()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("simulated fsync failure");

    FileSystemModelRegistry registry = open();
    // the version itself was complete when the audit append failed
    assertThat(registry.load("churn", 1).part("model.bin")).isEqualTo("a".getBytes(UTF_8));
    List<AuditEvent> log = registry.auditLog();
    assertThat(log).hasSize(1);
    assertThat(log.get(0).type()).isEqualTo(AuditEvent.REGISTERED);
    assertThat(log.get(0).details()).containsEntry("recovered", "true");
    assertThat(open().auditLog()).as("re-logged once only").hasSize(1);
  }

  @Test
  void hostEventTypes_areValidated() {
    assertThatThrownBy(() -> open().appendEvent("Bad Type", null, 0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("event type must be");
    assertThat(open().appendEvent("loop.trained", null, 0, Map.of()).type()).isEqualTo("loop.trained");
  }

  @Test
  void readOnlyRegistry_readsEverything_butRefusesChanges() {
    FileSystemModelRegistry writer = open();
    writer.register("churn", parts("a"), Map.of());
    writer.promote("churn", 1);

    FileSystemModelRegistry reader = FileSystemModelRegistry.builder(dir).readOnly().open();
    assertThat(reader.load("churn", ModelRegistry.CHAMPION).part("model.bin")).isEqualTo("a".getBytes(UTF_8));
    assertThat(reader.auditLog()).hasSize(2);
    assertThatThrownBy(() -> reader.register("churn", parts("b"), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("writable");
    assertThatThrownBy(() -> reader.rollback("churn")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FileSystemModelRegistry.builder(dir.resolve("absent")).readOnly().open())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("absent");
    assertThat(writer.versions("churn")).hasSize(1);
  }
}
