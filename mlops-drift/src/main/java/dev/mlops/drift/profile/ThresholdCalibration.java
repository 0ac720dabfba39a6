package dev.mlops.drift.profile;

import dev.mlops.drift.internal.Checks;
import dev.mlops.drift.stat.DriftStatistic;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Drift thresholds calibrated on the reference's own variability: per feature (and for the label),
 * the distribution of the drift statistic between a window of the monitor's size and the
 * reference, learnt on reference windows, and a stated upper quantile of it as the threshold.
 *
 * <p>How the windows are obtained ({@link Method}): an ordered reference (rows in time order) is
 * cut into consecutive windows of the monitor's size; when it holds fewer than 5 such windows, or
 * when the reference has no order, windows of the monitor's size are resampled from it (moving
 * blocks for an ordered reference, single rows otherwise), so a window of 200 rows and one of
 * 200,000 each get their own threshold. The spread is then corrected for the window being drawn
 * from the reference itself ({@code sqrt((N + w) / (N - w))} for a window inside a reference of
 * {@code N} rows, {@code sqrt(1 + w / N)} for a bootstrap window).
 *
 * <p>Multiple features: a window is flagged as dataset drift when any feature exceeds its
 * threshold, and each feature's quantile is {@code 1 - falseAlarmRate / features}, so (union
 * bound) at most {@code falseAlarmRate} of the windows of a stationary stream flag dataset drift.
 * The prediction has its own quantile {@code 1 - falseAlarmRate} (one check per window), the
 * label {@code 1 - labelFalseAlarmRate} ({@code ThresholdCalibrator} defaults it to {@code
 * DriftThresholds.DEFAULT_LABEL_FALSE_ALARM_RATE}, 1%). The statistic is the normed
 * Wasserstein distance for numeric columns and the Jensen-Shannon distance for categorical ones.
 *
 * <p>Usually not built by hand: a profile built from rows in time order keeps them as chunks and
 * monitors calibrate on those ({@code DriftThresholds.calibrated()}, the default). An explicit
 * calibration is computed by the monitor package's {@code ThresholdCalibrator} (it runs reference
 * windows through a scratch monitor) and stored in the profile, which a monitor or batch
 * comparison then prefers:
 *
 * <pre>{@code
 * ThresholdCalibration calibration = ThresholdCalibrator.builder(profile)
 *     .orderedReference(referenceRows)   // the rows the profile was built from, in time order
 *     .windowRows(1_000)                 // the monitor's window size
 *     .build();
 * ReferenceProfile calibrated = profile.withCalibration(calibration);
 * DriftMonitor monitor = DriftMonitor.builder(calibrated)
 *     .window(Window.tumblingCount(1_000)).build();   // uses it, no threshold setting needed
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #merge}, {@link #toBytes()} and {@link #fromBytes} make it
 * a mergeable, versioned value like a profile.
 */
public final class ThresholdCalibration {

  /** How the calibration windows were obtained. */
  public enum Method {
    /** Consecutive windows of an ordered reference. */
    ORDERED_WINDOWS,
    /** Moving-block resampling of an ordered reference too short for 5 windows. */
    BLOCK_RESAMPLING,
    /** Resampling of single rows of a reference without order. */
    RESAMPLING
  }

  /**
   * One column's calibration.
   *
   * @param name the feature name, or {@link ReferenceProfile#LABEL}
   * @param statistic the calibrated statistic
   * @param windowValues the statistic on each calibration window, after the finite-reference
   *     correction
   * @param threshold the threshold fitted on them
   */
  public record Column(String name, DriftStatistic statistic, double[] windowValues,
      CalibratedThreshold threshold) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if a component is null
     */
    public Column {
      Checks.nonNull("name", name, "statistic", statistic, "threshold", threshold);
      windowValues = windowValues.clone();
    }

    /**
     * The statistic on each calibration window.
     *
     * @return a copy
     */
    @Override
    public double[] windowValues() {
      return windowValues.clone();
    }
  }

  /**
   * The fewest consecutive windows an ordered reference must hold to be calibrated on them;
   * shorter references are block-resampled.
   */
  public static final int MIN_ORDERED_WINDOWS = 5;

  private final Method method;
  private final long windowRows;
  private final int windows;
  private final double falseAlarmRate;
  private final double labelFalseAlarmRate;
  private final Map<String, Column> columns;
  private final int features;

  ThresholdCalibration(Method method, long windowRows, int windows, double falseAlarmRate,
      double labelFalseAlarmRate, Map<String, double[]> values,
      Map<String, DriftStatistic> statistics) {
    this.method = method;
    this.windowRows = windowRows;
    this.windows = windows;
    this.falseAlarmRate = falseAlarmRate;
    this.labelFalseAlarmRate = labelFalseAlarmRate;
    int f = 0;
    for (String name : values.keySet()) {
      if (!single(name)) {
        f++;
      }
    }
    this.features = f;
    Map<String, Column> cols = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      double q = ReferenceProfile.LABEL.equals(e.getKey()) ? 1 - labelFalseAlarmRate
          : single(e.getKey()) ? 1 - falseAlarmRate : 1 - falseAlarmRate / Math.max(1, f);
      cols.put(e.getKey(), new Column(e.getKey(), statistics.get(e.getKey()), e.getValue(),
          CalibratedThreshold.fit(e.getValue(), q,
              CalibratedThreshold.Scale.forStatistic(statistics.get(e.getKey())))));
    }
    this.columns = java.util.Collections.unmodifiableMap(cols);
  }

  /**
   * A calibration from measured window values with one rate for all: each feature's threshold is
   * fitted at the quantile {@code 1 - falseAlarmRate / features}, the label's and the
   * prediction's at {@code 1 - falseAlarmRate} (as {@link #of(Method, long, int, double, double,
   * Map, Map)} with the label rate equal to {@code falseAlarmRate}).
   *
   * @param method how the windows were obtained
   * @param windowRows rows per window, at least 1
   * @param windows the number of windows, at least 1
   * @param falseAlarmRate the per-window false-alarm rate, in (0, 0.5]
   * @param values per column, the statistic on each window (after any finite-reference
   *     correction); NaN marks a window without a finite statistic
   * @param statistics per column, the statistic measured (same keys as {@code values})
   * @return the calibration
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a number is out of range, the keys differ, or a column
   *     has fewer than 3 finite values
   */
  public static ThresholdCalibration of(Method method, long windowRows, int windows,
      double falseAlarmRate, Map<String, double[]> values,
      Map<String, DriftStatistic> statistics) {
    return of(method, windowRows, windows, falseAlarmRate, falseAlarmRate, values, statistics);
  }

  /**
   * A calibration from measured window values (what {@code ThresholdCalibrator} in the monitor
   * package computes from reference rows): each feature's threshold is fitted at the quantile
   * {@code 1 - falseAlarmRate / features}, the prediction's at {@code 1 - falseAlarmRate} (one
   * check) and the label's at {@code 1 - labelFalseAlarmRate}.
   *
   * @param method how the windows were obtained
   * @param windowRows rows per window, at least 1
   * @param windows the number of windows, at least 1
   * @param falseAlarmRate the per-window false-alarm rate of dataset drift, in (0, 0.5]
   * @param labelFalseAlarmRate the per-window false-alarm rate of label drift, in (0, 0.5]
   * @param values per column, the statistic on each window (after any finite-reference
   *     correction); NaN marks a window without a finite statistic
   * @param statistics per column, the statistic measured (same keys as {@code values})
   * @return the calibration
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a number is out of range, the keys differ, or a column
   *     has fewer than 3 finite values
   */
  public static ThresholdCalibration of(Method method, long windowRows, int windows,
      double falseAlarmRate, double labelFalseAlarmRate, Map<String, double[]> values,
      Map<String, DriftStatistic> statistics) {
    Objects.requireNonNull(method, "method must not be null");
    Objects.requireNonNull(values, "values must not be null");
    Objects.requireNonNull(statistics, "statistics must not be null");
    require(windowRows >= 1, "window rows must be at least 1: " + windowRows);
    require(windows >= 1, "windows must be at least 1: " + windows);
    require(falseAlarmRate > 0 && falseAlarmRate <= 0.5,
        "false-alarm rate must be in (0, 0.5]: " + falseAlarmRate);
    require(labelFalseAlarmRate > 0 && labelFalseAlarmRate <= 0.5,
        "label false-alarm rate must be in (0, 0.5]: " + labelFalseAlarmRate);
    require(values.keySet().equals(statistics.keySet()),
        "statistics must name the same columns as values: " + statistics.keySet() + " vs "
            + values.keySet());
    return new ThresholdCalibration(method, windowRows, windows, falseAlarmRate,
        labelFalseAlarmRate, new LinkedHashMap<>(values), new LinkedHashMap<>(statistics));
  }

  /** The label and the prediction have their own false-alarm rate (not shared by features). */
  static boolean single(String column) {
    return ReferenceProfile.LABEL.equals(column) || ReferenceProfile.PREDICTION.equals(column);
  }

  /**
   * How the calibration windows were obtained.
   *
   * @return the method
   */
  public Method method() {
    return method;
  }

  /**
   * The rows of one calibration window (the mean size when explicit windows were given).
   *
   * @return rows per window
   */
  public long windowRows() {
    return windowRows;
  }

  /**
   * The number of calibration windows.
   *
   * @return windows
   */
  public int windows() {
    return windows;
  }

  /**
   * The expected share of windows of a stationary stream that flag dataset drift.
   *
   * @return the false-alarm rate per window
   */
  public double falseAlarmRate() {
    return falseAlarmRate;
  }

  /**
   * The expected share of windows of a stationary stream that flag label drift.
   *
   * @return the label's false-alarm rate per window
   */
  public double labelFalseAlarmRate() {
    return labelFalseAlarmRate;
  }

  /**
   * The expected share of windows in which one given feature drifts on a stationary stream.
   *
   * @return {@code falseAlarmRate / features}
   */
  public double featureFalseAlarmRate() {
    return falseAlarmRate / Math.max(1, features);
  }

  /**
   * The number of calibrated features (columns other than the label and the prediction), which
   * share {@link #falseAlarmRate()}.
   *
   * @return features
   */
  public int features() {
    return features;
  }

  /**
   * The calibrated columns, features in profile order then the label.
   *
   * @return the columns by name
   */
  public Map<String, Column> columns() {
    return columns;
  }

  /**
   * One column's calibration.
   *
   * @param name a feature name or {@link ReferenceProfile#LABEL}
   * @return the column, empty when not calibrated
   */
  public Optional<Column> column(String name) {
    return Optional.ofNullable(columns.get(name));
  }

  /**
   * The threshold of one column.
   *
   * @param name a feature name or {@link ReferenceProfile#LABEL}
   * @return the threshold
   * @throws IllegalArgumentException if the column is not calibrated
   */
  public double threshold(String name) {
    Column c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("column must be calibrated: " + name);
    }
    return c.threshold().threshold();
  }

  /**
   * Where a column's threshold comes from, in words, e.g. {@code "calibrated on 12 ordered
   * reference windows of 720 rows: 99.92th percentile 0.0830 (log-normal fit to 12 windows; max
   * 0.0610); expected false alarms 1% of windows over 12 features"}.
   *
   * @param name a feature name or {@link ReferenceProfile#LABEL}
   * @return the origin
   * @throws IllegalArgumentException if the column is not calibrated
   */
  public String origin(String name) {
    Column c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("column must be calibrated: " + name);
    }
    String how = switch (method) {
      case ORDERED_WINDOWS -> "ordered reference windows";
      case BLOCK_RESAMPLING -> "block-resampled windows (ordered reference shorter than "
          + MIN_ORDERED_WINDOWS + " windows)";
      case RESAMPLING -> "resampled windows (reference without order)";
    };
    boolean label = ReferenceProfile.LABEL.equals(name);
    boolean single = single(name);
    return String.format(Locale.ROOT,
        "calibrated on %d %s of %d rows: %s; expected false alarms %s of windows%s", windows,
        how, windowRows, c.threshold().describe(), pct(label ? labelFalseAlarmRate
            : falseAlarmRate), single ? "" : " over " + features + " features");
  }

  private static String pct(double rate) {
    return String.format(Locale.ROOT, "%.3g%%", 100 * rate);
  }

  /**
   * Combines two calibrations of the same profile, window size and false-alarm rate (e.g. learnt
   * on two parts of the reference): the window values are pooled and the thresholds refitted.
   *
   * @param other the other calibration
   * @return the merged calibration
   * @throws IllegalArgumentException if the window size, rate, method or columns differ
   */
  public ThresholdCalibration merge(ThresholdCalibration other) {
    Objects.requireNonNull(other, "other must not be null");
    require(other.windowRows == windowRows, "merged window rows must match: " + other.windowRows
        + " vs " + windowRows);
    require(other.falseAlarmRate == falseAlarmRate, "merged false-alarm rate must match: "
        + other.falseAlarmRate + " vs " + falseAlarmRate);
    require(other.labelFalseAlarmRate == labelFalseAlarmRate,
        "merged label false-alarm rate must match: " + other.labelFalseAlarmRate + " vs "
            + labelFalseAlarmRate);
    require(other.method == method, "merged method must match: " + other.method + " vs "
        + method);
    require(other.columns.keySet().equals(columns.keySet()),
        "merged columns must match: " + other.columns.keySet());
    Map<String, double[]> values = new LinkedHashMap<>();
    Map<String, DriftStatistic> stats = new LinkedHashMap<>();
    for (Column c : columns.values()) {
      Column o = other.columns.get(c.name());
      require(o.statistic() == c.statistic(), "merged statistic of " + c.name() + " must match: "
          + o.statistic());
      double[] a = c.windowValues;
      double[] b = o.windowValues;
      double[] all = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      values.put(c.name(), all);
      stats.put(c.name(), c.statistic());
    }
    return new ThresholdCalibration(method, windowRows, windows + other.windows, falseAlarmRate,
        labelFalseAlarmRate, values, stats);
  }

  /**
   * The calibration in its versioned binary format.
   *
   * @return the bytes
   */
  public byte[] toBytes() {
    return CalibrationCodec.write(this);
  }

  /**
   * Reads a calibration written by {@link #toBytes()}.
   *
   * @param bytes the bytes
   * @return the calibration
   * @throws dev.mlops.drift.profile.ProfileFormatException if the bytes are not a calibration of
   *     a known version
   */
  public static ThresholdCalibration fromBytes(byte[] bytes) {
    return CalibrationCodec.read(bytes);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ThresholdCalibration c)) {
      return false;
    }
    if (c.method != method || c.windowRows != windowRows || c.windows != windows
        || c.falseAlarmRate != falseAlarmRate || c.labelFalseAlarmRate != labelFalseAlarmRate
        || !c.columns.keySet().equals(columns.keySet())) {
      return false;
    }
    for (Column col : columns.values()) {
      Column other = c.columns.get(col.name());
      if (other.statistic() != col.statistic()
          || !Arrays.equals(other.windowValues, col.windowValues)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, windowRows, windows, falseAlarmRate, labelFalseAlarmRate,
        columns.keySet());
  }

  @Override
  public String toString() {
    return "ThresholdCalibration[" + method + ", " + windows + " windows of " + windowRows
        + " rows, false-alarm rate " + falseAlarmRate + ", label "
        + labelFalseAlarmRate + ", columns " + columns.keySet() + "]";
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
