package dev.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a child JVM (SIGKILL via {@link Process#destroyForcibly()}) at random points while it
 * saves and promotes, and checks the registry after every kill.
 */
final class CrashSafetyTest {

  private static final Logger LOG = LoggerFactory.getLogger(CrashSafetyTest.class);
  private static final int ROUNDS = 50;

  @TempDir Path dir;

  static Process startWorker(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-XX:-UsePerfData"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(WORKER_CLASS_PATH);
    command.add(RegistryWorker.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Reads n progress bytes; false if the child exited first. */
  static boolean awaitProgress(InputStream progress, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      if (progress.read() < 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void killedWriter_leavesEveryVersionCompleteAndEveryAliasOnACompleteVersion() throws Exception {
    Path root = dir.resolve("registry");
    Random random = new Random(20261130L);
    Map<String, ModelVersion> seen = new HashMap<>();
    int interruptedWrites = 0;
    long recoveredSoFar = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process child = startWorker("churn", root.toString(), Long.toString(random.nextLong()));
      try (InputStream progress = child.getInputStream()) {
        assertThat(awaitProgress(progress, 1 + random.nextInt(12)))
            .as("round %d: the worker must be running when it is killed", round)
            .isTrue();
        // a random extra moment inside the next operation (not a timing assertion)
        child.waitFor(random.nextInt(15), TimeUnit.MILLISECONDS);
        assertThat(child.isAlive()).as("round %d: worker alive before the kill", round).isTrue();
        child.destroyForcibly();
        child.waitFor();
      }
      boolean leftTemporaries = hasTemporaries(root);
      FileSystemModelRegistry registry = FileSystemModelRegistry.open(root);
      long recovered = registry.auditLog().stream().filter(e -> e.details().containsKey("recovered")).count();
      if (leftTemporaries || recovered > recoveredSoFar) {
        interruptedWrites++;
      }
      recoveredSoFar = recovered;
      assertThat(hasTemporaries(root)).as("round %d: temporaries are removed on open", round).isFalse();
      verifyEverything(registry, seen, round);
    }
    LOG.info("{} rounds, {} versions survived, {} kills interrupted a write", ROUNDS, seen.size(), interruptedWrites);
    assertThat(seen.size()).as("versions registered over all rounds").isGreaterThanOrEqualTo(ROUNDS / 2);
    assertThat(interruptedWrites).as("kills that landed inside a write").isPositive();
  }

  private static void verifyEverything(FileSystemModelRegistry registry, Map<String, ModelVersion> seen, int round) {
    List<AuditEvent> log = registry.auditLog();
    for (String model : registry.models()) {
      for (ModelVersion v : registry.versions(model, true)) {
        LoadedVersion loaded = registry.load(model, v.version());
        assertThat(loaded.parts().keySet())
            .as("round %d: %s is complete", round, v.label())
            .containsExactly("contract.json", "model.bin", "profile.bin");
        ModelVersion earlier = seen.putIfAbsent(v.label(), v.withArchived(false));
        if (earlier != null) {
          assertThat(v.withArchived(false)).as("round %d: %s unchanged since it appeared", round, v.label()).isEqualTo(earlier);
        }
        assertThat(log)
            .as("round %d: the registration of %s is in the audit log", round, v.label())
            .anyMatch(e -> e.type().equals(AuditEvent.REGISTERED) && e.version() == v.version() && model.equals(e.model()));
      }
      for (Map.Entry<String, Integer> alias : registry.aliases(model).entrySet()) {
        assertThat(registry.load(model, alias.getKey()).version().version()).isEqualTo(alias.getValue());
        String lastChange = registry.aliasHistory(model, alias.getKey()).get(
            registry.aliasHistory(model, alias.getKey()).size() - 1).eventId();
        assertThat(log).as("round %d: the last change of alias %s is logged", round, alias.getKey())
            .anyMatch(e -> e.eventId().equals(lastChange));
      }
    }
    for (String label : seen.keySet()) {
      String[] parts = label.split(" v");
      assertThat(registry.versions(parts[0], true))
          .as("round %d: %s, once visible, never disappears", round, label)
          .anyMatch(v -> v.version() == Integer.parseInt(parts[1]));
    }
  }

  private static boolean hasTemporaries(Path root) throws IOException {
    if (!Files.exists(root)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.anyMatch(DurableFiles::isTemporary);
    }
  }

  @Test
  void twoProcessesRegisteringAtOnce_areSerialisedByTheFileLock() throws Exception {
    Path root = dir.resolve("shared");
    FileSystemModelRegistry registry = FileSystemModelRegistry.open(root);
    int perWriter = 10;
    Process child = startWorker("register", root.toString(), "shared", Integer.toString(perWriter));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (InputStream progress = child.getInputStream()) {
      assertThat(awaitProgress(progress, 1)).isTrue();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        FileSystemModelRegistry own = FileSystemModelRegistry.open(root);
        String writer = "thread-" + t;
        futures.add(threads.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            own.register("shared", Map.of("model.bin", (writer + i).getBytes()), Map.of("writer", writer));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
      assertThat(awaitProgress(progress, perWriter)).isTrue();
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(child.exitValue()).isZero();
    } finally {
      threads.shutdownNow();
      child.destroyForcibly();
    }
    List<ModelVersion> versions = registry.versions("shared");
    assertThat(versions).extracting(ModelVersion::version)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 3 * perWriter).boxed().toList());
    versions.forEach(v -> registry.load("shared", v.version()));
    assertThat(registry.search(Map.of("writer", "child"))).hasSize(perWriter);
    List<AuditEvent> log = registry.auditLog();
    assertThat(log).hasSize(3 * perWriter).allMatch(e -> e.type().equals(AuditEvent.REGISTERED));
    assertThat(log).extracting(AuditEvent::version).doesNotHaveDuplicates();
  }

  /**
   * Only what the worker needs (its own classes, the registry, Jackson, slf4j): a short class path
   * starts the 50+ child JVMs faster than the full test class path.
   */
  private static final String WORKER_CLASS_PATH =
      Stream.of(
              RegistryWorker.class,
              FileSystemModelRegistry.class,
              dev.mlops.metrics.MlopsException.class,
              com.fasterxml.jackson.databind.ObjectMapper.class,
              com.fasterxml.jackson.core.JsonParser.class,
              com.fasterxml.jackson.annotation.JsonAutoDetect.class,
              org.slf4j.LoggerFactory.class,
              org.slf4j.simple.SimpleServiceProvider.class)
          .map(CrashSafetyTest::classPathOf)
          .distinct()
          .collect(java.util.stream.Collectors.joining(File.pathSeparator));

  private static String classPathOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
