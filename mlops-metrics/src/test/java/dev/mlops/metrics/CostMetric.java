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
          int y = data.label(i);
          int p = data.prediction(i);
          cost += data.weight(i) * (y == 1 && p == 0 ? 5 : y == 0 && p == 1 ? 1 : 0);
          weight += data.weight(i);
        }
        return cost / weight;
      })
      .build();

  private CostMetric() {}
}
