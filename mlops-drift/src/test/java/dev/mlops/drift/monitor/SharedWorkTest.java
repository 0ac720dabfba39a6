package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedWork} never waits for a helper that has not started: every task runs exactly once
 * whether the helpers run at once, late, never, or are rejected.
 */
final class SharedWorkTest {

  @Test
  void helpersThatNeverRun_leaveEveryTaskToTheCaller() {
    List<Runnable> queued = new ArrayList<>();
    AtomicIntegerArray runs = new AtomicIntegerArray(50);
    SharedWork.run(queued::add, 50, runs::incrementAndGet);
    for (int i = 0; i < 50; i++) {
      assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
    }
    // a helper that starts after the work is done finds nothing left
    queued.forEach(Runnable::run);
    for (int i = 0; i < 50; i++) {
      assertThat(runs.get(i)).isEqualTo(1);
    }
  }

  @Test
  void aSingleThreadExecutorRunningTheCaller_completes_withoutWaitingOnItsQueue()
      throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      AtomicIntegerArray runs = new AtomicIntegerArray(40);
      // the caller itself runs on the executor's only thread: helpers queue behind it
      one.submit(() -> SharedWork.run(one, 40, runs::incrementAndGet)).get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 40; i++) {
        assertThat(runs.get(i)).isEqualTo(1);
      }
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void runningHelpers_shareTheTasks_andFailuresAndRejectionsLoseNone() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      AtomicIntegerArray runs = new AtomicIntegerArray(200);
      java.util.Set<String> threads = ConcurrentHashMap.newKeySet();
      SharedWork.run(pool, 200, i -> {
        threads.add(Thread.currentThread().getName());
        runs.incrementAndGet(i);
        if (i % 17 == 0) {
          throw new IllegalStateException("task " + i);
        }
      });
      for (int i = 0; i < 200; i++) {
        assertThat(runs.get(i)).isEqualTo(1);
      }
      assertThat(threads).isNotEmpty();
    } finally {
      pool.shutdownNow();
    }
    AtomicIntegerArray runs = new AtomicIntegerArray(10);
    SharedWork.run(r -> {
      throw new RejectedExecutionException("full");
    }, 10, runs::incrementAndGet);
    for (int i = 0; i < 10; i++) {
      assertThat(runs.get(i)).isEqualTo(1);
    }
  }
}
