package dev.mlops.drift.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The order of a reference kept in bounded memory: the rows given to {@link
 * ReferenceProfile.Builder#add(Map)}, in the order given, cut into consecutive chunks of equal
 * size, each chunk summarised per column by a small mergeable sketch. A monitor forms windows of
 * its own size from consecutive chunks (merging their sketches) and calibrates its thresholds on
 * them, as an ordered calibration on the rows would, without the profile keeping the rows.
 *
 * <p>Per chunk and column: a numeric column keeps its count, mean and second central moment
 * (exact, merged by Chan's formulas) and up to {@value #POINTS} points, the means of equal-count
 * slices of the chunk's sorted values (the values themselves while they number at most {@value
 * #POINTS}); a categorical column keeps its category counts, at most {@value #MAX_CATEGORIES}
 * categories per chunk (the rarest beyond that are counted as "other"). Chunks start at {@value
 * #FIRST_CHUNK_ROWS} rows; when they number {@value #MAX_CHUNKS}, neighbours merge pairwise and the
 * chunk size doubles, so a reference of any length keeps between 64 and 128 chunks (fewer for a
 * reference under 8,192 rows): at most about {@code 128 * 68 * 8} bytes (70 KB) per numeric
 * column.
 *
 * <p>Slice means rather than sample values: replacing a slice of values by its mean keeps the
 * integral of the distribution function over the slice, so the Wasserstein distance to another
 * distribution changes only where the two distribution functions cross inside a slice.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReferenceChunks {

  /** Chunks at most; beyond it neighbours merge and the chunk size doubles. */
  public static final int MAX_CHUNKS = 128;
  /** Points kept per numeric column and chunk. */
  public static final int POINTS = 64;
  /** Categories kept per categorical column and chunk. */
  public static final int MAX_CATEGORIES = 64;
  /** Rows of a chunk before any merge. */
  public static final int FIRST_CHUNK_ROWS = 64;

  /**
   * One column's summary in one chunk: numeric moments and points, or category counts.
   *
   * @param count values counted (missing values excluded)
   * @param mean the mean of the numeric values (NaN for a categorical column or no values)
   * @param m2 the sum of squared deviations from the mean (0 for a categorical column)
   * @param points ascending slice means, each standing for {@code count / points.length} values
   *     (empty for a categorical column)
   * @param categories category counts (empty for a numeric column)
   * @param other values of categories beyond the kept ones
   */
  public record Piece(long count, double mean, double m2, double[] points,
      Map<String, Long> categories, long other) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a count is negative or the points are not ascending
     */
    public Piece {
      if (count < 0 || other < 0 || points.length > POINTS
          || categories.size() > MAX_CATEGORIES) {
        throw new IllegalArgumentException("chunk piece must have non-negative counts and at most "
            + POINTS + " points / " + MAX_CATEGORIES + " categories: count " + count);
      }
      points = points.clone();
      for (int i = 1; i < points.length; i++) {
        if (!(points[i] >= points[i - 1])) {
          throw new IllegalArgumentException("chunk points must be ascending: " + points[i]);
        }
      }
      categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    /**
     * The points.
     *
     * @return a copy
     */
    @Override
    public double[] points() {
      return points.clone();
    }

    double[] pointsInternal() {
      return points;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Piece p && p.count == count && Double.compare(p.mean, mean) == 0
          && Double.compare(p.m2, m2) == 0 && Arrays.equals(p.points, points)
          && p.categories.equals(categories) && p.other == other;
    }

    @Override
    public int hashCode() {
      return Objects.hash(count, mean, m2, Arrays.hashCode(points), categories, other);
    }

    static final Piece EMPTY = new Piece(0, Double.NaN, 0, new double[0], Map.of(), 0);
  }

  /**
   * A window formed of consecutive chunks, one numeric column: its points with their weights and
   * its exact moments.
   *
   * @param values ascending points
   * @param weights the values each point stands for
   * @param count values in the window
   * @param mean their mean
   * @param variance their sample variance (ddof 1; NaN under 2 values)
   */
  public record NumericWindow(double[] values, double[] weights, long count, double mean,
      double variance) {}

  /**
   * A window formed of consecutive chunks, one categorical column.
   *
   * @param categories category counts
   * @param other values of categories a chunk did not keep
   */
  public record CategoricalWindow(Map<String, Long> categories, long other) {}

  private final long chunkRows;
  private final long[] rows;
  /** Column name to its piece per chunk. */
  private final Map<String, Piece[]> columns;
  /** The calendar of the order, null when the rows were not given with a time column. */
  private final ReferenceCalendar calendar;
  /**
   * The columns whose windows were formed last, ranked, one per slot of the column name's hash (a
   * cache: not part of the value). A calibration forms its windows column by column; the first
   * window's calibrations run on several threads at once, each on its own column, which with a
   * single slot kept rebuilding each other's (twelfth session: 88 of 1,905 samples).
   */
  private final AtomicReferenceArray<ChunkRanks> ranked = new AtomicReferenceArray<>(RANK_SLOTS);

  /** Slots of the ranked columns' cache (at most this many columns kept). */
  static final int RANK_SLOTS = 16;

  /** Columns ranked so far, counting rebuilds (for tests). */
  private final java.util.concurrent.atomic.AtomicLong rankings =
      new java.util.concurrent.atomic.AtomicLong();

  ReferenceChunks(long chunkRows, long[] rows, Map<String, Piece[]> columns) {
    this(chunkRows, rows, columns, null);
  }

  ReferenceChunks(long chunkRows, long[] rows, Map<String, Piece[]> columns,
      ReferenceCalendar calendar) {
    this.calendar = calendar;
    this.chunkRows = chunkRows;
    this.rows = rows.clone();
    Map<String, Piece[]> m = new LinkedHashMap<>();
    columns.forEach((k, v) -> {
      if (v.length != rows.length) {
        throw new IllegalArgumentException("chunk pieces of " + k + " must number the chunks: "
            + v.length + " vs " + rows.length);
      }
      m.put(k, v.clone());
    });
    this.columns = Collections.unmodifiableMap(m);
  }

  /**
   * The calendar of this order: the time column the rows were given with ({@link
   * ReferenceProfile.Builder#timeColumn(String)}), its span and the features that are its month.
   *
   * @return the calendar, empty when the rows came without a time column
   */
  public java.util.Optional<ReferenceCalendar> calendar() {
    return java.util.Optional.ofNullable(calendar);
  }

  /** These chunks with a calendar (null for none). */
  ReferenceChunks withCalendar(ReferenceCalendar c) {
    return new ReferenceChunks(chunkRows, rows, columns, c);
  }

  /**
   * The number of chunks.
   *
   * @return chunks
   */
  public int count() {
    return rows.length;
  }

  /**
   * The rows of a full chunk (the last chunk may hold fewer).
   *
   * @return rows per chunk
   */
  public long chunkRows() {
    return chunkRows;
  }

  /**
   * The rows of one chunk.
   *
   * @param chunk the chunk index
   * @return its rows
   */
  public long rows(int chunk) {
    return rows[chunk];
  }

  /**
   * The summarised columns (features, and the label and prediction when the rows held them).
   *
   * @return the names
   */
  public Set<String> columns() {
    return columns.keySet();
  }

  /**
   * One column's summary in one chunk.
   *
   * @param column the column
   * @param chunk the chunk index
   * @return the piece ({@code count() == 0} when the chunk had no value of it)
   * @throws IllegalArgumentException if the column is not summarised
   */
  public Piece piece(String column, int chunk) {
    return pieces(column)[chunk];
  }

  private Piece[] pieces(String column) {
    Piece[] p = columns.get(column);
    if (p == null) {
      throw new IllegalArgumentException("chunked column must exist: " + column);
    }
    return p;
  }

  /**
   * The numeric window of chunks {@code [from, to)} of a column.
   *
   * @param column the column
   * @param from first chunk
   * @param to one past the last chunk
   * @return the merged points and moments
   * @throws IllegalArgumentException if the column is not summarised
   */
  public NumericWindow numeric(String column, int from, int to) {
    return numeric(column, range(from, to));
  }

  /**
   * The numeric window of the given chunks of a column, in any order and with repeats (a chunk
   * given twice counts twice, as a block bootstrap draws it): their points and moments merged.
   *
   * @param column the column
   * @param chunks chunk indices
   * @return the merged points and moments
   * @throws IllegalArgumentException if the column is not summarised
   * @throws IndexOutOfBoundsException if an index is not a chunk
   */
  public NumericWindow numeric(String column, int[] chunks) {
    return ranks(column).window(chunks);
  }

  /**
   * The points of the window of the given chunks of a numeric column counted per distinct value:
   * the distribution {@link #numeric(String, int[])} gives, without sorting the points, for a
   * caller that needs only the window's distribution function.
   *
   * @param column the column
   * @param chunks chunk indices, in any order and with repeats
   * @return the counts
   * @throws IllegalArgumentException if the column is not summarised
   * @throws IndexOutOfBoundsException if an index is not a chunk
   */
  public PointCounts pointCounts(String column, int[] chunks) {
    return ranks(column).counts(chunks);
  }

  /**
   * A window's points counted per distinct value.
   *
   * @param values the column's distinct point values, ascending ({@link Double#compare} order)
   * @param counts how many of the window's points take each value
   * @param points the window's points
   * @param weight the values each point stands for when every point of the window stands for the
   *     same number, else NaN (the window's chunks hold different numbers of values per point)
   */
  public record PointCounts(double[] values, int[] counts, int points, double weight) {}

  private ChunkRanks ranks(String column) {
    Piece[] p = pieces(column);
    int slot = (column.hashCode() & 0x7fffffff) % RANK_SLOTS;
    ChunkRanks r = ranked.get(slot);
    if (r == null || !r.ranks(column, p)) {
      r = ChunkRanks.of(column, p);
      rankings.incrementAndGet();
      ranked.set(slot, r);
    }
    return r;
  }

  /** How many times a column was ranked (built into the cache) so far (for tests). */
  long rankings() {
    return rankings.get();
  }

  private static int[] range(int from, int to) {
    int[] r = new int[Math.max(0, to - from)];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /**
   * The categorical window of chunks {@code [from, to)} of a column.
   *
   * @param column the column
   * @param from first chunk
   * @param to one past the last chunk
   * @return the summed counts
   * @throws IllegalArgumentException if the column is not summarised
   */
  public CategoricalWindow categorical(String column, int from, int to) {
    return categorical(column, range(from, to));
  }

  /**
   * The categorical window of the given chunks of a column, in any order and with repeats.
   *
   * @param column the column
   * @param chunks chunk indices
   * @return the summed counts
   * @throws IllegalArgumentException if the column is not summarised
   * @throws IndexOutOfBoundsException if an index is not a chunk
   */
  public CategoricalWindow categorical(String column, int[] chunks) {
    Piece[] p = pieces(column);
    Map<String, Long> counts = new LinkedHashMap<>();
    long other = 0;
    for (int i : chunks) {
      p[i].categories.forEach((k, c) -> counts.merge(k, c, Long::sum));
      other += p[i].other;
    }
    return new CategoricalWindow(counts, other);
  }

  /**
   * The chunks of this reference followed by those of another (the union of two references in
   * that order): the finer chunks merge pairwise until both have the same chunk size, and
   * neighbours merge again while they number more than {@value #MAX_CHUNKS}. A column only one
   * side summarises is dropped.
   *
   * @param other the chunks of the reference that follows this one
   * @return the merged chunks
   */
  public ReferenceChunks merge(ReferenceChunks other) {
    Objects.requireNonNull(other, "other");
    ReferenceChunks a = this;
    ReferenceChunks b = other;
    while (a.chunkRows < b.chunkRows) {
      a = a.halve();
    }
    while (b.chunkRows < a.chunkRows) {
      b = b.halve();
    }
    long[] r = Arrays.copyOf(a.rows, a.rows.length + b.rows.length);
    System.arraycopy(b.rows, 0, r, a.rows.length, b.rows.length);
    Map<String, Piece[]> cols = new LinkedHashMap<>();
    for (Map.Entry<String, Piece[]> e : a.columns.entrySet()) {
      Piece[] q = b.columns.get(e.getKey());
      if (q != null) {
        Piece[] all = Arrays.copyOf(e.getValue(), r.length);
        System.arraycopy(q, 0, all, e.getValue().length, q.length);
        cols.put(e.getKey(), all);
      }
    }
    ReferenceChunks merged = new ReferenceChunks(a.chunkRows, r, cols,
        ReferenceCalendar.merge(calendar, other.calendar));
    while (merged.count() > MAX_CHUNKS) {
      merged = merged.halve();
    }
    return merged;
  }

  /**
   * These chunks with each column's pieces of the kind the profile has for it: a column one
   * merged side had inferred categorical (few distinct numbers in its part) and the merged profile
   * has numeric gets its category counts turned back into numbers (exact: values and counts); a
   * column whose pieces cannot be turned (a category that is not a number, or values counted as
   * "other") is dropped, its thresholds resampled.
   */
  ReferenceChunks conformTo(ReferenceProfile profile) {
    Map<String, Piece[]> cols = new LinkedHashMap<>();
    for (Map.Entry<String, Piece[]> e : columns.entrySet()) {
      boolean numeric = profile.feature(e.getKey())
          .map(f -> f.type() == FeatureType.NUMERIC).orElse(false);
      Piece[] p = e.getValue().clone();
      boolean ok = true;
      for (int i = 0; i < p.length && ok; i++) {
        boolean categoricalPiece = p[i].count() > 0 && Double.isNaN(p[i].mean());
        if (numeric && categoricalPiece) {
          p[i] = numbers(p[i]);
          ok = p[i] != null;
        } else if (!numeric && p[i].count() > 0 && !categoricalPiece) {
          ok = false;
        }
      }
      if (ok) {
        cols.put(e.getKey(), p);
      }
    }
    return new ReferenceChunks(chunkRows, rows, cols, calendar);
  }

  /** A categorical piece of numeric codes as a numeric piece, or null when it is not one. */
  private static Piece numbers(Piece categorical) {
    if (categorical.other() > 0 || categorical.count() > Integer.MAX_VALUE) {
      return null;
    }
    double[] v = new double[(int) categorical.count()];
    int at = 0;
    for (Map.Entry<String, Long> e : categorical.categories().entrySet()) {
      double d;
      try {
        d = Double.parseDouble(e.getKey());
      } catch (NumberFormatException x) {
        return null;
      }
      for (long j = 0; j < e.getValue(); j++) {
        v[at++] = d;
      }
    }
    return ChunkMath.numeric(v, at);
  }

  /** Neighbouring chunks merged pairwise: half as many, twice the rows each. */
  ReferenceChunks halve() {
    int n = (rows.length + 1) / 2;
    long[] r = new long[n];
    for (int i = 0; i < rows.length; i++) {
      r[i / 2] += rows[i];
    }
    Map<String, Piece[]> cols = new LinkedHashMap<>();
    columns.forEach((k, p) -> {
      Piece[] q = new Piece[n];
      for (int i = 0; i < n; i++) {
        q[i] = 2 * i + 1 < p.length ? ChunkMath.merge(p[2 * i], p[2 * i + 1]) : p[2 * i];
      }
      cols.put(k, q);
    });
    return new ReferenceChunks(chunkRows * 2, r, cols, calendar);
  }

  /**
   * The bytes the chunks take in a profile's encoding.
   *
   * @return the size
   */
  long sizeInBytes() {
    return ChunkCodec.sizeOf(this);
  }

  Map<String, Piece[]> columnsInternal() {
    return columns;
  }

  long[] rowsInternal() {
    return rows;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReferenceChunks c) || c.chunkRows != chunkRows
        || !Arrays.equals(c.rows, rows) || !c.columns.keySet().equals(columns.keySet())
        || !Objects.equals(c.calendar, calendar)) {
      return false;
    }
    for (Map.Entry<String, Piece[]> e : columns.entrySet()) {
      if (!Arrays.equals(e.getValue(), c.columns.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(chunkRows, Arrays.hashCode(rows), columns.keySet());
  }

  @Override
  public String toString() {
    return "ReferenceChunks[" + rows.length + " chunks of " + chunkRows + " rows, columns "
        + new ArrayList<>(columns.keySet()) + "]";
  }

  static List<String> names(ReferenceChunks c) {
    return new ArrayList<>(c.columns.keySet());
  }
}
