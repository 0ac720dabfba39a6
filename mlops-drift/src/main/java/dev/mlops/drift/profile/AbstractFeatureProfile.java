package dev.mlops.drift.profile;

/**
 * What every {@link FeatureProfile} holds: the feature's name, whether its type was inferred, and
 * its valid and missing counts. Immutable.
 */
abstract class AbstractFeatureProfile {

  final String name;
  final boolean inferred;
  final long count;
  final long missing;

  AbstractFeatureProfile(String name, boolean inferred, long count, long missing) {
    this.name = name;
    this.inferred = inferred;
    this.count = count;
    this.missing = missing;
  }

  /**
   * The feature name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Whether the feature type was inferred from the data rather than declared.
   *
   * @return {@code true} when inferred
   */
  public boolean inferred() {
    return inferred;
  }

  /**
   * Number of valid values.
   *
   * @return the count of valid values
   */
  public long count() {
    return count;
  }

  /**
   * Number of missing values.
   *
   * @return the missing count
   */
  public long missing() {
    return missing;
  }

  /** Whether {@code other} has the same name, inference flag and counts. */
  final boolean sameCounts(AbstractFeatureProfile other) {
    return name.equals(other.name)
        && inferred == other.inferred
        && count == other.count
        && missing == other.missing;
  }
}
