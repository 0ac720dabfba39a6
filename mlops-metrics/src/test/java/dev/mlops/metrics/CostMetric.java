package dev.mlops.metrics;

/** Test fixture shared by the metric and model-test tests: a user-defined cost-weighted error. */
public final class CostMetric {

  /** A missed positive (class 1) costs 5, a false alarm 1: the weighted mean cost per row, in [0, 5]. */
  public static final CustomMetric COST = CustomMetric.builder("cost_weighted_error", MetricKind.CLASSIFICATION)
      .lowerIsBetter()
      .range(0, 5)
      .computedBy(data -> {
        double cost = 0;
        double weight = 0;
        for (int i = 0; i < data.size(); i++) {
          int label = data.label(i);
          int predicted = data.prediction(i);
          cost += data.weight(i) * (label == 1 && predicted == 0 ? 5 : label == 0 && predicted == 1 ? 1 : 0);
          weight += data.weight(i);
        }
        return cost / weight;
      })
      .build();

  private CostMetric() {}
}
