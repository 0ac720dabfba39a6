/**
 * Group fairness: per-group rates (size, selection rate, true/false positive rates, precision,
 * accuracy, user metrics) for one or more sensitive attributes and their intersections, and the
 * disparities between groups with Fairlearn's definitions (statistical parity difference, disparate
 * impact ratio, equal opportunity difference, equalized odds difference, predictive parity
 * difference), each with a bootstrap interval and the two groups that define it. Entry point
 * {@link dev.mlops.metrics.fairness.GroupFairness}; AssertJ assertions in
 * {@code dev.mlops.metrics.assertj.FairnessEvaluationAssert}.
 */
package dev.mlops.metrics.fairness;
