package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data quality on real data (UCI bike sharing, hourly, read from {@code ../shared/data}): the
 * monitor built from the 2011 profile (rows in time order), one window per calendar month. Clean
 * months raise no finding, though {@code holiday} is constant in every month without a public
 * holiday; three features imputed with a constant inside the training range (an imputation
 * artefact, nothing out of range, nothing missing) are flagged in every month. Short windows of the
 * clean, autocorrelated data (4 to 14 days) raise no top-share finding, while a default imputed in
 * every other row of a month still does.
 */
final class BikeSharingDataQualityTest {

  /** The model's features; the calendar codes (yr, season, mnth) are not monitored. */
  private static final String[] FEATURES = {"hr", "holiday", "weekday", "workingday",
      "weathersit", "temp", "atemp", "hum", "windspeed"};
  private static final List<List<Map<String, Object>>> MONTHS_2011 = new ArrayList<>();
  private static final List<List<Map<String, Object>>> MONTHS_2012 = new ArrayList<>();
  private static ReferenceProfile profile2011;

  @BeforeAll
  static void read() throws IOException {
    Path csv = dev.mlops.drift.SharedData.bikeSharingHours();
    assertThat(csv).as("bike-sharing data beside the clone").exists();
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).trim().split(",");
    Map<String, Integer> col = new LinkedHashMap<>();
    for (int i = 0; i < header.length; i++) {
      col.put(header[i], i);
    }
    for (int m = 0; m < 12; m++) {
      MONTHS_2011.add(new ArrayList<>());
      MONTHS_2012.add(new ArrayList<>());
    }
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.trim().split(",");
      Map<String, Object> row = new LinkedHashMap<>();
      for (String f : FEATURES) {
        row.put(f, Double.parseDouble(v[col.get(f)]));
      }
      int month = Integer.parseInt(v[col.get("mnth")]) - 1;
      if ("0".equals(v[col.get("yr")])) {
        MONTHS_2011.get(month).add(row);
        b.add(row);   // in time order, as the rows were logged
      } else {
        MONTHS_2012.get(month).add(row);
      }
    }
    profile2011 = b.build();
  }

  private static List<DriftReport> monthly(List<List<Map<String, Object>>> months,
      Map<String, Object> imputed) {
    DriftMonitor m = DriftMonitor.builder(profile2011)
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    List<DriftReport> out = new ArrayList<>();
    for (List<Map<String, Object>> month : months) {
      for (Map<String, Object> row : month) {
        Map<String, Object> r = new LinkedHashMap<>(row);
        r.putAll(imputed);
        m.record(r, null, null);
      }
      out.add(m.closeWindow().orElseThrow());
    }
    return out;
  }

  @Test
  void cleanMonths_haveNoFinding_thoughHolidayIsConstantInMonthsWithoutAPublicHoliday() {
    List<DriftReport> reports = new ArrayList<>(monthly(MONTHS_2011, Map.of()));
    reports.addAll(monthly(MONTHS_2012, Map.of()));

    long constantHoliday = reports.stream()
        .filter(r -> r.dataQuality().feature("holiday").distinct() == 1).count();
    assertThat(constantHoliday).as("months without a public holiday").isGreaterThanOrEqualTo(4);
    // 2011 holds holiday = 0 for 1,475 consecutive logged hours (4 July to 5 September); Python:
    // the longest run of equal consecutive 'holiday' cells of the yr == 0 rows of hour.csv
    assertThat(profile2011.feature("holiday").orElseThrow().longestRun()).isEqualTo(1475);
    assertThat(profile2011.feature("holiday").orElseThrow().longestRunValue()).isEqualTo("0");
    for (DriftReport r : reports) {
      assertThat(r.dataQuality().findings()).as("window %d", r.window()).isEmpty();
    }
  }

  @Test
  void threeFeaturesImputedWithAConstantInsideTheTrainingRange_areFlaggedInEveryMonth() {
    // values the 2011 data holds, inside its range: nothing is missing or out of range
    Map<String, Object> imputed = Map.of("atemp", 0.4697, "hum", 0.62, "windspeed", 0.194);

    List<DriftReport> reports = monthly(MONTHS_2012, imputed);

    for (DriftReport r : reports) {
      DataQuality q = r.dataQuality();
      assertThat(q.findings()).as("window %d", r.window()).hasSize(3)
          .anySatisfy(f -> assertThat(f).startsWith("atemp: constant 0.4697 in the window"))
          .anySatisfy(f -> assertThat(f).startsWith("hum: constant 0.6200 in the window"))
          .anySatisfy(f -> assertThat(f).startsWith("windspeed: constant 0.1940 in the window"));
      for (String f : imputed.keySet()) {
        assertThat(q.feature(f).missing()).isZero();
        assertThat(q.feature(f).outOfRange()).isZero();
        assertThat(q.feature(f).distinct()).isEqualTo(1);
      }
      assertThat(r.toText()).contains("data quality findings:", "  hum: constant 0.6200 in the window");
      assertThat(r.toJson()).contains("hum: constant 0.6200 in the window");
      assertThat(DriftReport.fromJson(r.toJson()).dataQuality()).isEqualTo(q);
    }
  }

  @Test
  void shortWindowsOfCleanAutocorrelatedData_raiseNoTopShareFinding() {
    List<Map<String, Object>> all = new ArrayList<>();
    MONTHS_2011.forEach(all::addAll);
    MONTHS_2012.forEach(all::addAll);
    for (int size : new int[] {94, 168, 336}) {
      DriftMonitor m = DriftMonitor.builder(profile2011)
          .window(Window.tumblingCount(Integer.MAX_VALUE)).logWindows(false).build();
      List<String> findings = new ArrayList<>();
      for (int from = 0; from + size <= all.size(); from += size) {
        all.subList(from, from + size).forEach(row -> m.record(row, null, null));
        findings.addAll(m.closeWindow().orElseThrow().dataQuality().findings());
      }
      // before the significance test, windows of 94 rows raised 25 such findings (weathersit 8,
      // workingday 8, atemp 4, temp 3, hum 1, windspeed 1), of 168 rows 5 and of 336 rows 1: the
      // weather holds for up to 139 consecutive hours of 2011, a working week for 120
      assertThat(findings).as("windows of %d rows", size)
          .noneSatisfy(f -> assertThat(f).contains("most frequent value"));
    }
  }

  @Test
  void aDefaultImputedInEveryOtherRow_isATopShareFindingInEveryMonth() {
    assertThat(profile2011.feature("atemp").orElseThrow().longestRun()).isEqualTo(26);
    DriftMonitor m = DriftMonitor.builder(profile2011)
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    for (List<Map<String, Object>> month : MONTHS_2012) {
      for (int i = 0; i < month.size(); i++) {
        Map<String, Object> r = new LinkedHashMap<>(month.get(i));
        if (i % 2 == 0) {
          r.put("atemp", 0.4697);
        }
        m.record(r, null, null);
      }
      DataQuality q = m.closeWindow().orElseThrow().dataQuality();
      assertThat(q.findings()).as("month of %d rows", month.size()).singleElement()
          .satisfies(f -> assertThat(f).startsWith("atemp: most frequent value 0.4697 takes 0.5")
              .contains("independent draws"));
    }
  }
}
