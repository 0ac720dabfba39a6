package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A first window's calibrations run on the host's executor when the monitor was given one (not
 * on the JVM's common pool), with the reports of a monitor on its own thread, and a bounded host
 * executor (one thread) cannot deadlock on them.
 */
final class FirstWindowExecutorTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int FEATURES = 12;

  private static List<Map<String, Object>> rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int f = 0; f < FEATURES; f++) {
        double z = r.nextGaussian();
        row.put("f" + f, f % 3 == 0 ? z : f % 3 == 1 ? Math.exp(0.5 * z) + f : 3 * r.nextDouble());
      }
      out.add(row);
    }
    return out;
  }

  private static ReferenceProfile profile() {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (int f = 0; f < FEATURES; f++) {
      b.numeric("f" + f);
    }
    rows(4_000, 21).forEach(b::add);
    return b.build();
  }

  private static ExecutorService named(int threads, String prefix) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private static List<String> reports(ReferenceProfile profile, ExecutorService host,
      Set<String>[] threads) {
    DriftMonitor.Builder b = DriftMonitor.builder(profile).window(Window.tumblingCount(500))
        .clock(new MutableClock(T0));
    if (host != null) {
      b.executor(host);
    }
    DriftMonitor m = b.build();
    if (threads != null) {
      threads[0] = m.states().reporter().evaluator().recordCalibrationThreads();
    }
    for (Map<String, Object> row : rows(1_000, 22)) {
      m.record(row, null, null);
    }
    m.awaitEvaluation();
    List<String> out = new ArrayList<>();
    for (DriftReport r : m.history()) {
      out.add(r.toJson());
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void firstWindowCalibrations_runOnTheHostsExecutor_withTheOwnThreadsReports() {
    ReferenceProfile profile = profile();
    List<String> own = reports(profile, null, null);
    assertThat(own).hasSize(2);

    ExecutorService host = named(2, "host-calibration-");
    try {
      Set<String>[] threads = new Set[1];
      List<String> onHost = reports(profile, host, threads);
      assertThat(onHost).isEqualTo(own);
      assertThat(threads[0]).isNotEmpty()
          .allSatisfy(t -> assertThat(t).startsWith("host-calibration-"));
    } finally {
      host.shutdownNow();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aOneThreadHostExecutor_evaluatesItsFirstWindowAlone_withoutDeadlock() {
    ReferenceProfile profile = profile();
    List<String> own = reports(profile, null, null);
    ExecutorService one = named(1, "host-only-");
    try {
      Set<String>[] threads = new Set[1];
      List<String> onOne = assertTimeoutPreemptively(Duration.ofSeconds(120),
          () -> reports(profile, one, threads));
      assertThat(onOne).isEqualTo(own);
      assertThat(threads[0]).containsExactly("host-only-1");
    } finally {
      one.shutdownNow();
    }
  }
}
