package dev.mlops.drift.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The data side of a {@link ReferenceProfile.Builder}: one accumulator per column ({@link
 * NumericAccumulator} or {@link CategoricalAccumulator}), the declared and inferred column kinds,
 * the row count, and the step from accumulators to an immutable {@link ReferenceProfile}. Also
 * used by {@link ReferenceProfile#merge} (profiles turned back into accumulators and merged).
 *
 * <p>The builder validates its arguments and configuration; this class trusts them. Not
 * thread-safe (owned by one builder), except that {@link #addColumns} summarises features on the
 * common fork-join pool, each accumulator touched by one thread.
 */
final class ProfileAccumulation {

  int bins = ReferenceProfile.DEFAULT_BINS;
  int exactCap = ReferenceProfile.DEFAULT_EXACT_CAP;
  int topK = ReferenceProfile.DEFAULT_TOP_K;
  private final int sketchK = ReferenceProfile.DEFAULT_SKETCH_K;
  private final Map<String, FeatureType> declared = new LinkedHashMap<>();
  /** Column name to its NumericAccumulator or CategoricalAccumulator. */
  private final Map<String, Object> columns = new LinkedHashMap<>();
  private final Set<String> order = new LinkedHashSet<>();
  private long rows;
  private boolean started;

  ProfileAccumulation() {}

  ProfileAccumulation(int bins, int exactCap, int topK) {
    this.bins = bins;
    this.exactCap = exactCap;
    this.topK = topK;
  }

  /** Whether data was added (configuration is then frozen). */
  boolean started() {
    return started;
  }

  /** Whether a column was declared categorical. */
  boolean declaredCategorical(String name) {
    return declared.get(name) == FeatureType.CATEGORICAL;
  }

  void declare(FeatureType type, String... names) {
    Objects.requireNonNull(names, "names");
    for (String n : names) {
      Objects.requireNonNull(n, "feature name");
      FeatureType before = declared.get(n);
      if (before != null && before != type) {
        throw new IllegalStateException(
            "feature '" + n + "' was already declared " + before + ", cannot declare " + type);
      }
      if (columns.containsKey(n) && before == null) {
        throw new IllegalStateException(
            "feature '" + n + "' must be declared before its first value");
      }
      declared.put(n, type);
      order.add(n);
    }
  }

  void add(Map<String, ?> row) {
    Objects.requireNonNull(row, "row");
    started = true;
    for (Map.Entry<String, ?> e : row.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "feature name");
      Object v = e.getValue();
      Object acc = columns.get(name);
      if (acc == null) {
        acc = create(name, v);
        if (acc == null) {
          continue; // still unknown kind: counted via the pending missing rows below
        }
      }
      addValue(acc, name, v);
    }
    // Missing: known features absent from the row.
    for (Map.Entry<String, Object> c : columns.entrySet()) {
      if (!row.containsKey(c.getKey())) {
        addMissing(c.getValue(), 1);
      }
    }
    for (String name : row.keySet()) {
      order.add(name);
    }
    rows++;
  }

  private Object create(String name, Object firstValue) {
    FeatureType type = declared.get(name);
    if (type == null) {
      if (firstValue == null) {
        return null; // kind unknown until a non-null value arrives; this row counts as missing
      }
      type = firstValue instanceof Number ? FeatureType.NUMERIC : FeatureType.CATEGORICAL;
    }
    Object acc = type == FeatureType.NUMERIC
        ? numeric(name)
        : new CategoricalAccumulator(name, declared.containsKey(name));
    // rows seen before the feature's first value are missing for it
    addMissing(acc, rows);
    columns.put(name, acc);
    order.add(name);
    return acc;
  }

  private NumericAccumulator numeric(String name) {
    return new NumericAccumulator(name, declared.containsKey(name), exactCap, sketchK);
  }

  private static void addMissing(Object acc, long n) {
    if (n <= 0) {
      return;
    }
    if (acc instanceof NumericAccumulator a) {
      a.addMissing(n);
    } else {
      ((CategoricalAccumulator) acc).missing += n;
    }
  }

  private void addValue(Object acc, String name, Object v) {
    if (acc instanceof NumericAccumulator a) {
      if (v == null) {
        a.addMissing(1);
      } else if (v instanceof Number n) {
        a.add(n.doubleValue());
      } else {
        throw new IllegalArgumentException(
            "feature '" + name + "' is numeric but row " + rows + " has a "
                + v.getClass().getSimpleName() + " value: '" + v
                + "' (declare it categorical)");
      }
    } else {
      String key;
      try {
        key = CategoricalProfile.key(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "feature '" + name + "' row " + rows + ": " + e.getMessage(), e);
      }
      ((CategoricalAccumulator) acc).add(key);
    }
  }

  void addColumn(String name, double[] values) {
    Object acc = touch(name, values);
    if (acc == null) {
      acc = declared.get(name) == FeatureType.CATEGORICAL
          ? new CategoricalAccumulator(name, true)
          : numeric(name);
      columns.put(name, acc);
    }
    if (acc instanceof NumericAccumulator a) {
      a.addAll(values);
    } else {
      CategoricalAccumulator c = (CategoricalAccumulator) acc;
      for (double v : values) {
        c.add(CategoricalProfile.numberKey(v));
      }
    }
  }

  void addColumns(Map<String, double[]> columns) {
    Objects.requireNonNull(columns, "columns");
    List<NumericAccumulator> accs = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (Map.Entry<String, double[]> e : columns.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "feature name");
      double[] v = Objects.requireNonNull(e.getValue(), "values of '" + name + "'");
      if (numericColumn(name) instanceof NumericAccumulator a) {
        accs.add(a);
        values.add(v);
      } else {
        addColumn(name, v); // categorical: counted on this thread
      }
    }
    IntStream.range(0, accs.size()).parallel().forEach(i -> accs.get(i).addAll(values.get(i)));
  }

  /** Marks a column chunk's arrival; returns the column's accumulator, null when new. */
  private Object touch(String name, Object values) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    started = true;
    order.add(name);
    return columns.get(name);
  }

  /** The accumulator of a column, created numeric (as addColumn would) when first seen. */
  private Object numericColumn(String name) {
    started = true;
    order.add(name);
    Object acc = columns.get(name);
    if (acc == null && declared.get(name) != FeatureType.CATEGORICAL) {
      acc = numeric(name);
      columns.put(name, acc);
    }
    return acc;
  }

  void addColumn(String name, String[] values) {
    Object acc = touch(name, values);
    if (acc == null) {
      if (declared.get(name) == FeatureType.NUMERIC) {
        throw new IllegalArgumentException(
            "feature '" + name + "' is declared numeric: cannot add a String column");
      }
      acc = new CategoricalAccumulator(name, declared.containsKey(name));
      columns.put(name, acc);
    }
    if (acc instanceof NumericAccumulator) {
      throw new IllegalArgumentException(
          "feature '" + name + "' is numeric: cannot add a String column");
    }
    CategoricalAccumulator c = (CategoricalAccumulator) acc;
    for (String v : values) {
      c.add(v);
    }
  }

  /** Merges a built profile's state into this accumulation (used by {@link ReferenceProfile#merge}). */
  void mergeIn(FeatureProfile p, boolean keepCategorical) {
    started = true;
    order.add(p.name());
    Object acc = columns.get(p.name());
    Object incoming = toAccumulator(p, keepCategorical);
    if (acc == null) {
      columns.put(p.name(), incoming);
      return;
    }
    if (acc instanceof NumericAccumulator a && incoming instanceof NumericAccumulator b) {
      NumericAccumulator merged = new NumericAccumulator(
          a.name, a.declared || b.declared, exactCap, sketchK);
      merged.merge(a);
      merged.merge(b);
      columns.put(p.name(), merged);
    } else if (acc instanceof CategoricalAccumulator a
        && incoming instanceof CategoricalAccumulator b) {
      CategoricalAccumulator merged =
          new CategoricalAccumulator(a.name, a.declared || b.declared);
      merged.merge(a);
      merged.merge(b);
      columns.put(p.name(), merged);
    } else {
      throw new IllegalArgumentException(
          "feature '" + p.name() + "' has different declared types in the merged profiles");
    }
  }

  private Object toAccumulator(FeatureProfile p, boolean keepCategorical) {
    if (p instanceof NumericProfile n) {
      return n.toAccumulator(!n.inferred(), exactCap, sketchK);
    }
    CategoricalProfile c = (CategoricalProfile) p;
    if (c.inferred() && c.numericValues() != null && !keepCategorical) {
      // A numeric column inferred as categorical: back to numeric, so the union can re-infer.
      NumericAccumulator a = new NumericAccumulator(c.name(), false, exactCap, sketchK);
      a.addMissing(c.missing());
      a.run.merge(c.longestRun(), c.longestRunValue());
      long[] counts = c.counts();
      double[] values = c.numericValues();
      for (int i = 0; i < values.length; i++) {
        a.addWeighted(values[i], counts[i]);
      }
      return a;
    }
    return CategoricalAccumulator.of(c);
  }

  /** The profile of the data added so far (the accumulators stay usable). */
  ReferenceProfile build() {
    List<FeatureProfile> out = new ArrayList<>();
    for (String name : order) {
      Object acc = columns.get(name);
      if (acc == null) {
        // declared or seen only with null values: every row is missing
        acc = declared.get(name) == FeatureType.CATEGORICAL
            ? new CategoricalAccumulator(name, true)
            : numeric(name);
        addMissing(acc, rows);
      }
      out.add(profileOf(acc));
    }
    return new ReferenceProfile(out, bins, exactCap, topK);
  }

  private FeatureProfile profileOf(Object acc) {
    if (acc instanceof NumericAccumulator a) {
      return a.inferCategorical() ? a.toInferredCategorical() : NumericProfile.of(a, bins);
    }
    return ((CategoricalAccumulator) acc).toProfile(topK);
  }
}
