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
  /*
   * Set once by the package while the profile is built or read, before it is published (not part
   * of equality: it depends on how the rows were split before merging).
   */
  private long longestRun;
  private String longestRunValue;

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

  /**
   * See {@link FeatureProfile#longestRun()}.
   *
   * @return the run's length; 0 when unknown
   */
  public long longestRun() {
    return longestRun;
  }

  /**
   * See {@link FeatureProfile#longestRunValue()}.
   *
   * @return the value, or {@code null} when unknown
   */
  public String longestRunValue() {
    return longestRunValue;
  }

  /** Sets the longest run while the profile is built or read (returns this profile). */
  @SuppressWarnings("unchecked")
  final <P extends AbstractFeatureProfile> P withLongestRun(long length, String value) {
    this.longestRun = value == null ? 0 : Math.max(0, length);
    this.longestRunValue = this.longestRun == 0 ? null : value;
    return (P) this;
  }

  /** Whether {@code other} has the same name, inference flag and counts. */
  final boolean sameCounts(AbstractFeatureProfile other) {
    return name.equals(other.name)
        && inferred == other.inferred
        && count == other.count
        && missing == other.missing;
  }
}
