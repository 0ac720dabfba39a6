package dev.mlops.drift.profile;

/**
 * The reference summary of one feature (or of the model's prediction or label): either a {@link
 * NumericProfile} or a {@link CategoricalProfile}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface FeatureProfile permits NumericProfile, CategoricalProfile {

  /**
   * The feature name.
   *
   * @return the name
   */
  String name();

  /**
   * The feature kind.
   *
   * @return {@link FeatureType#NUMERIC} or {@link FeatureType#CATEGORICAL}
   */
  FeatureType type();

  /**
   * Whether the type was inferred from the data (a numeric column with 2 to {@value
   * ReferenceProfile#MAX_CATEGORICAL_DISTINCT} distinct values becomes categorical, one of a
   * single number stays numeric) rather than declared.
   *
   * @return {@code true} when inferred
   */
  boolean inferred();

  /**
   * Number of valid values (finite numbers; non-missing categories, including the "other" bucket).
   *
   * @return the count of valid values
   */
  long count();

  /**
   * Number of missing values: null and NaN (for categorical features also infinities).
   *
   * @return the missing count
   */
  long missing();

  /**
   * All values seen: valid, missing and (numeric) non-finite.
   *
   * @return the total
   */
  long total();

  /**
   * The longest run of equal consecutive valid values in the order the rows were added (a time
   * series' longest constant stretch): a live window constant at that value for no more rows is
   * not taken for a broken pipeline. Merged profiles keep the longer part's run.
   *
   * @return the run's length; 0 when unknown (profiles read from format versions 1 to 3)
   */
  long longestRun();

  /**
   * The value held during {@link #longestRun()}, as its category key (a number as {@link
   * CategoricalProfile#key(Object)} writes it, e.g. {@code "0"} or {@code "0.62"}).
   *
   * @return the value, or {@code null} when unknown
   */
  String longestRunValue();
}
