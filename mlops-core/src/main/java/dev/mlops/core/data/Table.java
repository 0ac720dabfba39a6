package dev.mlops.core.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, column-oriented table of numeric, categorical and timestamp columns: what every
 * {@link Source} produces and every pipeline stage consumes.
 *
 * <p>Numeric and timestamp columns are stored as {@code double[]} (missing = {@code NaN};
 * timestamps as epoch milliseconds), categorical columns as {@code String[]} (missing = {@code
 * null}).
 *
 * <pre>{@code
 * Table t = Table.builder()
 *     .numeric("x", new double[] {1, 2, 3})
 *     .categorical("c", new String[] {"a", "b", null})
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: the arrays are copied in and never exposed.
 */
public final class Table {

  private final List<Column> columns;
  private final Map<String, Integer> index;
  private final double[][] numeric;
  private final String[][] categorical;
  private final int rowCount;

  private Table(List<Column> columns, double[][] numeric, String[][] categorical, int rowCount) {
    this.columns = List.copyOf(columns);
    this.numeric = numeric;
    this.categorical = categorical;
    this.rowCount = rowCount;
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      idx.put(columns.get(i).name(), i);
    }
    this.index = Collections.unmodifiableMap(idx);
  }

  /**
   * Starts a table.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The columns in order.
   *
   * @return the schema
   */
  public List<Column> columns() {
    return columns;
  }

  /**
   * The number of rows.
   *
   * @return the row count
   */
  public int rowCount() {
    return rowCount;
  }

  /**
   * Whether a column of that name exists.
   *
   * @param name a column name
   * @return true if present
   */
  public boolean has(String name) {
    return index.containsKey(name);
  }

  /**
   * The position of a column.
   *
   * @param name a column name
   * @return its index
   * @throws IllegalArgumentException if there is no such column
   */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException(
          "column must exist in the table: '" + name + "' (columns: " + names() + ")");
    }
    return i;
  }

  /**
   * The column names in order.
   *
   * @return the names
   */
  public List<String> names() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column c : columns) {
      names.add(c.name());
    }
    return names;
  }

  /**
   * The column of that name.
   *
   * @param name a column name
   * @return the column
   * @throws IllegalArgumentException if there is no such column
   */
  public Column column(String name) {
    return columns.get(indexOf(name));
  }

  /**
   * A numeric or timestamp value.
   *
   * @param row the row index
   * @param column the column index
   * @return the value, {@code NaN} if missing
   * @throws IllegalArgumentException if the column is categorical
   */
  public double numeric(int row, int column) {
    double[] values = numeric[column];
    if (values == null) {
      throw new IllegalArgumentException(
          "column must be numeric: '" + columns.get(column).name() + "'");
    }
    return values[row];
  }

  /**
   * A categorical value.
   *
   * @param row the row index
   * @param column the column index
   * @return the value, {@code null} if missing
   * @throws IllegalArgumentException if the column is not categorical
   */
  public String categorical(int row, int column) {
    String[] values = categorical[column];
    if (values == null) {
      throw new IllegalArgumentException(
          "column must be categorical: '" + columns.get(column).name() + "'");
    }
    return values[row];
  }

  /**
   * A copy of a numeric or timestamp column.
   *
   * @param name the column name
   * @return its values
   * @throws IllegalArgumentException if absent or categorical
   */
  public double[] numericColumn(String name) {
    int c = indexOf(name);
    if (numeric[c] == null) {
      throw new IllegalArgumentException("column must be numeric: '" + name + "'");
    }
    return numeric[c].clone();
  }

  /**
   * A copy of a categorical column.
   *
   * @param name the column name
   * @return its values
   * @throws IllegalArgumentException if absent or not categorical
   */
  public String[] categoricalColumn(String name) {
    int c = indexOf(name);
    if (categorical[c] == null) {
      throw new IllegalArgumentException("column must be categorical: '" + name + "'");
    }
    return categorical[c].clone();
  }

  /**
   * Whether a value is missing.
   *
   * @param row the row index
   * @param column the column index
   * @return true if missing
   */
  public boolean isMissing(int row, int column) {
    return numeric[column] != null
        ? Double.isNaN(numeric[column][row])
        : categorical[column][row] == null;
  }

  /**
   * One row as a map in the cross-module row format ({@code Number}, {@code String} or {@code
   * null}).
   *
   * @param row the row index
   * @return an ordered map from column name to value
   */
  public Map<String, Object> row(int row) {
    Objects.checkIndex(row, rowCount);
    Map<String, Object> m = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      if (numeric[c] != null) {
        double v = numeric[c][row];
        m.put(columns.get(c).name(), Double.isNaN(v) ? null : v);
      } else {
        m.put(columns.get(c).name(), categorical[c][row]);
      }
    }
    return m;
  }

  /**
   * The rows at the given indices, in that order (indices may repeat).
   *
   * @param rows row indices
   * @return a new table
   */
  public Table rows(int[] rows) {
    double[][] num = new double[columns.size()][];
    String[][] cat = new String[columns.size()][];
    for (int c = 0; c < columns.size(); c++) {
      if (numeric[c] != null) {
        double[] src = numeric[c];
        double[] dst = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          dst[i] = src[rows[i]];
        }
        num[c] = dst;
      } else {
        String[] src = categorical[c];
        String[] dst = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
          dst[i] = src[rows[i]];
        }
        cat[c] = dst;
      }
    }
    return new Table(columns, num, cat, rows.length);
  }

  /**
   * The table without the named columns (absent names are ignored).
   *
   * @param names columns to drop
   * @return a new table
   */
  public Table drop(List<String> names) {
    Builder b = builder();
    for (int c = 0; c < columns.size(); c++) {
      Column col = columns.get(c);
      if (!names.contains(col.name())) {
        b.add(col, numeric[c], categorical[c]);
      }
    }
    return b.build();
  }

  /**
   * This table followed by the rows of another with the same columns.
   *
   * @param other a table with identical columns
   * @return a new table
   * @throws IllegalArgumentException if the columns differ
   */
  public Table append(Table other) {
    if (!columns.equals(other.columns)) {
      throw new IllegalArgumentException(
          "appended table must have the same columns: " + other.columns + " vs " + columns);
    }
    Builder b = builder();
    for (int c = 0; c < columns.size(); c++) {
      if (numeric[c] != null) {
        double[] v = new double[rowCount + other.rowCount];
        System.arraycopy(numeric[c], 0, v, 0, rowCount);
        System.arraycopy(other.numeric[c], 0, v, rowCount, other.rowCount);
        b.add(columns.get(c), v, null);
      } else {
        String[] v = new String[rowCount + other.rowCount];
        System.arraycopy(categorical[c], 0, v, 0, rowCount);
        System.arraycopy(other.categorical[c], 0, v, rowCount, other.rowCount);
        b.add(columns.get(c), null, v);
      }
    }
    return b.build();
  }

  /**
   * A SHA-256 over the column names, types and every value in row-major order: two tables have
   * the same fingerprint exactly when they hold the same data in the same order.
   *
   * @return the lower-case hex digest
   */
  public String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Column c : columns) {
        md.update(c.name().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update((byte) c.type().ordinal());
      }
      // The same byte stream as one update per value, fed to the digest in 64 KiB blocks: one
      // MessageDigest.update per value cost more than the hashing itself.
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      for (int r = 0; r < rowCount; r++) {
        for (int c = 0; c < columns.size(); c++) {
          if (numeric[c] != null) {
            if (buf.remaining() < Double.BYTES) {
              flush(md, buf);
            }
            buf.putDouble(numeric[c][r]);
          } else {
            String s = categorical[c][r];
            if (buf.remaining() < 1) {
              flush(md, buf);
            }
            if (s == null) {
              buf.put((byte) 1);
            } else {
              buf.put((byte) 2);
              byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
              if (buf.remaining() < bytes.length + 1) {
                flush(md, buf);
              }
              if (bytes.length + 1 > buf.capacity()) {
                md.update(bytes);
              } else {
                buf.put(bytes);
              }
              if (buf.remaining() < 1) {
                flush(md, buf);
              }
              buf.put((byte) 0);
            }
          }
        }
      }
      flush(md, buf);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 must be available", e);
    }
  }

  /** Feeds the buffered bytes to the digest and empties the buffer. */
  private static void flush(MessageDigest md, ByteBuffer buf) {
    md.update(buf.array(), 0, buf.position());
    buf.clear();
  }

  @Override
  public String toString() {
    return "Table" + names() + " (" + rowCount + " rows)";
  }

  /**
   * Builds a {@link Table} column by column; every column must have the same length.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final List<Column> columns = new ArrayList<>();
    private final List<double[]> numeric = new ArrayList<>();
    private final List<String[]> categorical = new ArrayList<>();
    private int rows = -1;

    private Builder() {}

    /**
     * Adds a numeric column (values are copied).
     *
     * @param name the column name
     * @param values the values, {@code NaN} for missing
     * @return this builder
     */
    public Builder numeric(String name, double[] values) {
      return add(Column.numeric(name), values.clone(), null);
    }

    /**
     * Adds a timestamp column (values are copied).
     *
     * @param name the column name
     * @param epochMillis the instants as epoch milliseconds, {@code NaN} for missing
     * @return this builder
     */
    public Builder timestamp(String name, double[] epochMillis) {
      return add(Column.timestamp(name), epochMillis.clone(), null);
    }

    /**
     * Adds a categorical column (values are copied).
     *
     * @param name the column name
     * @param values the labels, {@code null} for missing
     * @return this builder
     */
    public Builder categorical(String name, String[] values) {
      return add(Column.categorical(name), null, values.clone());
    }

    Builder add(Column column, double[] num, String[] cat) {
      for (Column c : columns) {
        if (c.name().equals(column.name())) {
          throw new IllegalArgumentException("column name must be unique: '" + column.name() + "'");
        }
      }
      int n = num != null ? num.length : cat.length;
      if (rows >= 0 && n != rows) {
        throw new IllegalArgumentException(
            "column length must equal the other columns' (" + rows + "): '" + column.name()
                + "' has " + n);
      }
      rows = n;
      columns.add(column);
      numeric.add(num);
      categorical.add(cat);
      return this;
    }

    /**
     * Builds the table.
     *
     * @return the table
     */
    public Table build() {
      return new Table(
          columns,
          numeric.toArray(new double[0][]),
          categorical.toArray(new String[0][]),
          Math.max(rows, 0));
    }
  }
}
