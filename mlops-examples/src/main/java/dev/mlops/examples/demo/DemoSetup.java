package dev.mlops.examples.demo;

import dev.mlops.core.data.Table;
import dev.mlops.core.pipeline.Gate;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineListener;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import dev.mlops.metrics.Metric;
import java.util.List;
import java.util.Map;

/**
 * How the demo configures the library for one data set: the table of its rows, the training
 * pipeline (trainer, ModelTest expectations, champion gate) and the drift monitor of a champion.
 * Immutable; thread-safe.
 */
final class DemoSetup {

  /** The demo calls the dataset drifted when at least this share of features drifted. */
  static final double DRIFT_SHARE = 0.2;

  private final DemoData data;
  private final long seed;

  DemoSetup(DemoData data, long seed) {
    this.data = data;
    this.seed = seed;
  }

  /** A table of labelled rows (history rows carry their label column). */
  Table table(List<Map<String, Object>> rows) {
    Object labels;
    if (data.classification()) {
      labels = rows.stream().map(r -> data.classNames().get((int) data.labelOf(r))).toArray(String[]::new);
    } else {
      labels = rows.stream().mapToDouble(data::labelOf).toArray();
    }
    return table(rows, labels);
  }

  /** A table of feature rows and a label column ({@code String[]} class names or {@code double[]} targets). */
  private Table table(List<? extends Map<String, ?>> rows, Object labels) {
    Table.Builder t = Table.builder();
    for (String f : data.numeric()) {
      double[] values = new double[rows.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ((Number) rows.get(i).get(f)).doubleValue();
      }
      t.numeric(f, values);
    }
    for (String f : data.categorical()) {
      String[] values = new String[rows.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = String.valueOf(rows.get(i).get(f));
      }
      t.categorical(f, values);
    }
    if (labels instanceof String[] names) {
      t.categorical(data.label(), names);
    } else {
      t.numeric(data.label(), (double[]) labels);
    }
    return t.build();
  }

  /** The held-out split the pipeline draws (the same seeded split), as row indices of {@code rows}. */
  int[] heldOut(List<Map<String, Object>> rows) {
    return split().apply(table(rows), data.label(), seed).test();
  }

  private Split split() {
    return data.classification() ? Split.stratified().testFraction(0.3) : Split.random().testFraction(0.25);
  }

  /** The training pipeline: one-hot and standardise, a random forest, ModelTest expectations and a champion gate. */
  Pipeline pipeline(List<Map<String, Object>> rows, PipelineListener listener) {
    Pipeline.Builder b = Pipeline.builder(data.name())
        .source(table(rows))
        .target(data.label())
        .transform(t -> t.oneHot(data.categorical().toArray(String[]::new)).standardize(ColumnSelector.numeric()))
        .split(split())
        .seed(seed)
        .listener(listener);
    if (data.classification()) {
      String positive = data.classNames().get(1);
      b.train(Trainers.randomForestClassifier().trees(60))
          .evaluateClassifier(t -> t
              .expect(Metric.ROC_AUC).atLeast(0.70)
              .expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.65)
              .expect(Metric.ROC_AUC).onEverySlice(r -> r.get("channel")).minSliceSize(50).atLeast(0.60)
              .expect(Metric.RECALL).forClass(positive).atLeast(0.30).asWarning())
          // a candidate must not be worse than the champion on ROC AUC (DeLong test on the same rows)
          .gate(Gate.againstChampion().minAbsoluteImprovement(Metric.ROC_AUC, 0.0).significance(0.05));
    } else {
      b.train(Trainers.randomForestRegressor().trees(30))
          .evaluateRegressor(t -> t
              .expect(Metric.R2).atLeast(0.60)
              .expect(Metric.MEAN_ERROR).between(-15, 15).asWarning())
          .gate(Gate.againstChampion().minRelativeImprovement(Metric.RMSE, 0.01));
    }
    return b.build();
  }

  /**
   * The monitor of one champion. Features constant within every window by construction (calendar
   * codes of a monthly window) would always "drift" against the whole-year reference; the builder
   * has no switch to leave a feature out, so they are measured with the total variation distance
   * (at most 1) against a threshold of 1: still reported per window, flagged only when the window
   * holds no category seen in training, hence not counted in the dataset-drift share otherwise.
   */
  DriftMonitor.Builder monitor(ReferenceProfile profile) {
    DriftMonitor.Builder builder = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(Integer.MAX_VALUE)) // the demo closes one window per batch
        .driftShare(DRIFT_SHARE)
        .seed(seed);
    if (data.fairness() != null) {
      builder.fairness(data.fairness());
    }
    // Two-sample tests with p-values (KS for numbers, chi-square for categories), judged together
    // with the effect size (the monitor's default rule: significant AND an effect of at least 0.1).
    for (String feature : data.numeric()) {
      builder.featureTest(feature, DriftStatistic.KOLMOGOROV_SMIRNOV);
    }
    for (String feature : data.categorical()) {
      builder.featureTest(feature, DriftStatistic.CHI_SQUARE_HOMOGENEITY);
    }
    for (String feature : data.windowConstant()) {
      builder.featureTest(feature, DriftStatistic.TOTAL_VARIATION).featureThreshold(feature, 1.0);
    }
    return builder;
  }
}
