package dev.mlops.core.data;

import dev.mlops.metrics.MlopsException;
import java.nio.file.Path;

/**
 * A CSV file cannot be read as a table: it is empty or has only a header, a cell is not valid
 * UTF-8, a quote is malformed, a row has the wrong number of cells, a field is longer than the
 * configured maximum, or a value does not fit its column (a number, a timestamp). The message and
 * the accessors name the file, the 1-based line in the file (0 when the whole file is concerned)
 * and the column when one is concerned.
 *
 * <p>Immutable and thread-safe.
 */
public final class CsvFormatException extends MlopsException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String column;

  /**
   * Creates the exception.
   *
   * @param file the file
   * @param line the 1-based line in the file, or 0 for the whole file
   * @param column the column name, or null
   * @param message what is wrong, with the value
   * @param cause the underlying failure, or null
   */
  public CsvFormatException(Path file, long line, String column, String message, Throwable cause) {
    super(file.getFileName() + (line > 0 ? " line " + line : "")
        + (column != null ? ", column '" + column + "'" : "") + ": " + message, cause);
    this.file = file.toString();
    this.line = line;
    this.column = column;
  }

  /**
   * The file.
   *
   * @return its path as given to the source
   */
  public String file() {
    return file;
  }

  /**
   * The 1-based line in the file where the problem is (the line a record starts on).
   *
   * @return the line, or 0 when the whole file is concerned
   */
  public long line() {
    return line;
  }

  /**
   * The column concerned.
   *
   * @return the column name, or null
   */
  public String column() {
    return column;
  }
}
