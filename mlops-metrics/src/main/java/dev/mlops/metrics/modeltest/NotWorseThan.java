package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import java.util.Objects;

/**
 * A comparison with a baseline model being declared:
 * {@code expectNotWorseThan(champion).on(Metric.ROC_AUC).byMoreThan(0.01)}, or as a non-inferiority test
 * {@code expectNotWorseThan(champion).on(Metric.ROC_AUC).requireNonInferiority().byMoreThan(0.01)}.
 *
 * <p>Let {@code d} be the difference candidate minus baseline on the same rows, oriented so that
 * positive means better (negated for metrics where smaller is better), {@code [lo, hi]} its
 * oriented confidence interval from the paired test (McNemar for accuracy, DeLong for binary ROC
 * AUC, paired bootstrap otherwise), and alpha the test's {@code significanceLevel} (default 0.05).
 * There are two rules:
 *
 * <ul>
 *   <li><b>Default, "prove it is worse"</b>: the interval is at level {@code 1 - alpha}; the
 *       expectation FAILS only when the candidate is <em>significantly</em> worse by more than the
 *       margin: {@code hi < -delta} and the test's p-value (of "no difference") is below alpha
 *       (requiring both keeps the rule conservative where the interval is a Wald approximation and
 *       the test exact, as McNemar's with few discordant pairs). A drop larger than the margin but
 *       not significant passes, with the reason saying so: on a small test set a clearly worse
 *       candidate can pass. This is not a non-inferiority test.
 *   <li><b>Non-inferiority</b>, opted into with {@link #requireNonInferiority()}: the expectation
 *       PASSES only when {@code lo > -delta}, where the interval is at level {@code 1 - 2 alpha}
 *       (90% for alpha 0.05), so that {@code lo} is the one-sided {@code 1 - alpha} lower bound: a
 *       one-sided test of {@code H0: d <= -delta} at level alpha, decided by the interval. For
 *       DeLong's test the reason also gives that hypothesis's one-sided p-value (z statistic
 *       {@code (d + delta) / se}); for McNemar and the bootstrap no p-value of the margin is
 *       reported. The result's p-value stays the one of "no difference". A small test set or a noisy difference FAILS here: the data must show that
 *       the candidate is not worse by more than the margin.
 * </ul>
 *
 * <p>The report's reason states which rule was applied, the interval and the decision.
 *
 * <p>Not thread-safe (part of a test being built).
 *
 * @param <B> the test builder to return to
 */
public final class NotWorseThan<B> {

  private final B test;
  private final Spec.ComparisonSpec spec;
  private final MetricKind kind;
  private final Settings settings;

  NotWorseThan(B test, Spec.ComparisonSpec spec, MetricKind kind, Settings settings) {
    this.test = test;
    this.spec = spec;
    this.kind = kind;
    this.settings = settings;
  }

  /**
   * Sets the metric to compare on.
   *
   * @param metric a metric of the model's kind (classification or regression)
   * @return this comparison
   * @throws IllegalArgumentException if the metric is of the other kind
   */
  public NotWorseThan<B> on(Metric metric) {
    Objects.requireNonNull(metric, "metric");
    if (metric.kind() != kind) {
      throw new IllegalArgumentException("metric of a comparison with the baseline must be a "
          + kind.name().toLowerCase(java.util.Locale.ROOT) + " metric: " + metric.key());
    }
    spec.metric = metric;
    return this;
  }

  /**
   * Switches this comparison to a one-sided non-inferiority test (see the class Javadoc): it passes
   * only when the lower end of the oriented {@code 1 - 2 alpha} interval of candidate minus baseline
   * is above {@code -delta}. Requires a significance level below 0.5 (checked at run time).
   *
   * @return this comparison
   */
  public NotWorseThan<B> requireNonInferiority() {
    spec.nonInferiority = true;
    return this;
  }

  /**
   * Finishes the comparison: the candidate must not be significantly worse than the baseline by
   * more than {@code delta} (in the metric's unit), or, after {@link #requireNonInferiority()},
   * must be shown to be not worse by more than {@code delta}.
   *
   * @param delta the accepted drop, finite and not negative (0 means "not significantly worse")
   * @return the test, to declare more expectations
   * @throws IllegalStateException if {@link #on(Metric)} was not called
   * @throws IllegalArgumentException naming the expectation, if delta is negative or not finite
   */
  public B byMoreThan(double delta) {
    if (spec.metric == null) {
      throw new IllegalStateException("expectation '" + spec.name() + "': call on(metric) before byMoreThan");
    }
    if (!(delta >= 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException(
          "expectation '" + spec.name() + "': margin must be finite and not negative: " + delta);
    }
    spec.delta = delta;
    settings.add(spec);
    return test;
  }
}
