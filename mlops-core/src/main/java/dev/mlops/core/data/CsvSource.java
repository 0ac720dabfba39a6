package dev.mlops.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file with a header row (parsed by Apache Commons CSV) into a {@link Table}, with the
 * schema declared per column or inferred: a column whose every non-missing value parses as a
 * number is numeric, otherwise categorical; timestamp columns are declared.
 *
 * <pre>{@code
 * Source src = CsvSource.of(Path.of("hour.csv"))
 *     .timestampColumn("dteday")
 *     .categorical("season")
 *     .drop("instant", "casual", "registered");
 * }</pre>
 *
 * <p>Numbers follow a strict grammar: optional sign, digits with an optional decimal point, an
 * optional exponent ({@code 1.5e-3}), or {@code Infinity}; Java literals such as {@code 0x1p3},
 * {@code 1d} or {@code 2f} are not numbers. A UTF-8 byte-order mark is stripped. A declared numeric
 * column holding a non-numeric value, a column of which more than half the values are numbers (or
 * numbers with thousands separators or decimal commas) but not all, a timestamp that does not
 * parse, malformed UTF-8 or quotes, a row with the wrong number of cells, a field longer than
 * {@link #maxFieldSize(int)}, an empty file and a file with only a header all fail with a {@link
 * CsvFormatException} naming the file, the 1-based line in the file, the column and the value. A
 * file that does not exist or cannot be opened is not a format problem: {@link #read()} throws an
 * {@link UncheckedIOException} (as {@link Source#read()} states) whose message names the absolute
 * path, with the {@link NoSuchFileException} or other {@link FileSystemException} as its cause.
 *
 * <p>Immutable and thread-safe: the configuration methods return a new source.
 */
public final class CsvSource implements Source {

  /** Cells read as missing unless {@link #missingValues} says otherwise. */
  public static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "N/A", "NaN", "null", "?");

  /** Share of numeric cells above which a column with some non-numeric cells is an error. */
  private static final double MOSTLY_NUMERIC = 0.5;

  /** Default {@link #maxFieldSize(int)}: one million characters. */
  public static final int DEFAULT_MAX_FIELD_SIZE = 1_000_000;

  private final Path path;
  private final char delimiter;
  private final Map<String, ColumnType> declared;
  private final Map<String, DateTimeFormatter> timeFormats;
  private final Set<String> missing;
  /** The missing markers grouped by length: a cell is compared only with markers as long as it. */
  private final String[][] missingByLength;
  private final List<String> dropped;
  private final int maxFieldSize;

  private CsvSource(
      Path path,
      char delimiter,
      Map<String, ColumnType> declared,
      Map<String, DateTimeFormatter> timeFormats,
      Set<String> missing,
      List<String> dropped,
      int maxFieldSize) {
    this.path = path;
    this.delimiter = delimiter;
    this.declared = declared;
    this.timeFormats = timeFormats;
    this.missing = missing;
    this.missingByLength = byLength(missing);
    this.dropped = dropped;
    this.maxFieldSize = maxFieldSize;
  }

  private static String[][] byLength(Set<String> markers) {
    int max = markers.stream().mapToInt(String::length).max().orElse(-1);
    String[][] out = new String[max + 1][];
    for (int len = 0; len <= max; len++) {
      final int l = len;
      out[len] = markers.stream().filter(m -> m.length() == l).sorted().toArray(String[]::new);
    }
    return out;
  }

  /**
   * A comma-separated file with a header row, types inferred.
   *
   * @param path the file
   * @return the source
   */
  public static CsvSource of(Path path) {
    Objects.requireNonNull(path, "path");
    return new CsvSource(path, ',', Map.of(), Map.of(), DEFAULT_MISSING, List.of(),
        DEFAULT_MAX_FIELD_SIZE);
  }

  private CsvSource with(
      char d, Map<String, ColumnType> decl, Map<String, DateTimeFormatter> tf, Set<String> miss,
      List<String> drop) {
    return new CsvSource(path, d, Map.copyOf(decl), Map.copyOf(tf), Set.copyOf(miss), List.copyOf(drop),
        maxFieldSize);
  }

  /**
   * Sets the longest field read, in characters (default {@value #DEFAULT_MAX_FIELD_SIZE}): a longer
   * one fails the read with its line instead of filling the heap.
   *
   * @param chars at least 1
   * @return a new source
   * @throws IllegalArgumentException if {@code chars < 1}
   */
  public CsvSource maxFieldSize(int chars) {
    if (chars < 1) {
      throw new IllegalArgumentException("max field size must be at least 1: " + chars);
    }
    return new CsvSource(path, delimiter, declared, timeFormats, missing, dropped, chars);
  }

  /**
   * Uses another delimiter.
   *
   * @param delimiter e.g. {@code ';'} or {@code '\t'}
   * @return a new source
   */
  public CsvSource delimiter(char delimiter) {
    return with(delimiter, declared, timeFormats, missing, dropped);
  }

  /**
   * Declares numeric columns: a non-numeric value in one fails the read.
   *
   * @param names column names
   * @return a new source
   */
  public CsvSource numeric(String... names) {
    return declare(ColumnType.NUMERIC, names);
  }

  /**
   * Declares categorical columns (e.g. integer-coded categories such as {@code season}).
   *
   * @param names column names
   * @return a new source
   */
  public CsvSource categorical(String... names) {
    return declare(ColumnType.CATEGORICAL, names);
  }

  /**
   * Declares a timestamp column in ISO-8601 form (a date {@code 2011-01-01}, a local date-time or
   * an instant / offset date-time); dates and local times are read as UTC.
   *
   * @param name the column name
   * @return a new source
   */
  public CsvSource timestampColumn(String name) {
    return declare(ColumnType.TIMESTAMP, name);
  }

  /**
   * Declares a timestamp column with a pattern (dates without a time are read at UTC midnight).
   *
   * @param name the column name
   * @param format the pattern
   * @return a new source
   */
  public CsvSource timestampColumn(String name, DateTimeFormatter format) {
    Objects.requireNonNull(format, "format");
    Map<String, DateTimeFormatter> tf = new LinkedHashMap<>(timeFormats);
    tf.put(name, format);
    CsvSource s = declare(ColumnType.TIMESTAMP, name);
    return s.with(delimiter, s.declared, tf, missing, dropped);
  }

  /**
   * Sets the cell values read as missing (replacing {@link #DEFAULT_MISSING}).
   *
   * @param markers e.g. {@code "", "NA"}
   * @return a new source
   */
  public CsvSource missingValues(String... markers) {
    return with(delimiter, declared, timeFormats, Set.of(markers), dropped);
  }

  /**
   * Leaves columns out of the table (e.g. identifiers, or columns that leak the target).
   *
   * @param names column names
   * @return a new source
   */
  public CsvSource drop(String... names) {
    List<String> d = new ArrayList<>(dropped);
    d.addAll(List.of(names));
    return with(delimiter, declared, timeFormats, missing, d);
  }

  private CsvSource declare(ColumnType type, String... names) {
    Map<String, ColumnType> d = new LinkedHashMap<>(declared);
    for (String n : names) {
      Objects.requireNonNull(n, "column name");
      d.put(n, type);
    }
    return with(delimiter, d, timeFormats, missing, dropped);
  }

  @Override
  public String describe() {
    return "csv(" + path.getFileName() + ")";
  }

  @Override
  public Table read() {
    List<String> header;
    List<String[]> cells = new ArrayList<>();
    int[] lines = new int[1024];
    double[][] numbers;
    boolean[] present;
    CSVFormat format =
        CSVFormat.DEFAULT.builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .get();
    long line = 0;
    try (BufferedReader raw = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        Reader in = withoutByteOrderMark(new FieldLimitReader(raw, path, delimiter, maxFieldSize));
        CSVParser parser = CSVParser.parse(in, format)) {
      header = parser.getHeaderNames();
      if (header.isEmpty()) {
        throw error(0, null, "CSV file must have a header row and data rows: the file is empty",
            null);
      }
      int width = header.size();
      // Columns that may be numeric are parsed as each record arrives, while its cells are still
      // in cache (a pass per column afterwards spent most of its time waiting for memory). A column
      // stops being parsed at its first cell that is not a number, and is then read from the kept
      // cells as before.
      numbers = new double[width][];
      for (int c = 0; c < width; c++) {
        String name = header.get(c);
        ColumnType t = declared.get(name);
        if (!dropped.contains(name) && (t == null || t == ColumnType.NUMERIC)) {
          numbers[c] = new double[1024];
        }
      }
      present = new boolean[width];
      long end = parser.getCurrentLineNumber();
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        line = end + 1; // the line this record starts on
        CSVRecord rec;
        try {
          if (!records.hasNext()) {
            break;
          }
          rec = records.next();
        } catch (UncheckedIOException e) {
          if (e.getCause() instanceof FieldLimitReader.LineException f) {
            throw error(f.line, null, f.getMessage(), e);
          }
          throw error(line, null, describe(e.getCause()), e);
        }
        end = parser.getCurrentLineNumber();
        if (rec.size() != width) {
          throw error(line, null, "row must have " + width + " cells as the header has: "
              + rec.size(), null);
        }
        String[] values = rec.values();
        int r = cells.size();
        cells.add(values);
        if (r == lines.length) {
          lines = Arrays.copyOf(lines, 2 * r);
        }
        lines[r] = (int) Math.min(Integer.MAX_VALUE, line);
        for (int c = 0; c < width; c++) {
          double[] column = numbers[c];
          if (column == null) {
            continue;
          }
          if (r == column.length) {
            column = Arrays.copyOf(column, 2 * r);
            numbers[c] = column;
          }
          String s = values[c];
          if (isMissing(s)) {
            column[r] = Double.NaN;
            continue;
          }
          if (CsvCells.isStrictNumber(s)) {
            column[r] = Double.parseDouble(s);
            present[c] = true;
          } else {
            numbers[c] = null;
          }
        }
      }
    } catch (FieldLimitReader.LineException e) {
      // read ahead of the parser: the reader knows the line, the parser does not
      throw error(e.line, null, e.getMessage(), e);
    } catch (CharacterCodingException e) {
      throw error(line, null, describe(e), e);
    } catch (NoSuchFileException e) {
      // not a format problem: the file is not there
      throw new UncheckedIOException("CSV file must exist: " + path.toAbsolutePath() + " does not", e);
    } catch (FileSystemException e) {
      throw new UncheckedIOException("CSV file must be readable: " + path.toAbsolutePath() + " ("
          + e.getClass().getSimpleName() + (e.getReason() == null ? "" : ": " + e.getReason()) + ")", e);
    } catch (IOException e) {
      throw error(line, null, describe(e), e);
    } catch (UncheckedIOException e) {
      throw error(line, null, describe(e.getCause()), e);
    }
    if (cells.isEmpty()) {
      throw error(0, null, "CSV file must have data rows: it has only a header " + header, null);
    }
    {
      for (String name : declared.keySet()) {
        if (!header.contains(name)) {
          throw new IllegalArgumentException(
              "declared column must exist in " + path.getFileName() + ": '" + name + "' (header: "
                  + header + ")");
        }
      }
      Table.Builder b = Table.builder();
      for (int c = 0; c < header.size(); c++) {
        String name = header.get(c);
        if (dropped.contains(name)) {
          continue;
        }
        ColumnType type = declared.get(name);
        // Every cell parsed: a declared numeric column, or an undeclared one with a number in it
        // (what infer calls numeric).
        if (numbers[c] != null && (type == ColumnType.NUMERIC || present[c])) {
          b.add(Column.numeric(name), Arrays.copyOf(numbers[c], cells.size()), null);
          continue;
        }
        if (type == null) {
          type = infer(name, cells, c, lines);
        }
        switch (type) {
          case NUMERIC -> b.add(Column.numeric(name), parseNumeric(name, cells, c, lines), null);
          case TIMESTAMP -> b.add(Column.timestamp(name), parseTime(name, cells, c, lines), null);
          case CATEGORICAL -> b.add(Column.categorical(name), null, strings(cells, c));
          default -> throw new IllegalStateException("unknown type " + type);
        }
      }
      return b.build();
    }
  }

  private CsvFormatException error(long line, String column, String message, Throwable cause) {
    return new CsvFormatException(path, line, column, message, cause);
  }

  /** The file line of data row {@code r}, from the lines recorded while reading. */
  private static long lineOf(int[] lines, int r) {
    return r < lines.length ? lines[r] : 0;
  }

  private static String describe(Throwable e) {
    if (e instanceof MalformedInputException m) {
      return "CSV file must be UTF-8: malformed input of " + m.getInputLength() + " byte(s)";
    }
    if (e instanceof UnmappableCharacterException) {
      return "CSV file must be UTF-8: unmappable character";
    }
    String m = e == null ? "unknown error" : e.getMessage();
    return "CSV file is malformed: " + (m == null ? e.getClass().getSimpleName() : m);
  }

  private static Reader withoutByteOrderMark(Reader reader) throws IOException {
    PushbackReader in = new PushbackReader(reader, 1);
    int first = in.read();
    if (first >= 0 && first != '\uFEFF') {
      in.unread(first);
    }
    return in;
  }

  private boolean isMissing(String s) {
    if (s == null) {
      return true;
    }
    // Hashing every cell for a set lookup cost more than parsing it; most cells are ruled out by
    // their length alone.
    int len = s.length();
    if (len >= missingByLength.length) {
      return false;
    }
    for (String m : missingByLength[len]) {
      if (m.equals(s)) {
        return true;
      }
    }
    return false;
  }

  private ColumnType infer(String name, List<String[]> cells, int c, int[] lines) {
    int present = 0;
    int numeric = 0;
    int localised = 0;
    int firstBad = -1;
    for (int r = 0; r < cells.size(); r++) {
      String s = cells.get(r)[c];
      if (isMissing(s)) {
        continue;
      }
      present++;
      if (CsvCells.isStrictNumber(s)) {
        numeric++;
      } else {
        if (CsvCells.isLocalisedNumber(s)) {
          localised++;
        }
        if (firstBad < 0) {
          firstBad = r;
        }
      }
    }
    if (present > 0 && numeric == present) {
      return ColumnType.NUMERIC;
    }
    if (numeric + localised > MOSTLY_NUMERIC * present) {
      String bad = cells.get(firstBad)[c];
      throw error(lineOf(lines, firstBad), name,
          "column must be numeric (" + numeric + " of " + present + " values are numbers) but"
              + " holds '" + bad + "'"
              + (CsvCells.isLocalisedNumber(bad) ? " (a thousands separator or decimal comma?)" : "")
              + "; declare it categorical() if that is intended", null);
    }
    return ColumnType.CATEGORICAL;
  }

  private double[] parseNumeric(String name, List<String[]> cells, int c, int[] lines) {
    double[] v = new double[cells.size()];
    for (int r = 0; r < v.length; r++) {
      String s = cells.get(r)[c];
      if (isMissing(s)) {
        v[r] = Double.NaN;
        continue;
      }
      if (!CsvCells.isStrictNumber(s)) {
        throw error(lineOf(lines, r), name, "value in numeric column must be a number: '" + s + "'",
            null);
      }
      v[r] = Double.parseDouble(s);
    }
    return v;
  }

  private double[] parseTime(String name, List<String[]> cells, int c, int[] lines) {
    DateTimeFormatter f = timeFormats.get(name);
    double[] v = new double[cells.size()];
    String previous = null;
    double previousValue = Double.NaN;
    for (int r = 0; r < v.length; r++) {
      String s = cells.get(r)[c];
      if (isMissing(s)) {
        v[r] = Double.NaN;
        continue;
      }
      // Consecutive rows often share a timestamp (hourly rows of one day): parse each run once.
      if (s.equals(previous)) {
        v[r] = previousValue;
        continue;
      }
      try {
        v[r] = CsvCells.toEpochMillis(s, f);
        previous = s;
        previousValue = v[r];
      } catch (DateTimeParseException e) {
        throw error(lineOf(lines, r), name, "value in timestamp column must parse as "
            + (f == null ? "an ISO-8601 date or date-time" : f.toString()) + ": '" + s + "'", e);
      }
    }
    return v;
  }

  private String[] strings(List<String[]> cells, int c) {
    String[] v = new String[cells.size()];
    for (int r = 0; r < v.length; r++) {
      String s = cells.get(r)[c];
      v[r] = isMissing(s) ? null : s;
    }
    return v;
  }
}
