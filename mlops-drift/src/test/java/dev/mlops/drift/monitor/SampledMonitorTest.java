package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The opt-in sampled monitor ({@code sampleOneIn(k)}): every row counted, 1 in k recorded in full;
 * its statistics, thresholds and estimate are those of a monitor given only the sampled rows.
 */
final class SampledMonitorTest {

  private static ReferenceProfile profile;

  private static synchronized ReferenceProfile profile() {
    if (profile == null) {
      profile = ProfileEstimateTest.reference(2, 5_000, 77);
    }
    return profile;
  }

  /** Row {@code i} of a seeded stream whose x0 and x1 move by 0.8 over {@code rows} rows. */
  private static double[] features(SplittableRandom r, int i, int rows) {
    double[] x = new double[4];
    for (int j = 0; j < 4; j++) {
      x[j] = Fixtures.gaussian(r) + (j < 2 ? 0.8 * i / rows : 0);
    }
    return x;
  }

  /** ProfileEstimateTest's coarse binary model. */
  private static double[] model(double[] x) {
    double a = Math.floor(2 * x[0]) / 2 + 0.25;
    double b = Math.floor(2 * x[1]) / 2 + 0.25;
    double q = 1 / (1 + Math.exp(-2 * (2 * a - b)));
    return new double[] {1 - q, q};
  }

  private static Map<String, Object> row(double[] x) {
    Map<String, Object> row = new HashMap<>();
    for (int j = 0; j < 4; j++) {
      row.put("x" + j, x[j]);
    }
    return row;
  }

  private static DriftMonitor.Builder builder(int windowRows) {
    return DriftMonitor.builder(profile()).window(Window.tumblingCount(windowRows))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
  }

  @Test
  void sampledWindows_areTheWindowsOfTheSampledRows_countingEveryRow() {
    int rows = 3_000;
    int k = 5;
    DriftMonitor sampled = builder(1_000).sampleOneIn(k).build();
    DriftMonitor full = builder(1_000 / k).build();
    SplittableRandom r = new SplittableRandom(91);
    for (int i = 0; i < rows; i++) {
      double[] x = features(r, i, rows);
      double[] p = model(x);
      sampled.record(row(x), Prediction.ofProbabilities(p), "r" + i);
      if (i % k == 0) {
        full.record(row(x), Prediction.ofProbabilities(p), "r" + i);
      }
    }
    for (int i = 0; i < rows; i++) {
      // every row's label joins its prediction, sampled or not
      assertThat(sampled.recordLabel("r" + i, i % 2)).as("label of row %s", i).isTrue();
    }
    sampled.awaitEvaluation();
    full.awaitEvaluation();
    List<DriftReport> s = sampled.history();
    List<DriftReport> f = full.history();
    assertThat(s).hasSize(3);
    assertThat(f).hasSize(3);
    assertThat(sampled.records()).isEqualTo(rows);
    for (int w = 0; w < 3; w++) {
      DriftReport a = s.get(w);
      DriftReport b = f.get(w);
      assertThat(a.records()).isEqualTo(1_000);
      assertThat(a.sampling()).isEqualTo(new Sampling(k, 200, 1_000));
      assertThat(b.sampling()).isNull();
      assertThat(a.datasetDrift()).isEqualTo(b.datasetDrift());
      for (int j = 0; j < 4; j++) {
        FeatureDrift fa = a.feature("x" + j).orElseThrow();
        FeatureDrift fb = b.feature("x" + j).orElseThrow();
        assertThat(fa.nCurrent()).isEqualTo(200);
        // the same statistic on the same rows, against the threshold of a 200-row window
        assertThat(fa.statistic()).as("window %s x%s", w, j).isEqualTo(fb.statistic());
        assertThat(fa.threshold()).as("window %s x%s", w, j).isEqualTo(fb.threshold());
        assertThat(fa.status()).isEqualTo(fb.status());
      }
      assertThat(a.prediction().statistic()).isEqualTo(b.prediction().statistic());
      assertThat(a.dataQuality().findings()).isEqualTo(b.dataQuality().findings());
      AccuracyEstimate ea = a.performance().accuracyEstimate();
      AccuracyEstimate eb = b.performance().accuracyEstimate();
      assertThat(ea).isNotNull();
      assertThat(ea.estimate()).isEqualTo(eb.estimate());
      assertThat(ea.lower()).isEqualTo(eb.lower());
      assertThat(ea.upper()).isEqualTo(eb.upper());
      assertThat(a.toText()).contains("sampled 1 in 5: statistics on 200 of the 1000 records");
      assertThat(DriftReport.fromJson(a.toJson())).isEqualTo(a);
    }
    // the labels of every row, credited to their windows
    List<LabelledWindow> labelled = sampled.labelledWindows();
    assertThat(labelled).hasSize(3);
    for (LabelledWindow lw : labelled) {
      assertThat(lw.labelled()).isEqualTo(1_000);
      assertThat(lw.labelledShare()).isEqualTo(1.0);
    }
  }

  @Test
  void concurrentRecordsAndCloses_countEveryRowOnce() throws InterruptedException {
    int threads = 6;
    int perThread = 20_000;
    AtomicLong reported = new AtomicLong();
    AtomicLong sampledRows = new AtomicLong();
    AtomicLong windows = new AtomicLong();
    List<String> bad = new ArrayList<>();
    // fixed thresholds and no estimate: forced closes give windows of every size, each of which
    // calibrated thresholds would calibrate
    DriftMonitor m = builder(997).sampleOneIn(3).concurrency(4)
        .thresholds(DriftThresholds.evidentlyDefaults()).withoutProfileEstimate()
        .listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            windows.incrementAndGet();
            reported.addAndGet(report.records());
            Sampling s = report.sampling();
            sampledRows.addAndGet(s.sampledRows());
            // each stripe records the first of every 3 rows it admits in the window
            long least = (s.countedRows() + 2) / 3;
            if (s.countedRows() != report.records() || s.sampledRows() < least
                || s.sampledRows() > least + 4) {
              synchronized (bad) {
                bad.add(report.window() + ": " + s);
              }
            }
          }
        }).build();
    AtomicBoolean done = new AtomicBoolean();
    Thread closer = new Thread(() -> {
      while (!done.get()) {
        m.closeWindow();
      }
    });
    closer.start();
    Fixtures.concurrently(threads, t -> {
      SplittableRandom r = new SplittableRandom(500 + t);
      for (int i = 0; i < perThread; i++) {
        double[] x = features(r, 0, 1);
        m.record(new double[] {x[0], x[1], x[2], x[3]}, Prediction.ofProbabilities(model(x)),
            null);
      }
    });
    done.set(true);
    closer.join();
    m.closeWindow();
    m.awaitEvaluation();
    long total = (long) threads * perThread;
    assertThat(m.records()).isEqualTo(total);
    assertThat(reported.get()).as("rows over %s windows", windows.get()).isEqualTo(total);
    assertThat(bad).isEmpty();
    assertThat(sampledRows.get()).isBetween(total / 3, total / 3 + 5 * windows.get());
  }

  @Test
  void snapshot_keepsTheCountedRows() {
    DriftMonitor m = builder(10_000).sampleOneIn(4).build();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 1_001; i++) {
      double[] x = features(r, 0, 1);
      m.record(row(x), Prediction.ofProbabilities(model(x)), null);
    }
    byte[] state = m.snapshot();
    DriftMonitor restored = builder(10_000).sampleOneIn(4).build();
    restored.restore(state);
    assertThat(restored.records()).isEqualTo(1_001);
    DriftReport report = restored.closeWindow().orElseThrow();
    assertThat(report.records()).isEqualTo(1_001);
    assertThat(report.sampling()).isEqualTo(new Sampling(4, 251, 1_001));
  }

  @Test
  void stateWithMorePredictionsThanUnsampledRows_isRefused() {
    DriftMonitor m = builder(10_000).sampleOneIn(4).build();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 10; i++) {
      double[] x = features(r, 0, 1);
      m.record(row(x), Prediction.ofProbabilities(model(x)), null);
    }
    byte[] state = m.snapshot();
    // the last two longs before the checksum: unsampled rows (7), then those with a prediction
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(state);
    assertThat(b.getLong(state.length - 24)).isEqualTo(7);
    b.putLong(state.length - 16, 8);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(state, 0, state.length - 8);
    b.putLong(state.length - 8, crc.getValue());
    assertThatThrownBy(() -> builder(10_000).sampleOneIn(4).build().restore(state))
        .isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("unsampled rows must not be negative and must hold their predictions: 7"
            + " rows, 8 predictions");
  }

  @Test
  void sampling_isValidated() {
    assertThatThrownBy(() -> builder(100).sampleOneIn(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sampleOneIn must be in [1, 1000000]: 0");
    DriftMonitor m = builder(100).sampleOneIn(1).build();
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 100; i++) {
      double[] x = features(r, 0, 1);
      m.record(row(x), Prediction.ofProbabilities(model(x)), null);
    }
    // the default records every row and says nothing of sampling
    assertThat(m.latestReport().orElseThrow().sampling()).isNull();
    // its state keeps format 6's bytes (readable by a reader of version 6); a sampled window's is 7
    m.record(new double[] {0, 0, 0, 0}, Prediction.ofProbabilities(new double[] {0.5, 0.5}), null);
    assertThat(java.nio.ByteBuffer.wrap(m.snapshot()).getInt(4)).isEqualTo(6);
    DriftMonitor s = builder(100).sampleOneIn(2).build();
    s.record(new double[] {0, 0, 0, 0}, Prediction.ofProbabilities(new double[] {0.5, 0.5}), null);
    assertThat(java.nio.ByteBuffer.wrap(s.snapshot()).getInt(4)).isEqualTo(6);
    s.record(new double[] {0, 0, 0, 0}, Prediction.ofProbabilities(new double[] {0.5, 0.5}), null);
    assertThat(java.nio.ByteBuffer.wrap(s.snapshot()).getInt(4)).isEqualTo(7);
  }
}
