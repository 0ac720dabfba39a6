package dev.mlops.core.data;

import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.CharacterCodingException;

/**
 * Fails a CSV read as soon as one field grows past a bound, before the parser buffers it: counts
 * the characters since the last delimiter or line break outside double quotes (a doubled quote
 * inside a quoted field toggles the state twice, so the count stays right). Not thread-safe.
 */
final class FieldLimitReader extends FilterReader {

  private final Path file;
  private final char delimiter;
  private final int maxField;
  private boolean quoted;
  private long field;
  /** The 1-based file line the reader is on, and the one the current field started on. */
  private long line = 1;
  private long fieldLine = 1;

  /**
   * A failure at a known file line: a field longer than the bound (the line it starts on), or
   * bytes that are not UTF-8 (the line they are on, found by {@link #firstMalformedLine}). The
   * parser reads ahead, so only this reader knows the line.
   */
  static final class LineException extends IOException {
    private static final long serialVersionUID = 1L;
    final long line;

    LineException(long line, String message, Throwable cause) {
      super(message, cause);
      this.line = line;
    }
  }

  FieldLimitReader(Reader in, Path file, char delimiter, int maxField) {
    super(in);
    this.file = file;
    this.delimiter = delimiter;
    this.maxField = maxField;
  }

  @Override
  public int read() throws IOException {
    int c;
    try {
      c = super.read();
    } catch (CharacterCodingException e) {
      throw malformed(e);
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
      throw malformed(e);
    }
    for (int i = 0; i < n; i++) {
      count(buffer[offset + i]);
    }
    return n;
  }

  /** The decoder works in blocks ahead of this reader: the file itself says where the bad bytes are. */
  private IOException malformed(CharacterCodingException e) {
    long at = file == null ? line : firstMalformedLine(file);
    return new LineException(at, "CSV file must be UTF-8: malformed input", e);
  }

  /**
   * The 1-based line of the first byte sequence that is not UTF-8 (a byte 0x0A is a line break
   * wherever it stands: it never occurs inside a multi-byte sequence), or 0 if none is found.
   */
  static long firstMalformedLine(Path file) {
    long line = 1;
    int pending = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (pending > 0) {
          if ((b & 0xC0) != 0x80) {
            return line;
          }
          pending--;
          continue;
        }
        if (b == '\n') {
          line++;
        } else if (b >= 0x80) {
          if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
          } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
          } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
          } else {
            return line;
          }
        }
      }
      return pending > 0 ? line : 0;
    } catch (IOException e) {
      return 0;
    }
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
