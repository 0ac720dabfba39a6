package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Windows are evaluated off the recording thread and an empty window is never a window. */
final class EvaluationThreadTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static DriftMonitor.Builder builder(MutableClock clock) {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1))).clock(clock);
  }

  /** Records which thread each report was published on. */
  private static final class Threads implements DriftListener {
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final List<DriftReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public void onWindowClosed(DriftReport report) {
      threads.add(Thread.currentThread());
      reports.add(report);
    }
  }

  @Test
  void closeWindow_afterCountWindowsClosedOnTheirOwn_reportsNoEmptyWindow() {
    Threads l = new Threads();
    DriftMonitor m = builder(new MutableClock(T0)).window(Window.tumblingCount(100))
        .listener(l).build();
    Fixtures.rows(300, 2, 0, 1).forEach(r -> m.record(r, null, null));
    assertThat(m.closeWindow()).isEmpty();
    assertThat(m.latestReport().orElseThrow().window()).isEqualTo(3);
    assertThat(m.latestReport().orElseThrow().records()).isEqualTo(100);
    assertThat(m.history()).extracting(DriftReport::records).containsExactly(100L, 100L, 100L);
    assertThat(l.reports).hasSize(3);
  }

  @Test
  void closeWindow_afterCountWindowsClosedOnTheirOwn_withLabelsJoinedRightAfterEachRow_reportsNoEmptyWindow() {
    DriftMonitor m = builder(new MutableClock(T0)).window(Window.tumblingCount(100)).build();
    List<Map<String, Object>> rows = Fixtures.rows(400, 6, 0, 1);
    for (int i = 0; i < 300; i++) {
      m.record(rows.get(i), Prediction.ofValue(i), "r" + i);
      assertThat(m.recordLabel("r" + i, i)).isTrue();
    }
    // the label of row 299 arrived after its row closed window 3: it is no window of its own
    assertThat(m.closeWindow()).isEmpty();
    assertThat(m.latestReport().orElseThrow().window()).isEqualTo(3);
    assertThat(m.latestReport().orElseThrow().records()).isEqualTo(100);
    // and it is not lost: it counts with the next rows
    for (int i = 300; i < 400; i++) {
      m.record(rows.get(i), Prediction.ofValue(i), "r" + i);
    }
    assertThat(m.history()).extracting(DriftReport::records).containsExactly(100L, 100L, 100L, 100L);
    // the label of each window's last row arrives after the row closed it: the window's report
    // has 99, the next window counts it as late, and the window's labelled performance has 100
    assertThat(m.history()).extracting(r -> r.performance().labelled())
        .containsExactly(99L, 99L, 99L, 0L);
    assertThat(m.history()).extracting(r -> r.performance().lateLabels())
        .containsExactly(0L, 1L, 1L, 1L);
    assertThat(m.labelledWindows()).extracting(LabelledWindow::labelled)
        .containsExactly(100L, 100L, 100L, 0L);
    assertThat(m.labelledWindows()).extracting(LabelledWindow::lateLabels)
        .containsExactly(1L, 1L, 1L, 0L);
  }

  @Test
  void idleTimeWindow_isNotReported_butALabelOnlyWindowIs() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor m = builder(clock).window(Window.tumblingTime(Duration.ofMinutes(1))).build();
    List<Map<String, Object>> rows = Fixtures.rows(40, 3, 0, 1);
    for (int i = 0; i < rows.size(); i++) {
      m.record(rows.get(i), Prediction.ofValue(i), "r" + i);
    }
    clock.advance(Duration.ofSeconds(61));
    assertThat(m.tick()).map(DriftReport::records).contains(40L);
    // a minute without traffic and without labels: no window
    clock.advance(Duration.ofMinutes(1));
    assertThat(m.tick()).isEmpty();
    assertThat(m.history()).hasSize(1);
    // a minute without traffic but with a label: the label's window is reported, not lost
    assertThat(m.recordLabel("r1", 1.0)).isTrue();
    clock.advance(Duration.ofMinutes(1));
    DriftReport labels = m.tick().orElseThrow();
    assertThat(labels.window()).isEqualTo(2);
    assertThat(labels.records()).isZero();
    // the label is of window 1's prediction: credited there, counted as late here
    assertThat(labels.performance().labelled()).isZero();
    assertThat(labels.performance().lateLabels()).isEqualTo(1);
    assertThat(m.labelledWindows().get(0).labelled()).isEqualTo(1);
    assertThat(m.labelledWindows().get(0).lateLabels()).isEqualTo(1);
  }

  @Test
  void byDefault_windowsAreEvaluatedOnTheMonitorsDaemonThread() {
    Threads l = new Threads();
    DriftMonitor m = builder(new MutableClock(T0)).window(Window.tumblingCount(100))
        .listener(l).build();
    Fixtures.rows(200, 5, 0, 1).forEach(r -> m.record(r, null, null));
    m.awaitEvaluation();
    assertThat(l.reports).extracting(DriftReport::window).containsExactly(1L, 2L);
    assertThat(l.threads).allSatisfy(t -> {
      assertThat(t).isNotSameAs(Thread.currentThread());
      assertThat(t.isDaemon()).isTrue();
      assertThat(t.getName()).startsWith("drift-monitor-evaluation-");
    });
  }

  @Test
  void byDefault_recordedBuffersAreApplied_whileAnEvaluationRuns() throws Exception {
    // the first window's evaluation is held in its listener; recorded buffers are still applied
    // (on the monitor's hand-off thread), so the recording thread never applies them itself
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch evaluating = new java.util.concurrent.CountDownLatch(1);
    DriftMonitor m = builder(new MutableClock(T0)).window(Window.tumblingCount(200))
        .listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            evaluating.countDown();
            try {
              held.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }).build();
    List<Map<String, Object>> rows = Fixtures.rows(3_000, 7, 0, 1);
    rows.subList(0, 200).forEach(r -> m.record(r, null, null));
    assertThat(evaluating.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    java.util.concurrent.Executor handOff = m.windowing().handOff().executor();
    for (int i = 200; i < rows.size(); i++) {
      m.record(rows.get(i), null, null);
      if ((i - 199) % (RecordHandOff.WAKE_AT * 64) == 0) {
        // WAKE_AT buffers queued since the last batch: the apply task is queued on the hand-off
        // thread; a task queued behind it runs once it has applied them (the pool holds ~20)
        java.util.concurrent.CountDownLatch applied = new java.util.concurrent.CountDownLatch(1);
        handOff.execute(applied::countDown);
        assertThat(applied.await(30, java.util.concurrent.TimeUnit.SECONDS))
            .as("the hand-off thread ran while an evaluation was held").isTrue();
      }
    }
    assertThat(m.inlineFlushes()).as("buffers the recording thread applied").isZero();
    held.countDown();
    m.awaitEvaluation();
    assertThat(m.history()).hasSize(15);
  }

  @Test
  void withAHostExecutor_windowsAreEvaluatedThere_inWindowOrder() throws Exception {
    ExecutorService host = Executors.newFixedThreadPool(3, r -> new Thread(r, "host-pool"));
    try {
      Threads l = new Threads();
      DriftMonitor m = builder(new MutableClock(T0)).window(Window.tumblingCount(50))
          .executor(host).listener(l).build();
      Fixtures.rows(500, 6, 0, 1).forEach(r -> m.record(r, null, null));
      m.awaitEvaluation();
      assertThat(l.reports).extracting(DriftReport::window)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
      assertThat(l.threads).allSatisfy(t -> assertThat(t.getName()).isEqualTo("host-pool"));
    } finally {
      host.shutdownNow();
    }
  }

  @Test
  void aListenerReadingTheMonitor_doesNotWaitForItself() {
    List<Long> seen = new CopyOnWriteArrayList<>();
    DriftMonitor[] self = new DriftMonitor[1];
    self[0] = builder(new MutableClock(T0)).window(Window.tumblingCount(100))
        .listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            seen.add(self[0].latestReport().map(DriftReport::window).orElse(-1L));
          }
        }).build();
    Fixtures.rows(200, 7, 0, 1).forEach(r -> self[0].record(r, null, null));
    self[0].awaitEvaluation();
    assertThat(seen).containsExactly(1L, 2L);
  }
}
