/**
 * Model tests: fluent expectations on metrics, per class and per slice, significance-tested
 * comparisons with a baseline model, behavioural checks (invariance, direction, minimum
 * functionality) and the immutable {@link dev.mlops.metrics.modeltest.ModelTestReport}; entry point
 * {@link dev.mlops.metrics.modeltest.ModelTest}. Needs no test framework (AssertJ assertions live in
 * {@code dev.mlops.metrics.assertj}).
 */
package dev.mlops.metrics.modeltest;
