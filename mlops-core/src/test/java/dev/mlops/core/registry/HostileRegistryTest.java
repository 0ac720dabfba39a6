package dev.mlops.core.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry attacked through its files, as issue 17 did: planted devices and FIFOs, a deleted
 * head and last line, an earlier audit line altered, a deleted archive state, non-portable names.
 */
final class HostileRegistryTest extends AttackedRegistryFixture {

  private static void mkfifo(Path path) throws IOException, InterruptedException {
    Files.deleteIfExists(path);
    assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();
  }

  @Test
  void registryFileReplacedByASymlinkToDevZero_isRefusedNotRead() throws IOException {
    Path metadata = model.resolve("versions/2/metadata.json");
    Files.delete(metadata);
    Files.createSymbolicLink(metadata, Path.of("/dev/zero"));
    assertThatThrownBy(() -> registry.version("churn", 2))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("must be a regular file, not a symbolic link");
    Path part = model.resolve("versions/1/parts/model.bin");
    Files.delete(part);
    Files.createSymbolicLink(part, Path.of("/dev/zero"));
    assertThatThrownBy(() -> registry.load("churn", 1)).isInstanceOf(IntegrityException.class);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
  void fifoPlantedInTheRegistry_neitherBlocksOpenNorWriters() throws Exception {
    mkfifo(model.resolve("aliases/champion.json"));
    mkfifo(dir.resolve("audit.head.json"));
    FileSystemModelRegistry reopened = FileSystemModelRegistry.open(dir); // logs, does not block
    assertThatThrownBy(() -> reopened.resolve("churn", "champion"))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("FIFO");
    assertThatThrownBy(() -> reopened.register("other", Map.of("m", new byte[] {1}), Map.of()))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("FIFO");
    mkfifo(dir.resolve(".lock"));
    assertThatThrownBy(() -> reopened.appendEvent("trained", null, 0, Map.of()))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("FIFO");
  }

  @Test
  void deletingTheHeadAndThenTheLastAuditLine_isDetected_andWritesRefusedUntilRepair()
      throws IOException {
    int before = registry.auditLog().size();
    Path log = dir.resolve("audit.jsonl");
    Files.delete(dir.resolve("audit.head.json"));
    byte[] bytes = Files.readAllBytes(log);
    int lastStart = new String(bytes, UTF_8).lastIndexOf('\n', bytes.length - 2) + 1;
    Files.write(log, Arrays.copyOf(bytes, lastStart));

    assertThatThrownBy(() -> registry.auditLog())
        .isInstanceOf(IntegrityException.class).hasMessageContaining("head");
    assertThatThrownBy(() -> registry.promote("churn", 2)).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> registry.verify()).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("audit head");
    assertThat(FileSystemModelRegistry.open(dir)).isNotNull(); // opens, refuses writes

    List<AuditEvent> repair = registry.repair("head deleted; confirmed by the operator");
    assertThat(repair).extracting(AuditEvent::type).containsExactly(AuditLog.REPAIRED);
    List<AuditEvent> after = registry.auditLog();
    // the new chain: the repair, then every change found in the registry re-logged
    assertThat(after.get(0).details()).containsEntry("reason", "head deleted; confirmed by the operator")
        .containsKey("damaged_log");
    assertThat(after).hasSize(1 + before);
    assertThat(after.subList(1, after.size()))
        .allSatisfy(e -> assertThat(e.details()).containsEntry("recovered", "true"));
    assertThatCode(() -> registry.verify()).doesNotThrowAnyException();
    registry.promote("churn", 2);
    assertThat(registry.resolve("churn", "champion").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void flippedByteInAnEarlierAuditLine_stopsWrites() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    byte[] bytes = Files.readAllBytes(log);
    bytes[40] ^= 1; // inside the first of five lines
    Files.write(log, bytes);
    assertThatThrownBy(() -> registry.appendEvent("trained", "churn", 1, Map.of()))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> registry.register("churn", Map.of("m", new byte[] {1}), Map.of()))
        .isInstanceOf(IntegrityException.class);
    assertThat(registry.versions("churn", true)).hasSize(3);
  }

  @Test
  void deletedArchiveState_unArchivesNothingOnReads_readOnlyOrWritable() throws IOException {
    Files.delete(model.resolve("archived.json"));
    FileSystemModelRegistry readOnly = FileSystemModelRegistry.builder(dir).readOnly().open();
    for (FileSystemModelRegistry r : List.of(registry, readOnly)) {
      assertThat(r.version("churn", 3).archived()).isTrue();
      assertThat(r.load("churn", 3).version().archived()).isTrue();
      assertThat(r.versions("churn", false)).extracting(ModelVersion::version)
          .containsExactly(1, 2);
      assertThat(r.search(v -> true)).extracting(ModelVersion::version).containsExactly(1, 2);
    }
  }

  @Test
  void editedAndResignedArchiveState_changesNothingOnReads_andWritesAreRefused()
      throws IOException {
    Path file = model.resolve("archived.json");
    ObjectNode doc = (ObjectNode) CheckedJson.MAPPER.readTree(Files.readAllBytes(file));
    doc.remove("sha256");
    doc.putArray("versions").add(2); // claims v2 archived and v3 not, checksum recomputed
    Files.write(file, CheckedJson.encode(doc));
    assertThat(registry.version("churn", 3).archived()).isTrue();
    assertThat(registry.version("churn", 2).archived()).isFalse();
    assertThat(registry.versions("churn", false)).extracting(ModelVersion::version)
        .containsExactly(1, 2);
    assertThatThrownBy(() -> registry.setAlias("churn", "shadow", 3))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("archive state of model churn [2] does not match the audit chain [3]");
    registry.repair("archived.json edited by hand");
    assertThat(registry.version("churn", 2).archived()).isFalse();
    assertThatCode(() -> registry.verify()).doesNotThrowAnyException();
  }

  @Test
  void deletedArchiveState_isDetectedFromTheChain_andRestoredOnlyByRepair() throws IOException {
    Files.delete(model.resolve("archived.json"));
    assertThatThrownBy(() -> registry.verify()).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("archive state of model churn [] does not match the audit chain [3]");
    assertThatThrownBy(() -> registry.promote("churn", 3))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("archived.json");

    List<AuditEvent> repair = registry.repair("archived.json deleted by a cleanup script");
    assertThat(repair).extracting(AuditEvent::type).containsExactly(RegistryCheck.ARCHIVE_RESTORED);
    assertThat(registry.version("churn", 3).archived()).isTrue();
    assertThatCode(() -> registry.verify()).doesNotThrowAnyException();
    assertThat(registry.repair("nothing to do")).isEmpty();
  }

  @Test
  void verify_checksEveryPart_andEveryRecordedChangeHasItsAuditLine() throws IOException {
    assertThatCode(() -> registry.verify()).doesNotThrowAnyException();
    Path part = model.resolve("versions/2/parts/model.bin");
    Files.write(part, new byte[] {4, 6});
    assertThatThrownBy(() -> registry.verify()).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("churn v2: part model.bin failed its size or SHA-256 check");
  }

  @Test
  void nonPortableNames_areRefusedWithTheTypedError() {
    Map<String, byte[]> parts = Map.of("m", new byte[] {1});
    for (String name : List.of("CON", "nul", "COM1", "lpt9.txt", "aux.json", "a.")) {
      assertThatThrownBy(() -> registry.register(name, parts, Map.of())).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model name must");
      assertThatThrownBy(() -> registry.setAlias("churn", name, 1)).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alias must");
      assertThatThrownBy(() -> registry.register("x", Map.of(name, new byte[] {1}), Map.of()))
          .as(name).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("part name must");
    }
    assertThatThrownBy(() -> registry.register("CHURN", parts, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model name must not differ only in case from the existing \"churn\" (one file"
            + " on a case-insensitive file system): \"CHURN\"");
    assertThatThrownBy(() -> registry.setAlias("churn", "Champion", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alias must not differ");
    assertThatThrownBy(() -> registry.register("x", Map.of("a", new byte[] {1}, "A", new byte[] {2}),
        Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("part name must not differ only in case");
    assertThat(registry.models()).containsExactly("churn");
    // names that only look reserved are fine
    registry.register("console", parts, Map.of());
    registry.register("com10", parts, Map.of());
  }

  @Test
  void twoWriterProcesses_againstOneRegistry_bothComplete_andTheRegistryVerifies()
      throws Exception {
    int perWriter = 12;
    Process a = CrashSafetyTest.startWorker("register", dir.toString(), "shared", Integer.toString(perWriter));
    Process b = CrashSafetyTest.startWorker("register", dir.toString(), "shared", Integer.toString(perWriter));
    assertThat(a.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(b.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();
    assertThat(registry.versions("shared")).extracting(ModelVersion::version)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 2 * perWriter).boxed().toList());
    assertThat(registry.auditLog()).filteredOn(e -> "shared".equals(e.model()))
        .hasSize(2 * perWriter)
        .allSatisfy(e -> assertThat(e.details()).doesNotContainKey("recovered"));
    assertThatCode(() -> registry.verify()).doesNotThrowAnyException();
  }
}
