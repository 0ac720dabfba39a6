package dev.mlops.drift.profile;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link ReferenceChunks} of one segment of an ordered reference, built apart (on a cluster's
 * executor, say) exactly as {@link ReferenceProfile.Builder#add(Map)} builds them for the whole
 * reference: a segment starting at global row {@code firstRow} uses the chunk size in force at that
 * row and the same halving schedule (the chunks double when they number {@value
 * ReferenceChunks#MAX_CHUNKS}, which depends on the row index alone), and is brought to the final
 * chunk size of the whole reference, {@link #chunkRowsFor(long)}. Segments that start at multiples
 * of that size and are given their rows in order, concatenated in order with {@link
 * ReferenceChunks#merge} and attached with {@link ReferenceProfile#withChunks}, equal the chunks
 * of the profile built from all rows in one JVM. The segment also measures its columns' runs of
 * equal values ({@link #runs()}), which joined in order give the whole reference's longest runs.
 *
 * <pre>{@code
 * long size = ChunkSegment.chunkRowsFor(totalRows);
 * ChunkSegment segment = ChunkSegment.startingAt(firstRow, Set.of("season"));   // firstRow % size == 0
 * rowsInOrder.forEach(segment::add);
 * ReferenceChunks part = segment.build(wholeProfile, totalRows);
 * }</pre>
 *
 * <p>Not thread-safe (one segment per task).
 */
public final class ChunkSegment {

  private final ChunkAccumulator accumulator;
  private final ColumnRuns.Tracker runs = new ColumnRuns.Tracker();
  private final long firstRow;
  private long rows;

  private ChunkSegment(long firstRow, Set<String> categorical) {
    this.firstRow = firstRow;
    this.accumulator = new ChunkAccumulator(categorical::contains, firstRow);
  }

  /**
   * The chunk size a reference of {@code totalRows} rows ends with.
   *
   * @param totalRows the reference's rows
   * @return rows per chunk (64 doubled as often as the halving schedule requires)
   * @throws IllegalArgumentException if {@code totalRows} is negative
   */
  public static long chunkRowsFor(long totalRows) {
    if (totalRows < 0) {
      throw new IllegalArgumentException("total rows must not be negative: " + totalRows);
    }
    return ChunkAccumulator.epochAt(totalRows)[0];
  }

  /**
   * Starts the segment whose first row is row {@code firstRow} of the whole reference (0-based).
   *
   * @param firstRow a multiple of the whole reference's final chunk size ({@link #chunkRowsFor})
   * @param categorical the columns declared categorical (as {@code
   *     ReferenceProfile.Builder#categorical})
   * @return the segment
   * @throws IllegalArgumentException if {@code firstRow} is negative or does not start a chunk
   * @throws NullPointerException if {@code categorical} is null
   */
  public static ChunkSegment startingAt(long firstRow, Collection<String> categorical) {
    if (firstRow < 0) {
      throw new IllegalArgumentException("segment's first row must not be negative: " + firstRow);
    }
    return new ChunkSegment(firstRow, Set.copyOf(Objects.requireNonNull(categorical,
        "categorical columns must not be null")));
  }

  /**
   * Adds the segment's next row (values as for {@link ReferenceProfile.Builder#add(Map)}).
   *
   * @param row column name to value
   * @return this segment
   * @throws NullPointerException if {@code row} is null
   */
  public ChunkSegment add(Map<String, ?> row) {
    accumulator.add(Objects.requireNonNull(row, "row must not be null"));
    runs.add(row);
    rows++;
    return this;
  }

  /**
   * The runs of equal consecutive values of the segment's columns, to be joined in order with the
   * other segments' ({@link ColumnRuns#then}) into the whole reference's longest runs.
   *
   * @return the runs of the rows added so far
   */
  public ColumnRuns runs() {
    return runs.build();
  }

  /**
   * The segment's chunks, each column summarised as the whole reference's profile has it, at the
   * whole reference's final chunk size.
   *
   * @param whole the profile of the whole reference (it decides each column's kind)
   * @param totalRows the whole reference's rows
   * @return the chunks, or null when the segment has no row
   * @throws IllegalArgumentException if the segment's rows run past {@code totalRows} or its first
   *     row does not start a chunk of the final size
   * @throws IllegalStateException if the segment does not start at a multiple of the final chunk
   *     size
   */
  public ReferenceChunks build(ReferenceProfile whole, long totalRows) {
    Objects.requireNonNull(whole, "profile must not be null");
    long size = chunkRowsFor(totalRows);
    if (firstRow + rows > totalRows || firstRow % size != 0) {
      throw new IllegalArgumentException("segment must start at a multiple of " + size
          + " rows and end within the " + totalRows + " rows: rows " + firstRow + ".."
          + (firstRow + rows));
    }
    ReferenceChunks c = accumulator.build(whole, Set.of());
    while (c != null && c.chunkRows() < size) {
      c = c.halve();
    }
    return c;
  }
}
