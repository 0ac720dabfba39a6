package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Values read once by the caller record what reading the row records; predictions kept for labels
 * are never lost between being recorded and being labelled, counted or saved.
 */
final class ReadOnceRecordTest {

  private static final Object[] VALUES = {
    null, Double.NaN, Double.POSITIVE_INFINITY, 0.5, -0.2, 100.0, 3, 7L, 0.25f, "abc", "paris", "lyon", "rome",
    Boolean.TRUE, 42, new Object()
  };

  private static DriftMonitor monitor() {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(1_000_000)).minSampleSize(1).seed(3).build();
  }

  @Test
  void valuesReadOnce_recordWhatReadingTheRowRecords() {
    DriftMonitor byRow = monitor();
    DriftMonitor byValues = monitor();
    List<String> names = byValues.featureNames();
    SplittableRandom rnd = new SplittableRandom(8);
    for (int i = 0; i < 5_000; i++) {
      Map<String, Object> row = new HashMap<>();
      for (String name : List.of("x", "y", "city", "extra")) {
        if (rnd.nextInt(6) != 0) {
          row.put(name, VALUES[rnd.nextInt(VALUES.length)]);
        }
      }
      Object[] values = new Object[names.size()];
      for (int j = 0; j < values.length; j++) {
        values[j] = row.get(names.get(j));
      }
      Prediction p = Prediction.ofValue(rnd.nextDouble());
      byRow.record(row, p, "r" + i);
      byValues.record(row, values, p, "r" + i);
    }
    // values of the wrong length are ignored: the row is read
    Map<String, Object> row = Map.of("x", 0.1, "y", 0.2, "city", "nice");
    byRow.record(row, Prediction.ofValue(1), null);
    byValues.record(row, new Object[] {0.1}, Prediction.ofValue(1), null);

    assertThat(byValues.closeWindow().orElseThrow().toJson()).isEqualTo(byRow.closeWindow().orElseThrow().toJson());
  }

  @Test
  void valuesWithoutARow_areAllThereIs_aNullValueBeingAnAbsentFeature() {
    DriftMonitor byRow = monitor();
    DriftMonitor byValues = monitor();
    Map<String, Object> row = new HashMap<>();
    row.put("x", 0.5);
    row.put("city", "lyon");

    byRow.record(row, null, null);
    byValues.record(null, new Object[] {0.5, null, "lyon"}, null, null);

    assertThat(byValues.featureNames()).containsExactly("x", "y", "city");
    DriftReport report = byValues.closeWindow().orElseThrow();
    assertThat(report.toJson()).isEqualTo(byRow.closeWindow().orElseThrow().toJson());
    assertThat(report.dataQuality().feature("y").absent()).isEqualTo(1);
  }

  @Test
  void predictionsKeptForLabels_joinAtOnce_andAreCountedAndSavedExactly() {
    DriftMonitor m = monitor();
    for (int i = 0; i < 100; i++) {
      m.record(Map.of("x", 0.1, "y", 0.2, "city", "paris"), Prediction.ofValue(i), "id" + i);
      // the newest prediction joins at once, whatever is still buffered
      if (i % 7 == 0) {
        assertThat(m.recordLabel("id" + i, i)).as("label %d", i).isTrue();
      }
    }
    assertThat(m.pendingLabels()).isEqualTo(100 - 15);
    DriftMonitor restored = monitor();
    restored.restore(m.snapshot());
    assertThat(restored.pendingLabels()).isEqualTo(85);
    assertThat(restored.recordLabel("id99", 1)).isTrue();
    assertThat(restored.recordLabel("id97", 1)).isTrue();
    assertThat(restored.recordLabel("id97", 1)).isFalse();
    // re-recording an id keeps the newest prediction only
    m.record(Map.of("x", 0.1), Prediction.ofValue(-1), "id1");
    assertThat(m.pendingLabels()).isEqualTo(85);
  }

  @Test
  void threadsRecordingWithIds_loseNoPendingPrediction() throws Exception {
    DriftMonitor m = monitor();
    int threads = 4;
    int perThread = 3_000;
    Fixtures.concurrently(threads, t -> {
      for (int i = 0; i < perThread; i++) {
        m.record(Map.of("x", 0.1 * i), Prediction.ofValue(i), t + "-" + i);
      }
    });

    assertThat(m.pendingLabels()).isEqualTo(threads * perThread);
    for (int t = 0; t < threads; t++) {
      assertThat(m.recordLabel(t + "-" + (perThread - 1), 1)).isTrue();
      assertThat(m.recordLabel(t + "-0", 1)).isTrue();
    }
    assertThat(m.records()).isEqualTo(threads * perThread);
  }
}
