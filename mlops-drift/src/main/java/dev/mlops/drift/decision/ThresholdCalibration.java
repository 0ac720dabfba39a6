package dev.mlops.drift.decision;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The label has its own quantile {@code 1 - falseAlarmRate}. The statistic is the normed
 * Wasserstein distance for numeric columns and the Jensen-Shannon distance for categorical ones.
 *
 * <p>Usually not built by hand: {@code ReferenceProfile.builder().orderedCalibration(1_000)}
 * calibrates while the profile is built and stores the result in the profile, and a monitor or
 * batch comparison on that profile uses it by default ({@code DriftThresholds.calibrated()}). By
 * hand:
 *
 * <pre>{@code
 * ThresholdCalibration calibration = ThresholdCalibration.builder(profile)
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
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(statistic, "statistic");
      Objects.requireNonNull(threshold, "threshold");
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

  static final int MIN_ORDERED_WINDOWS = 5;

  private final Method method;
  private final long windowRows;
  private final int windows;
  private final double falseAlarmRate;
  private final Map<String, Column> columns;
  private final int features;

  ThresholdCalibration(Method method, long windowRows, int windows, double falseAlarmRate,
      Map<String, double[]> values, Map<String, DriftStatistic> statistics) {
    this.method = method;
    this.windowRows = windowRows;
    this.windows = windows;
    this.falseAlarmRate = falseAlarmRate;
    int f = 0;
    for (String name : values.keySet()) {
      if (!single(name)) {
        f++;
      }
    }
    this.features = f;
    Map<String, Column> cols = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      boolean label = single(e.getKey());
      double q = 1 - falseAlarmRate / (label ? 1 : Math.max(1, f));
      cols.put(e.getKey(), new Column(e.getKey(), statistics.get(e.getKey()), e.getValue(),
          CalibratedThreshold.fit(e.getValue(), q,
              CalibratedThreshold.Scale.forStatistic(statistics.get(e.getKey())))));
    }
    this.columns = java.util.Collections.unmodifiableMap(cols);
  }

  /** The label and the prediction have their own false-alarm rate (not shared by features). */
  static boolean single(String column) {
    return ReferenceProfile.LABEL.equals(column) || ReferenceProfile.PREDICTION.equals(column);
  }

  /**
   * Starts a calibration for a profile.
   *
   * @param profile the reference profile the monitor will compare with
   * @return a builder
   * @throws NullPointerException if {@code profile} is null
   */
  public static Builder builder(ReferenceProfile profile) {
    return new Builder(Objects.requireNonNull(profile, "profile must not be null"));
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
   * The expected share of windows in which one given feature drifts on a stationary stream.
   *
   * @return {@code falseAlarmRate / features}
   */
  public double featureFalseAlarmRate() {
    return falseAlarmRate / Math.max(1, features);
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
    boolean label = single(name);
    return String.format(Locale.ROOT,
        "calibrated on %d %s of %d rows: %s; expected false alarms %s of windows%s", windows,
        how, windowRows, c.threshold().describe(), pct(label ? falseAlarmRate
            : falseAlarmRate), label ? "" : " over " + features + " features");
  }

  private static String pct(double rate) {
    return String.format(Locale.ROOT, "%.3g%%", 100 * rate);
  }

  /**
   * Sets a monitor builder's per-column statistics and thresholds (with their origin, shown in
   * each verdict's reason) and its dataset rule (any calibrated feature drifts).
   *
   * @param monitor the monitor builder
   * @return the same builder
   * @throws NullPointerException if {@code monitor} is null
   */
  public DriftMonitor.Builder applyTo(DriftMonitor.Builder monitor) {
    Objects.requireNonNull(monitor, "monitor builder must not be null");
    for (Column c : columns.values()) {
      monitor.featureTest(c.name(), c.statistic());
      monitor.featureThreshold(c.name(), c.threshold().threshold(), origin(c.name()));
    }
    monitor.driftShare(1.0 / Math.max(1, features));
    return monitor;
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
        values, stats);
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
        || c.falseAlarmRate != falseAlarmRate || !c.columns.keySet().equals(columns.keySet())) {
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
    return Objects.hash(method, windowRows, windows, falseAlarmRate, columns.keySet());
  }

  @Override
  public String toString() {
    return "ThresholdCalibration[" + method + ", " + windows + " windows of " + windowRows
        + " rows, false-alarm rate " + falseAlarmRate + ", columns " + columns.keySet() + "]";
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Builds a {@link ThresholdCalibration}; give the reference rows one way (ordered rows, rows
   * without order, or explicit windows). Not thread-safe.
   */
  public static final class Builder {

    private final ReferenceProfile profile;
    private List<? extends Map<String, ?>> rows;
    private List<? extends List<? extends Map<String, ?>>> explicit;
    private boolean ordered;
    private int windowRows;
    private double falseAlarmRate = 0.01;
    private int resamples = 100;
    private int blockLength;
    private long seed = 42L;
    private int reservoirSize = 10_000;
    private int minSampleSize = 30;

    private Builder(ReferenceProfile profile) {
      this.profile = profile;
    }

    /**
     * The reference rows in time order (the rows the profile was built from).
     *
     * @param rows the rows, feature values by name; {@link ReferenceProfile#LABEL} holds the label
     * @return this builder
     * @throws NullPointerException if {@code rows} is null
     */
    public Builder orderedReference(List<? extends Map<String, ?>> rows) {
      this.rows = Objects.requireNonNull(rows, "reference rows must not be null");
      this.ordered = true;
      this.explicit = null;
      return this;
    }

    /**
     * Reference rows without a meaningful order: windows are resampled from them.
     *
     * @param rows the rows
     * @return this builder
     * @throws NullPointerException if {@code rows} is null
     */
    public Builder unorderedReference(List<? extends Map<String, ?>> rows) {
      this.rows = Objects.requireNonNull(rows, "reference rows must not be null");
      this.ordered = false;
      this.explicit = null;
      return this;
    }

    /**
     * The reference already cut into the monitor's windows (e.g. the calendar months of a
     * reference year for monthly windows), in time order.
     *
     * @param windows the windows
     * @return this builder
     * @throws NullPointerException if {@code windows} is null
     * @throws IllegalArgumentException if a window is empty
     */
    public Builder referenceWindows(List<? extends List<? extends Map<String, ?>>> windows) {
      Objects.requireNonNull(windows, "reference windows must not be null");
      for (int i = 0; i < windows.size(); i++) {
        require(windows.get(i) != null && !windows.get(i).isEmpty(),
            "reference window must not be empty: index " + i);
      }
      this.explicit = windows;
      this.rows = null;
      this.ordered = true;
      return this;
    }

    /**
     * The monitor's window size in rows (required with {@link #orderedReference} and
     * {@link #unorderedReference}).
     *
     * @param rows at least 2
     * @return this builder
     * @throws IllegalArgumentException if {@code rows} is less than 2
     */
    public Builder windowRows(int rows) {
      require(rows >= 2, "window rows must be at least 2: " + rows);
      this.windowRows = rows;
      return this;
    }

    /**
     * The share of windows of a stationary stream allowed to flag dataset drift (default 0.01).
     *
     * @param rate in (0, 0.5]
     * @return this builder
     * @throws IllegalArgumentException if {@code rate} is not in (0, 0.5]
     */
    public Builder falseAlarmRate(double rate) {
      require(rate > 0 && rate <= 0.5, "false-alarm rate must be in (0, 0.5]: " + rate);
      this.falseAlarmRate = rate;
      return this;
    }

    /**
     * Windows drawn when resampling (default 100).
     *
     * @param count at least 10
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is less than 10
     */
    public Builder resamples(int count) {
      require(count >= 10, "resamples must be at least 10: " + count);
      this.resamples = count;
      return this;
    }

    /**
     * Consecutive rows per block when resampling an ordered reference (default: the square root
     * of the window size; e.g. 24 for hourly rows with a daily cycle).
     *
     * @param rows at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code rows} is less than 1
     */
    public Builder blockLength(int rows) {
      require(rows >= 1, "block length must be at least 1: " + rows);
      this.blockLength = rows;
      return this;
    }

    /**
     * The seed of the resampling and of the reservoirs (default 42).
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The monitor's reservoir size, so the statistic is computed as the monitor will (default
     * 10,000, the monitor's default).
     *
     * @param size at least 100
     * @return this builder
     * @throws IllegalArgumentException if {@code size} is less than 100
     */
    public Builder reservoirSize(int size) {
      require(size >= 100, "reservoir size must be at least 100: " + size);
      this.reservoirSize = size;
      return this;
    }

    /**
     * The monitor's minimum sample size (default 30, the monitor's default).
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Builder minSampleSize(int n) {
      require(n >= 1, "min sample size must be at least 1: " + n);
      this.minSampleSize = n;
      return this;
    }

    /**
     * Computes the calibration (runs every calibration window through a scratch monitor).
     *
     * @return the calibration
     * @throws IllegalStateException if no reference rows were given, the window size is missing,
     *     or a column has fewer than 3 windows with a finite statistic
     */
    public ThresholdCalibration build() {
      if (rows == null && explicit == null) {
        throw new IllegalStateException("reference rows must be given: none");
      }
      List<List<Map<String, ?>>> windows;
      Method method;
      long size;
      List<Map<String, ?>> all = new ArrayList<>();
      if (explicit != null) {
        explicit.forEach(all::addAll);
        size = Math.round((double) all.size() / Math.max(1, explicit.size()));
        if (explicit.size() >= MIN_ORDERED_WINDOWS) {
          windows = new ArrayList<>();
          explicit.forEach(w -> windows.add(new ArrayList<>(w)));
          method = Method.ORDERED_WINDOWS;
        } else {
          windows = resample(all, (int) size, true);
          method = Method.BLOCK_RESAMPLING;
        }
      } else {
        if (windowRows == 0) {
          throw new IllegalStateException("window rows must be set: 0");
        }
        all.addAll(rows);
        size = windowRows;
        if (ordered && rows.size() / windowRows >= MIN_ORDERED_WINDOWS) {
          windows = CalibrationWindows.ordered(rows, windowRows);
          method = Method.ORDERED_WINDOWS;
        } else {
          windows = resample(all, windowRows, ordered);
          method = ordered ? Method.BLOCK_RESAMPLING : Method.RESAMPLING;
        }
      }
      if (all.isEmpty()) {
        throw new IllegalStateException("reference rows must not be empty: 0");
      }
      double factor = CalibrationWindows.finiteReferenceFactor(
          method == Method.ORDERED_WINDOWS, size, all.size());
      Map<String, DriftStatistic> stats = CalibrationRun.statistics(profile, all);
      Map<String, double[]> values = new CalibrationRun(profile, reservoirSize, minSampleSize,
          seed).measure(windows, stats, factor);
      try {
        return new ThresholdCalibration(method, size, windows.size(), falseAlarmRate, values,
            stats);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("calibration failed: " + e.getMessage(), e);
      }
    }

    private List<List<Map<String, ?>>> resample(List<Map<String, ?>> all, int size,
        boolean blocks) {
      int block = !blocks ? 1 : blockLength > 0 ? blockLength
          : (int) Math.ceil(Math.sqrt(size));
      return CalibrationWindows.resampled(all, size, block, resamples, seed);
    }
  }
}
