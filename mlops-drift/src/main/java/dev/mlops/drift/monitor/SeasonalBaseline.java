package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.ThresholdCalibration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A baseline keyed by season: the reference is split by a calendar key (the month, the weekday
 * and hour, or any field), and a window whose rows share a key is compared with the reference
 * rows of that key only (January with the reference's January, Monday 9:00 with the reference's
 * Mondays at 9:00), with thresholds calibrated on that key's rows.
 *
 * <pre>{@code
 * SeasonalBaseline seasonal = SeasonalBaseline.builder(SeasonalBaseline.field("mnth"))
 *     .blockLength(24)                       // hourly rows: resample whole days
 *     .build(reference2011);                 // ordered rows, label under ReferenceProfile.LABEL
 * String key = seasonal.keyOf(firstRowOfWindow);
 * DriftMonitor monitor = seasonal.monitor(key, DriftMonitor.builder(seasonal.profile(key)))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe once built.
 */
public final class SeasonalBaseline {

  private final Function<Map<String, ?>, String> key;
  private final Map<String, ReferenceProfile> profiles;
  private final Map<String, ThresholdCalibration> calibrations;

  private SeasonalBaseline(Function<Map<String, ?>, String> key,
      Map<String, ReferenceProfile> profiles, Map<String, ThresholdCalibration> calibrations) {
    this.key = key;
    this.profiles = Collections.unmodifiableMap(profiles);
    this.calibrations = Collections.unmodifiableMap(calibrations);
  }

  /**
   * A key that is a field's value as text (e.g. {@code "mnth"} -> {@code "1"} .. {@code "12"});
   * a number with no fraction is written without one.
   *
   * @param name the field
   * @return the key function ({@code "missing"} when the field is absent or null)
   */
  public static Function<Map<String, ?>, String> field(String name) {
    Objects.requireNonNull(name, "field name must not be null");
    return row -> {
      Object v = row == null ? null : row.get(name);
      if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        return Long.toString(n.longValue());
      }
      return v == null ? "missing" : v.toString();
    };
  }

  /**
   * A key that is the month of a timestamp field ({@code "JANUARY"} .. {@code "DECEMBER"}).
   *
   * @param name the field holding an {@link Instant}, a {@link TemporalAccessor} with a date, or
   *     epoch milliseconds
   * @param zone the time zone of the calendar
   * @return the key function ({@code "missing"} when the field is not a timestamp)
   */
  public static Function<Map<String, ?>, String> monthOf(String name, ZoneId zone) {
    Objects.requireNonNull(name, "field name must not be null");
    Objects.requireNonNull(zone, "zone must not be null");
    return row -> {
      LocalDateTime t = time(row == null ? null : row.get(name), zone);
      return t == null ? "missing" : t.getMonth().name();
    };
  }

  /**
   * A key that is the weekday and hour of a timestamp field (e.g. {@code "MONDAY 09"}).
   *
   * @param name the field (as in {@link #monthOf})
   * @param zone the time zone of the calendar
   * @return the key function ({@code "missing"} when the field is not a timestamp)
   */
  public static Function<Map<String, ?>, String> weekdayAndHourOf(String name, ZoneId zone) {
    Objects.requireNonNull(name, "field name must not be null");
    Objects.requireNonNull(zone, "zone must not be null");
    return row -> {
      LocalDateTime t = time(row == null ? null : row.get(name), zone);
      if (t == null) {
        return "missing";
      }
      DayOfWeek d = t.getDayOfWeek();
      return String.format(java.util.Locale.ROOT, "%s %02d", d.name(), t.getHour());
    };
  }

  private static LocalDateTime time(Object v, ZoneId zone) {
    try {
      if (v instanceof Instant i) {
        return LocalDateTime.ofInstant(i, zone);
      }
      if (v instanceof Number n) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(n.longValue()), zone);
      }
      if (v instanceof LocalDateTime l) {
        return l;
      }
      if (v instanceof TemporalAccessor t) {
        return LocalDateTime.ofInstant(Instant.from(t), zone);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  /**
   * Starts a seasonal baseline.
   *
   * @param key the season of a row
   * @return a builder
   * @throws NullPointerException if {@code key} is null
   */
  public static Builder builder(Function<Map<String, ?>, String> key) {
    return new Builder(Objects.requireNonNull(key, "key must not be null"));
  }

  /**
   * The season of a row.
   *
   * @param row the row
   * @return its key
   */
  public String keyOf(Map<String, ?> row) {
    return key.apply(row);
  }

  /**
   * The seasons of the reference.
   *
   * @return the keys, in order of first appearance
   */
  public Set<String> keys() {
    return profiles.keySet();
  }

  /**
   * The reference profile of one season.
   *
   * @param key the season
   * @return its profile
   * @throws IllegalArgumentException if the reference has no row of that season
   */
  public ReferenceProfile profile(String key) {
    ReferenceProfile p = profiles.get(key);
    if (p == null) {
      throw new IllegalArgumentException("season must be in the reference: " + key);
    }
    return p;
  }

  /**
   * The threshold calibration of one season.
   *
   * @param key the season
   * @return its calibration
   * @throws IllegalArgumentException if the reference has no row of that season
   */
  public ThresholdCalibration calibration(String key) {
    profile(key);
    return calibrations.get(key);
  }

  /**
   * Applies one season's calibration to a monitor builder made on that season's profile.
   *
   * @param key the season
   * @param monitor a builder of {@code DriftMonitor.builder(profile(key))}
   * @return the same builder
   * @throws IllegalArgumentException if the reference has no row of that season
   */
  public DriftMonitor.Builder monitor(String key, DriftMonitor.Builder monitor) {
    return ThresholdCalibrator.applyTo(calibration(key), monitor);
  }

  /** Builds a {@link SeasonalBaseline}. Not thread-safe. */
  public static final class Builder {

    private final Function<Map<String, ?>, String> key;
    private int windowRows;
    private int blockLength;
    private double falseAlarmRate = DriftThresholds.DEFAULT_FALSE_ALARM_RATE;
    private double labelFalseAlarmRate = DriftThresholds.DEFAULT_LABEL_FALSE_ALARM_RATE;
    private long seed = 42L;
    private final List<String> ignored = new ArrayList<>();

    private Builder(Function<Map<String, ?>, String> key) {
      this.key = key;
    }

    /**
     * The monitor's window size in rows (default: a season's reference row count, i.e. one
     * window per season).
     *
     * @param rows at least 2
     * @return this builder
     * @throws IllegalArgumentException if {@code rows} is less than 2
     */
    public Builder windowRows(int rows) {
      ThresholdCalibrator.require(rows >= 2, "window rows must be at least 2: " + rows);
      this.windowRows = rows;
      return this;
    }

    /**
     * Rows per resampled block (see {@link ThresholdCalibrator.Builder#blockLength}).
     *
     * @param rows at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code rows} is less than 1
     */
    public Builder blockLength(int rows) {
      ThresholdCalibrator.require(rows >= 1, "block length must be at least 1: " + rows);
      this.blockLength = rows;
      return this;
    }

    /**
     * The share of a season's stationary windows allowed to flag dataset drift (default {@link
     * DriftThresholds#DEFAULT_FALSE_ALARM_RATE}, 0.002).
     *
     * @param rate in (0, 0.5]
     * @return this builder
     * @throws IllegalArgumentException if {@code rate} is not in (0, 0.5]
     */
    public Builder falseAlarmRate(double rate) {
      ThresholdCalibrator.require(rate > 0 && rate <= 0.5,
          "false-alarm rate must be in (0, 0.5]: " + rate);
      this.falseAlarmRate = rate;
      return this;
    }

    /**
     * The share of a season's stationary windows allowed to flag label drift (default {@link
     * DriftThresholds#DEFAULT_LABEL_FALSE_ALARM_RATE}, 0.01; the prediction takes {@link
     * #falseAlarmRate}).
     *
     * @param rate in (0, 0.5]
     * @return this builder
     * @throws IllegalArgumentException if {@code rate} is not in (0, 0.5]
     */
    public Builder labelFalseAlarmRate(double rate) {
      ThresholdCalibrator.require(rate > 0 && rate <= 0.5,
          "label false-alarm rate must be in (0, 0.5]: " + rate);
      this.labelFalseAlarmRate = rate;
      return this;
    }

    /**
     * The resampling seed (default 42).
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Fields left out of the per-season profiles (the key itself, ids, timestamps).
     *
     * @param names the fields
     * @return this builder
     */
    public Builder ignore(String... names) {
      ignored.addAll(List.of(names));
      return this;
    }

    /**
     * Splits the ordered reference rows by season, then profiles and calibrates each season.
     *
     * @param orderedReference reference rows in time order; the label under
     *     {@link ReferenceProfile#LABEL}
     * @return the baseline
     * @throws NullPointerException if {@code orderedReference} is null
     * @throws IllegalArgumentException if it is empty
     */
    public SeasonalBaseline build(List<? extends Map<String, ?>> orderedReference) {
      Objects.requireNonNull(orderedReference, "reference rows must not be null");
      ThresholdCalibrator.require(!orderedReference.isEmpty(),
          "reference rows must not be empty: 0");
      Map<String, List<Map<String, ?>>> bySeason = new LinkedHashMap<>();
      for (Map<String, ?> row : orderedReference) {
        Map<String, Object> kept = new LinkedHashMap<>(row);
        ignored.forEach(kept::remove);
        bySeason.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(kept);
      }
      Map<String, ReferenceProfile> profiles = new LinkedHashMap<>();
      Map<String, ThresholdCalibration> calibrations = new LinkedHashMap<>();
      for (Map.Entry<String, List<Map<String, ?>>> e : bySeason.entrySet()) {
        ReferenceProfile.Builder pb = ReferenceProfile.builder();
        e.getValue().forEach(pb::add);
        ReferenceProfile profile = pb.build();
        ThresholdCalibrator.Builder cb = ThresholdCalibrator.builder(profile)
            .orderedReference(e.getValue())
            .windowRows(windowRows > 0 ? windowRows : Math.max(2, e.getValue().size()))
            .falseAlarmRate(falseAlarmRate)
            .labelFalseAlarmRate(labelFalseAlarmRate)
            .seed(seed);
        if (blockLength > 0) {
          cb.blockLength(blockLength);
        }
        profiles.put(e.getKey(), profile);
        calibrations.put(e.getKey(), cb.build());
      }
      return new SeasonalBaseline(key, profiles, calibrations);
    }
  }
}
