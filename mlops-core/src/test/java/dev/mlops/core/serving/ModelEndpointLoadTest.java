package dev.mlops.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability under load: 8 threads predict while another thread promotes, rolls back, canaries
 * and shadows versions repeatedly; each version records into its own DriftMonitor. Bounded in
 * count: 400 state changes; after each, the changer waits until at least 8 more requests were
 * answered and the workers answer at most 64 more before the next change (so swaps and requests
 * really interleave); at most 20,000 requests per thread; no sleeping, no timing assertions.
 */
final class ModelEndpointLoadTest {

  private static final Logger LOG = LoggerFactory.getLogger(ModelEndpointLoadTest.class);
  private static final int THREADS = 8;
  private static final int CHANGES = 400;
  private static final int VERSIONS = 4;
  private static final int MAX_PER_THREAD = 20_000;
  private static final int BUDGET = 64;

  /** What one deployment's listener (its monitor stand-in) recorded: request id to version. */
  private static final class Recorder implements PredictionListener {
    final Map<String, Integer> served = new ConcurrentHashMap<>();
    final AtomicLong shadowRecords = new AtomicLong();
    final AtomicLong mismatches = new AtomicLong();

    @Override
    public void onPrediction(Map<String, ?> row, PredictionResult r) {
      if (VersionedModel.versionOf(r.value()) != r.modelVersion()) {
        mismatches.incrementAndGet();
      }
      if (r.role() == Role.SHADOW) {
        shadowRecords.incrementAndGet();
      } else if (served.put(r.requestId(), r.modelVersion()) != null) {
        mismatches.incrementAndGet();
      }
    }
  }

  @Test
  void eightThreads_withRepeatedPromotionsAndRollbacks_loseNoRequestAndNoRecord() throws Exception {
    Recorder[] recorders = new Recorder[VERSIONS + 1];
    Deployment[] versions = new Deployment[VERSIONS + 1];
    DriftMonitor[] monitors = new DriftMonitor[VERSIONS + 1];
    double[] reference = new double[1000];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = i;
    }
    ReferenceProfile profile = ReferenceProfile.builder().addColumn("x", reference).build();
    for (int v = 1; v <= VERSIONS; v++) {
      recorders[v] = new Recorder();
      monitors[v] = DriftMonitor.builder(profile).window(Window.tumblingCount(20_000)).build();
      versions[v] = Deployment.builder("load", v, new VersionedModel(v))
          .listener(recorders[v])
          .monitor(monitors[v])
          .build();
    }
    AtomicLong endpointRecords = new AtomicLong();
    ModelEndpoint endpoint = ModelEndpoint.builder(versions[1])
        .listener((row, r) -> endpointRecords.incrementAndGet())
        .canarySeed(7)
        .build();

    AtomicLong answered = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Map<String, PredictionResult> responses = new ConcurrentHashMap<>();
    CountDownLatch started = new CountDownLatch(THREADS);
    AtomicLong workersDone = new AtomicLong();
    java.util.concurrent.atomic.AtomicInteger phase = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(pool.submit(() -> {
          started.countDown();
          // Bounded even if the changer thread dies: at most 20,000 requests per thread.
          for (int i = 0; i < MAX_PER_THREAD && !stop.get(); i++) {
            // At most BUDGET requests per state change, so changes and requests interleave.
            while (answered.get() >= (phase.get() + 1L) * BUDGET && !stop.get()) {
              Thread.yield();
            }
            if (stop.get()) {
              break; // a thread released by stop must not send one more request past the bound
            }
            String id = "t" + thread + "-" + i;
            try {
              PredictionResult r = endpoint.predict(id, Map.of("x", (double) (i % 1000)));
              responses.put(id, r);
              answered.incrementAndGet();
            } catch (Throwable e) {
              failures.add(e);
            }
          }
          workersDone.incrementAndGet();
        }));
      }
      Future<Integer> changer = pool.submit(() -> {
        started.await();
        int changes = 0;
        for (int c = 0; c < CHANGES; c++) {
          int v = 1 + c % VERSIONS;
          Deployment next = versions[v];
          switch (c % 5) {
            case 0, 1 -> endpoint.swap(next);                       // promote
            case 2 -> endpoint.swap(versions[1 + (v + 2) % VERSIONS]); // roll back to an earlier one
            case 3 -> endpoint.canary(next, 0.3);
            default -> endpoint.shadow(next);
          }
          changes++;
          phase.set(changes);
          long target = answered.get() + THREADS;
          while (answered.get() < target && workersDone.get() < THREADS) {
            Thread.yield();
          }
        }
        endpoint.clearChallenger();
        return changes;
      });

      int changes = changer.get(120, TimeUnit.SECONDS);
      stop.set(true);
      for (Future<?> w : workers) {
        w.get(120, TimeUnit.SECONDS);
      }
      assertThat(changes).isEqualTo(CHANGES);
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }

    assertThat(failures).isEmpty();
    long total = answered.get();
    LOG.info("load test: {} requests answered across {} state changes", total, CHANGES);
    assertThat(total).isBetween((long) CHANGES * THREADS, (CHANGES + 1L) * BUDGET + THREADS);
    assertThat(responses).hasSize((int) total);
    // Each response was produced by exactly one version: its value encodes the version it names.
    assertThat(responses.values())
        .allSatisfy(r -> assertThat(VersionedModel.versionOf(r.value())).isEqualTo(r.modelVersion()));
    assertThat(responses.values()).extracting(PredictionResult::modelVersion).containsOnly(1, 2, 3, 4);
    // Zero lost records: every answered request is in exactly one deployment's record, under the same version.
    long recorded = 0;
    long shadowRecords = 0;
    for (int v = 1; v <= VERSIONS; v++) {
      assertThat(recorders[v].mismatches).hasValue(0);
      recorded += recorders[v].served.size();
      shadowRecords += recorders[v].shadowRecords.get();
      for (Map.Entry<String, Integer> e : recorders[v].served.entrySet()) {
        assertThat(responses.get(e.getKey()).modelVersion()).isEqualTo(e.getValue());
      }
    }
    assertThat(recorded).isEqualTo(total);
    // ... and every prediction, served or shadowed, reached its deployment's DriftMonitor.
    long monitored = 0;
    for (int v = 1; v <= VERSIONS; v++) {
      assertThat(monitors[v].recordErrors()).isZero();
      monitored += monitors[v].records();
    }
    assertThat(endpointRecords).hasValue(total);
    assertThat(shadowRecords).isPositive();
    assertThat(monitored).isEqualTo(total + shadowRecords);
    Set<Integer> deploymentSums = Set.of((int) (versions[1].stats().predictions()
        + versions[2].stats().predictions() + versions[3].stats().predictions()
        + versions[4].stats().predictions() - shadowRecords));
    assertThat(deploymentSums).containsExactly((int) total);
    ServingStats stats = endpoint.stats();
    assertThat(stats.predictions()).isEqualTo(total);
    assertThat(stats.failed()).isZero();
    assertThat(stats.invalid()).isZero();
    assertThat(stats.listenerFailures()).isZero();
    // a random 1 in 16 answered requests timed (the default): far fewer samples than requests, never more
    assertThat(stats.latencyCount()).isPositive().isLessThan(total / 4);
  }
}
