package dev.mlops.metrics;

import dev.mlops.metrics.internal.BuiltInMetric;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user-defined {@link Metric}: a key, a direction, a range and a {@link MetricFunction}
 * computed from {@link MetricData}. Accepted wherever a built-in metric is (evaluations with
 * bootstrap intervals, {@code ModelTest} expectations, slices, champion comparison, JSON, the
 * pipeline gate, the drift monitor and the retraining loop).
 *
 * <pre>{@code
 * Metric recallAtBudget = CustomMetric.builder("recall_at_top_10_percent", MetricKind.CLASSIFICATION)
 *     .greaterIsBetter()
 *     .range(0, 1)
 *     .computedBy(data -> RecallAtBudget.of(data, 0.10))
 *     .build();
 * }</pre>
 *
 * <p>Identity is the object: keep one instance per metric and pass the same instance to JSON readers
 * ({@link Metric#fromKey(String, java.util.Collection)}). Immutable and thread-safe when its function
 * is (the builder is not thread-safe).
 */
public final class CustomMetric implements Metric {

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

  private final String key;
  private final MetricKind kind;
  private final boolean greaterIsBetter;
  private final double lowerBound;
  private final double upperBound;
  private final MetricFunction function;

  private CustomMetric(Builder b) {
    this.key = b.key;
    this.kind = b.kind;
    this.greaterIsBetter = b.greaterIsBetter;
    this.lowerBound = b.lowerBound;
    this.upperBound = b.upperBound;
    this.function = b.function;
  }

  /**
   * Starts a user-defined metric.
   *
   * @param key a snake_case key ({@code [a-z][a-z0-9_]*}), not the key of a built-in metric
   * @param kind the data it is computed from: classification (labels with scores or predictions)
   *     or regression (actual and predicted values)
   * @return a builder
   * @throws IllegalArgumentException if the key is not snake_case or is a built-in's key
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(String key, MetricKind kind) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("metric key must be snake_case ([a-z][a-z0-9_]*): " + key);
    }
    for (BuiltInMetric builtIn : BuiltInMetric.values()) {
      if (builtIn.key().equals(key)) {
        throw new IllegalArgumentException("metric key must not be a built-in metric's key: " + key);
      }
    }
    return new Builder(key, kind);
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public boolean greaterIsBetter() {
    return greaterIsBetter;
  }

  @Override
  public double lowerBound() {
    return lowerBound;
  }

  @Override
  public double upperBound() {
    return upperBound;
  }

  @Override
  public MetricKind kind() {
    return kind;
  }

  /**
   * Computes the metric with its function. An {@link IllegalArgumentException} or NaN from the
   * function gives an undefined value with the reason.
   *
   * @param data the labelled predictions
   * @return the value (sample size: the row count), or undefined with the reason
   * @throws IllegalArgumentException if the data is of the other {@link MetricKind}
   * @throws IllegalStateException if the function returns a value outside the metric's range
   */
  @Override
  public MetricValue evaluate(MetricData data) {
    Objects.requireNonNull(data, "data");
    if (data.kind() != kind) {
      throw new IllegalArgumentException("data must be " + kind.name().toLowerCase(java.util.Locale.ROOT)
          + " data for " + key + ": " + data);
    }
    double value;
    try {
      value = function.compute(data);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return MetricValue.undefined(this, data.size(), String.valueOf(e.getMessage()));
    }
    if (Double.isNaN(value)) {
      return MetricValue.undefined(this, data.size(), "the computation of " + key + " returned NaN");
    }
    if (value < lowerBound || value > upperBound) {
      throw new IllegalStateException(key + " must be in [" + lowerBound + ", " + upperBound + "]: " + value);
    }
    return MetricValue.of(this, value, data.size());
  }

  @Override
  public String toString() {
    return key;
  }

  /**
   * Configures a {@link CustomMetric}. Each setter validates at once; {@link #build()} checks that
   * the direction and the function were given. Not thread-safe.
   */
  public static final class Builder {
    private final String key;
    private final MetricKind kind;
    private Boolean direction;
    private boolean greaterIsBetter;
    private double lowerBound = Double.NEGATIVE_INFINITY;
    private double upperBound = Double.POSITIVE_INFINITY;
    private MetricFunction function;

    private Builder(String key, MetricKind kind) {
      this.key = key;
      this.kind = kind;
    }

    /**
     * Declares that a greater value means a better model (e.g. a recall).
     *
     * @return this builder
     * @throws IllegalStateException if the direction was already set
     */
    public Builder greaterIsBetter() {
      return direction(true);
    }

    /**
     * Declares that a smaller value means a better model (e.g. a cost or an error).
     *
     * @return this builder
     * @throws IllegalStateException if the direction was already set
     */
    public Builder lowerIsBetter() {
      return direction(false);
    }

    private Builder direction(boolean greater) {
      if (direction != null) {
        throw new IllegalStateException("direction of " + key + " was already set: "
            + (greaterIsBetter ? "greater is better" : "lower is better"));
      }
      direction = greater;
      greaterIsBetter = greater;
      return this;
    }

    /**
     * Sets the range of values the metric can take (default: the whole real line); a computed
     * value outside it is a defect of the function and fails the evaluation.
     *
     * @param lower the smallest value, possibly {@link Double#NEGATIVE_INFINITY}
     * @param upper the largest value, possibly {@link Double#POSITIVE_INFINITY}
     * @return this builder
     * @throws IllegalArgumentException if a bound is NaN or {@code lower >= upper}
     */
    public Builder range(double lower, double upper) {
      if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
        throw new IllegalArgumentException("metric range must have lower < upper: [" + lower + ", " + upper + "]");
      }
      this.lowerBound = lower;
      this.upperBound = upper;
      return this;
    }

    /**
     * Sets the computation.
     *
     * @param function a pure, thread-safe function of the data
     * @return this builder
     * @throws NullPointerException if {@code function} is null
     */
    public Builder computedBy(MetricFunction function) {
      this.function = Objects.requireNonNull(function, "function");
      return this;
    }

    /**
     * Builds the metric.
     *
     * @return the immutable metric
     * @throws IllegalStateException if the direction or the function was not given
     */
    public CustomMetric build() {
      if (direction == null) {
        throw new IllegalStateException("direction of " + key + " must be set: call greaterIsBetter() or lowerIsBetter()");
      }
      if (function == null) {
        throw new IllegalStateException("function of " + key + " must be set: call computedBy(...)");
      }
      return new CustomMetric(this);
    }
  }
}
