package dev.mlops.drift.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Collects a profile builder's {@link EstimateSample}: rows that carry a score ({@link
 * ReferenceProfile#PREDICTION} as the probability of class 1, or {@link
 * ReferenceProfile#CONFIDENCE} as the probability of the predicted class) and a {@link
 * ReferenceProfile#LABEL}. Rows given one by one are sampled as rows; columns given whole are each
 * sampled on the same row indices (the key depends on the index only), so that the columns of
 * equal length line up into rows at {@link #build()}. Not thread-safe, except that different
 * columns may be added from different threads once {@link #column} made their samplers.
 */
final class SampleAccumulator {

  private final SampleHeap rowHeap = new SampleHeap(EstimateSample.CAPACITY);
  private final Map<String, Integer> rowNames = new LinkedHashMap<>();
  private final Map<String, ColumnSample> columns = new LinkedHashMap<>();
  private long rowIndex;
  private long rowsOffered;
  private Boolean rowKind;

  /** Samples rows from the reference's first row on. */
  SampleAccumulator() {
    this(0);
  }

  /** Samples rows from reference row {@code firstRow} on (a segment built apart). */
  SampleAccumulator(long firstRow) {
    this.rowIndex = firstRow;
  }

  /** Offers one row (its index is the count of rows offered before). */
  void addRow(Map<String, ?> row) {
    long index = rowIndex++;
    Object p = row.get(ReferenceProfile.PREDICTION);
    Object y = row.get(ReferenceProfile.LABEL);
    Object c = row.get(ReferenceProfile.CONFIDENCE);
    if (p == null || y == null) {
      return;
    }
    boolean top = c != null;
    double score = number(top ? c : p);
    int outcome = top ? (canonical(p).equals(canonical(y)) ? 1 : 0) : binary(y);
    if (!(score >= 0 && score <= 1) || outcome < 0 || (rowKind != null && rowKind != top)) {
      return;
    }
    rowKind = top;
    rowsOffered++;
    long key = EstimateSample.key(index);
    if (!rowHeap.wants(key)) {
      return;
    }
    for (String name : row.keySet()) {
      if (!reserved(name)) {
        rowNames.putIfAbsent(name, rowNames.size());
      }
    }
    double[] v = new double[rowNames.size()];
    java.util.Arrays.fill(v, Double.NaN);
    String[] categories = null;
    for (Map.Entry<String, ?> e : row.entrySet()) {
      if (reserved(e.getKey())) {
        continue;
      }
      if (e.getValue() instanceof Number n) {
        v[rowNames.get(e.getKey())] = n.doubleValue();
      } else {
        String level = category(e.getValue());
        if (level != null) {
          if (categories == null) {
            categories = new String[v.length];
          }
          categories[rowNames.get(e.getKey())] = level;
        }
      }
    }
    rowHeap.offer(key, v, score, outcome, top ? className(p) : null, top ? className(y) : null,
        categories);
  }

  /** The sampler of a column (made now, so that columns can then be added in parallel). */
  ColumnSample column(String name) {
    return columns.computeIfAbsent(name, n -> new ColumnSample());
  }

  /**
   * The sample: of the rows when rows carried scores and labels, else of the columns of the
   * prediction's length (the features of another length left out); {@code null} when neither.
   */
  EstimateSample build() {
    if (rowsOffered > 0) {
      return rowHeap.toSample(rowKind, new ArrayList<>(rowNames.keySet()), rowsOffered);
    }
    ColumnSample p = columns.get(ReferenceProfile.PREDICTION);
    ColumnSample y = columns.get(ReferenceProfile.LABEL);
    if (p == null || y == null || p.count == 0 || p.count != y.count) {
      return null;
    }
    ColumnSample c = columns.get(ReferenceProfile.CONFIDENCE);
    boolean top = c != null && c.count == p.count;
    List<String> names = new ArrayList<>();
    List<Map<Long, Object>> features = new ArrayList<>();
    for (Map.Entry<String, ColumnSample> e : columns.entrySet()) {
      if (!reserved(e.getKey()) && e.getValue().count == p.count) {
        names.add(e.getKey());
        features.add(e.getValue().byIndex());
      }
    }
    Map<Long, Object> labels = y.byIndex();
    Map<Long, Object> confidence = top ? c.byIndex() : Map.of();
    SampleHeap heap = new SampleHeap(EstimateSample.CAPACITY);
    for (ColumnSample.Entry e : p.heap) {
      if (e.value() == null) {
        continue;
      }
      Object label = labels.get(e.index());
      double score = number(top ? confidence.get(e.index()) : e.value());
      int outcome = label == null ? -1 : top
          ? (canonical(e.value()).equals(canonical(label)) ? 1 : 0) : binary(label);
      if (!(score >= 0 && score <= 1) || outcome < 0) {
        continue;
      }
      double[] v = new double[names.size()];
      String[] categories = null;
      for (int j = 0; j < v.length; j++) {
        Object f = features.get(j).get(e.index());
        v[j] = f instanceof Double d ? d : Double.NaN;
        String level = f instanceof Double ? null : category(f);
        if (level != null) {
          if (categories == null) {
            categories = new String[v.length];
          }
          categories[j] = level;
        }
      }
      heap.offer(e.key(), v, score, outcome, top ? className(e.value()) : null,
          top ? className(label) : null, categories);
    }
    return heap.toSample(top, names, p.count);
  }

  /**
   * A categorical value as the sample keeps it: a string's or an enum constant's text (as a
   * monitor matches it against the profile's categories), {@code null} for anything else or
   * too long a text.
   */
  private static String category(Object o) {
    String c = o instanceof String s ? s : o instanceof Enum<?> e ? e.name() : null;
    return EstimateSample.kept(c);
  }

  private static boolean reserved(String name) {
    return ReferenceProfile.PREDICTION.equals(name) || ReferenceProfile.LABEL.equals(name)
        || ReferenceProfile.CONFIDENCE.equals(name);
  }

  /** A number's value; a numeric string's; else {@code NaN}. */
  private static double number(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** A binary label as 0 or 1 (number, boolean, "0"/"1"/"true"/"false"); -1 otherwise. */
  private static int binary(Object o) {
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (o instanceof String s && ("true".equalsIgnoreCase(s.trim())
        || "false".equalsIgnoreCase(s.trim()))) {
      return "true".equalsIgnoreCase(s.trim()) ? 1 : 0;
    }
    double v = number(o);
    return v == 0 ? 0 : v == 1 ? 1 : -1;
  }

  /** A class as kept in the sample: its canonical text, {@code null} when too long to keep. */
  private static String className(Object o) {
    String c = canonical(o);
    return c.length() > EstimateSample.MAX_CLASS_CHARS ? null : c;
  }

  /** A class as text, so that 2, 2.0 and "2" are the same class. */
  private static String canonical(Object o) {
    if (o instanceof Number n) {
      double v = n.doubleValue();
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
          : Double.toString(v);
    }
    if (o instanceof String s) {
      double v = number(s);
      return Double.isNaN(v) ? s.trim() : canonical(v);
    }
    return String.valueOf(o);
  }

  /** One column's values at the sampled row indices (the smallest keys of its indices). */
  static final class ColumnSample {

    record Entry(long key, long index, Object value) {}

    private final PriorityQueue<Entry> heap = new PriorityQueue<>(
        Comparator.comparingLong(Entry::key).reversed());
    private long count;

    void add(double[] values) {
      for (double v : values) {
        long key = EstimateSample.key(count);
        if (wants(key)) {
          keep(new Entry(key, count, Double.isNaN(v) ? null : v));
        }
        count++;
      }
    }

    void add(String[] values) {
      for (String v : values) {
        long key = EstimateSample.key(count);
        if (wants(key)) {
          keep(new Entry(key, count, v));
        }
        count++;
      }
    }

    private boolean wants(long key) {
      return heap.size() < EstimateSample.CAPACITY || key < heap.peek().key();
    }

    private void keep(Entry e) {
      heap.add(e);
      if (heap.size() > EstimateSample.CAPACITY) {
        heap.poll();
      }
    }

    Map<Long, Object> byIndex() {
      Map<Long, Object> m = new HashMap<>(2 * heap.size());
      for (Entry e : heap) {
        m.put(e.index(), e.value());
      }
      return m;
    }
  }
}
