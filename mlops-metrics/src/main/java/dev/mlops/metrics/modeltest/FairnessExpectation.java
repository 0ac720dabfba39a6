package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.modeltest.ExpectationResult.Threshold;
import java.util.Objects;
import java.util.function.Function;

/**
 * A group-fairness expectation being declared on a {@link ClassifierTest}: a {@link Disparity}
 * between the groups of a sensitive attribute (a key function of the row), on the value or a bound
 * of its bootstrap interval.
 *
 * <pre>{@code
 * test.expectFairness(Disparity.DISPARATE_IMPACT_RATIO).by("region", Applicant::region).atLeast(0.8)
 *     .expectFairness(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE).by("region", Applicant::region)
 *         .upperBound(0.95).atMost(0.05);
 * }</pre>
 *
 * <p>Needs a binary classifier (class 1 is the favourable outcome, decided at the test's
 * threshold). The result's reason carries the per-group table. Not thread-safe.
 *
 * @param <T> the row type
 */
public final class FairnessExpectation<T> {

  private final ClassifierTest<T> test;
  private final FairnessSpec<T> spec;

  FairnessExpectation(ClassifierTest<T> test, FairnessSpec<T> spec) {
    this.test = test;
    this.spec = spec;
  }

  /**
   * Names the sensitive attribute and how to read it from a row.
   *
   * @param attribute the attribute's name, e.g. {@code "region"}
   * @param key the attribute of a row (its {@code String.valueOf} names the group)
   * @return this expectation
   * @throws IllegalArgumentException if the name is blank
   */
  public FairnessExpectation<T> by(String attribute, Function<? super T, ?> key) {
    if (attribute == null || attribute.isBlank()) {
      throw new IllegalArgumentException("fairness attribute name must not be blank: " + attribute);
    }
    spec.attribute = attribute;
    spec.key = Objects.requireNonNull(key, "key");
    return this;
  }

  /**
   * Sets the minimum size of a judged group (default 30): smaller groups are reported, not judged.
   *
   * @param size at least 1
   * @return this expectation
   * @throws IllegalArgumentException if size is below 1
   */
  public FairnessExpectation<T> minGroupSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("expectation '" + spec.name() + "': min group size must be at least 1: "
          + size);
    }
    spec.minGroupSize = size;
    return this;
  }

  /**
   * Checks the lower bound of the disparity's bootstrap interval at this level instead of the value.
   *
   * @param level the confidence level, in (0, 1)
   * @return this expectation
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  public FairnessExpectation<T> lowerBound(double level) {
    spec.bound = Spec.Bound.CI_LOWER;
    spec.ciLevel = Settings.requireLevel(level, "expectation '" + spec.name() + "': confidence level");
    return this;
  }

  /**
   * Checks the upper bound of the disparity's bootstrap interval at this level instead of the value
   * (the conservative reading of {@code atMost} for a difference).
   *
   * @param level the confidence level, in (0, 1)
   * @return this expectation
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  public FairnessExpectation<T> upperBound(double level) {
    spec.bound = Spec.Bound.CI_UPPER;
    spec.ciLevel = Settings.requireLevel(level, "expectation '" + spec.name() + "': confidence level");
    return this;
  }

  /**
   * Declares this expectation as a warning (WARNED instead of FAILED).
   *
   * @return this expectation
   */
  public FairnessExpectation<T> asWarning() {
    spec.warning = true;
    return this;
  }

  /**
   * Requires the disparity (or the chosen bound) to be at least a value, e.g. 0.8 for the
   * disparate impact ratio (the four-fifths rule).
   *
   * @param value the smallest accepted value
   * @return the test, to declare more expectations
   * @throws IllegalStateException if {@link #by} was not called
   */
  public ClassifierTest<T> atLeast(double value) {
    return done(Threshold.atLeast(value));
  }

  /**
   * Requires the disparity (or the chosen bound) to be at most a value.
   *
   * @param value the largest accepted value
   * @return the test, to declare more expectations
   * @throws IllegalStateException if {@link #by} was not called
   */
  public ClassifierTest<T> atMost(double value) {
    return done(Threshold.atMost(value));
  }

  private ClassifierTest<T> done(Threshold threshold) {
    if (spec.key == null) {
      throw new IllegalStateException("expectation '" + spec.disparity.key()
          + "': the attribute must be named with by(name, key) before the threshold");
    }
    spec.threshold = threshold;
    test.add(spec);
    return test;
  }
}
