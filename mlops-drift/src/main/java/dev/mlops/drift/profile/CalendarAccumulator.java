package dev.mlops.drift.profile;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link ReferenceCalendar} from the rows of a profile builder that were given with a
 * time column: the span, the rows per month of the year, and the features that equal the month of
 * the time on every row so far (the candidates start as the first row's matching features and
 * only shrink). Also strips the columns that are not profiled from a row (the time column, {@link
 * ReferenceProfile#CONFIDENCE}). Not thread-safe (one per builder).
 */
final class CalendarAccumulator {

  private final String column;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private final long[] monthRows = new long[12];
  private Set<String> candidates;
  private long rows;

  CalendarAccumulator(String column) {
    this.column = column;
  }

  /** The time column. */
  String column() {
    return column;
  }

  /**
   * The row without what is not profiled as a feature: the time column of {@code calendar}
   * (recorded in it) and the confidence column when {@code withoutConfidence}.
   *
   * @param calendar the builder's calendar, or null without a time column
   * @throws IllegalArgumentException if the row's time is missing or not a time (naming the
   *     column, the row and the value)
   */
  static Map<String, ?> strip(Map<String, ?> row, CalendarAccumulator calendar,
      boolean withoutConfidence) {
    boolean confidence = withoutConfidence && row.containsKey(ReferenceProfile.CONFIDENCE);
    if (calendar == null && !confidence) {
      return row;
    }
    Map<String, Object> copy = new LinkedHashMap<>(row);
    if (confidence) {
      copy.remove(ReferenceProfile.CONFIDENCE);
    }
    if (calendar != null) {
      calendar.add(copy.remove(calendar.column), copy);
    }
    return copy;
  }

  private void add(Object time, Map<String, ?> features) {
    long[] t = ReferenceCalendar.timeOf(time);
    if (t == null) {
      throw new IllegalArgumentException("time column '" + column + "' must hold a time in every "
          + "row (an epoch-millisecond number, a java.time date or date-time, or an ISO-8601 "
          + "string): row " + rows + " has " + (time == null ? "none" : "'" + time + "'"));
    }
    rows++;
    first = Math.min(first, t[0]);
    last = Math.max(last, t[0]);
    int month = (int) t[1];
    monthRows[month - 1]++;
    if (candidates == null) {
      candidates = new LinkedHashSet<>();
      for (Map.Entry<String, ?> e : features.entrySet()) {
        if (isMonth(e.getValue(), month) && !reserved(e.getKey())) {
          candidates.add(e.getKey());
        }
      }
    } else if (!candidates.isEmpty()) {
      candidates.removeIf(f -> !isMonth(features.get(f), month));
    }
  }

  private static boolean reserved(String name) {
    return ReferenceProfile.PREDICTION.equals(name) || ReferenceProfile.LABEL.equals(name);
  }

  /** Whether a feature value is the month: the number itself, or its decimal string. */
  private static boolean isMonth(Object value, int month) {
    if (value instanceof Number n) {
      return n.doubleValue() == month;
    }
    return value instanceof String s && s.trim().equals(Integer.toString(month));
  }

  /** The calendar of the rows so far, or null before the first row. */
  ReferenceCalendar build() {
    return rows == 0 ? null : new ReferenceCalendar(column, first, last, monthRows,
        List.copyOf(candidates));
  }
}
