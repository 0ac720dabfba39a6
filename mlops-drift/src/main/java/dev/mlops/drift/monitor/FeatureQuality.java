package dev.mlops.drift.monitor;

import java.util.Map;
import java.util.Objects;

/**
 * Data quality of one feature in one window. Counts are over the rows recorded in the window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param feature the feature name
 * @param rows rows recorded in the window
 * @param missing rows where the value was {@code null} or NaN
 * @param absent rows where the feature's name was not in the row at all (also counted in
 *     {@code missing})
 * @param nonFinite rows where the value was infinite
 * @param outOfRange rows where a numeric value was outside the reference's [min, max]
 * @param wrongType rows where the value had the wrong type (e.g. a string for a numeric feature);
 *     also counted in {@code missing}
 * @param unseen rows with a category absent from the reference
 * @param topUnseen the most frequent unseen categories with (approximate, space-saving) counts
 * @param distinct distinct values in the window (numeric: in its reservoir sample)
 * @param expectedDistinct distinct values a window of that size drawn from the reference would
 *     hold on average ({@code NaN} without values)
 * @param topValueShare share of the window's most frequent value ({@code NaN} without values)
 * @param referenceShareOfTop that value's share in the reference
 */
public record FeatureQuality(
    String feature,
    long rows,
    long missing,
    long absent,
    long nonFinite,
    long outOfRange,
    long wrongType,
    long unseen,
    Map<String, Long> topUnseen,
    int distinct,
    double expectedDistinct,
    double topValueShare,
    double referenceShareOfTop) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if {@code feature} or {@code topUnseen} is null
   */
  public FeatureQuality {
    Objects.requireNonNull(feature, "feature");
    topUnseen = Map.copyOf(topUnseen);
  }

  /**
   * Share of rows with a missing value.
   *
   * @return missing / rows, 0 when there are no rows
   */
  public double missingRate() {
    return rate(missing);
  }

  /**
   * Share of rows with an infinite value.
   *
   * @return nonFinite / rows
   */
  public double nonFiniteRate() {
    return rate(nonFinite);
  }

  /**
   * Share of rows outside the reference range.
   *
   * @return outOfRange / rows
   */
  public double outOfRangeRate() {
    return rate(outOfRange);
  }

  /**
   * Share of rows with an unseen category.
   *
   * @return unseen / rows
   */
  public double unseenRate() {
    return rate(unseen);
  }

  /**
   * Share of rows with a value of the wrong type.
   *
   * @return wrongType / rows
   */
  public double wrongTypeRate() {
    return rate(wrongType);
  }

  private double rate(long count) {
    return rows == 0 ? 0.0 : (double) count / rows;
  }
}
