package dev.mlops.core.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lock-free reads see whole versions while other threads promote, roll back and register. */
final class ConcurrentAccessTest {

  @TempDir Path dir;

  private static Map<String, byte[]> partsOf(int n) {
    return Map.of("model.bin", ("model " + n).getBytes(UTF_8), "contract.json", ("{\"n\":" + n + "}").getBytes(UTF_8));
  }

  @Test
  void readersDuringPromotionsAndRollbacks_alwaysGetACompleteMatchingVersion() throws Exception {
    FileSystemModelRegistry registry = FileSystemModelRegistry.open(dir);
    for (int n = 1; n <= 3; n++) {
      registry.register("m", partsOf(n), Map.of());
    }
    registry.promote("m", 1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger loads = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < 2; w++) {
        FileSystemModelRegistry writer = FileSystemModelRegistry.open(dir);
        int offset = w;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 30; i++) {
            writer.promote("m", 1 + (i + offset) % 3);
            if (i % 5 == 4) {
              writer.rollback("m");
            }
            if (i % 10 == 9) {
              writer.register("m", partsOf(100 + i), Map.of());
            }
          }
          return null;
        }));
      }
      for (int r = 0; r < 2; r++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 60; i++) {
            LoadedVersion v = registry.load("m", ModelRegistry.CHAMPION);
            int n = v.version().version();
            assertThat(new String(v.part("model.bin"), UTF_8)).isEqualTo("model " + n);
            assertThat(new String(v.part("contract.json"), UTF_8)).isEqualTo("{\"n\":" + n + "}");
            loads.incrementAndGet();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads.get()).isEqualTo(120);
    assertThat(registry.versions("m")).hasSize(3 + 2 * 3);
    List<AuditEvent> log = registry.auditLog();
    assertThat(log).extracting(AuditEvent::sequence)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, log.size()).boxed().toList());
    assertThat(log).filteredOn(e -> e.type().equals(AuditEvent.REGISTERED)).hasSize(9);
  }
}
