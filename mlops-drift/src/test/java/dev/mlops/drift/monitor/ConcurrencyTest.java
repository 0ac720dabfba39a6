package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** N threads x M records: no count is lost, windows hold exactly their size. */
final class ConcurrencyTest {

  @Test
  void concurrentRecorders_loseNoCounts_acrossWindowBoundaries() throws Exception {
    int threads = 4;
    int perThread = 25_000;
    ConcurrentLinkedQueue<DriftReport> reports = new ConcurrentLinkedQueue<>();
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(7_000)).reservoirSize(1_000).history(1_000)
        .listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            reports.add(report);
          }
        }).build();
    List<Map<String, Object>> rows = Fixtures.rows(1_000, 2, 0, 1);
    Fixtures.concurrently(threads, offset -> {
      for (int i = 0; i < perThread; i++) {
        m.record(rows.get((i + offset * 7) % rows.size()), Prediction.ofClass(i & 1), null);
      }
    });
    DriftReport last = m.closeWindow().orElseThrow();
    long total = threads * (long) perThread;
    assertThat(m.records()).isEqualTo(total);
    assertThat(m.recordErrors()).isZero();
    // 100,000 = 14 full windows of 7,000 + 2,000 closed by closeWindow()
    assertThat(reports).hasSize(15);
    assertThat(reports.stream().mapToLong(DriftReport::records).sum()).isEqualTo(total);
    assertThat(reports.stream().filter(r -> r != last))
        .allSatisfy(r -> assertThat(r.records()).isEqualTo(7_000));
    assertThat(last.records()).isEqualTo(2_000);
    for (DriftReport r : reports) {
      // every row has x and a city: bin counts and category counts add up to the rows
      assertThat(r.dataQuality().rows()).isEqualTo(r.records());
      assertThat(r.feature("city").orElseThrow().nCurrent()).isEqualTo(r.records());
      assertThat(r.prediction().nCurrent()).isEqualTo(r.records());
    }
  }

  @Test
  void recordingLabellingSnapshottingAndClosing_concurrently_keepEveryCount() throws Exception {
    ConcurrentLinkedQueue<DriftReport> reports = new ConcurrentLinkedQueue<>();
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(3_000)).reservoirSize(500).history(1_000)
        .listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            reports.add(report);
          }
        }).build();
    List<Map<String, Object>> rows = Fixtures.rows(500, 2, 0, 1);
    int recorders = 3;
    int perThread = 10_000;
    ConcurrentLinkedQueue<String> toLabel = new ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicBoolean recording = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicLong labelled = new java.util.concurrent.atomic.AtomicLong();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < recorders; t++) {
      final int id = t;
      threads.add(new Thread(() -> {
        try {
          for (int i = 0; i < perThread; i++) {
            String request = id + "-" + i;
            m.record(rows.get(i % rows.size()),
                Prediction.ofProbabilities(new double[] {0.4, 0.6}), request);
            if (i % 10 == 0) {
              toLabel.add(request);
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    Thread labeller = new Thread(() -> {
      try {
        while (recording.get() || !toLabel.isEmpty()) {
          String request = toLabel.poll();
          if (request != null && m.recordLabel(request, 1)) {
            labelled.incrementAndGet();
          }
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    DriftMonitor replica = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .window(Window.tumblingCount(1_000_000)).reservoirSize(500).build();
    rows.subList(0, 100).forEach(r -> replica.record(r, null, null));
    byte[] replicaState = replica.snapshot();
    Thread closer = new Thread(() -> {
      try {
        for (int i = 0; i < 20; i++) {
          assertThat(m.snapshot()).isNotEmpty();
          m.merge(replicaState); // 100 rows each time (may close a full window itself)
          m.closeWindow();
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    threads.forEach(Thread::start);
    labeller.start();
    closer.start();
    for (Thread t : threads) {
      t.join();
    }
    recording.set(false);
    labeller.join();
    closer.join();
    assertThat(failures).isEmpty();
    m.closeWindow();
    assertThat(m.recordErrors()).isZero();
    assertThat(labelled.get()).isEqualTo(recorders * perThread / 10);
    // every label counts once in the window it arrived in: its prediction's, or credited to an
    // earlier window, or beyond the label horizon
    assertThat(reports.stream().mapToLong(r -> r.performance().labelled()
        + r.performance().lateLabels() + r.performance().labelsBeyondHorizon()).sum())
        .isEqualTo(labelled.get());
    // and once in the labelled performance of its prediction's window (or beyond the horizon)
    assertThat(m.labelledWindows()).hasSize(reports.size());
    assertThat(m.labelledWindows().stream().mapToLong(LabelledWindow::labelled).sum()
        + m.labelsBeyondHorizon()).isEqualTo(labelled.get());
    // every recorded row and the 20 x 100 merged rows are in exactly one report
    long reported = reports.stream().mapToLong(DriftReport::records).sum();
    assertThat(reported).isEqualTo(recorders * (long) perThread + 20 * 100);
    for (DriftReport r : reports) {
      assertThat(r.dataQuality().rows()).isEqualTo(r.records());
      assertThat(r.feature("city").orElseThrow().nCurrent()).isEqualTo(r.records());
    }
  }
}
