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
import org.junit.jupiter.api.Test;

/**
 * Reliability under load: 8 threads predict while another thread promotes, rolls back, canaries
 * and shadows versions repeatedly. Bounded in count: 400 state changes, each waiting until at least
 * 8 more requests were answered (so swaps and requests really interleave), and at most 20,000
 * requests per thread; no sleeping, no timing assertions.
 */
final class ModelEndpointLoadTest {

  private static final int THREADS = 8;
  private static final int CHANGES = 400;
  private static final int VERSIONS = 4;
  private static final int MAX_PER_THREAD = 20_000;

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
    for (int v = 1; v <= VERSIONS; v++) {
      recorders[v] = new Recorder();
      versions[v] = Deployment.builder("load", v, new VersionedModel(v)).listener(recorders[v]).build();
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
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(pool.submit(() -> {
          started.countDown();
          // Bounded even if the changer thread dies: at most 20,000 requests per thread.
          for (int i = 0; i < MAX_PER_THREAD && !stop.get(); i++) {
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
    assertThat(total).isGreaterThanOrEqualTo(Math.min((long) CHANGES * THREADS, (long) MAX_PER_THREAD * THREADS));
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
    assertThat(endpointRecords).hasValue(total);
    assertThat(shadowRecords).isPositive();
    Set<Integer> deploymentSums = Set.of((int) (versions[1].stats().predictions()
        + versions[2].stats().predictions() + versions[3].stats().predictions()
        + versions[4].stats().predictions() - shadowRecords));
    assertThat(deploymentSums).containsExactly((int) total);
    ServingStats stats = endpoint.stats();
    assertThat(stats.predictions()).isEqualTo(total);
    assertThat(stats.failed()).isZero();
    assertThat(stats.invalid()).isZero();
    assertThat(stats.listenerFailures()).isZero();
    assertThat(stats.latencyCount()).isEqualTo(total);
  }
}
