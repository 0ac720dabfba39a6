package dev.mlops.drift.profile;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link EstimateSample} of one segment of a reference's rows, built apart (on a cluster's
 * executor, say) exactly as {@link ReferenceProfile.Builder#add(Map)} samples them for the whole
 * reference: row {@code i} of the whole reference gets the key of its global index {@code i}, so
 * the segments' samples, merged with {@link EstimateSample#merge} in any order, equal the sample of
 * the profile built from all rows in one JVM (the same rows, scores, outcomes, features and
 * population). The sample therefore depends on the rows and their order only, never on how they
 * are split into segments.
 *
 * <pre>{@code
 * SampleSegment segment = SampleSegment.startingAt(firstRow);  // global index of the first row
 * rowsInOrder.forEach(segment::add);
 * Optional<EstimateSample> part = segment.build();
 * }</pre>
 *
 * <p>Not thread-safe (one segment per task).
 */
public final class SampleSegment {

  private final SampleAccumulator accumulator;

  private SampleSegment(long firstRow) {
    this.accumulator = new SampleAccumulator(firstRow);
  }

  /**
   * Starts the segment whose first row is row {@code firstRow} of the whole reference (0-based).
   *
   * @param firstRow the global index of the segment's first row
   * @return the segment
   * @throws IllegalArgumentException if {@code firstRow} is negative
   */
  public static SampleSegment startingAt(long firstRow) {
    if (firstRow < 0) {
      throw new IllegalArgumentException("segment's first row must not be negative: " + firstRow);
    }
    return new SampleSegment(firstRow);
  }

  /**
   * Offers the segment's next row (values as for {@link ReferenceProfile.Builder#add(Map)}; a row
   * with a {@link ReferenceProfile#PREDICTION} score and a {@link ReferenceProfile#LABEL} may be
   * kept, any other row only counts for the next row's index).
   *
   * @param row column name to value
   * @return this segment
   * @throws NullPointerException if {@code row} is null
   */
  public SampleSegment add(Map<String, ?> row) {
    accumulator.addRow(Objects.requireNonNull(row, "row must not be null"));
    return this;
  }

  /**
   * The sample of the segment's rows that carry a score and a label.
   *
   * @return the sample, empty when no row carried both
   */
  public Optional<EstimateSample> build() {
    return Optional.ofNullable(accumulator.build());
  }
}
