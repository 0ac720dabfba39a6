package dev.mlops.bench.decisions;

import dev.mlops.bench.decisions.SyntheticStream.Change;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.DriftThresholds;
import dev.mlops.drift.monitor.ThresholdCalibrator;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic drift-decision benchmarks: false alarms on a stationary autocorrelated stream and
 * the power to detect known changes, with thresholds calibrated on an ordered reference of the
 * same stream. Stateless; every figure is a function of the seeds.
 */
public final class StreamScenarios {

  /** Numeric features of the synthetic streams. */
  public static final int FEATURES = 10;
  private static final Logger LOG = LoggerFactory.getLogger(StreamScenarios.class);
  /** Rows per window. */
  public static final int WINDOW = 1_000;
  /** Reference windows (the reference is the stream's first 20,000 rows). */
  public static final int REFERENCE_WINDOWS = 20;

  private StreamScenarios() {}

  /**
   * Windows flagged on a stationary stream.
   *
   * @param windows live windows
   * @param datasetDrift windows that flagged dataset drift
   * @param multivariate windows that flagged multivariate drift
   * @param featureFlags single-feature drift verdicts over all windows and features
   */
  public record FalseAlarms(int windows, int datasetDrift, int multivariate, int featureFlags) {}

  /**
   * Detection of one change over seeded runs.
   *
   * @param change the change
   * @param runs runs
   * @param detected runs that flagged the change within 2 windows of it (dataset drift, or
   *     multivariate drift for a correlation flip)
   * @param univariateDetected runs in which dataset drift (the univariate verdict) flagged within 2
   *     windows of the change
   * @param datasetFalseAlarms windows before the change that flagged dataset drift
   * @param multivariateFalseAlarms windows before the change that flagged multivariate drift
   * @param windowsBeforeChange windows before the change, over all runs
   */
  public record Power(Change change, int runs, int detected, int univariateDetected,
      int datasetFalseAlarms, int multivariateFalseAlarms, int windowsBeforeChange) {

    /**
     * Share of runs that detected the change.
     *
     * @return detected / runs
     */
    public double rate() {
      return (double) detected / runs;
    }
  }

  /**
   * A stationary AR(1) stream: the first 20 windows are the reference (profile and ordered
   * calibration), the next {@code windows} are replayed through a calibrated monitor with
   * multivariate drift.
   *
   * @param rho lag-one autocorrelation
   * @param windows live windows
   * @param seed the seed
   * @return the flags
   */
  public static FalseAlarms falseAlarms(double rho, int windows, long seed) {
    return falseAlarms(rho, windows, seed, Thresholds.DEFAULT);
  }

  /** How the monitor's thresholds are set (every mode is a default or named setting). */
  public enum Thresholds {
    /**
     * The defaults: a profile built the default way from the ordered rows ({@code
     * ReferenceProfile.builder()}, rows given with {@code add(row)} in order: the profile keeps
     * its ordered chunks) and a monitor built with no threshold setting.
     */
    DEFAULT,
    /**
     * The default with an explicit ordered calibration stored in the profile: {@code
     * ThresholdCalibrator.withOrderedCalibrations(profile, rows, 1000)}, the monitor built with no
     * threshold setting.
     */
    ORDERED_PROFILE,
    /**
     * A profile declared without order ({@code withoutChunks()}):
     * thresholds resampled from the profile, rows taken as independent.
     */
    RESAMPLED,
    /** Evidently's fixed rules by name ({@code DriftThresholds.evidentlyDefaults()}). */
    FIXED
  }

  /**
   * As {@link #falseAlarms(double, int, long)} with thresholds set another way, for comparison.
   *
   * @param rho lag-one autocorrelation
   * @param windows live windows
   * @param seed the seed
   * @param thresholds how thresholds are set
   * @return the flags
   */
  public static FalseAlarms falseAlarms(double rho, int windows, long seed,
      Thresholds thresholds) {
    SyntheticStream stream = new SyntheticStream(FEATURES, rho, Change.NONE, Long.MAX_VALUE, seed);
    List<DriftReport> reports = run(stream, windows, thresholds);
    int dataset = 0;
    int multi = 0;
    int features = 0;
    for (DriftReport r : reports) {
      dataset += r.datasetDrift() ? 1 : 0;
      multi += multivariate(r) ? 1 : 0;
      features += r.driftedFeatures().size();
    }
    return new FalseAlarms(reports.size(), dataset, multi, features);
  }

  /**
   * Which check raised the alarms of a stationary stream, per window.
   *
   * @param windows live windows
   * @param datasetDrift windows that flagged dataset drift
   * @param distance windows in which a numeric feature's distance reached its threshold
   * @param scaleOnly windows flagged only through a numeric feature's scale check (no distance
   *     and no categorical verdict)
   * @param categorical windows in which the categorical feature drifted
   * @param multivariate windows that flagged multivariate drift
   */
  public record AlarmSources(int windows, int datasetDrift, int distance, int scaleOnly,
      int categorical, int multivariate) {

    /**
     * The sum of two counts.
     *
     * @param o the other counts
     * @return the sums
     */
    public AlarmSources plus(AlarmSources o) {
      return new AlarmSources(windows + o.windows, datasetDrift + o.datasetDrift,
          distance + o.distance, scaleOnly + o.scaleOnly, categorical + o.categorical,
          multivariate + o.multivariate);
    }
  }

  /**
   * As {@link #falseAlarms(double, int, long, Thresholds)}, counting which check raised each
   * window's alarm.
   *
   * @param rho lag-one autocorrelation
   * @param windows live windows
   * @param seed the seed
   * @param thresholds how thresholds are set
   * @return the counts
   */
  public static AlarmSources alarmSources(double rho, int windows, long seed,
      Thresholds thresholds) {
    SyntheticStream stream = new SyntheticStream(FEATURES, rho, Change.NONE, Long.MAX_VALUE, seed);
    int dataset = 0;
    int distance = 0;
    int scaleOnly = 0;
    int categorical = 0;
    int multi = 0;
    List<DriftReport> reports = run(stream, windows, thresholds);
    for (DriftReport r : reports) {
      if (Boolean.getBoolean("verbose") && r.datasetDrift()) {
        for (var f : r.driftedFeatures()) {
          LOG.info("seed {} window {}: {} {}", seed, r.window(), f.feature(), f.reason());
        }
      }
      boolean d = false;
      boolean c = false;
      boolean s = false;
      for (var f : r.driftedFeatures()) {
        if (f.kind().equals("categorical")) {
          c = true;
        } else if (f.testDrifted()) {
          d = true;
        } else if (f.scaleDrifted()) {
          s = true;
        }
      }
      dataset += r.datasetDrift() ? 1 : 0;
      distance += d ? 1 : 0;
      categorical += c ? 1 : 0;
      scaleOnly += s && !d && !c ? 1 : 0;
      multi += multivariate(r) ? 1 : 0;
    }
    return new AlarmSources(reports.size(), dataset, distance, scaleOnly, categorical, multi);
  }

  /**
   * Power: {@code runs} seeded streams, each with a reference of 20 windows and 10 live windows
   * with the change from live window 6 on (index 5).
   *
   * @param change the change
   * @param rho lag-one autocorrelation
   * @param runs runs
   * @param seed the first seed (run {@code i} uses {@code seed + i})
   * @return the detection counts
   */
  public static Power power(Change change, double rho, int runs, long seed) {
    int live = 10;
    int changeWindow = 5;
    int detected = 0;
    int univariate = 0;
    int falseAlarms = 0;
    int multiAlarms = 0;
    for (int i = 0; i < runs; i++) {
      SyntheticStream stream = new SyntheticStream(FEATURES, rho, change,
          (long) (REFERENCE_WINDOWS + changeWindow) * WINDOW, seed + i);
      List<DriftReport> reports = run(stream, live, Thresholds.DEFAULT);
      boolean hit = false;
      boolean uni = false;
      for (int w = 0; w < live; w++) {
        DriftReport r = reports.get(w);
        boolean target = change == Change.CORRELATION_FLIP ? multivariate(r) : r.datasetDrift();
        if (w < changeWindow) {
          falseAlarms += r.datasetDrift() ? 1 : 0;
          multiAlarms += multivariate(r) ? 1 : 0;
        } else if (w < changeWindow + 2) {
          hit |= target;
          uni |= r.datasetDrift();
        }
      }
      detected += hit ? 1 : 0;
      univariate += uni ? 1 : 0;
    }
    return new Power(change, runs, detected, univariate, falseAlarms, multiAlarms,
        runs * changeWindow);
  }

  private static boolean multivariate(DriftReport r) {
    return r.multivariate() != null && r.multivariate().status() == DriftStatus.DRIFT;
  }

  private static List<DriftReport> run(SyntheticStream stream, int windows,
      Thresholds thresholds) {
    List<Map<String, Object>> reference = stream.next(REFERENCE_WINDOWS * WINDOW);
    ReferenceProfile profile = profile(reference, thresholds == Thresholds.ORDERED_PROFILE);
    if (thresholds == Thresholds.RESAMPLED) {
      profile = profile.withoutChunks();
    }
    // no threshold setting: the defaults (calibrated, DriftThresholds.DEFAULT_FALSE_ALARM_RATE per
    // window), unless -Drate=... states another rate (to measure the trade between rates)
    DriftMonitor.Builder builder = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(WINDOW))
        .history(windows)
        .multivariate(reference);
    if (thresholds == Thresholds.FIXED) {
      builder.thresholds(DriftThresholds.evidentlyDefaults());
    } else {
      LabelRates.apply(builder); // -Drate / -DlabelRate, else the defaults
    }
    DriftMonitor monitor = builder.build();
    for (int i = 0; i < windows * WINDOW; i++) {
      monitor.record(stream.next(), null, null);
    }
    return monitor.history();
  }

  static ReferenceProfile profile(List<Map<String, Object>> rows, boolean ordered) {
    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .numeric(SyntheticStream.numericNames(FEATURES))
        .categorical("c");
    rows.forEach(b::add);
    return ordered ? ThresholdCalibrator.withOrderedCalibrations(b.build(), rows, WINDOW)
        : b.build();
  }
}
