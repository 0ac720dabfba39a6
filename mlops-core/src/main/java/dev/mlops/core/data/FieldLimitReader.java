package dev.mlops.core.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Fails a CSV read as soon as one field grows past a bound, before the parser buffers it: counts
 * the characters since the last delimiter or line break outside double quotes (a doubled quote
 * inside a quoted field toggles the state twice, so the count stays right). Not thread-safe.
 */
final class FieldLimitReader extends FilterReader {

  private final char delimiter;
  private final int maxField;
  private boolean quoted;
  private long field;
  /** The 1-based file line the reader is on, and the one the current field started on. */
  private long line = 1;
  private long fieldLine = 1;

  /**
   * A failure at a known file line: a field longer than the bound (the line it starts on), or
   * bytes that are not UTF-8 (the line they are on). The parser reads ahead, so only this reader
   * knows the line.
   */
  static final class LineException extends IOException {
    private static final long serialVersionUID = 1L;
    final long line;

    LineException(long line, String message, Throwable cause) {
      super(message, cause);
      this.line = line;
    }
  }

  FieldLimitReader(Reader in, char delimiter, int maxField) {
    super(in);
    this.delimiter = delimiter;
    this.maxField = maxField;
  }

  @Override
  public int read() throws IOException {
    int c;
    try {
      c = super.read();
    } catch (CharacterCodingException e) {
      throw new LineException(line, "CSV file must be UTF-8: malformed input", e);
    }
    if (c >= 0) {
      count((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = super.read(buffer, offset, length);
    } catch (CharacterCodingException e) {
      throw new LineException(line, "CSV file must be UTF-8: malformed input", e);
    }
    for (int i = 0; i < n; i++) {
      count(buffer[offset + i]);
    }
    return n;
  }

  private void count(char c) throws IOException {
    if (c == '\n') {
      line++;
    }
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == delimiter || c == '\n' || c == '\r')) {
      field = 0;
      fieldLine = c == '\n' ? line : fieldLine;
      return;
    }
    if (field == 0) {
      fieldLine = line;
    }
    if (++field > maxField) {
      throw new LineException(fieldLine, "field must have at most " + maxField
          + " characters (see CsvSource.maxFieldSize)", null);
    }
  }
}
