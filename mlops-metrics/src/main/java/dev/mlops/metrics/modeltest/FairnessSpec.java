package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.modeltest.ExpectationResult.Threshold;
import java.util.function.Function;

/** A group-fairness expectation while a test is being built (package-private, mutable until run). */
final class FairnessSpec<T> extends Spec {
  final Disparity disparity;
  String attribute;
  Function<? super T, ?> key;
  int minGroupSize = 30;
  Spec.Bound bound = Spec.Bound.VALUE;
  double ciLevel = Double.NaN;
  Threshold threshold;

  FairnessSpec(Disparity disparity) {
    this.disparity = disparity;
  }

  @Override
  String name() {
    StringBuilder name = new StringBuilder(disparity.key()).append(" by ")
        .append(attribute == null ? "(attribute)" : attribute);
    if (bound != Spec.Bound.VALUE) {
      name.append(" (").append(Format.number(ciLevel * 100)).append("% CI ")
          .append(bound == Spec.Bound.CI_LOWER ? "lower" : "upper").append(" bound)");
    }
    return name.append(' ').append(threshold == null ? "(no threshold yet)" : threshold.toString()).toString();
  }
}
