/**
 * AssertJ assertions for model test reports, evaluations and confusion matrices; entry point
 * {@link dev.mlops.metrics.assertj.MlopsAssertions}. The only package of mlops-metrics that uses
 * assertj-core (an optional dependency).
 */
package dev.mlops.metrics.assertj;
