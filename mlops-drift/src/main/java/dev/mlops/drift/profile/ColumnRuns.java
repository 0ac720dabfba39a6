package dev.mlops.drift.profile;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The runs of equal consecutive values of each column of a segment of ordered rows: the longest
 * run, and the runs at the segment's two ends, so that consecutive segments built apart join
 * ({@link #then}) into the longest runs of the whole, exactly as {@link
 * ReferenceProfile.Builder#add(Map)} measures them for all rows in one pass ({@link
 * FeatureProfile#longestRun()}: missing and non-finite values neither count nor break a run; a
 * tie keeps the earlier run). A profile whose rows were summarised out of order (partitions merged
 * in any order, as on a cluster) gets the runs of the ordered rows with {@link #applyTo}.
 *
 * <pre>{@code
 * ColumnRuns whole = ColumnRuns.empty();
 * for (ChunkSegment s : segmentsInOrder) {
 *   whole = whole.then(s.runs());
 * }
 * ReferenceProfile ordered = whole.applyTo(profile);
 * }</pre>
 *
 * <p>Immutable and thread-safe; serializable (to travel between a cluster's tasks).
 */
public final class ColumnRuns implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ColumnRuns EMPTY = new ColumnRuns(Map.of());

  /** A run: its value (a category key), first position (in counted values) and length. */
  private record Run(String value, long start, long length) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** One column's runs: counted values, the first, last and longest run. */
  private record Ends(long count, Run first, Run last, Run longest) implements Serializable {
    private static final long serialVersionUID = 1L;

    Ends then(Ends later) {
      if (count == 0 || later.count == 0) {
        return count == 0 ? later : this;
      }
      Run lastShifted = shift(later.last, count);
      Run longestShifted = shift(later.longest, count);
      Run joined = last.value.equals(later.first.value)
          ? new Run(last.value, last.start, last.length + later.first.length) : null;
      Run best = longest;
      if (joined != null && joined.length > best.length) {
        best = joined;
      }
      if (longestShifted.length > best.length) {
        best = longestShifted;
      }
      boolean oneRun = first.start == last.start;
      boolean laterOneRun = later.first.start == later.last.start;
      return new Ends(count + later.count,
          joined != null && oneRun ? joined : first,
          joined != null && laterOneRun ? joined : lastShifted, best);
    }

    private static Run shift(Run r, long by) {
      return new Run(r.value, r.start + by, r.length);
    }
  }

  private final Map<String, Ends> columns;

  private ColumnRuns(Map<String, Ends> columns) {
    this.columns = columns;
  }

  /**
   * The runs of no rows (the start of a concatenation).
   *
   * @return the empty runs
   */
  public static ColumnRuns empty() {
    return EMPTY;
  }

  /**
   * The runs of this segment's rows followed by {@code later}'s: a run at this segment's end and
   * one of the same value at {@code later}'s start join.
   *
   * @param later the runs of the rows that follow
   * @return the runs of both segments in order
   * @throws NullPointerException if {@code later} is null
   */
  public ColumnRuns then(ColumnRuns later) {
    Objects.requireNonNull(later, "later runs must not be null");
    Map<String, Ends> out = new LinkedHashMap<>(columns);
    later.columns.forEach((name, ends) -> out.merge(name, ends, Ends::then));
    return new ColumnRuns(Map.copyOf(out));
  }

  /**
   * The longest run of a column.
   *
   * @param column the column name
   * @return its length, 0 for a column without values
   */
  public long longestRun(String column) {
    Ends e = columns.get(column);
    return e == null ? 0 : e.longest.length;
  }

  /**
   * The value of a column's longest run, as a category key ({@link CategoricalProfile#key}).
   *
   * @param column the column name
   * @return the value, empty for a column without values
   */
  public Optional<String> longestRunValue(String column) {
    Ends e = columns.get(column);
    return e == null ? Optional.empty() : Optional.of(e.longest.value);
  }

  /**
   * The profile with these longest runs for the features they know (other features keep
   * theirs).
   *
   * @param profile a profile of the same rows
   * @return a new profile; {@code profile} is not changed
   * @throws NullPointerException if {@code profile} is null
   */
  public ReferenceProfile applyTo(ReferenceProfile profile) {
    Objects.requireNonNull(profile, "profile must not be null");
    ReferenceProfile copy = ReferenceProfile.fromBytes(profile.toBytes());
    columns.forEach((name, e) -> {
      if (copy.feature(name).orElse(null) instanceof AbstractFeatureProfile f) {
        f.withLongestRun(e.longest.length, e.longest.value);
      }
    });
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnRuns r && columns.equals(r.columns);
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ColumnRuns[");
    columns.forEach((n, e) -> s.append(n).append('=').append(e.longest.value).append('x')
        .append(e.longest.length).append(' '));
    return s.toString().trim() + "]";
  }

  /** The runs of one segment's rows as they arrive, one tracker per column. Not thread-safe. */
  static final class Tracker {

    private final Map<String, Column> columns = new LinkedHashMap<>();

    void add(Map<String, ?> row) {
      for (Map.Entry<String, ?> e : row.entrySet()) {
        Object v = e.getValue();
        if (v == null) {
          continue;
        }
        Column c = columns.computeIfAbsent(e.getKey(), k -> new Column());
        if (v instanceof Number n) {
          c.add(n.doubleValue());
        } else {
          c.add(CategoricalProfile.key(v));
        }
      }
    }

    ColumnRuns build() {
      Map<String, Ends> out = new LinkedHashMap<>();
      columns.forEach((name, c) -> {
        if (c.count > 0) {
          out.put(name, c.ends());
        }
      });
      return new ColumnRuns(Map.copyOf(out));
    }
  }

  /** One column's runs so far (numbers compared as numbers, as {@code LongestRun} does). */
  private static final class Column {
    private long count;
    private Run first;
    private Run longest;
    private long start;
    private long length;
    private String key;
    private double number = Double.NaN;

    void add(double v) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        return;
      }
      if (length > 0 && v == number) {
        extend();
      } else {
        begin(CategoricalProfile.numberKey(v));
        number = v;
      }
    }

    void add(String k) {
      if (length > 0 && Double.isNaN(number) && k.equals(key)) {
        extend();
      } else {
        begin(k);
      }
    }

    private void begin(String k) {
      close();
      start = count;
      length = 1;
      key = k;
      number = Double.NaN;
      count++;
    }

    private void extend() {
      length++;
      count++;
    }

    /** Records the current run as the first and (when longer) the longest. */
    private void close() {
      if (length == 0) {
        return;
      }
      Run r = new Run(key, start, length);
      if (first == null) {
        first = r;
      }
      if (longest == null || r.length > longest.length) {
        longest = r;
      }
    }

    Ends ends() {
      Run last = new Run(key, start, length);
      Run f = first == null ? last : first;
      Run best = longest == null || last.length > longest.length ? last : longest;
      return new Ends(count, f, last, best);
    }
  }
}
