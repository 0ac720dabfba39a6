package dev.mlops.core.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import dev.mlops.core.internal.CoreJson;
import dev.mlops.metrics.MlopsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What data a model accepts: per column its type, allowed range or categories and maximum missing
 * rate, plus a {@link Policy} per {@link AnomalyKind}. Declared ({@link #builder()}) or inferred
 * from training data ({@link #inferred()}); saved with the model and reused at serving time
 * ({@link #validate(Map)}).
 *
 * <pre>{@code
 * DataContract contract = DataContract.builder()
 *     .numeric("temp", 0, 1)
 *     .categorical("season", List.of("1", "2", "3", "4"))
 *     .maxMissingRate("hum", 0.05)
 *     .policy(AnomalyKind.OUT_OF_RANGE, Policy.DROP_ROWS)
 *     .build();
 * ValidationResult result = contract.validate(table);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DataContract implements ContractDefinition {

  /** The {@code contract.json} format written by {@link #toJson()}. */
  public static final int FORMAT_VERSION = 2;

  private static final ObjectMapper JSON = CoreJson.MAPPER;

  private final List<FieldContract> fields;
  private final Map<AnomalyKind, Policy> policies;
  /** The rules compiled once, for rows looked up by name. */
  private final CompiledContract compiled;

  private DataContract(List<FieldContract> fields, Map<AnomalyKind, Policy> policies) {
    this.fields = List.copyOf(fields);
    EnumMap<AnomalyKind, Policy> p = new EnumMap<>(AnomalyKind.class);
    for (AnomalyKind k : AnomalyKind.values()) {
      p.put(k, policies.getOrDefault(k, k.defaultPolicy()));
    }
    this.policies = java.util.Collections.unmodifiableMap(p);
    Set<String> names = new HashSet<>();
    for (FieldContract f : this.fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("contract column must be unique: '" + f.name() + "'");
      }
    }
    this.compiled = new CompiledContract(this.fields, this.policies, List.of());
  }

  /**
   * The contract compiled for rows whose values the caller reads once, in {@code valueNames} order
   * (what the endpoint does): its checks take a field's value from that array when the field is
   * among the names, and look it up in the row otherwise.
   *
   * @param valueNames the names of the values the caller passes, in order
   * @return the compiled contract
   * @throws NullPointerException if the list is null
   */
  public CompiledContract compile(List<String> valueNames) {
    return new CompiledContract(fields, policies, List.copyOf(valueNames));
  }

  /**
   * Starts a declared contract.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A contract inferred from each batch: types, observed ranges and categories, and the missing
   * rates allowed by {@link Inference#maxMissingRate(double)} (default 0: no missing values).
   *
   * @return the inference settings
   */
  public static Inference inferred() {
    return new Inference(0.0, Map.of(), Map.of());
  }

  /**
   * The per-column rules.
   *
   * @return the fields in column order
   */
  public List<FieldContract> fields() {
    return fields;
  }

  /**
   * The policy per anomaly kind.
   *
   * @return an unmodifiable map covering every kind
   */
  public Map<AnomalyKind, Policy> policies() {
    return policies;
  }

  /**
   * The contract restricted to some columns (e.g. the model's inputs, without the target).
   *
   * @param names the columns to keep; absent names are ignored
   * @return a new contract
   */
  public DataContract restrictTo(List<String> names) {
    return new DataContract(fields.stream().filter(f -> names.contains(f.name())).toList(), policies);
  }

  @Override
  public DataContract resolve(Table batch) {
    return this;
  }

  @Override
  public String describe() {
    return "declared" + fields + policies;
  }

  /**
   * Validates a batch: lists every anomaly and the rows kept after {@link Policy#DROP_ROWS}.
   *
   * @param table the batch
   * @return the result; {@link ValidationResult#passed()} is false if any anomaly has policy FAIL
   */
  public ValidationResult validate(Table table) {
    Objects.requireNonNull(table, "table");
    return BatchValidation.validate(fields, policies, compiled, table);
  }

  /**
   * Validates one row at serving time (a missing key counts as a missing value).
   *
   * @param row values by column: {@code Number}, {@code String} or {@code null}
   * @return the anomalies (empty if the row conforms); a row should be refused if any has policy
   *     {@link Policy#FAIL} or {@link Policy#DROP_ROWS}
   */
  public List<Anomaly> validate(Map<String, ?> row) {
    return compiled.validate(row, null);
  }

  /**
   * The persistent form ({@code contract.json}): UTF-8 JSON in snake_case, format version {@value
   * #FORMAT_VERSION}:
   *
   * <pre>{@code
   * {"format_version": 2,
   *  "fields": [{"name": "temp", "type": "NUMERIC" | "CATEGORICAL" | "TIMESTAMP",
   *              "min": 0.0 | null (no lower bound), "max": 1.0 | null (no upper bound),
   *              "categories": ["1", "2"] (empty: any), "max_missing_rate": 0.05}, ...],
   *  "policies": {"MISSING_COLUMN": "FAIL" | "DROP_ROWS" | "WARN", ...}}
   * }</pre>
   *
   * <p>Numbers are never written as strings; an absent bound is {@code null}. {@link #fromJson}
   * also reads format version 1 (which wrote absent bounds as the strings {@code "-Infinity"} and
   * {@code "Infinity"}).
   *
   * @return UTF-8 JSON bytes
   */
  public byte[] toJson() {
    try {
      List<PersistedField> persisted = fields.stream().map(PersistedField::of).toList();
      return JSON.writeValueAsBytes(new Persisted(FORMAT_VERSION, persisted, policies));
    } catch (JsonProcessingException e) {
      throw new MlopsException("cannot write data contract as JSON", e);
    }
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @param json the bytes
   * @return the contract
   * @throws MlopsException if the bytes are not a contract
   */
  public static DataContract fromJson(byte[] json) {
    try {
      Persisted p = JSON.readValue(json, Persisted.class);
      if (p.formatVersion() != 1 && p.formatVersion() != FORMAT_VERSION) {
        throw new MlopsException("data contract format version must be 1 or " + FORMAT_VERSION + ": "
            + p.formatVersion());
      }
      return new DataContract(p.fields().stream().map(PersistedField::field).toList(), p.policies());
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new MlopsException("data contract JSON cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataContract d && d.fields.equals(fields) && d.policies.equals(policies);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fields, policies);
  }

  @Override
  public String toString() {
    return "DataContract" + fields + policies;
  }

  record Persisted(int formatVersion, List<PersistedField> fields, Map<AnomalyKind, Policy> policies) {}

  /** A field as stored: an absent bound is null (format 2) or an infinite number (format 1). */
  record PersistedField(
      String name, ColumnType type, Double min, Double max, List<String> categories, double maxMissingRate) {

    static PersistedField of(FieldContract f) {
      return new PersistedField(f.name(), f.type(), Double.isInfinite(f.min()) ? null : f.min(),
          Double.isInfinite(f.max()) ? null : f.max(), f.categories(), f.maxMissingRate());
    }

    FieldContract field() {
      return new FieldContract(name, type, min == null ? Double.NEGATIVE_INFINITY : min,
          max == null ? Double.POSITIVE_INFINITY : max, categories, maxMissingRate);
    }
  }

  /**
   * Builds a declared contract.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, FieldContract> fields = new LinkedHashMap<>();
    private final Map<AnomalyKind, Policy> policies = new EnumMap<>(AnomalyKind.class);

    private Builder() {}

    /**
     * A numeric column with an allowed range.
     *
     * @param name the column
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return this builder
     */
    public Builder numeric(String name, double min, double max) {
      fields.put(name, new FieldContract(name, ColumnType.NUMERIC, min, max, List.of(), rate(name)));
      return this;
    }

    /**
     * A numeric column with any finite value.
     *
     * @param name the column
     * @return this builder
     */
    public Builder numeric(String name) {
      return numeric(name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * A categorical column with its allowed categories (empty: any).
     *
     * @param name the column
     * @param categories allowed categories
     * @return this builder
     */
    public Builder categorical(String name, List<String> categories) {
      fields.put(name, new FieldContract(name, ColumnType.CATEGORICAL, Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY, categories, rate(name)));
      return this;
    }

    /**
     * A timestamp column.
     *
     * @param name the column
     * @return this builder
     */
    public Builder timestamp(String name) {
      fields.put(name, new FieldContract(name, ColumnType.TIMESTAMP, Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY, List.of(), rate(name)));
      return this;
    }

    private double rate(String name) {
      FieldContract f = fields.get(name);
      return f == null ? 0.0 : f.maxMissingRate();
    }

    /**
     * The maximum missing rate of a declared column.
     *
     * @param name the column (declared before)
     * @param rate in [0, 1]
     * @return this builder
     */
    public Builder maxMissingRate(String name, double rate) {
      FieldContract f = fields.get(name);
      if (f == null) {
        throw new IllegalArgumentException("column must be declared before its missing rate: '" + name + "'");
      }
      fields.put(name, new FieldContract(name, f.type(), f.min(), f.max(), f.categories(), rate));
      return this;
    }

    /**
     * The policy for one kind of anomaly.
     *
     * @param kind the kind
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(AnomalyKind kind, Policy policy) {
      policies.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * Builds the contract.
     *
     * @return the contract
     */
    public DataContract build() {
      return new DataContract(new ArrayList<>(fields.values()), policies);
    }
  }

  /**
   * Settings for a contract inferred from each batch.
   *
   * <p>Immutable and thread-safe.
   */
  public static final class Inference implements ContractDefinition {
    private final double maxMissingRate;
    private final Map<String, Double> columnRates;
    private final Map<AnomalyKind, Policy> policies;

    private Inference(double maxMissingRate, Map<String, Double> columnRates, Map<AnomalyKind, Policy> policies) {
      this.maxMissingRate = maxMissingRate;
      this.columnRates = Map.copyOf(columnRates);
      this.policies = policies.isEmpty() ? Map.of() : new EnumMap<>(policies);
    }

    /**
     * The largest missing rate allowed in every column.
     *
     * @param rate in [0, 1]
     * @return new settings
     */
    public Inference maxMissingRate(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("max missing rate must be in [0, 1]: " + rate);
      }
      return new Inference(rate, columnRates, policies);
    }

    /**
     * The largest missing rate allowed in one column.
     *
     * @param column the column
     * @param rate in [0, 1]
     * @return new settings
     */
    public Inference maxMissingRate(String column, double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("max missing rate of column '" + column + "' must be in [0, 1]: " + rate);
      }
      Map<String, Double> m = new LinkedHashMap<>(columnRates);
      m.put(column, rate);
      return new Inference(maxMissingRate, m, policies);
    }

    /**
     * One policy for every kind of anomaly.
     *
     * @param policy the policy
     * @return new settings
     */
    public Inference onViolation(Policy policy) {
      Map<AnomalyKind, Policy> m = new EnumMap<>(AnomalyKind.class);
      for (AnomalyKind k : AnomalyKind.values()) {
        m.put(k, Objects.requireNonNull(policy, "policy"));
      }
      return new Inference(maxMissingRate, columnRates, m);
    }

    /**
     * The policy for one kind of anomaly.
     *
     * @param kind the kind
     * @param policy the policy
     * @return new settings
     */
    public Inference onViolation(AnomalyKind kind, Policy policy) {
      Map<AnomalyKind, Policy> m = new EnumMap<>(AnomalyKind.class);
      m.putAll(policies);
      m.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(policy, "policy"));
      return new Inference(maxMissingRate, columnRates, m);
    }

    @Override
    public DataContract resolve(Table batch) {
      List<FieldContract> fields = new ArrayList<>();
      for (int c = 0; c < batch.columns().size(); c++) {
        Column col = batch.columns().get(c);
        double rate = columnRates.getOrDefault(col.name(), maxMissingRate);
        switch (col.type()) {
          case NUMERIC -> {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < batch.rowCount(); r++) {
              double v = batch.numeric(r, c);
              if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
              }
            }
            if (min > max) {
              min = Double.NEGATIVE_INFINITY;
              max = Double.POSITIVE_INFINITY;
            }
            fields.add(new FieldContract(col.name(), ColumnType.NUMERIC, min, max, List.of(), rate));
          }
          case CATEGORICAL -> {
            TreeSet<String> cats = new TreeSet<>();
            for (int r = 0; r < batch.rowCount(); r++) {
              String v = batch.categorical(r, c);
              if (v != null) {
                cats.add(v);
              }
            }
            fields.add(new FieldContract(col.name(), ColumnType.CATEGORICAL, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, List.copyOf(cats), rate));
          }
          case TIMESTAMP -> fields.add(new FieldContract(col.name(), ColumnType.TIMESTAMP,
              Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(), rate));
          default -> throw new IllegalStateException("unknown type " + col.type());
        }
      }
      return new DataContract(fields, policies);
    }

    @Override
    public String describe() {
      // Sorted, so the pipeline's definition fingerprint does not depend on hash order.
      return "inferred(maxMissingRate=" + maxMissingRate + ", columns=" + new java.util.TreeMap<>(columnRates)
          + ", policies=" + new java.util.TreeMap<>(policies) + ")";
    }
  }
}
