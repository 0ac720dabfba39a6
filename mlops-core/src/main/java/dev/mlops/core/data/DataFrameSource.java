package dev.mlops.core.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import smile.data.DataFrame;
import smile.data.type.DataType;

/**
 * A Smile {@link DataFrame} as a source: numeric columns (primitive or boxed) become numeric,
 * {@code LocalDate}/{@code LocalDateTime}/{@code Instant} columns timestamps (UTC), everything else
 * categorical by its string form; nulls are missing.
 *
 * <pre>{@code
 * Source src = DataFrameSource.of(frame).categorical("season");
 * }</pre>
 *
 * <p>Immutable and thread-safe as long as the frame is not modified while it is read; reading
 * copies it.
 */
public final class DataFrameSource implements Source {

  private final DataFrame frame;
  private final Set<String> categorical;

  private DataFrameSource(DataFrame frame, Set<String> categorical) {
    this.frame = frame;
    this.categorical = Set.copyOf(categorical);
  }

  /**
   * A source reading the frame.
   *
   * @param frame the frame
   * @return the source
   */
  public static DataFrameSource of(DataFrame frame) {
    return new DataFrameSource(Objects.requireNonNull(frame, "frame"), Set.of());
  }

  /**
   * Reads numeric columns as categories (e.g. integer codes).
   *
   * @param names column names
   * @return a new source
   */
  public DataFrameSource categorical(String... names) {
    Set<String> c = new LinkedHashSet<>(categorical);
    c.addAll(List.of(names));
    return new DataFrameSource(frame, c);
  }

  @Override
  public String describe() {
    return "dataframe(" + frame.nrow() + "x" + frame.ncol() + ")";
  }

  @Override
  public Table read() {
    int n = frame.nrow();
    Table.Builder b = Table.builder();
    String[] names = frame.names();
    for (String name : categorical) {
      if (!List.of(names).contains(name)) {
        throw new IllegalArgumentException("declared column must exist in the frame: '" + name + "'");
      }
    }
    for (int c = 0; c < names.length; c++) {
      DataType type = frame.schema().field(c).type;
      if (type.isNumeric() && !categorical.contains(names[c])) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
          v[r] = frame.isNullAt(r, c) ? Double.NaN : frame.getDouble(r, c);
        }
        b.add(Column.numeric(names[c]), v, null);
        continue;
      }
      Object first = null;
      for (int r = 0; r < n && first == null; r++) {
        first = frame.get(r, c);
      }
      if (!categorical.contains(names[c])
          && (first instanceof LocalDate || first instanceof LocalDateTime || first instanceof Instant)) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
          Object o = frame.get(r, c);
          v[r] = o == null ? Double.NaN : epochMillis(names[c], r, o);
        }
        b.add(Column.timestamp(names[c]), v, null);
        continue;
      }
      String[] v = new String[n];
      for (int r = 0; r < n; r++) {
        Object o = frame.get(r, c);
        v[r] = o == null ? null : (o instanceof Number num ? Column.category(num.doubleValue()) : o.toString());
      }
      b.add(Column.categorical(names[c]), null, v);
    }
    return b.build();
  }

  private static double epochMillis(String column, int row, Object o) {
    if (o instanceof LocalDate d) {
      return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    if (o instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (o instanceof Instant i) {
      return i.toEpochMilli();
    }
    throw new IllegalArgumentException(
        "value in timestamp column '" + column + "' must be a date or time: row " + row + " holds " + o.getClass().getName());
  }
}
