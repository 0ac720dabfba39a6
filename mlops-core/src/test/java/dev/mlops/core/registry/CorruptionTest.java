package dev.mlops.core.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flips one bit and truncates at many offsets in every kind of registry file, and checks that each
 * damaged file is refused with {@link IntegrityException} and nothing partial is returned.
 */
final class CorruptionTest extends AttackedRegistryFixture {

  @BeforeEach
  void promoteV2AndLogAnEvent() {
    registry.promote("churn", 2);
    registry.appendEvent("trained", "churn", 2, Map.of("reason", "drift"));
  }

  /** Offsets to damage: all of a small file, else the ends plus 80 spread and random ones. */
  private static List<Integer> offsets(int length) {
    TreeSet<Integer> out = new TreeSet<>();
    if (length <= 300) {
      for (int i = 0; i < length; i++) {
        out.add(i);
      }
    } else {
      Random random = new Random(length);
      out.addAll(List.of(0, 1, length - 2, length - 1));
      for (int i = 0; i < 40; i++) {
        out.add((int) ((long) i * length / 40));
        out.add(random.nextInt(length));
      }
    }
    return new ArrayList<>(out);
  }

  /** Damages a file at every offset (bit flip, then truncation) and runs the check on each. */
  private static int damageEverywhere(Path file, Consumer<String> refused) throws IOException {
    byte[] original = Files.readAllBytes(file);
    int checks = 0;
    try {
      for (int offset : offsets(original.length)) {
        byte[] flipped = original.clone();
        flipped[offset] ^= (byte) (1 << (offset % 8));
        Files.write(file, flipped);
        refused.accept("bit flip at byte " + offset + " of " + file.getFileName());
        Files.write(file, java.util.Arrays.copyOf(original, offset));
        refused.accept("truncation to " + offset + " bytes of " + file.getFileName());
        checks += 2;
      }
    } finally {
      Files.write(file, original);
    }
    return checks;
  }

  @Test
  void damagedPart_isRefused_andNoPartsAreReturned() throws IOException {
    Path part = model.resolve("versions/1/parts/model.bin");
    int checks =
        damageEverywhere(
            part,
            what -> {
              assertThatThrownBy(() -> registry.load("churn", 1)).as(what).isInstanceOf(IntegrityException.class)
                  .hasMessageContaining("model.bin");
              assertThatThrownBy(() -> registry.setAlias("churn", "x", 1)).as(what).isInstanceOf(IntegrityException.class);
            });
    assertThat(checks).isGreaterThan(80);
    assertThat(registry.load("churn", 1).part("model.bin")).hasSize(3000);
    assertThat(registry.aliases("churn")).doesNotContainKey("x");
  }

  @Test
  void damagedMetadata_isRefused() throws IOException {
    Path metadata = model.resolve("versions/1/metadata.json");
    damageEverywhere(
        metadata,
        what -> {
          assertThatThrownBy(() -> registry.load("churn", 1)).as(what).isInstanceOf(IntegrityException.class);
          assertThatThrownBy(() -> registry.version("churn", 1)).as(what).isInstanceOf(IntegrityException.class);
          assertThatThrownBy(() -> registry.versions("churn")).as(what).isInstanceOf(IntegrityException.class);
          assertThatThrownBy(() -> registry.rollback("churn")).as(what).isInstanceOf(IntegrityException.class);
        });
    assertThat(registry.version("churn", 1).metadata()).containsEntry("note", "ünïcode");
  }

  @Test
  void damagedAliasFile_isRefused_andTheAliasIsNotMoved() throws IOException {
    Path alias = model.resolve("aliases/champion.json");
    damageEverywhere(
        alias,
        what -> {
          assertThatThrownBy(() -> registry.resolve("churn", "champion")).as(what).isInstanceOf(IntegrityException.class);
          assertThatThrownBy(() -> registry.load("churn", "champion")).as(what).isInstanceOf(IntegrityException.class);
          assertThatThrownBy(() -> registry.promote("churn", 3 - 1)).as(what).isInstanceOf(IntegrityException.class);
          assertThatThrownBy(() -> registry.rollback("churn")).as(what).isInstanceOf(IntegrityException.class);
        });
    assertThat(registry.resolve("churn", "champion")).map(ModelVersion::version).contains(2);
  }

  @Test
  void damagedArchiveState_isRefused() throws IOException {
    Path archive = model.resolve("archived.json");
    damageEverywhere(
        archive,
        what -> {
          assertThatThrownBy(() -> registry.versions("churn", true)).as(what).isInstanceOf(IntegrityException.class);
          assertThatThrownBy(() -> registry.unarchive("churn", 3)).as(what).isInstanceOf(IntegrityException.class);
        });
    assertThat(registry.versions("churn", true)).extracting(ModelVersion::archived).containsExactly(false, false, true);
  }

  @Test
  void damagedAuditLogOrHead_isRefused() throws IOException {
    int lines = registry.auditLog().size();
    Consumer<String> refused =
        what -> assertThatThrownBy(() -> registry.auditLog()).as(what).isInstanceOf(IntegrityException.class);
    damageEverywhere(dir.resolve("audit.jsonl"), refused);
    damageEverywhere(dir.resolve("audit.head.json"), refused);
    assertThat(registry.auditLog()).hasSize(lines);
  }

  @Test
  void damagedLastAuditLine_isRefusedOnAppend() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    byte[] original = Files.readAllBytes(log);
    int lastStart = new String(original, UTF_8).lastIndexOf('\n', original.length - 2) + 1;
    byte[] flipped = original.clone();
    flipped[lastStart + 5] ^= 1;
    Files.write(log, flipped);
    assertThatThrownBy(() -> registry.appendEvent("trained", "churn", 1, Map.of()))
        .isInstanceOf(IntegrityException.class);
    Files.write(log, java.util.Arrays.copyOf(original, lastStart));
    assertThatThrownBy(() -> registry.promote("churn", 1)).isInstanceOf(IntegrityException.class);
    assertThat(registry.resolve("churn", "champion")).map(ModelVersion::version).contains(2);
  }

  @Test
  void extraFileInAVersion_isRefused() throws IOException {
    Files.write(model.resolve("versions/2/parts/planted.bin"), new byte[] {0});
    assertThatThrownBy(() -> registry.load("churn", 2))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("planted.bin");
  }

  @Test
  void removedPart_isRefused() throws IOException {
    Files.delete(model.resolve("versions/2/parts/contract.json"));
    assertThatThrownBy(() -> registry.load("churn", 2)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void tornUncommittedAuditTail_fromACrash_isCutOffOnTheNextAppend() throws IOException {
    Path log = dir.resolve("audit.jsonl");
    int lines = registry.auditLog().size();
    Files.write(log, "{\"seq\":99,\"ti".getBytes(UTF_8), java.nio.file.StandardOpenOption.APPEND);
    assertThat(registry.auditLog()).hasSize(lines);
    registry.appendEvent("trained", "churn", 1, Map.of());
    assertThat(registry.auditLog()).hasSize(lines + 1);
    assertThat(new String(Files.readAllBytes(log), UTF_8)).doesNotContain("\"ti\n").endsWith("\n");
  }
}
