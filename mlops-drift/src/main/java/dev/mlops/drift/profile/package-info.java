/**
 * The {@link dev.mlops.drift.profile.ReferenceProfile}: a one-pass, mergeable, persistable summary
 * of a model's training data (features, predictions, labels) that live data is compared with.
 *
 * <ul>
 *   <li>{@link dev.mlops.drift.profile.NumericProfile}: counts (valid, missing, non-finite), min,
 *       max, mean, population std, exact sorted values up to a cap (default 100,000) or an Apache
 *       DataSketches KLL sketch above it, quantile bins with open outer bins and reference counts.
 *   <li>{@link dev.mlops.drift.profile.CategoricalProfile}: top-K category frequencies (default
 *       1,000) with an "other" bucket, missing count.
 *   <li>Types declared or inferred: a numeric column with 2 to 5 distinct values is categorical
 *       (as Evidently); a column of one number (an imputed constant) stays numeric.
 *   <li>Merge: {@code a.merge(b)} is the profile of the union — exactly below the cap, within the
 *       KLL rank error above it.
 *   <li>Persistence: a documented, versioned, CRC-32C-checksummed binary format (see {@code
 *       ProfileCodec}); corrupt, truncated or newer-version bytes raise {@link
 *       dev.mlops.drift.profile.ProfileFormatException}. Never Java serialisation.
 * </ul>
 *
 * <p>Profiles are immutable and thread-safe; the builder is not.
 */
package dev.mlops.drift.profile;
