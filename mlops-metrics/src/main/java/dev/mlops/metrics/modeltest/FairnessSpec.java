package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.fairness.Disparity;
import java.util.function.Function;

/** A group-fairness expectation while a test is being built (package-private, mutable until run). */
final class FairnessSpec<T> extends Spec.ThresholdSpec {
  final Disparity disparity;
  String attribute;
  Function<? super T, ?> key;
  int minGroupSize = 30;

  FairnessSpec(Disparity disparity) {
    this.disparity = disparity;
  }

  @Override
  String name() {
    StringBuilder name = new StringBuilder(disparity.key()).append(" by ")
        .append(attribute == null ? "(attribute)" : attribute);
    return appendThreshold(appendBound(name)).toString();
  }
}
