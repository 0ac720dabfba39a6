package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.ThresholdCalibration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class SeasonalBaselineTest {

  /** Two "months" of rows: temperature around 0 in month 1, around 5 in month 2. */
  private static List<Map<String, Object>> year(long seed, double offset) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int month = 1; month <= 2; month++) {
      for (int i = 0; i < 1_000; i++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("month", month);
        row.put("temp", (month - 1) * 5 + offset + r.nextDouble());
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void aWindowIsComparedWithTheSameSeasonOfTheReference() {
    SeasonalBaseline seasonal = SeasonalBaseline.builder(SeasonalBaseline.field("month"))
        .ignore("month").build(year(1, 0));
    List<Map<String, Object>> next = year(2, 0);
    List<Map<String, Object>> january = next.subList(0, 1_000);

    String key = seasonal.keyOf(january.get(0));
    DriftMonitor m = seasonal.monitor(key, DriftMonitor.builder(seasonal.profile(key))
        .window(Window.tumblingCount(Integer.MAX_VALUE)).ignoreFields("month")).build();
    january.forEach(r -> m.record(r, null, null));
    DriftReport r = m.closeWindow().orElseThrow();

    assertThat(seasonal.keys()).containsExactly("1", "2");
    assertThat(key).isEqualTo("1");
    assertThat(r.feature("temp").orElseThrow().status()).isEqualTo(DriftStatus.OK);
    assertThat(r.dataQuality().rowsWithUnknownFeatures()).isZero();
    assertThat(seasonal.calibration(key).method())
        .isEqualTo(ThresholdCalibration.Method.BLOCK_RESAMPLING);
  }

  @Test
  void aWarmerSeasonDrifts_againstItsOwnSeason() {
    SeasonalBaseline seasonal = SeasonalBaseline.builder(SeasonalBaseline.field("month"))
        .ignore("month").build(year(1, 0));
    List<Map<String, Object>> warm = year(3, 0.5).subList(0, 1_000);
    DriftMonitor m = seasonal.monitor("1", DriftMonitor.builder(seasonal.profile("1"))
        .window(Window.tumblingCount(Integer.MAX_VALUE))).build();
    warm.forEach(r -> m.record(r, null, null));

    assertThat(m.closeWindow().orElseThrow().feature("temp").orElseThrow().status())
        .isEqualTo(DriftStatus.DRIFT);
  }

  @Test
  void calendarKeys_readTimestamps() {
    Instant monday9 = Instant.parse("2026-11-30T09:15:00Z");
    Map<String, Object> row = Map.of("ts", monday9, "ms", monday9.toEpochMilli());

    assertThat(SeasonalBaseline.monthOf("ts", ZoneOffset.UTC).apply(row)).isEqualTo("NOVEMBER");
    assertThat(SeasonalBaseline.weekdayAndHourOf("ms", ZoneOffset.UTC).apply(row))
        .isEqualTo("MONDAY 09");
    assertThat(SeasonalBaseline.monthOf("absent", ZoneOffset.UTC).apply(row)).isEqualTo("missing");
    assertThat(SeasonalBaseline.field("ts").apply(row)).isEqualTo("2026-11-30T09:15:00Z");
  }

  @Test
  void anUnknownSeason_isRejectedByName() {
    SeasonalBaseline seasonal = SeasonalBaseline.builder(SeasonalBaseline.field("month"))
        .build(year(1, 0));

    assertThatThrownBy(() -> seasonal.profile("13"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("season must be in the reference: 13");
    assertThat(seasonal.profile("1")).isInstanceOf(ReferenceProfile.class);
  }
}
