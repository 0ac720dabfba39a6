package dev.mlops.core.contract;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link DataContract} compiled once into arrays: the one place where the rules of a contract
 * are applied to a value. Batch validation ({@link DataContract#validate(dev.mlops.core.data.Table)}),
 * row validation ({@link DataContract#validate(Map)}) and the endpoint's allocation-free check of a
 * request row ({@link #mayRefuse(Map, Object[])}, {@link #mayRefuse(double[])}) all ask it.
 *
 * <p>Created by {@link DataContract#compile(List)} for rows whose values the caller reads once, in
 * a given name order. Immutable and thread-safe.
 */
public final class CompiledContract {

  private static final byte NUMERIC = 0;
  private static final byte TIMESTAMP = 1;
  private static final byte CATEGORICAL = 2;

  private final List<FieldContract> fields;
  private final Map<AnomalyKind, Policy> policies;
  private final String[] names;
  private final byte[] types;
  private final double[] min;
  private final double[] max;
  /** Whether one row may not miss the field's value (its max missing rate is 0). */
  private final boolean[] noMissing;
  /** Categories per field, null when the field accepts any category. */
  private final Set<?>[] categories;
  /** Per anomaly kind (by ordinal), whether its policy refuses a row (anything but WARN). */
  private final boolean[] refuses;
  /** Per field, its position in the values a caller read from the row, or -1 to look it up. */
  private final int[] valueIndex;
  /**
   * When every field is numeric or a timestamp and field {@code i} is value {@code i}: the range
   * each value may take without any anomaly, interleaved {@code {min_0, max_0, min_1, ...}} (a
   * timestamp: any finite number), so that {@link #mayRefuse(double[])} passes a valid vector over
   * one contiguous array; otherwise null.
   */
  private final double[] inOrderBounds;

  CompiledContract(List<FieldContract> fields, Map<AnomalyKind, Policy> policies, List<String> valueNames) {
    this.fields = fields;
    this.policies = policies;
    int n = fields.size();
    names = new String[n];
    types = new byte[n];
    min = new double[n];
    max = new double[n];
    noMissing = new boolean[n];
    categories = new Set<?>[n];
    valueIndex = new int[n];
    for (int i = 0; i < n; i++) {
      FieldContract f = fields.get(i);
      // interned: rows keyed by literals or by JSON field names (interned by Jackson) then match
      // by reference in HashMap.get
      names[i] = f.name().intern();
      valueIndex[i] = valueNames.indexOf(f.name());
      types[i] = f.type() == ColumnType.CATEGORICAL ? CATEGORICAL : f.type() == ColumnType.NUMERIC ? NUMERIC : TIMESTAMP;
      min[i] = f.min();
      max[i] = f.max();
      noMissing[i] = f.maxMissingRate() == 0;
      categories[i] = f.categories().isEmpty() ? null : new HashSet<>(f.categories());
    }
    boolean inOrder = true;
    for (int i = 0; i < n; i++) {
      inOrder &= types[i] != CATEGORICAL && valueIndex[i] == i;
    }
    inOrderBounds = inOrder ? new double[2 * n] : null;
    for (int i = 0; inOrder && i < n; i++) {
      inOrderBounds[2 * i] = types[i] == NUMERIC ? min[i] : Double.NEGATIVE_INFINITY;
      inOrderBounds[2 * i + 1] = types[i] == NUMERIC ? max[i] : Double.POSITIVE_INFINITY;
    }
    refuses = new boolean[AnomalyKind.values().length];
    for (AnomalyKind kind : AnomalyKind.values()) {
      refuses[kind.ordinal()] = policies.get(kind) != Policy.WARN;
    }
  }

  // ------------------------------------------------------------------ the rules, once

  /**
   * The anomaly a row's value of field {@code i} raises, or null. A missing value (null, or NaN)
   * raises {@link AnomalyKind#MISSING_VALUES} only when the field allows none in a row.
   */
  AnomalyKind kindOf(int i, Object v) {
    if (v == null) {
      return noMissing[i] ? AnomalyKind.MISSING_VALUES : null;
    }
    if (types[i] != CATEGORICAL) {
      return v instanceof Number num ? kindOfNumber(i, num.doubleValue()) : AnomalyKind.TYPE_MISMATCH;
    }
    if (v instanceof String s) {
      return kindOfCategory(i, s);
    }
    return v instanceof Number num ? kindOfCategory(i, Column.category(num.doubleValue())) : AnomalyKind.TYPE_MISMATCH;
  }

  /** The anomaly a number raises in numeric or timestamp field {@code i}, or null (NaN is missing). */
  AnomalyKind kindOfNumber(int i, double d) {
    if (Double.isNaN(d)) {
      return noMissing[i] ? AnomalyKind.MISSING_VALUES : null;
    }
    if (Double.isInfinite(d)) {
      return AnomalyKind.NON_FINITE;
    }
    return types[i] == NUMERIC && (d < min[i] || d > max[i]) ? AnomalyKind.OUT_OF_RANGE : null;
  }

  /** The anomaly a category raises in categorical field {@code i}, or null; null (a NaN code) is missing. */
  AnomalyKind kindOfCategory(int i, String s) {
    if (s == null) {
      return noMissing[i] ? AnomalyKind.MISSING_VALUES : null;
    }
    return categories[i] != null && !categories[i].contains(s) ? AnomalyKind.UNSEEN_CATEGORY : null;
  }

  /** Whether field {@code i} is categorical. */
  boolean categorical(int i) {
    return types[i] == CATEGORICAL;
  }

  // ------------------------------------------------------------------ serving fast paths

  /**
   * Whether {@link #validate(Map, Object[])} would report an anomaly that refuses the row (one whose
   * policy is not {@link Policy#WARN}); one allocation-free pass.
   *
   * @param row the request row
   * @param values the row's values in the compiled value-name order, or null to look every field up
   * @return false if the row has no anomaly, or only WARN ones
   */
  public boolean mayRefuse(Map<String, ?> row, Object[] values) {
    for (int i = 0; i < names.length; i++) {
      AnomalyKind kind = kindOf(i, value(row, values, i));
      if (kind != null && refuses[kind.ordinal()]) {
        return true;
      }
    }
    return false;
  }

  /**
   * As {@link #mayRefuse(Map, Object[])} for a row given as numbers in the compiled value-name
   * order, each read as a {@code Double} in a row would be; a field not among the value names is
   * absent.
   *
   * @param values one number per value name
   * @return false if the row has no anomaly, or only WARN ones
   */
  public boolean mayRefuse(double[] values) {
    double[] b = inOrderBounds;
    if (b != null && values.length >= b.length / 2) {
      boolean clean = true;
      for (int i = 0, j = 0; j < b.length; i++, j += 2) {
        double d = values[i];
        // finite and in range: no anomaly of any kind (NaN fails both comparisons)
        clean &= d >= b[j] & d <= b[j + 1] & d - d == 0;
      }
      if (clean) {
        return false;
      }
    }
    for (int i = 0; i < names.length; i++) {
      int at = valueIndex[i];
      AnomalyKind kind;
      if (at < 0 || at >= values.length) {
        kind = kindOf(i, null);
      } else {
        kind = types[i] != CATEGORICAL ? kindOfNumber(i, values[at]) : kindOfCategory(i, Column.category(values[at]));
      }
      if (kind != null && refuses[kind.ordinal()]) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ full row validation

  /**
   * Validates one row (a missing key counts as a missing value), listing every anomaly.
   *
   * @param row values by column: {@code Number}, {@code String} or {@code null}
   * @param values the row's values in the compiled value-name order, or null to look every field up
   * @return the anomalies (empty if the row conforms); a row should be refused if any has policy
   *     {@link Policy#FAIL} or {@link Policy#DROP_ROWS}
   */
  public List<Anomaly> validate(Map<String, ?> row, Object[] values) {
    Objects.requireNonNull(row, "row");
    List<Anomaly> out = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      Object v = value(row, values, i);
      AnomalyKind kind = kindOf(i, v);
      if (kind != null) {
        FieldContract f = fields.get(i);
        String observed;
        String allowed;
        switch (kind) {
          case MISSING_VALUES -> {
            observed = v == null ? "missing" : "NaN";
            allowed = "a value";
          }
          case TYPE_MISMATCH -> {
            observed = types[i] == CATEGORICAL ? v.getClass().getSimpleName() : "'" + v + "'";
            allowed = types[i] == CATEGORICAL ? "a String or a Number" : "a number";
          }
          case NON_FINITE -> {
            observed = Double.toString(((Number) v).doubleValue());
            allowed = "finite numbers";
          }
          case OUT_OF_RANGE -> {
            observed = Double.toString(((Number) v).doubleValue());
            allowed = f.allowedText();
          }
          default -> {
            observed = "'" + (v instanceof String s ? s : Column.category(((Number) v).doubleValue())) + "'";
            allowed = f.allowedText();
          }
        }
        out.add(new Anomaly(f.name(), kind, observed, allowed, 1, List.of(0), policies.get(kind)));
      }
    }
    return out;
  }

  private Object value(Map<String, ?> row, Object[] values, int i) {
    int at = valueIndex[i];
    return values != null && at >= 0 ? values[at] : row.get(names[i]);
  }
}
