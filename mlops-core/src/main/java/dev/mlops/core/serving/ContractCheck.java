package dev.mlops.core.serving;

import dev.mlops.core.contract.AnomalyKind;
import dev.mlops.core.contract.DataContract;
import dev.mlops.core.contract.FieldContract;
import dev.mlops.core.contract.Policy;
import dev.mlops.core.data.ColumnType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The serving fast path of {@link DataContract#validate(Map)}: the contract's fields and policies
 * compiled once into arrays, and one allocation-free pass over a row answering whether validation
 * could refuse it, i.e. whether {@code DataContract.validate(row)} would report any anomaly whose
 * policy is not {@link Policy#WARN}. It mirrors {@code validate} rule by rule; when it answers
 * {@code true} the caller runs the full validation for the exact anomalies, so the fast path never
 * changes what is reported, only skips the work (an anomaly list, and the WARN anomalies' text)
 * for rows that pass.
 *
 * <p>Immutable and thread-safe.
 */
final class ContractCheck {

  private static final byte NUMERIC = 0;
  private static final byte TIMESTAMP = 1;
  private static final byte CATEGORICAL = 2;

  private final String[] names;
  private final byte[] types;
  private final double[] min;
  private final double[] max;
  private final boolean[] missingRefused;
  /** Categories per field, null when the field accepts any category. */
  private final Set<?>[] categories;
  private final boolean typeRefused;
  private final boolean nonFiniteRefused;
  private final boolean rangeRefused;
  private final boolean unseenRefused;
  /** Per field, its position in the values a caller read from the row, or -1 to look it up. */
  private final int[] valueIndex;

  ContractCheck(DataContract contract) {
    this(contract, List.of());
  }

  /**
   * Compiles a contract for rows whose values the caller reads once, in {@code valueNames} order.
   *
   * @param contract the contract
   * @param valueNames the names of the values passed to {@link #mayRefuse(Map, Object[])}
   */
  ContractCheck(DataContract contract, List<String> valueNames) {
    List<FieldContract> fields = contract.fields();
    Map<AnomalyKind, Policy> policies = contract.policies();
    int n = fields.size();
    names = new String[n];
    types = new byte[n];
    min = new double[n];
    max = new double[n];
    missingRefused = new boolean[n];
    categories = new Set<?>[n];
    boolean missingPolicyRefuses = refuses(policies, AnomalyKind.MISSING_VALUES);
    valueIndex = new int[n];
    for (int i = 0; i < n; i++) {
      FieldContract f = fields.get(i);
      names[i] = f.name().intern();
      valueIndex[i] = valueNames.indexOf(f.name());
      types[i] = f.type() == ColumnType.CATEGORICAL ? CATEGORICAL : f.type() == ColumnType.NUMERIC ? NUMERIC : TIMESTAMP;
      min[i] = f.min();
      max[i] = f.max();
      missingRefused[i] = f.maxMissingRate() == 0 && missingPolicyRefuses;
      categories[i] = f.categories().isEmpty() ? null : new HashSet<>(f.categories());
    }
    typeRefused = refuses(policies, AnomalyKind.TYPE_MISMATCH);
    nonFiniteRefused = refuses(policies, AnomalyKind.NON_FINITE);
    rangeRefused = refuses(policies, AnomalyKind.OUT_OF_RANGE);
    unseenRefused = refuses(policies, AnomalyKind.UNSEEN_CATEGORY);
  }

  /** A kind without a policy is treated as refusing (the full validation then decides). */
  private static boolean refuses(Map<AnomalyKind, Policy> policies, AnomalyKind kind) {
    return policies.get(kind) != Policy.WARN;
  }

  /**
   * Whether the full validation could report an anomaly that refuses the row.
   *
   * @param row the request row
   * @return false if {@code DataContract.validate(row)} reports no anomaly, or only WARN ones
   */
  boolean mayRefuse(Map<String, ?> row) {
    return mayRefuse(row, null);
  }

  /**
   * As {@link #mayRefuse(Map)}, taking each field's value from {@code values} when the caller has
   * read it (at the position of the field's name in the constructor's {@code valueNames}).
   *
   * @param row the request row
   * @param values the row's values in {@code valueNames} order, or null to look every field up
   * @return false if {@code DataContract.validate(row)} reports no anomaly, or only WARN ones
   */
  boolean mayRefuse(Map<String, ?> row, Object[] values) {
    for (int i = 0; i < names.length; i++) {
      int at = valueIndex[i];
      Object v = values != null && at >= 0 ? values[at] : row.get(names[i]);
      if (v == null) {
        if (missingRefused[i]) {
          return true;
        }
        continue;
      }
      if (types[i] != CATEGORICAL) {
        if (!(v instanceof Number num)) {
          if (typeRefused) {
            return true;
          }
          continue;
        }
        if (numberRefused(i, num.doubleValue())) {
          return true;
        }
      } else {
        String s;
        if (v instanceof String str) {
          s = str;
        } else if (v instanceof Number num) {
          s = canonical(num.doubleValue());
        } else {
          if (typeRefused) {
            return true;
          }
          continue;
        }
        if (categoryRefused(i, s)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a number in numeric or timestamp field {@code i} is refused (NaN is a missing value). */
  private boolean numberRefused(int i, double d) {
    if (Double.isNaN(d)) {
      return missingRefused[i];
    }
    if (Double.isInfinite(d)) {
      return nonFiniteRefused;
    }
    return types[i] == NUMERIC && (d < min[i] || d > max[i]) && rangeRefused;
  }

  /** Whether a category of field {@code i} is refused; null (e.g. a NaN code) is a missing value. */
  private boolean categoryRefused(int i, String s) {
    if (s == null) {
      // a NaN code is a missing value, as DataContract.validate treats it
      return missingRefused[i];
    }
    return categories[i] != null && unseenRefused && !categories[i].contains(s);
  }

  /**
   * As {@link #mayRefuse(Map)} for a row given as numbers in {@code valueNames} order, each read as
   * a {@code Double} in a row would be; a field that is not among the value names is absent.
   *
   * @param values one number per value name
   * @return false if {@code DataContract.validate} reports no anomaly for that row, or only WARN ones
   */
  boolean mayRefuse(double[] values) {
    for (int i = 0; i < names.length; i++) {
      int at = valueIndex[i];
      if (at < 0 || at >= values.length) {
        if (missingRefused[i]) {
          return true;
        }
        continue;
      }
      double d = values[at];
      if (types[i] != CATEGORICAL ? numberRefused(i, d) : categoryRefused(i, canonical(d))) {
        return true;
      }
    }
    return false;
  }

  /** As {@code DataContract.canonical}: integral values without a fraction, NaN as null. */
  static String canonical(double v) {
    if (Double.isNaN(v)) {
      return null;
    }
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
