package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.ThresholdCalibration;
import dev.mlops.drift.stat.DriftStatistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes a {@link ThresholdCalibration} from reference rows: every calibration window runs
 * through a scratch {@link DriftMonitor} with the monitor's reservoir size, minimum sample size and
 * seed, and each column's threshold is a stated upper quantile of the statistic over the windows
 * (see {@link ThresholdCalibration} for the method and the false-alarm rate).
 *
 * <pre>{@code
 * ThresholdCalibration calibration = ThresholdCalibrator.builder(profile)
 *     .orderedReference(referenceRows)   // the rows the profile was built from, in time order
 *     .windowRows(1_000)                 // the monitor's window size
 *     .build();
 * DriftMonitor monitor = DriftMonitor.builder(profile.withCalibration(calibration))
 *     .window(Window.tumblingCount(1_000)).build();   // uses it, no threshold setting needed
 * }</pre>
 *
 * <p>The calibration value lives with the profile (it is stored in it); this class lives with the
 * monitor because it runs one. Stateless; its builder is not thread-safe.
 */
public final class ThresholdCalibrator {

  private ThresholdCalibrator() {}

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
   * The profile with an ordered calibration stored for each window size, learnt on the rows the
   * profile was built from, in time order.
   *
   * @param profile the profile
   * @param orderedRows its rows in time order ({@link ReferenceProfile#LABEL} holds the label)
   * @param windowRows the monitors' window sizes, each at least 2
   * @return the calibrated profile
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a window size is less than 2
   * @throws IllegalStateException if a calibration fails (see {@link Builder#build()})
   */
  public static ReferenceProfile withOrderedCalibrations(ReferenceProfile profile,
      List<? extends Map<String, ?>> orderedRows, int... windowRows) {
    Objects.requireNonNull(windowRows, "window rows must not be null");
    ReferenceProfile out = profile;
    for (int w : windowRows) {
      out = out.withCalibration(builder(profile).orderedReference(orderedRows).windowRows(w)
          .build());
    }
    return out;
  }

  /**
   * Sets a monitor builder's per-column statistics and thresholds (with their origin, shown in
   * each verdict's reason) and its dataset rule (any calibrated feature drifts).
   *
   * @param calibration the calibration
   * @param monitor the monitor builder
   * @return the same builder
   * @throws NullPointerException if an argument is null
   */
  public static DriftMonitor.Builder applyTo(ThresholdCalibration calibration,
      DriftMonitor.Builder monitor) {
    Objects.requireNonNull(calibration, "calibration must not be null");
    Objects.requireNonNull(monitor, "monitor builder must not be null");
    for (ThresholdCalibration.Column c : calibration.columns().values()) {
      monitor.featureTest(c.name(), c.statistic());
      monitor.featureThreshold(c.name(), c.threshold().threshold(), calibration.origin(c.name()));
    }
    monitor.driftShare(1.0 / Math.max(1, calibration.features()));
    return monitor;
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
    private double falseAlarmRate = DriftThresholds.DEFAULT_FALSE_ALARM_RATE;
    private double labelFalseAlarmRate = DriftThresholds.DEFAULT_LABEL_FALSE_ALARM_RATE;
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
     * The share of windows of a stationary stream allowed to flag dataset drift (default {@link
     * DriftThresholds#DEFAULT_FALSE_ALARM_RATE}, 0.002).
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
     * The share of windows of a stationary stream allowed to flag label drift (default {@link
     * DriftThresholds#DEFAULT_LABEL_FALSE_ALARM_RATE}, 0.01; the prediction takes {@link
     * #falseAlarmRate}).
     *
     * @param rate in (0, 0.5]
     * @return this builder
     * @throws IllegalArgumentException if {@code rate} is not in (0, 0.5]
     */
    public Builder labelFalseAlarmRate(double rate) {
      require(rate > 0 && rate <= 0.5, "label false-alarm rate must be in (0, 0.5]: " + rate);
      this.labelFalseAlarmRate = rate;
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
      ThresholdCalibration.Method method;
      long size;
      List<Map<String, ?>> all = new ArrayList<>();
      if (explicit != null) {
        explicit.forEach(all::addAll);
        size = Math.round((double) all.size() / Math.max(1, explicit.size()));
        if (explicit.size() >= ThresholdCalibration.MIN_ORDERED_WINDOWS) {
          windows = new ArrayList<>();
          explicit.forEach(w -> windows.add(new ArrayList<>(w)));
          method = ThresholdCalibration.Method.ORDERED_WINDOWS;
        } else {
          windows = resample(all, (int) size, true);
          method = ThresholdCalibration.Method.BLOCK_RESAMPLING;
        }
      } else {
        if (windowRows == 0) {
          throw new IllegalStateException("window rows must be set: 0");
        }
        all.addAll(rows);
        size = windowRows;
        if (ordered && rows.size() / windowRows >= ThresholdCalibration.MIN_ORDERED_WINDOWS) {
          windows = CalibrationWindows.ordered(rows, windowRows);
          method = ThresholdCalibration.Method.ORDERED_WINDOWS;
        } else {
          windows = resample(all, windowRows, ordered);
          method = ordered ? ThresholdCalibration.Method.BLOCK_RESAMPLING
              : ThresholdCalibration.Method.RESAMPLING;
        }
      }
      if (all.isEmpty()) {
        throw new IllegalStateException("reference rows must not be empty: 0");
      }
      double factor = CalibrationWindows.finiteReferenceFactor(
          method == ThresholdCalibration.Method.ORDERED_WINDOWS, size, all.size());
      Map<String, DriftStatistic> stats = CalibrationRun.statistics(profile, all);
      Map<String, double[]> values = new CalibrationRun(profile, reservoirSize, minSampleSize,
          seed).measure(windows, stats, factor);
      try {
        return ThresholdCalibration.of(method, size, windows.size(), falseAlarmRate,
            labelFalseAlarmRate, values,
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
