package dev.mlops.core.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * What a CSV cell is, for {@link CsvSource}: the strict number grammar, numbers written with
 * thousands separators or decimal commas (recognised only to name the mistake), and timestamps.
 * Stateless; thread-safe.
 */
final class CsvCells {

  private CsvCells() {}

  /**
   * Whether a cell is a number in the strict grammar: {@code [+-]? (digits [. digits?] | . digits)
   * ([eE] [+-]? digits)?} or {@code [+-]?Infinity}. Java's {@code Double.parseDouble} also takes
   * hexadecimal floats ({@code 0x1p3}), type suffixes ({@code 1d}, {@code 2f}) and surrounding
   * spaces, which are not numbers in a data file.
   */
  static boolean isStrictNumber(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    if (s.startsWith("Infinity", i)) {
      return i + 8 == n;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A number written with thousands separators or a decimal comma ({@code 1,234.5}, {@code 3,5}). */
  static boolean isLocalisedNumber(String s) {
    // most cells of a categorical column are words: rule them out before the regular expression
    char first = s.isEmpty() ? ' ' : s.charAt(0);
    return (isDigit(first) || first == '+' || first == '-')
        && LOCALISED_NUMBER.matcher(s).matches();
  }

  private static final Pattern LOCALISED_NUMBER =
      Pattern.compile("[+-]?(\\d{1,3}([,. ']\\d{3})+([.,]\\d+)?|\\d+,\\d+)");

  /**
   * A timestamp cell as milliseconds since the epoch (UTC where the cell has no offset): with the
   * declared format, else an ISO-8601 date, offset date-time, instant or local date-time.
   *
   * @throws DateTimeParseException if the cell does not parse
   */
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
}
