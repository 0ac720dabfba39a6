package dev.mlops.drift.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reference summary of a categorical feature: the frequency of each of the top-K categories (most
 * frequent first, ties by category name), one "other" bucket for the rest, and the missing count.
 *
 * <p>Values are compared as strings: use {@link #key(Object)} to turn a raw value (a {@code
 * String}, a {@code Number} of a numeric column inferred as categorical, a {@code Boolean}) into
 * its category, as the profile did.
 *
 * <p>Immutable and thread-safe.
 */
public final class CategoricalProfile extends AbstractFeatureProfile
    implements FeatureProfile {

  private final Map<String, Long> frequencies;
  private final List<String> categories;
  private final long[] counts;
  private final long other;
  /** For a numeric column inferred as categorical: the numeric value of each category. */
  private final double[] numericValues;

  CategoricalProfile(
      String name,
      boolean inferred,
      List<String> categories,
      long[] counts,
      long other,
      long missing,
      double[] numericValues) {
    super(name, inferred, other + Arrays.stream(counts).sum(), missing);
    this.categories = List.copyOf(categories);
    this.counts = counts.clone();
    this.other = other;
    this.numericValues = numericValues == null ? null : numericValues.clone();
    Map<String, Long> f = new LinkedHashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      f.put(categories.get(i), counts[i]);
    }
    this.frequencies = Collections.unmodifiableMap(f);
  }

  /**
   * The category of a raw value: a {@code String} as is; an integral finite {@code Number} as its
   * integer ({@code 1.0 -> "1"}); another finite number by {@link Double#toString(double)}; a
   * {@code Boolean} as {@code "true"}/{@code "false"}; {@code null}, NaN and infinities are missing
   * ({@code null}).
   *
   * @param value the raw value
   * @return the category, or {@code null} for a missing value
   * @throws IllegalArgumentException for any other type
   */
  public static String key(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number n) {
      if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
        return Long.toString(n.longValue());
      }
      return numberKey(n.doubleValue());
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof Character ch) {
      return ch.toString();
    }
    throw new IllegalArgumentException(
        "value must be a String, Number or Boolean: " + value.getClass().getName());
  }

  static String numberKey(double d) {
    if (d != d || Double.isInfinite(d)) {
      return null;
    }
    if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  @Override
  public FeatureType type() {
    return FeatureType.CATEGORICAL;
  }

  @Override
  public long total() {
    return count + missing;
  }

  /**
   * Frequencies of the kept (top-K) categories, most frequent first.
   *
   * @return an unmodifiable map from category to count
   */
  public Map<String, Long> frequencies() {
    return frequencies;
  }

  /**
   * The kept categories in the order of {@link #frequencies()}: the bins of the categorical tests.
   *
   * @return an unmodifiable list
   */
  public List<String> categories() {
    return categories;
  }

  /**
   * Counts aligned with {@link #categories()}.
   *
   * @return a copy of the counts
   */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * The count of one category.
   *
   * @param category the category
   * @return its count, 0 if not kept (it may be in {@link #other()})
   */
  public long countOf(String category) {
    return frequencies.getOrDefault(category, 0L);
  }

  /**
   * Index of a category in {@link #categories()}.
   *
   * @param category the category
   * @return its index, or -1 when it is not a kept category (new, or folded into "other")
   */
  public int indexOf(String category) {
    return categories.indexOf(category);
  }

  /**
   * Values beyond the top-K categories.
   *
   * @return the "other" count
   */
  public long other() {
    return other;
  }

  double[] numericValues() {
    return numericValues;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CategoricalProfile c)) {
      return false;
    }
    return sameCounts(c)
        && categories.equals(c.categories)
        && Arrays.equals(counts, c.counts)
        && other == c.other
        && Arrays.equals(numericValues, c.numericValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, categories, other, missing);
  }

  @Override
  public String toString() {
    List<String> head = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Long> e : frequencies.entrySet()) {
      if (i++ == 5) {
        head.add("...");
        break;
      }
      head.add(e.getKey() + "=" + e.getValue());
    }
    return "CategoricalProfile[" + name + ", count=" + count + ", missing=" + missing
        + ", other=" + other + ", " + head + "]";
  }
}
