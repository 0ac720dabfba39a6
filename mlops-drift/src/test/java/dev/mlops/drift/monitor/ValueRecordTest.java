package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DriftMonitor#record(double[], double, String, long)}, the endpoint's fast path (a regression
 * value without a {@link Prediction}, a generated id as its prefix and number), records exactly what
 * {@code record(values, Prediction.ofValue(value), prefix + number)} records.
 */
final class ValueRecordTest {

  private static DriftMonitor monitor() {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(1_000_000)).minSampleSize(1).seed(3).build();
  }

  private static final double[] ODD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e300};

  @Test
  void valueAndGeneratedId_recordWhatAPredictionAndTheIdStringRecord_labelsSnapshotAndReportIncluded() {
    DriftMonitor byObject = monitor();
    DriftMonitor byValue = monitor();
    SplittableRandom rnd = new SplittableRandom(21);
    // with a long number, longer than the store keeps (hashed); with a short one, kept as it is
    String longPrefix = "p".repeat(PendingPredictions.MAX_ID_CHARS - 16);
    for (int i = 0; i < 3_000; i++) {
      double[] v = {rnd.nextGaussian(), rnd.nextInt(9) == 0 ? Double.NaN : rnd.nextGaussian(), rnd.nextInt(4)};
      double y = rnd.nextInt(20) == 0 ? ODD[rnd.nextInt(ODD.length)] : rnd.nextGaussian();
      long n = rnd.nextInt(5) == 0 ? Long.MAX_VALUE - i : i;
      switch (i % 5) {
        case 0, 1 -> {
          byObject.record(v, Prediction.ofValue(y), "req-" + n);
          byValue.record(v, y, "req-", n);
        }
        case 2 -> {
          byObject.record(v, Prediction.ofValue(y), "whole-" + i);
          byValue.record(v, y, "whole-" + i, -1);
        }
        case 3 -> {
          byObject.record(v, Prediction.ofValue(y), longPrefix + n);
          byValue.record(v, y, longPrefix, n);
        }
        default -> {
          byObject.record(v, Prediction.ofValue(y), null);
          byValue.record(v, y, null, n);
        }
      }
    }
    assertThat(byValue.pendingLabels()).isEqualTo(byObject.pendingLabels()).isEqualTo(2_400);
    assertThat(byValue.pendingLabelBytes()).isEqualTo(byObject.pendingLabelBytes());
    assertThat(byValue.hashedRequestIds()).isEqualTo(byObject.hashedRequestIds()).isBetween(1L, 599L);
    assertThat(byValue.snapshot()).isEqualTo(byObject.snapshot());
    rnd = new SplittableRandom(21);
    for (int i = 0; i < 3_000; i += 3) {
      String id = switch (i % 5) {
        case 0, 1 -> "req-" + i;
        case 2 -> "whole-" + i;
        case 3 -> longPrefix + i;
        default -> "nothing-" + i;
      };
      double label = rnd.nextGaussian();
      assertThat(byValue.recordLabel(id, label)).as(id).isEqualTo(byObject.recordLabel(id, label));
    }
    assertThat(byValue.pendingLabels()).isEqualTo(byObject.pendingLabels()).isLessThan(2_400);
    assertThat(byValue.closeWindow().orElseThrow().toJson()).isEqualTo(byObject.closeWindow().orElseThrow().toJson());
  }

  @Test
  void generatedId_hashesComparesAndCopiesAsItsString() {
    GeneratedId g = new GeneratedId();
    String[] prefixes = {"", "req-", "é-", "a-very-long-prefix-of-the-host-"};
    long[] numbers = {0, 7, 9, 10, 99, 100, 123_456_789, 1_000_000_000_000L, Long.MAX_VALUE};
    CompactIds ids = new CompactIds(1);
    for (String prefix : prefixes) {
      for (long n : numbers) {
        String s = prefix + n;
        g.set(prefix, n);
        assertThat(g.toString()).isEqualTo(s);
        assertThat(g.length()).isEqualTo(s.length());
        assertThat(GeneratedId.hash(g)).as(s).isEqualTo(s.hashCode());
        ids.set(0, g);
        assertThat(ids.matches(0, s)).as(s).isTrue();
        assertThat(ids.get(0)).isEqualTo(s);
        assertThat(ids.matches(0, s + "0")).isFalse();
      }
    }
  }

  @Test
  void reusedValue_readsAsTheValueItWasLastSetTo_andEqualsAValuePrediction() {
    Prediction.Reused r = new Prediction.Reused();
    assertThat(r.set(2.5).value()).isEqualTo(2.5);
    assertThat(r).isEqualTo(Prediction.ofValue(2.5)).hasSameHashCodeAs(Prediction.ofValue(2.5));
    assertThat(r.set(-1).kind()).isEqualTo(Prediction.Kind.VALUE);
    assertThat(r.toString()).isEqualTo("Prediction[value=-1.0]");
  }
}
