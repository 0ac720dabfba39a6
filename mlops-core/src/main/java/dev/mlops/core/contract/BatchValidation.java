package dev.mlops.core.contract;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A whole batch checked against a {@link DataContract} ({@link DataContract#validate(Table)}):
 * every anomaly with its count and example rows, and the rows kept after {@link Policy#DROP_ROWS}.
 * The per-value rules are the compiled contract's, the same ones serving applies to a row.
 * Stateless; thread-safe.
 */
final class BatchValidation {

  private BatchValidation() {}

  /**
   * Validates a batch.
   *
   * @param fields the contract's fields
   * @param policies the contract's policy of every anomaly kind
   * @param compiled the contract compiled once
   * @param table the batch
   * @return the anomalies and the rows kept
   */
  static ValidationResult validate(List<FieldContract> fields, Map<AnomalyKind, Policy> policies,
      CompiledContract compiled, Table table) {
    int n = table.rowCount();
    List<Anomaly> anomalies = new ArrayList<>();
    BitSet drop = new BitSet(n);
    for (int i = 0; i < fields.size(); i++) {
      FieldContract f = fields.get(i);
      if (!table.has(f.name())) {
        anomalies.add(new Anomaly(f.name(), AnomalyKind.MISSING_COLUMN, "absent",
            "a column of type " + f.type(), 0, List.of(), columnPolicy(policies, AnomalyKind.MISSING_COLUMN)));
        continue;
      }
      int c = table.indexOf(f.name());
      ColumnType actual = table.columns().get(c).type();
      boolean wantNumeric = f.type() != ColumnType.CATEGORICAL;
      if (wantNumeric && actual == ColumnType.CATEGORICAL) {
        Finding bad = new Finding();
        for (int r = 0; r < n; r++) {
          String s = table.categorical(r, c);
          if (s != null && !isNumber(s)) {
            bad.add(r, "'" + s + "'");
          }
        }
        anomalies.add(new Anomaly(f.name(), AnomalyKind.TYPE_MISMATCH,
            bad.count > 0 ? "non-numeric value " + bad.first + " at row " + bad.rows.get(0) : "a categorical column",
            "a number", bad.count, bad.rows, columnPolicy(policies, AnomalyKind.TYPE_MISMATCH)));
        continue;
      }
      Finding missing = new Finding();
      Finding nonFinite = new Finding();
      Finding range = new Finding();
      Finding unseen = new Finding();
      boolean categorical = compiled.categorical(i);
      for (int r = 0; r < n; r++) {
        if (table.isMissing(r, c)) {
          missing.add(r, "missing");
          continue;
        }
        if (!categorical) {
          double v = table.numeric(r, c);
          AnomalyKind kind = compiled.kindOfNumber(i, v);
          if (kind == AnomalyKind.NON_FINITE) {
            nonFinite.add(r, Double.toString(v));
          } else if (kind == AnomalyKind.OUT_OF_RANGE) {
            range.add(r, Double.toString(v));
            range.observe(v);
          }
        } else {
          String v = actual == ColumnType.CATEGORICAL ? table.categorical(r, c) : Column.category(table.numeric(r, c));
          if (compiled.kindOfCategory(i, v) == AnomalyKind.UNSEEN_CATEGORY) {
            unseen.add(r, "'" + v + "'");
            unseen.categories.add(v);
          }
        }
      }
      double rate = n == 0 ? 0 : (double) missing.count / n;
      if (missing.count > 0 && rate > f.maxMissingRate()) {
        Policy p = policies.get(AnomalyKind.MISSING_VALUES);
        anomalies.add(new Anomaly(f.name(), AnomalyKind.MISSING_VALUES,
            String.format(Locale.ROOT, "%.4f missing (%d of %d)", rate, missing.count, n),
            "at most " + f.maxMissingRate(), missing.count, missing.rows, p));
        missing.dropIf(p, drop);
      }
      if (nonFinite.count > 0) {
        Policy p = policies.get(AnomalyKind.NON_FINITE);
        anomalies.add(new Anomaly(f.name(), AnomalyKind.NON_FINITE, nonFinite.first, "finite numbers",
            nonFinite.count, nonFinite.rows, p));
        nonFinite.dropIf(p, drop);
      }
      if (range.count > 0) {
        Policy p = policies.get(AnomalyKind.OUT_OF_RANGE);
        anomalies.add(new Anomaly(f.name(), AnomalyKind.OUT_OF_RANGE,
            "values in [" + range.min + ", " + range.max + "]", f.allowedText(), range.count, range.rows, p));
        range.dropIf(p, drop);
      }
      if (unseen.count > 0) {
        Policy p = policies.get(AnomalyKind.UNSEEN_CATEGORY);
        anomalies.add(new Anomaly(f.name(), AnomalyKind.UNSEEN_CATEGORY,
            "categories " + unseen.categories, f.allowedText(), unseen.count, unseen.rows, p));
        unseen.dropIf(p, drop);
      }
    }
    int[] kept = new int[n - drop.cardinality()];
    int k = 0;
    for (int r = 0; r < n; r++) {
      if (!drop.get(r)) {
        kept[k++] = r;
      }
    }
    return new ValidationResult(anomalies, n, kept);
  }

  private static Policy columnPolicy(Map<AnomalyKind, Policy> policies, AnomalyKind kind) {
    Policy p = policies.get(kind);
    return p == Policy.DROP_ROWS ? Policy.FAIL : p;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Collects the rows of one anomaly. */
  private static final class Finding {
    long count;
    String first;
    final List<Integer> rows = new ArrayList<>();
    final BitSet all = new BitSet();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final Set<String> categories = new TreeSet<>();

    void add(int row, String value) {
      if (count == 0) {
        first = value;
      }
      count++;
      all.set(row);
      if (rows.size() < Anomaly.MAX_EXAMPLES) {
        rows.add(row);
      }
    }

    void observe(double v) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }

    void dropIf(Policy p, BitSet drop) {
      if (p == Policy.DROP_ROWS) {
        drop.or(all);
      }
    }
  }
}
