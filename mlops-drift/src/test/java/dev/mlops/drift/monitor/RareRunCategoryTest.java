package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.SharedData;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A rare category that comes in whole runs (a holiday: 24 consecutive hours, 10 days of a year of
 * hourly rows) replayed against its own profile in windows that are not a whole number of the
 * profile's chunks. A window of 200 rows holding a whole holiday has a share of 24 / 200 of it,
 * further from the reference than any window of 2 chunks of 128 rows (24 / 256) scaled by
 * {@code sqrt(256 / 200)}, so the bound must also come from the one-chunk windows (24 / 128).
 * Measured on bike sharing 2011 ({@code hour.csv}), where it was found.
 */
final class RareRunCategoryTest {

  /** Day indices of the holidays of 2011 in the bike-sharing data (Jan 17, Feb 21, ...). */
  private static final int[] HOLIDAYS = {16, 51, 104, 149, 184, 247, 282, 314, 327, 359};
  private static final int ROWS = 8_645;

  /** Hourly rows: the holiday flag, the hour, and three AR(1) features at rho 0.9. */
  private static List<Map<String, Object>> year(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] s = new double[3];
    List<Map<String, Object>> rows = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      int day = i / 24;
      boolean holiday = false;
      for (int h : HOLIDAYS) {
        holiday |= h == day;
      }
      row.put("holiday", holiday ? "1" : "0");
      row.put("hr", (double) (i % 24));
      for (int j = 0; j < s.length; j++) {
        s[j] = 0.9 * s[j] + Math.sqrt(1 - 0.81) * gaussian(r);
        row.put("x" + j, s[j]);
      }
      rows.add(row);
    }
    return rows;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static ReferenceProfile profile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("holiday")
        .numeric("hr", "x0", "x1", "x2");
    rows.forEach(b::add);
    return b.build();
  }

  /** Windows of {@code size} rows of the replay whose verdict flags the holiday feature. */
  private static long holidayFlags(ReferenceProfile profile, List<Map<String, Object>> rows,
      int size) {
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(size))
        .build();
    rows.forEach(r -> monitor.record(r, null, null));
    return monitor.history().stream()
        .filter(w -> w.feature("holiday").map(FeatureDrift::drifted).orElse(false)).count();
  }

  /** Bike sharing 2011's hours: the 11 features of the bike scenarios, as numbers. */
  private static List<Map<String, Object>> bike2011() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.bikeSharingHours());
    List<String> header = List.of(lines.get(0).trim().split(","));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.trim().split(",");
      if (!"0".equals(v[header.indexOf("yr")])) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (String f : List.of("season", "mnth", "hr", "holiday", "weekday", "workingday",
          "weathersit", "temp", "atemp", "hum", "windspeed")) {
        row.put(f, Double.parseDouble(v[header.indexOf(f)]));
      }
      rows.add(row);
    }
    return rows;
  }

  private static ReferenceProfile inferred(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    rows.forEach(b::add);
    return b.build();
  }

  @Test
  void bikeHolidaysReplayedAgainstTheirOwnProfileMergedFromHalves_doNotFlagWindowsOf200Rows()
      throws IOException {
    List<Map<String, Object>> rows = bike2011();
    int half = rows.size() / 2;
    ReferenceProfile merged = inferred(rows.subList(0, half))
        .merge(inferred(rows.subList(half, rows.size())));

    // 43 windows; the bound of 2-chunk windows alone flagged the 10 holding a whole holiday
    assertThat(holidayFlags(merged, rows, 200)).isLessThanOrEqualTo(1);
    assertThat(holidayFlags(inferred(rows), rows, 200)).isLessThanOrEqualTo(1);
  }

  @Test
  void aThresholdBetweenTwoChunkSizes_namesBothBounds() {
    List<Map<String, Object>> rows = year(2L);
    DriftMonitor monitor = DriftMonitor.builder(profile(rows))
        .window(Window.tumblingCount(200)).build();
    rows.subList(0, 200).forEach(r -> monitor.record(r, null, null));

    assertThat(monitor.latestReport().orElseThrow().feature("holiday").orElseThrow().reason())
        .containsPattern("the larger of the bounds from windows of 1 and 2 chunks around 2\\d\\d rows \\(the other: ");
  }
}
