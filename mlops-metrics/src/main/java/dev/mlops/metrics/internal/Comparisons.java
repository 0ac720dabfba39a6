package dev.mlops.metrics.internal;

import dev.mlops.metrics.BinStrategy;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.ConfidenceIntervals;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricData;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.MetricValue;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Paired model comparisons behind {@code ModelComparison}. Not API. Stateless, thread-safe. */
public final class Comparisons {

  private static final int EXACT_BELOW = 25;

  private Comparisons() {}

  /**
   * McNemar's test (see {@code ModelComparison.mcnemar}).
   *
   * @param labels true classes
   * @param candidate candidate predictions
   * @param baseline baseline predictions
   * @param level interval level
   * @return the comparison
   */
  public static ComparisonResult mcnemar(int[] labels, int[] candidate, int[] baseline, double level) {
    Checks.level(level);
    nonNegative("labels", labels);
    nonNegative("candidatePredictions", candidate);
    nonNegative("baselinePredictions", baseline);
    Checks.sameLength("labels", labels.length, "candidatePredictions", candidate.length);
    Checks.sameLength("labels", labels.length, "baselinePredictions", baseline.length);
    long n = labels.length;
    long correctA = 0;
    long correctB = 0;
    long onlyA = 0;
    long onlyB = 0;
    for (int i = 0; i < labels.length; i++) {
      boolean a = candidate[i] == labels[i];
      boolean b = baseline[i] == labels[i];
      if (a) {
        correctA++;
      }
      if (b) {
        correctB++;
      }
      if (a && !b) {
        onlyA++;
      } else if (b && !a) {
        onlyB++;
      }
    }
    long discordant = onlyA + onlyB;
    double pValue;
    String test;
    if (discordant < EXACT_BELOW) {
      test = ComparisonResult.MCNEMAR_EXACT;
      pValue = discordant == 0 ? 1.0
          : Math.min(1.0, 2 * new BinomialDistribution(null, (int) discordant, 0.5)
              .cumulativeProbability((int) Math.min(onlyA, onlyB)));
    } else {
      test = ComparisonResult.MCNEMAR_CHI_SQUARE;
      double d = Math.abs(onlyA - onlyB) - 1.0;
      double statistic = d * d / discordant;
      pValue = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(statistic);
    }
    double difference = (onlyA - onlyB) / (double) n;
    double se = Math.sqrt(Math.max(0, discordant - (double) (onlyA - onlyB) * (onlyA - onlyB) / n)) / n;
    double z = ConfidenceIntervals.normalQuantile(level);
    Interval ci = new Interval(Math.max(-1, difference - z * se), Math.min(1, difference + z * se), level,
        Interval.WALD_PAIRED);
    return new ComparisonResult(Metric.ACCURACY, correctA / (double) n, correctB / (double) n, difference, ci,
        clamp01(pValue), test, n);
  }

  /** Checks 0/1 labels and the two models' scores ({@code check}), one score per label each. */
  private static void pairedScores(int[] labels, double[] candidate, double[] baseline,
      BiConsumer<String, double[]> check) {
    Checks.binaryLabels(labels);
    check.accept("candidateScores", candidate);
    check.accept("baselineScores", baseline);
    Checks.sameLength("labels", labels.length, "candidateScores", candidate.length);
    Checks.sameLength("labels", labels.length, "baselineScores", baseline.length);
  }

  /**
   * DeLong's test (see {@code ModelComparison.delong}).
   *
   * @param labels 0/1 labels
   * @param candidate candidate scores
   * @param baseline baseline scores
   * @param level interval level
   * @return the comparison
   */
  public static ComparisonResult delong(int[] labels, double[] candidate, double[] baseline, double level) {
    Checks.level(level);
    pairedScores(labels, candidate, baseline, Checks::finite);
    DeLong.Components a = DeLong.components(labels, candidate);
    DeLong.Components b = DeLong.components(labels, baseline);
    double covariance = DeLong.covariance(a.v10(), b.v10()) / a.v10().length
        + DeLong.covariance(a.v01(), b.v01()) / a.v01().length;
    double variance = Math.max(0, a.variance() + b.variance() - 2 * covariance);
    double difference = a.auc() - b.auc();
    double se = Math.sqrt(variance);
    double pValue;
    if (se == 0) {
      pValue = difference == 0 ? 1.0 : 0.0;
    } else {
      double z = Math.abs(difference) / se;
      pValue = 2 * (1 - new NormalDistribution(null, 0, 1).cumulativeProbability(z));
    }
    double z = ConfidenceIntervals.normalQuantile(level);
    Interval ci = new Interval(Math.max(-1, difference - z * se), Math.min(1, difference + z * se), level,
        Interval.DELONG);
    return new ComparisonResult(Metric.ROC_AUC, a.auc(), b.auc(), difference, ci, clamp01(pValue),
        ComparisonResult.DELONG, labels.length);
  }

  /**
   * Paired stratified bootstrap of a binary metric.
   *
   * @param metric the metric
   * @param labels 0/1 labels
   * @param candidate candidate P(class 1)
   * @param baseline baseline P(class 1)
   * @param threshold decision threshold
   * @param resamples B
   * @param seed seed
   * @param level interval level
   * @return the comparison
   */
  public static ComparisonResult pairedBootstrapBinary(Metric metric, int[] labels, double[] candidate,
      double[] baseline, double threshold, int resamples, long seed, double level) {
    Objects.requireNonNull(metric, "metric");
    if (!metric.isBuiltIn()) {
      Checks.sameLength("labels", labels.length, "candidateScores", candidate.length);
      return pairedBootstrap(metric, MetricData.binary(labels, candidate).withThreshold(threshold),
          MetricData.binary(labels, baseline).withThreshold(threshold), resamples, seed, level);
    }
    if (!ClassificationEvaluator.BINARY_METRICS.contains(metric)) {
      throw new IllegalArgumentException("metric must be a binary classification metric: " + metric.key());
    }
    Checks.level(level);
    Checks.resamples(resamples);
    pairedScores(labels, candidate, baseline, Checks::probabilities);
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must not be NaN");
    }
    Function<int[], MetricValue> a = binaryModel(metric, labels, candidate, threshold);
    Function<int[], MetricValue> b = binaryModel(metric, labels, baseline, threshold);
    return paired(metric, a, b, Bootstrap.stratified(labels, 2, seed), labels.length, resamples, level);
  }

  private static Function<int[], MetricValue> binaryModel(Metric metric, int[] labels, double[] scores,
      double threshold) {
    BinaryKernel kernel = new BinaryKernel(labels, scores, null, threshold, true);
    Calibration calibration = Calibration.of(labels, scores, null, 10, BinStrategy.UNIFORM);
    return m -> ClassificationEvaluator.binaryMetric(metric, kernel.compute(m), 1.0, calibration, m);
  }

  /**
   * Paired stratified bootstrap of a multiclass metric.
   *
   * @param metric the metric
   * @param labels class labels
   * @param candidate candidate probabilities
   * @param baseline baseline probabilities
   * @param resamples B
   * @param seed seed
   * @param level interval level
   * @return the comparison
   */
  public static ComparisonResult pairedBootstrapMulticlass(Metric metric, int[] labels, double[][] candidate,
      double[][] baseline, int resamples, long seed, double level) {
    Objects.requireNonNull(metric, "metric");
    if (!metric.isBuiltIn()) {
      return pairedBootstrap(metric, MetricData.multiclass(labels, candidate), MetricData.multiclass(labels, baseline),
          resamples, seed, level);
    }
    if (!ClassificationEvaluator.MULTICLASS_METRICS.contains(metric)) {
      throw new IllegalArgumentException("metric must be a multiclass classification metric: " + metric.key());
    }
    Checks.level(level);
    Checks.resamples(resamples);
    int k = Checks.probabilityRows("candidateProbabilities", candidate);
    int kb = Checks.probabilityRows("baselineProbabilities", baseline);
    if (k != kb) {
      throw new IllegalArgumentException("baselineProbabilities must have " + k + " classes: " + kb);
    }
    Checks.sameLength("candidateProbabilities", candidate.length, "labels", labels == null ? 0 : labels.length);
    Checks.sameLength("candidateProbabilities", candidate.length, "baselineProbabilities", baseline.length);
    Checks.classLabels("labels", labels, k);
    Function<int[], MetricValue> a = multiclassModel(metric, labels, candidate);
    Function<int[], MetricValue> b = multiclassModel(metric, labels, baseline);
    return paired(metric, a, b, Bootstrap.stratified(labels, k, seed), labels.length, resamples, level);
  }

  private static Function<int[], MetricValue> multiclassModel(Metric metric, int[] labels, double[][] p) {
    MulticlassKernel kernel = new MulticlassKernel(labels, p, null, 2);
    Calibration calibration = Calibration.of(kernel.topLabelCorrect(), kernel.topLabelConfidence(), null, 10,
        BinStrategy.UNIFORM);
    return m -> kernel.metric(metric, kernel.compute(m), calibration, m);
  }

  /**
   * Paired plain bootstrap of a regression metric.
   *
   * @param metric the metric
   * @param actual true values
   * @param candidate candidate predictions
   * @param baseline baseline predictions
   * @param resamples B
   * @param seed seed
   * @param level interval level
   * @return the comparison
   */
  public static ComparisonResult pairedBootstrapRegression(Metric metric, double[] actual, double[] candidate,
      double[] baseline, int resamples, long seed, double level) {
    Objects.requireNonNull(metric, "metric");
    if (metric.kind() != MetricKind.REGRESSION) {
      throw new IllegalArgumentException("metric must be a regression metric: " + metric.key());
    }
    if (!metric.isBuiltIn()) {
      return pairedBootstrap(metric, MetricData.regression(actual, candidate), MetricData.regression(actual, baseline),
          resamples, seed, level);
    }
    Checks.level(level);
    Checks.resamples(resamples);
    Checks.finite("actual", actual);
    Checks.finite("candidatePredictions", candidate);
    Checks.finite("baselinePredictions", baseline);
    Checks.sameLength("actual", actual.length, "candidatePredictions", candidate.length);
    Checks.sameLength("actual", actual.length, "baselinePredictions", baseline.length);
    RegressionKernel ka = new RegressionKernel(actual, candidate, null);
    RegressionKernel kb = new RegressionKernel(actual, baseline, null);
    Function<int[], MetricValue> a = m -> defined(ka.compute(metric, m));
    Function<int[], MetricValue> b = m -> defined(kb.compute(metric, m));
    return paired(metric, a, b, Bootstrap.plain(actual.length, seed), actual.length, resamples, level);
  }

  /**
   * Paired bootstrap of any metric (built-in or user-defined) on two models' predictions of the
   * same rows: class-stratified for classification, plain for regression.
   *
   * @param metric the metric
   * @param candidate the candidate's data
   * @param baseline the baseline's data: same kind, rows and labels (or actual values)
   * @param resamples B
   * @param seed the seed
   * @param level the confidence level
   * @return the comparison
   * @throws IllegalArgumentException if the data do not describe the same rows, or the metric is
   *     undefined on the full data or in every resample
   */
  public static ComparisonResult pairedBootstrap(Metric metric, MetricData candidate, MetricData baseline,
      int resamples, long seed, double level) {
    Objects.requireNonNull(metric, "metric");
    Checks.level(level);
    Checks.resamples(resamples);
    if (candidate.kind() != metric.kind() || baseline.kind() != metric.kind()) {
      throw new IllegalArgumentException("data must be " + metric.kind().name().toLowerCase(java.util.Locale.ROOT)
          + " data for " + metric.key() + ": " + candidate + ", " + baseline);
    }
    Checks.sameLength("candidate rows", candidate.size(), "baseline rows", baseline.size());
    boolean classification = metric.kind() == MetricKind.CLASSIFICATION;
    if (classification ? !java.util.Arrays.equals(candidate.labels(), baseline.labels())
        : !java.util.Arrays.equals(candidate.actual(), baseline.actual())) {
      throw new IllegalArgumentException("baseline must be evaluated on the candidate's rows: its "
          + (classification ? "labels" : "actual values") + " differ");
    }
    int n = candidate.size();
    Function<int[], MetricValue> a = m -> defined(CustomMetrics.safe(metric, select(candidate, m)));
    Function<int[], MetricValue> b = m -> defined(CustomMetrics.safe(metric, select(baseline, m)));
    Bootstrap resampler = classification ? Bootstrap.stratified(candidate.labels(), candidate.classCount(), seed)
        : Bootstrap.plain(n, seed);
    return paired(metric, a, b, resampler, n, resamples, level);
  }

  private static MetricData select(MetricData data, int[] multiplicity) {
    if (multiplicity == null) {
      return data;
    }
    return data.select(Bootstrap.expand(multiplicity, new int[data.size()]));
  }

  private static MetricValue defined(MetricValue v) {
    if (!v.defined()) {
      throw new IllegalArgumentException(v.metric().key() + " is undefined: " + v.reason());
    }
    return v;
  }

  private static ComparisonResult paired(Metric metric, Function<int[], MetricValue> candidate,
      Function<int[], MetricValue> baseline, Bootstrap resampler, int n, int resamples, double level) {
    double a = candidate.apply(null).value();
    double b = baseline.apply(null).value();
    int[] multiplicity = new int[n];
    double[] differences = new double[resamples];
    int count = 0;
    long atMostZero = 0;
    long atLeastZero = 0;
    for (int r = 0; r < resamples; r++) {
      resampler.resample(multiplicity);
      double d;
      try {
        d = candidate.apply(multiplicity).value() - baseline.apply(multiplicity).value();
      } catch (IllegalArgumentException undefinedInResample) {
        continue;
      }
      differences[count++] = d;
      if (d <= 0) {
        atMostZero++;
      }
      if (d >= 0) {
        atLeastZero++;
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException(metric.key() + " is undefined in every bootstrap resample");
    }
    // SciPy's rule for Monte Carlo p-values (monte_carlo_test, permutation_test; Phipson and Smyth
    // 2010): (k + 1) / (B + 1) per side, so a p-value is never 0; doubled for two sides
    double pValue = Math.min(1.0, 2.0 * (Math.min(atMostZero, atLeastZero) + 1) / (count + 1.0));
    Interval ci = Bootstrap.percentileInterval(differences, count, level);
    return new ComparisonResult(metric, a, b, a - b, ci, pValue, ComparisonResult.PAIRED_BOOTSTRAP, n, count);
  }

  private static void nonNegative(String name, int[] values) {
    Objects.requireNonNull(values, name);
    Checks.nonEmpty(name, values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0) {
        throw new IllegalArgumentException(name + " must be non-negative class indices: " + name + "[" + i + "] = "
            + values[i]);
      }
    }
  }

  private static double clamp01(double p) {
    return Math.max(0, Math.min(1, p));
  }
}
