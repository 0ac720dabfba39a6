package dev.mlops.drift.fairness;

import dev.mlops.metrics.fairness.Disparity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sensitive attributes a {@code DriftMonitor} watches for group fairness, and how: the
 * favourable class, the minimum group size, the alert bounds of each disparity, bootstrap
 * intervals and the memory bounds. Given to {@code DriftMonitor.builder(profile).fairness(...)};
 * every window's {@code DriftReport} then carries a {@link FairnessWindow}.
 *
 * <pre>{@code
 * DriftMonitor monitor = DriftMonitor.builder(profile)
 *     .fairness(SensitiveAttributes.builder("region", "age_group")
 *         .favourableClass(0)                                       // 0 = "will repay": approved
 *         .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8)          // the four-fifths rule
 *         .alertAbove(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.1)
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SensitiveAttributes {

  private final List<String> names;
  private final int favourable;
  private final int minGroupSize;
  private final int maxGroups;
  private final int labelWindows;
  private final int resamples;
  private final Map<Disparity, Double> below;
  private final Map<Disparity, Double> above;

  private SensitiveAttributes(Builder b) {
    this.names = List.copyOf(b.names);
    this.favourable = b.favourable;
    this.minGroupSize = b.minGroupSize;
    this.maxGroups = b.maxGroups;
    this.labelWindows = b.labelWindows;
    this.resamples = b.resamples;
    this.below = Collections.unmodifiableMap(new EnumMap<>(b.below));
    this.above = Collections.unmodifiableMap(new EnumMap<>(b.above));
  }

  /**
   * Starts the declaration of one or more sensitive attributes, read by name from each recorded
   * row (a feature of the profile or any other field of the row; a field that is not a feature is
   * not counted as an unknown feature).
   *
   * @param names the attribute names
   * @return the builder
   * @throws IllegalArgumentException if none is given, one is blank or they repeat
   */
  public static Builder builder(String... names) {
    return new Builder(List.of(names));
  }

  /** @return the attribute names, in declaration order */
  public List<String> names() {
    return names;
  }

  /** @return the favourable class: a decision of it is a selection, a label of it a positive */
  public int favourableClass() {
    return favourable;
  }

  /** @return the minimum size of a judged group (smaller groups are reported, not judged) */
  public int minGroupSize() {
    return minGroupSize;
  }

  /** @return the groups kept per attribute, {@code "(other)"} included */
  public int maxGroups() {
    return maxGroups;
  }

  /** @return how many recent windows keep collecting the labels of their predictions */
  public int labelWindows() {
    return labelWindows;
  }

  /** @return bootstrap resamples per evaluation (0: no intervals) */
  public int resamples() {
    return resamples;
  }

  /** @return the lower alert bounds by disparity */
  public Map<Disparity, Double> alertsBelow() {
    return below;
  }

  /** @return the upper alert bounds by disparity */
  public Map<Disparity, Double> alertsAbove() {
    return above;
  }

  @Override
  public String toString() {
    return "SensitiveAttributes" + names + "[favourable " + favourable + ", below " + below + ", above "
        + above + "]";
  }

  /** Configures {@link SensitiveAttributes}. Not thread-safe. */
  public static final class Builder {
    private final List<String> names;
    private int favourable = 1;
    private int minGroupSize = 30;
    private int maxGroups = 1_000;
    private int labelWindows = 24;
    private int resamples;
    private final Map<Disparity, Double> below = new EnumMap<>(Disparity.class);
    private final Map<Disparity, Double> above = new EnumMap<>(Disparity.class);

    private Builder(List<String> names) {
      if (names.isEmpty()) {
        throw new IllegalArgumentException("sensitive attributes must name at least one attribute");
      }
      for (String a : names) {
        if (a == null || a.isBlank()) {
          throw new IllegalArgumentException("attribute name must not be blank: " + a);
        }
      }
      if (names.stream().distinct().count() != names.size()) {
        throw new IllegalArgumentException("attribute names must be unique: " + names);
      }
      this.names = new ArrayList<>(names);
    }

    /**
     * Sets the favourable class (default 1): a decision of it is a selection, a label of it a positive.
     *
     * @param classIndex the class index, not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder favourableClass(int classIndex) {
      if (classIndex < 0) {
        throw new IllegalArgumentException("favourable class must not be negative: " + classIndex);
      }
      this.favourable = classIndex;
      return this;
    }

    /**
     * Sets the minimum group size of a judged group (default 30).
     *
     * @param size at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder minGroupSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("min group size must be at least 1: " + size);
      }
      this.minGroupSize = size;
      return this;
    }

    /**
     * Bounds the groups kept per attribute, "(other)" included (default 1,000; values beyond count
     * as "(other)").
     *
     * @param groups at least 2
     * @return this builder
     * @throws IllegalArgumentException if below 2
     */
    public Builder maxGroups(int groups) {
      if (groups < 2) {
        throw new IllegalArgumentException("max groups must be at least 2: " + groups);
      }
      this.maxGroups = groups;
      return this;
    }

    /**
     * Sets how many recent windows keep collecting the labels of their predictions (default 24):
     * a label whose prediction was made in an older window is counted as too late, not judged.
     *
     * @param windows at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder labelWindows(int windows) {
      if (windows < 1) {
        throw new IllegalArgumentException("label windows must be at least 1: " + windows);
      }
      this.labelWindows = windows;
      return this;
    }

    /**
     * Adds bootstrap intervals to every evaluation (default 0: none; an interval costs O(groups)
     * per resample, not O(rows)).
     *
     * @param resamples 0 or at least 100
     * @return this builder
     * @throws IllegalArgumentException if between 1 and 99 or negative
     */
    public Builder bootstrap(int resamples) {
      if (resamples != 0 && resamples < 100) {
        throw new IllegalArgumentException("resamples must be 0 or at least 100: " + resamples);
      }
      this.resamples = resamples;
      return this;
    }

    /**
     * Alerts when a disparity falls below a bound (for the disparate impact ratio: 0.8).
     *
     * @param disparity the disparity
     * @param bound the smallest acceptable value
     * @return this builder
     * @throws IllegalArgumentException if the bound is NaN
     */
    public Builder alertBelow(Disparity disparity, double bound) {
      return bound(below, disparity, bound);
    }

    /**
     * Alerts when a disparity rises above a bound.
     *
     * @param disparity the disparity
     * @param bound the largest acceptable value
     * @return this builder
     * @throws IllegalArgumentException if the bound is NaN
     */
    public Builder alertAbove(Disparity disparity, double bound) {
      return bound(above, disparity, bound);
    }

    private Builder bound(Map<Disparity, Double> bounds, Disparity disparity, double bound) {
      Objects.requireNonNull(disparity, "disparity must not be null");
      if (Double.isNaN(bound)) {
        throw new IllegalArgumentException("alert bound must not be NaN: " + disparity);
      }
      bounds.put(disparity, bound);
      return this;
    }

    /**
     * Builds the declaration.
     *
     * @return the immutable declaration
     */
    public SensitiveAttributes build() {
      return new SensitiveAttributes(this);
    }
  }
}
