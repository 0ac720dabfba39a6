package dev.mlops.bench.decisions;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.SeasonalBaseline;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bike-sharing drift-decision benchmarks (UCI Bike Sharing, hourly): 2011 replayed month by
 * month against its own profile with the monitor's default thresholds (the profile calibrated on
 * the ordered 2011 rows, windows of 720 hours), and 2012 month by
 * month against the same month of 2011 (the seasonal baseline). Features: season, mnth, hr,
 * holiday, weekday, workingday, weathersit, temp, atemp, hum, windspeed; label cnt. The benchmark
 * has no model: a constant prediction (2011's mean hourly count) carries each label to the
 * monitor's label join. Stateless.
 */
public final class BikeScenarios {

  static final String[] FEATURES = {"season", "mnth", "hr", "holiday", "weekday", "workingday",
      "weathersit", "temp", "atemp", "hum", "windspeed"};
  private static final double MEAN_2011 = 143.794;
  /** Hours in a 30-day month: the calibration windows (the months hold 672 to 744 rows). */
  static final int MONTH_ROWS = 720;

  private BikeScenarios() {}

  /**
   * One month's verdicts.
   *
   * @param month 1 .. 12
   * @param datasetDrift whether the window flagged dataset drift
   * @param drifted the drifted features
   * @param temp the drift of {@code temp}
   * @param label the label (demand) drift, null without labels
   * @param tempMeanDifference mean temp of the window minus that of its baseline
   */
  public record Month(int month, boolean datasetDrift, List<String> drifted, FeatureDrift temp,
      FeatureDrift label, double tempMeanDifference) {}

  /**
   * The hourly rows of one year, in time order, label under {@link ReferenceProfile#LABEL}.
   *
   * @param csv hour.csv
   * @param year 2011 or 2012
   * @return the rows; each carries {@code mnth}
   */
  public static List<Map<String, Object>> read(Path csv, int year) {
    try {
      List<String> lines = Files.readAllLines(csv);
      String[] header = lines.get(0).trim().split(",");
      Map<String, Integer> col = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        col.put(header[i], i);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] v = line.trim().split(",");
        if (Integer.parseInt(v[col.get("yr")]) != year - 2011) {
          continue;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (String f : FEATURES) {
          row.put(f, Double.parseDouble(v[col.get(f)]));
        }
        row.put(ReferenceProfile.LABEL, Double.parseDouble(v[col.get("cnt")]));
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<List<Map<String, Object>>> months(List<Map<String, Object>> rows) {
    List<List<Map<String, Object>>> months = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      final double month = m;
      months.add(rows.stream().filter(r -> (Double) r.get("mnth") == month).toList());
    }
    return months;
  }

  /**
   * 2011 against its own profile with the defaults: the profile built the default way from the
   * rows in time order, the monitor given no threshold setting.
   *
   * @param csv hour.csv
   * @return one entry per month
   */
  public static List<Month> falseAlarms2011(Path csv) {
    List<Map<String, Object>> y2011 = read(csv, 2011);
    // the rows in time order, the default builder: the profile keeps its ordered chunks, from
    // which the monitor forms windows of a month's hours
    ReferenceProfile.Builder pb = ReferenceProfile.builder();
    y2011.forEach(pb::add);
    ReferenceProfile profile = pb.build();
    List<List<Map<String, Object>>> months = months(y2011);
    // the monitor's defaults: no threshold setting
    DriftMonitor monitor = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    List<Month> out = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      out.add(replay(monitor, months.get(m), m + 1, months.get(m)));
    }
    return out;
  }

  /**
   * 2012 month by month against the same month of 2011 (seasonal baseline keyed by {@code mnth},
   * thresholds calibrated by resampling whole days of that month of 2011).
   *
   * @param csv hour.csv
   * @return one entry per month
   */
  public static List<Month> seasonal2012(Path csv) {
    SeasonalBaseline seasonal = SeasonalBaseline.builder(SeasonalBaseline.field("mnth"))
        .ignore("mnth", "season")
        .blockLength(24)
        .build(read(csv, 2011));
    List<List<Map<String, Object>>> base = months(read(csv, 2011));
    List<List<Map<String, Object>>> months = months(read(csv, 2012));
    List<Month> out = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      String key = seasonal.keyOf(months.get(m).get(0));
      DriftMonitor monitor = seasonal.monitor(key, DriftMonitor.builder(seasonal.profile(key))
          .window(Window.tumblingCount(Integer.MAX_VALUE))
          .ignoreFields("mnth", "season")).build();
      out.add(replay(monitor, months.get(m), m + 1, base.get(m)));
    }
    return out;
  }

  private static Month replay(DriftMonitor monitor, List<Map<String, Object>> rows, int month,
      List<Map<String, Object>> baseline) {
    long id = 0;
    for (Map<String, Object> row : rows) {
      Map<String, Object> features = new LinkedHashMap<>(row);
      double label = (Double) features.remove(ReferenceProfile.LABEL);
      String rid = month + "-" + id++;
      monitor.record(features, Prediction.ofValue(MEAN_2011), rid);
      monitor.recordLabel(rid, label);
    }
    DriftReport r = monitor.closeWindow().orElseThrow();
    return new Month(month, r.datasetDrift(),
        r.driftedFeatures().stream().map(FeatureDrift::feature).toList(),
        r.feature("temp").orElseThrow(), r.label(), mean(rows) - mean(baseline));
  }

  private static double mean(List<Map<String, Object>> rows) {
    return rows.stream().mapToDouble(r -> (Double) r.get("temp")).average().orElse(Double.NaN);
  }

  /**
   * The data file: {@code -Dmlops.bench.data}, else {@code ../shared/data/bike-sharing/hour.csv},
   * else {@code /work/shared/data/bike-sharing/hour.csv}.
   *
   * @return the path
   * @throws IllegalStateException if none exists
   */
  public static Path locate() {
    String given = System.getProperty("mlops.bench.data");
    for (String candidate : new String[] {given, "../shared/data/bike-sharing/hour.csv",
        "../../shared/data/bike-sharing/hour.csv", "/work/shared/data/bike-sharing/hour.csv"}) {
      if (candidate != null && Files.exists(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    throw new IllegalStateException("bike-sharing hour.csv must exist: none found");
  }
}
