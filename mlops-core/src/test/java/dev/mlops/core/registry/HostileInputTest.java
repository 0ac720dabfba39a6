package dev.mlops.core.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.hostile.Tripwire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class HostileInputTest {

  @TempDir Path dir;

  static Stream<String> hostileNames() {
    return Stream.of(
        "..", ".", "../evil", "../../etc/passwd", "a/../../b", "a/b", "a\\b", "/abs", "/etc/passwd",
        "C:\\windows", "C:", "a\u0000b", "", " ", "a b", "a..b", ".hidden", "~root", "name\n",
        "x".repeat(129), "é", "a:b", "*", "$HOME");
  }

  private List<String> outsideBefore;

  private FileSystemModelRegistry open() throws IOException {
    Path root = dir.resolve("root");
    FileSystemModelRegistry registry = FileSystemModelRegistry.open(root);
    registry.register("good", Map.of("model.bin", new byte[] {1}), Map.of());
    try (Stream<Path> s = Files.list(dir)) {
      outsideBefore = s.map(Path::toString).sorted().toList();
    }
    return registry;
  }

  private void assertNothingCreatedOutsideTheRoot() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(Path::toString).sorted().toList()).isEqualTo(outsideBefore);
    }
  }

  @ParameterizedTest
  @MethodSource("hostileNames")
  void hostileModelNames_areRefusedByEveryOperation(String name) throws IOException {
    FileSystemModelRegistry registry = open();
    Map<String, byte[]> parts = Map.of("model.bin", new byte[] {1});
    assertThatThrownBy(() -> registry.register(name, parts, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("model name must be");
    assertThatThrownBy(() -> registry.load(name, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.load(name, "champion")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.version(name, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.promote(name, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.versions(name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.archive(name, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.appendEvent("trained", name, 1, Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertNothingCreatedOutsideTheRoot();
  }

  @ParameterizedTest
  @MethodSource("hostileNames")
  void hostileAliasesAndPartNames_areRefused(String name) throws IOException {
    FileSystemModelRegistry registry = open();
    assertThatThrownBy(() -> registry.setAlias("good", name, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("alias must be");
    assertThatThrownBy(() -> registry.resolve("good", name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.rollback("good", name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.removeAlias("good", name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.load("good", name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.register("good", Map.of(name, new byte[] {1}), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("part name must be");
    assertThat(registry.versions("good")).hasSize(1);
    assertNothingCreatedOutsideTheRoot();
  }

  @Test
  void nulInAName_isShownEscapedInTheMessage() throws IOException {
    FileSystemModelRegistry registry = open();
    assertThatThrownBy(() -> registry.register("a\u0000b", Map.of("p", new byte[] {1}), Map.of()))
        .hasMessageEndingWith(": \"a\\u0000b\"");
  }

  @Test
  void symbolicLinkedModelDirectory_isRefused() throws IOException {
    FileSystemModelRegistry registry = open();
    Path outside = Files.createDirectories(dir.resolve("outside/versions/1"));
    Files.createSymbolicLink(registry.root().resolve("models/linked"), outside.getParent().getParent());
    assertThatThrownBy(() -> registry.load("linked", 1)).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("symbolic link");
    assertThat(registry.models()).containsExactly("good");
    assertThat(FileSystemModelRegistry.open(registry.root()).models()).containsExactly("good");
  }

  @Test
  void artifactWithAGadgetClass_isStoredAsOpaqueBytes_butRefusedWhenDeserialised() throws IOException {
    FileSystemModelRegistry registry = open();
    byte[] hostile = SafeDeserializationTest.serialise(new Tripwire());
    Tripwire.reset();
    registry.register("hostile", Map.of("model.bin", hostile, "run.json", "{}".getBytes(UTF_8)), Map.of());
    LoadedVersion loaded = registry.load("hostile", 1);
    assertThatThrownBy(() -> SafeDeserialization.read(loaded.part("model.bin"), Object.class))
        .isInstanceOf(UnsafeArtifactException.class);
    assertThat(Tripwire.constructed.get()).isZero();
    assertThat(Tripwire.readObjectCalls.get()).isZero();
  }
}
