package dev.mlops.core.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>A declared numeric column holding a non-numeric value, a column that is mostly numeric but
 * has a few non-numeric values, and a timestamp that does not parse all fail with an {@link
 * IllegalArgumentException} naming the column, the data row (0-based) and the value.
 *
 * <p>Immutable and thread-safe: the configuration methods return a new source.
 */
public final class CsvSource implements Source {

  /** Cells read as missing unless {@link #missingValues} says otherwise. */
  public static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "N/A", "NaN", "null", "?");

  /** Share of numeric cells above which a column with a few non-numeric cells is an error. */
  private static final double MOSTLY_NUMERIC = 0.9;

  private final Path path;
  private final char delimiter;
  private final Map<String, ColumnType> declared;
  private final Map<String, DateTimeFormatter> timeFormats;
  private final Set<String> missing;
  /** The missing markers grouped by length: a cell is compared only with markers as long as it. */
  private final String[][] missingByLength;
  private final List<String> dropped;

  private CsvSource(
      Path path,
      char delimiter,
      Map<String, ColumnType> declared,
      Map<String, DateTimeFormatter> timeFormats,
      Set<String> missing,
      List<String> dropped) {
    this.path = path;
    this.delimiter = delimiter;
    this.declared = declared;
    this.timeFormats = timeFormats;
    this.missing = missing;
    this.missingByLength = byLength(missing);
    this.dropped = dropped;
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
    return new CsvSource(path, ',', Map.of(), Map.of(), DEFAULT_MISSING, List.of());
  }

  private CsvSource with(
      char d, Map<String, ColumnType> decl, Map<String, DateTimeFormatter> tf, Set<String> miss,
      List<String> drop) {
    return new CsvSource(path, d, Map.copyOf(decl), Map.copyOf(tf), Set.copyOf(miss), List.copyOf(drop));
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
    double[][] numbers;
    boolean[] present;
    CSVFormat format =
        CSVFormat.DEFAULT.builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .get();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      header = parser.getHeaderNames();
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
      for (CSVRecord rec : parser) {
        if (rec.size() != width) {
          throw new IllegalArgumentException(
              "row must have " + width + " cells as the header has: row "
                  + cells.size() + " of " + path.getFileName() + " has " + rec.size());
        }
        String[] values = rec.values();
        int r = cells.size();
        cells.add(values);
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
          try {
            column[r] = Double.parseDouble(s);
            present[c] = true;
          } catch (NumberFormatException e) {
            numbers[c] = null;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CSV " + path, e);
    }
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
        type = infer(name, cells, c);
      }
      switch (type) {
        case NUMERIC -> b.add(Column.numeric(name), parseNumeric(name, cells, c), null);
        case TIMESTAMP -> b.add(Column.timestamp(name), parseTime(name, cells, c), null);
        case CATEGORICAL -> b.add(Column.categorical(name), null, strings(cells, c));
        default -> throw new IllegalStateException("unknown type " + type);
      }
    }
    return b.build();
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

  private ColumnType infer(String name, List<String[]> cells, int c) {
    int present = 0;
    int numeric = 0;
    int firstBad = -1;
    for (int r = 0; r < cells.size(); r++) {
      String s = cells.get(r)[c];
      if (isMissing(s)) {
        continue;
      }
      present++;
      if (parsesAsNumber(s)) {
        numeric++;
      } else if (firstBad < 0) {
        firstBad = r;
      }
    }
    if (present > 0 && numeric == present) {
      return ColumnType.NUMERIC;
    }
    if (numeric > 0 && numeric >= MOSTLY_NUMERIC * present) {
      throw new IllegalArgumentException(
          "column '" + name + "' must be numeric (" + numeric + " of " + present
              + " values are numbers) but row " + firstBad + " holds '" + cells.get(firstBad)[c]
              + "'; declare it categorical() if that is intended");
    }
    return ColumnType.CATEGORICAL;
  }

  private static boolean parsesAsNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private double[] parseNumeric(String name, List<String[]> cells, int c) {
    double[] v = new double[cells.size()];
    for (int r = 0; r < v.length; r++) {
      String s = cells.get(r)[c];
      if (isMissing(s)) {
        v[r] = Double.NaN;
        continue;
      }
      try {
        v[r] = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "value in numeric column '" + name + "' must be a number: row " + r + " holds '" + s
                + "'");
      }
    }
    return v;
  }

  private double[] parseTime(String name, List<String[]> cells, int c) {
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
        v[r] = toEpochMillis(s, f);
        previous = s;
        previousValue = v[r];
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "value in timestamp column '" + name + "' must parse as "
                + (f == null ? "an ISO-8601 date or date-time" : f.toString()) + ": row " + r
                + " holds '" + s + "'");
      }
    }
    return v;
  }

  static double toEpochMillis(String s, DateTimeFormatter f) {
    if (f != null) {
      var parsed = f.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (parsed instanceof OffsetDateTime odt) {
        return odt.toInstant().toEpochMilli();
      }
      if (parsed instanceof LocalDateTime ldt) {
        return ldt.toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e2) {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
      }
    }
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
