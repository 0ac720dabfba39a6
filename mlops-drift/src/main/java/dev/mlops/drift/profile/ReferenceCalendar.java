package dev.mlops.drift.profile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The calendar of an ordered reference: which time column ordered its rows ({@link
 * ReferenceProfile.Builder#timeColumn(String)}), the first and last time, the rows in each month of
 * the year, and the features that are provably that calendar: equal to the month of the time
 * column (1 to 12) on every reference row. A monitor built on a profile whose calendar spans a
 * year compares each window's label and prediction with the reference's same month by default
 * ({@code DriftMonitor.Builder#seasonField}), keyed by such a feature; it never takes a season from
 * a column that is not the time column's month on every row.
 *
 * <p>Months are those of the time in UTC for an epoch number, an {@link Instant}, a {@link
 * java.util.Date} or an instant string; of the local date for a {@link LocalDate}, a {@link
 * LocalDateTime} or an ISO date string; and of the date in its own offset for an {@link
 * OffsetDateTime} or a {@link ZonedDateTime}.
 *
 * <p>Part of {@link ReferenceChunks} (the calendar of their order), persisted from profile format
 * version 7; {@link ReferenceChunks#merge} merges it (the union's span and month counts, the
 * features both sides prove). Immutable and thread-safe.
 */
public final class ReferenceCalendar {

  /** Days between the first and the last time of a reference spanning a year (1 January to 31 December). */
  public static final long YEAR_DAYS = 364;
  private static final int MAX_FEATURES = 10_000;

  private final String column;
  private final long first;
  private final long last;
  private final long[] monthRows;
  private final List<String> monthFeatures;

  ReferenceCalendar(String column, long first, long last, long[] monthRows,
      List<String> monthFeatures) {
    this.column = Objects.requireNonNull(column, "column");
    if (monthRows.length != 12 || first > last) {
      throw new IllegalArgumentException("calendar must have 12 month counts and first <= last: "
          + monthRows.length + ", " + first + " > " + last);
    }
    this.first = first;
    this.last = last;
    this.monthRows = monthRows.clone();
    this.monthFeatures = List.copyOf(monthFeatures);
  }

  /**
   * The time column that ordered the reference.
   *
   * @return its name
   */
  public String column() {
    return column;
  }

  /**
   * The earliest time of the reference.
   *
   * @return the instant
   */
  public Instant first() {
    return Instant.ofEpochMilli(first);
  }

  /**
   * The latest time of the reference.
   *
   * @return the instant
   */
  public Instant last() {
    return Instant.ofEpochMilli(last);
  }

  /**
   * The reference rows with a time.
   *
   * @return the rows
   */
  public long rows() {
    return Arrays.stream(monthRows).sum();
  }

  /**
   * The reference rows in one month of the year (any year).
   *
   * @param month 1 (January) to 12
   * @return the rows
   * @throws IllegalArgumentException if {@code month} is outside [1, 12]
   */
  public long rowsInMonth(int month) {
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month must be in [1, 12]: " + month);
    }
    return monthRows[month - 1];
  }

  /**
   * The features equal to the month of {@link #column()} (1 to 12) on every reference row.
   *
   * @return their names, in the order first seen
   */
  public List<String> monthFeatures() {
    return monthFeatures;
  }

  /**
   * Whether the reference spans a year: its first and last times are at least {@value #YEAR_DAYS}
   * days apart and every month of the year has rows.
   *
   * @return whether a month-of-year baseline has every month
   */
  public boolean spansYear() {
    return Duration.ofMillis(last - first).toDays() >= YEAR_DAYS
        && Arrays.stream(monthRows).allMatch(r -> r > 0);
  }

  /**
   * The span as text, e.g. {@code "dteday 2011-01-01 to 2011-12-31 (364 days), 8,645 rows"}.
   *
   * @return the description
   */
  public String describe() {
    return String.format(Locale.ROOT, "%s %s to %s (%d days), %,d rows", column, day(first),
        day(last), Duration.ofMillis(last - first).toDays(), rows());
  }

  private static String day(long millis) {
    return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  /** The calendar of two references together, or null when they were ordered by other columns. */
  static ReferenceCalendar merge(ReferenceCalendar a, ReferenceCalendar b) {
    if (a == null || b == null || !a.column.equals(b.column)) {
      return null;
    }
    long[] m = a.monthRows.clone();
    for (int i = 0; i < 12; i++) {
      m[i] += b.monthRows[i];
    }
    List<String> both = new ArrayList<>(a.monthFeatures);
    both.retainAll(b.monthFeatures);
    return new ReferenceCalendar(a.column, Math.min(a.first, b.first), Math.max(a.last, b.last),
        m, both);
  }

  /**
   * The epoch milliseconds and the month of a time value, or null when it is none.
   *
   * @param value a {@link Number} (epoch milliseconds), a {@link java.util.Date}, a {@code
   *     java.time} date or date-time, or an ISO-8601 string of one
   */
  static long[] timeOf(Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? utc((long) d) : null;
    }
    if (value instanceof java.util.Date d) {
      return utc(d.getTime());
    }
    if (value instanceof Instant i) {
      return utc(i.toEpochMilli());
    }
    if (value instanceof LocalDate d) {
      return new long[] {d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli(),
          d.getMonthValue()};
    }
    if (value instanceof LocalDateTime d) {
      return new long[] {d.toInstant(ZoneOffset.UTC).toEpochMilli(), d.getMonthValue()};
    }
    if (value instanceof OffsetDateTime d) {
      return new long[] {d.toInstant().toEpochMilli(), d.getMonthValue()};
    }
    if (value instanceof ZonedDateTime d) {
      return new long[] {d.toInstant().toEpochMilli(), d.getMonthValue()};
    }
    if (value instanceof String s) {
      return parse(s.trim());
    }
    return null;
  }

  private static long[] parse(String s) {
    for (java.util.function.Function<String, TemporalAccessor> p : List.<
        java.util.function.Function<String, TemporalAccessor>>of(LocalDate::parse,
        LocalDateTime::parse, OffsetDateTime::parse, Instant::parse)) {
      try {
        return timeOf(p.apply(s));
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return null;
  }

  private static long[] utc(long millis) {
    return new long[] {millis, Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).getMonthValue()};
  }

  static void write(DataOutputStream out, ReferenceCalendar c) throws IOException {
    out.writeUTF(c.column);
    out.writeLong(c.first);
    out.writeLong(c.last);
    for (long r : c.monthRows) {
      out.writeLong(r);
    }
    out.writeInt(c.monthFeatures.size());
    for (String f : c.monthFeatures) {
      out.writeUTF(f);
    }
  }

  static long sizeOf(ReferenceCalendar c) {
    long n = ProfileCodec.utfLength(c.column) + 8 + 8 + 12 * 8 + 4;
    for (String f : c.monthFeatures) {
      n += ProfileCodec.utfLength(f);
    }
    return n;
  }

  static ReferenceCalendar read(DataInputStream in) throws IOException {
    String column = in.readUTF();
    long first = in.readLong();
    long last = in.readLong();
    long[] months = new long[12];
    for (int i = 0; i < 12; i++) {
      months[i] = in.readLong();
      ProfileCodec.require(months[i] >= 0, "invalid calendar month rows " + months[i]);
    }
    ProfileCodec.require(first <= last, "calendar first time after its last: " + first + " > " + last);
    int k = in.readInt();
    ProfileCodec.require(k >= 0 && k <= MAX_FEATURES && k * 2L <= in.available(),
        "invalid calendar feature count " + k);
    List<String> features = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      features.add(in.readUTF());
    }
    return new ReferenceCalendar(column, first, last, months, features);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReferenceCalendar c && c.column.equals(column) && c.first == first
        && c.last == last && Arrays.equals(c.monthRows, monthRows)
        && c.monthFeatures.equals(monthFeatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(column, first, last, Arrays.hashCode(monthRows), monthFeatures);
  }

  @Override
  public String toString() {
    return "ReferenceCalendar[" + describe() + ", month features " + monthFeatures + "]";
  }
}
