package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The monitor's own background thread: order, wake-ups, failures and its end. */
final class MonitorThreadTest {

  @Test
  void tasks_runInSubmissionOrder_onOneDaemonThread_whetherUrgentOrLazy() throws Exception {
    MonitorThread t = new MonitorThread();
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 0; i < 200; i++) {
      int k = i;
      Runnable task = () -> {
        order.add(k);
        threads.add(Thread.currentThread());
      };
      if (i % 3 == 0) {
        t.execute(task);
      } else {
        t.executeLazily(task);
      }
    }
    t.executeLazily(done::countDown);
    assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
    assertThat(order).hasSize(200).isSorted();
    assertThat(threads).allSatisfy(th -> {
      assertThat(th).isSameAs(threads.get(0)).isNotSameAs(Thread.currentThread());
      assertThat(th.isDaemon()).isTrue();
      assertThat(th.getName()).startsWith("drift-monitor-evaluation-");
    });
  }

  @Test
  void aLazyTask_wakesTheThread_onceItSleeps() throws Exception {
    MonitorThread t = new MonitorThread(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MINUTES.toNanos(10));
    CountDownLatch asleep = new CountDownLatch(1);
    t.onSleep(asleep::countDown);
    CountDownLatch first = new CountDownLatch(1);
    t.executeLazily(first::countDown);
    assertThat(first.await(1, TimeUnit.MINUTES)).isTrue();
    assertThat(asleep.await(1, TimeUnit.MINUTES)).as("gone to sleep").isTrue();
    CountDownLatch second = new CountDownLatch(1);
    t.executeLazily(second::countDown);
    assertThat(second.await(1, TimeUnit.MINUTES)).isTrue();
  }

  @Test
  void aFailingTask_isLogged_andTheNextTasksStillRun() throws Exception {
    MonitorThread t = new MonitorThread();
    CountDownLatch after = new CountDownLatch(2);
    t.execute(() -> {
      throw new IllegalStateException("boom");
    });
    t.execute(after::countDown);
    t.execute(() -> {
      throw new AssertionError("boom");
    });
    t.executeLazily(after::countDown);
    assertThat(after.await(1, TimeUnit.MINUTES)).isTrue();
  }

  @Test
  void anIdleThread_ends_andANewOneStartsForTheNextTask() throws Exception {
    MonitorThread t = new MonitorThread(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(5));
    List<Thread> threads = new CopyOnWriteArrayList<>();
    CountDownLatch first = new CountDownLatch(1);
    t.execute(() -> {
      threads.add(Thread.currentThread());
      first.countDown();
    });
    assertThat(first.await(1, TimeUnit.MINUTES)).isTrue();
    threads.get(0).join(TimeUnit.MINUTES.toMillis(1)); // it ends after 5 ms asleep
    assertThat(threads.get(0).isAlive()).as("idle thread ended").isFalse();
    assertThat(t.running()).isFalse();
    CountDownLatch second = new CountDownLatch(1);
    t.executeLazily(() -> {
      threads.add(Thread.currentThread());
      second.countDown();
    });
    assertThat(second.await(1, TimeUnit.MINUTES)).isTrue();
    assertThat(threads.get(1)).isNotSameAs(threads.get(0));
  }
}
