package dev.mlops.core.data;

/**
 * Where a pipeline's rows come from: a CSV file, a Smile {@code DataFrame}, Java objects, or
 * anything else that can produce a {@link Table}.
 *
 * <p>Implementations document their own thread-safety; the pipeline calls {@link #read()} once per
 * run.
 */
@FunctionalInterface
public interface Source {

  /**
   * Reads the rows.
   *
   * @return the table
   * @throws java.io.UncheckedIOException if reading fails
   * @throws IllegalArgumentException if the data does not fit its declared schema
   */
  Table read();

  /**
   * A short description for logs and provenance (e.g. the file name).
   *
   * @return the description
   */
  default String describe() {
    return getClass().getSimpleName();
  }

  /**
   * A source that returns a fixed table.
   *
   * @param table the rows
   * @return the source
   */
  static Source of(Table table) {
    java.util.Objects.requireNonNull(table, "table");
    return new Source() {
      @Override
      public Table read() {
        return table;
      }

      @Override
      public String describe() {
        return "table(" + table.rowCount() + " rows)";
      }
    };
  }
}
