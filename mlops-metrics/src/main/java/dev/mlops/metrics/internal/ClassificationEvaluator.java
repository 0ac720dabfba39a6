package dev.mlops.metrics.internal;

import dev.mlops.metrics.BinaryRanking;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ConfidenceIntervals;
import dev.mlops.metrics.ConfusionMatrix;
import dev.mlops.metrics.EvaluationSettings;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.PrecisionRecallCurve;
import dev.mlops.metrics.ReliabilityCurve;
import dev.mlops.metrics.RocCurve;
import dev.mlops.metrics.ThresholdTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Computes {@link ClassificationEvaluation}s: metric values, analytic intervals (Wilson, DeLong)
 * on unweighted data, a stratified bootstrap for the rest, curves. Not API. Stateless, thread-safe.
 */
public final class ClassificationEvaluator {

  /** The metrics of a binary evaluation, in declaration order. */
  public static final List<Metric> BINARY_METRICS = List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY,
      Metric.PRECISION, Metric.RECALL, Metric.SPECIFICITY, Metric.FPR, Metric.FNR, Metric.F1, Metric.F_BETA,
      Metric.MCC, Metric.COHEN_KAPPA, Metric.LOG_LOSS, Metric.BRIER, Metric.ROC_AUC, Metric.AVERAGE_PRECISION,
      Metric.PREVALENCE, Metric.EXPECTED_CALIBRATION_ERROR, Metric.MAXIMUM_CALIBRATION_ERROR);

  /** The metrics of a multiclass evaluation, in declaration order. */
  public static final List<Metric> MULTICLASS_METRICS = List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY,
      Metric.MCC, Metric.COHEN_KAPPA, Metric.LOG_LOSS, Metric.BRIER, Metric.MACRO_PRECISION, Metric.MACRO_RECALL,
      Metric.MACRO_F1, Metric.MICRO_F1, Metric.MICRO_PRECISION, Metric.MICRO_RECALL, Metric.WEIGHTED_PRECISION,
      Metric.WEIGHTED_RECALL, Metric.WEIGHTED_F1,
      Metric.TOP_K_ACCURACY, Metric.ROC_AUC_OVR_MACRO, Metric.ROC_AUC_OVR_WEIGHTED,
      Metric.EXPECTED_CALIBRATION_ERROR, Metric.MAXIMUM_CALIBRATION_ERROR);

  private static final List<Metric> PER_CLASS = List.of(Metric.PRECISION, Metric.RECALL, Metric.F1);

  private ClassificationEvaluator() {}

  /**
   * Evaluates a binary classifier (inputs already validated).
   *
   * @param labels 0/1 labels
   * @param scores P(class 1)
   * @param weights weights or null
   * @param classNames two names
   * @param settings the settings
   * @return the evaluation
   */
  public static ClassificationEvaluation binary(int[] labels, double[] scores, double[] weights,
      List<String> classNames, EvaluationSettings settings) {
    double beta = settings.beta();
    BinaryKernel kernel = new BinaryKernel(labels, scores, weights, settings.threshold(), true);
    Calibration calibration = Calibration.of(labels, scores, weights, settings.calibrationBins(),
        settings.calibrationStrategy());
    BinaryRanking ranking = BinaryRanking.of(labels, scores, weights);
    BinaryKernel.Sums full = kernel.compute(null);

    Map<Metric, MetricValue> values = new LinkedHashMap<>();
    for (Metric metric : BINARY_METRICS) {
      MetricValue v;
      if (metric == Metric.ROC_AUC) {
        v = safe(metric, full.rows(), ranking::rocAuc);
      } else if (metric == Metric.AVERAGE_PRECISION) {
        v = safe(metric, full.rows(), ranking::averagePrecision);
      } else {
        v = safe(metric, full.rows(), () -> binaryMetric(metric, full, beta, calibration, null));
      }
      values.put(metric, v);
    }

    boolean analytic = weights == null;
    double level = settings.confidenceLevel();
    List<Metric> needBootstrap = new ArrayList<>();
    for (Metric metric : BINARY_METRICS) {
      MetricValue v = values.get(metric);
      if (!v.defined()) {
        continue;
      }
      Interval ci = null;
      if (analytic && metric.isProportion()) {
        ci = wilson(metric, full, level);
      } else if (analytic && metric == Metric.ROC_AUC) {
        try {
          ci = ConfidenceIntervals.delongRocAuc(labels, scores, level);
        } catch (IllegalArgumentException tooFew) {
          ci = null;
        }
      }
      if (ci != null) {
        values.put(metric, v.withCi(ci));
      } else {
        needBootstrap.add(metric);
      }
    }
    double[][] negativeClassSamples = new double[PER_CLASS.size()][];
    int[] negativeClassDefined = new int[PER_CLASS.size()];
    if (settings.bootstrapResamples() > 0) {
      int b = settings.bootstrapResamples();
      for (int q = 0; q < PER_CLASS.size(); q++) {
        negativeClassSamples[q] = new double[b];
      }
      Bootstrap resampler = Bootstrap.stratified(labels, 2, settings.seed());
      int[] multiplicity = new int[labels.length];
      double[][] samples = new double[needBootstrap.size()][b];
      int[] defined = new int[needBootstrap.size()];
      for (int r = 0; r < b; r++) {
        resampler.resample(multiplicity);
        BinaryKernel.Sums s = kernel.compute(multiplicity);
        for (int q = 0; q < needBootstrap.size(); q++) {
          Metric metric = needBootstrap.get(q);
          double x = valueOrNaN(() -> binaryMetric(metric, s, beta, calibration, multiplicity));
          if (!Double.isNaN(x)) {
            samples[q][defined[q]++] = x;
          }
        }
        for (int q = 0; q < PER_CLASS.size(); q++) {
          // class 0 as the positive class: swap the roles of the counts
          negativeClassSamples[q][negativeClassDefined[q]++] = BinaryFormulas.compute(PER_CLASS.get(q),
              s.tn, s.fn, s.tp, s.fp, beta, s.ntn, s.nfn, s.ntp, s.nfp).value();
        }
      }
      for (int q = 0; q < needBootstrap.size(); q++) {
        if (defined[q] > 0) {
          Metric metric = needBootstrap.get(q);
          values.put(metric, values.get(metric).withCi(Bootstrap.percentileInterval(samples[q], defined[q], level)));
        }
      }
    }

    // per class: class 1 is the positive class; class 0 swaps the roles
    List<Map<Metric, MetricValue>> classMetrics = new ArrayList<>();
    Map<Metric, MetricValue> negativeClass = new LinkedHashMap<>();
    for (Metric metric : PER_CLASS) {
      MetricValue v = BinaryFormulas.compute(metric, full.tn, full.fn, full.tp, full.fp, beta,
          full.ntn, full.nfn, full.ntp, full.nfp);
      if (analytic && metric != Metric.F1) {
        long successes = full.ntn;
        long trials = metric == Metric.PRECISION ? full.ntn + full.nfn : full.ntn + full.nfp;
        if (trials > 0) {
          v = v.withCi(ConfidenceIntervals.wilson(successes, trials, level));
        }
      }
      int q = PER_CLASS.indexOf(metric);
      if (v.ci() == null && negativeClassDefined[q] > 0) {
        v = v.withCi(Bootstrap.percentileInterval(negativeClassSamples[q], negativeClassDefined[q], level));
      }
      negativeClass.put(metric, v);
    }
    Map<Metric, MetricValue> positiveClass = new LinkedHashMap<>();
    for (Metric metric : PER_CLASS) {
      positiveClass.put(metric, values.get(metric));
    }
    classMetrics.add(negativeClass);
    classMetrics.add(positiveClass);

    ConfusionMatrix confusion = new ConfusionMatrix(
        new long[][] {{full.ntn, full.nfp}, {full.nfn, full.ntp}}, classNames);
    Optional<RocCurve> roc = optional(ranking::rocCurve);
    Optional<PrecisionRecallCurve> pr = optional(ranking::precisionRecallCurve);
    Optional<ThresholdTable> table = weights == null ? Optional.of(ranking.thresholdTable()) : Optional.empty();
    Optional<ReliabilityCurve> reliability = Optional.of(calibration.curve());
    return new ClassificationEvaluation(classNames, labels.length, values, classMetrics, confusion, roc, pr,
        reliability, table, settings);
  }

  private static Interval wilson(Metric metric, BinaryKernel.Sums s, double level) {
    return switch (BuiltInMetric.of(metric)) {
      case ACCURACY -> wilson(s.ntp + s.ntn, s.rows(), level);
      case PREVALENCE -> wilson(s.ntp + s.nfn, s.rows(), level);
      case PRECISION -> wilson(s.ntp, s.ntp + s.nfp, level);
      case RECALL -> wilson(s.ntp, s.ntp + s.nfn, level);
      case SPECIFICITY -> wilson(s.ntn, s.ntn + s.nfp, level);
      case FPR -> wilson(s.nfp, s.nfp + s.ntn, level);
      case FNR -> wilson(s.nfn, s.nfn + s.ntp, level);
      default -> null;
    };
  }

  /** Wilson's interval of a proportion, or null when there are no trials. */
  private static Interval wilson(long successes, long trials, double level) {
    return trials == 0 ? null : ConfidenceIntervals.wilson(successes, trials, level);
  }

  /**
   * One binary metric from the sums of a pass.
   *
   * @param metric the metric
   * @param s the sums
   * @param beta F-beta's beta
   * @param calibration the calibration bins
   * @param multiplicity the bootstrap counts or null
   * @return the value
   * @throws IllegalArgumentException if undefined
   */
  static MetricValue binaryMetric(Metric metric, BinaryKernel.Sums s, double beta, Calibration calibration,
      int[] multiplicity) {
    long rows = s.rows();
    switch (BuiltInMetric.of(metric)) {
      case LOG_LOSS:
        return MetricValue.of(metric, requireDefined(metric, s.logLoss, "the total weight of the rows is 0"), rows);
      case BRIER:
        return MetricValue.of(metric, requireDefined(metric, s.brier, "the total weight of the rows is 0"), rows);
      case ROC_AUC:
        return MetricValue.of(metric, requireDefined(metric, s.auc,
            "only one class is present (positives " + (s.tp + s.fn) + ", negatives " + (s.fp + s.tn) + ")"), rows);
      case AVERAGE_PRECISION:
        return MetricValue.of(metric, requireDefined(metric, s.averagePrecision, "no positive label is present"),
            rows);
      case EXPECTED_CALIBRATION_ERROR:
      case MAXIMUM_CALIBRATION_ERROR:
        return calibration.metric(metric, multiplicity);
      default:
        return BinaryFormulas.compute(metric, s.tp, s.fp, s.tn, s.fn, beta, s.ntp, s.nfp, s.ntn, s.nfn);
    }
  }

  private static double requireDefined(Metric metric, double value, String reason) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException(metric.key() + " is undefined: " + reason);
    }
    return value;
  }

  /**
   * Evaluates a multiclass classifier (inputs already validated).
   *
   * @param labels class labels
   * @param probabilities probability rows
   * @param weights weights or null
   * @param classNames k names
   * @param settings the settings
   * @return the evaluation
   */
  public static ClassificationEvaluation multiclass(int[] labels, double[][] probabilities, double[] weights,
      List<String> classNames, EvaluationSettings settings) {
    MulticlassKernel kernel = new MulticlassKernel(labels, probabilities, weights, settings.topK());
    int k = kernel.classes();
    Calibration calibration = Calibration.of(kernel.topLabelCorrect(), kernel.topLabelConfidence(), weights,
        settings.calibrationBins(), settings.calibrationStrategy());
    MulticlassKernel.Sums full = kernel.compute(null);
    long rows = labels.length;

    Map<Metric, MetricValue> values = new LinkedHashMap<>();
    for (Metric metric : MULTICLASS_METRICS) {
      values.put(metric, safe(metric, rows, () -> kernel.metric(metric, full, calibration, null)));
    }
    boolean analytic = weights == null;
    double level = settings.confidenceLevel();
    List<Metric> needBootstrap = new ArrayList<>();
    for (Metric metric : MULTICLASS_METRICS) {
      MetricValue v = values.get(metric);
      if (!v.defined()) {
        continue;
      }
      if (analytic && metric == Metric.ACCURACY) {
        values.put(metric, v.withCi(ConfidenceIntervals.wilson(full.correct, full.rows, level)));
      } else if (analytic && metric == Metric.TOP_K_ACCURACY) {
        values.put(metric, v.withCi(ConfidenceIntervals.wilson(full.topKHits, full.rows, level)));
      } else {
        needBootstrap.add(metric);
      }
    }
    double[][][] classSamples = new double[k][PER_CLASS.size()][];
    int[][] classDefined = new int[k][PER_CLASS.size()];
    if (settings.bootstrapResamples() > 0) {
      int b = settings.bootstrapResamples();
      for (int c = 0; c < k; c++) {
        for (int q = 0; q < PER_CLASS.size(); q++) {
          classSamples[c][q] = new double[b];
        }
      }
      Bootstrap resampler = Bootstrap.stratified(labels, k, settings.seed());
      int[] multiplicity = new int[labels.length];
      double[][] samples = new double[needBootstrap.size()][b];
      int[] defined = new int[needBootstrap.size()];
      for (int r = 0; r < b; r++) {
        resampler.resample(multiplicity);
        MulticlassKernel.Sums s = kernel.compute(multiplicity);
        for (int q = 0; q < needBootstrap.size(); q++) {
          Metric metric = needBootstrap.get(q);
          double x = valueOrNaN(() -> kernel.metric(metric, s, calibration, multiplicity));
          if (!Double.isNaN(x)) {
            samples[q][defined[q]++] = x;
          }
        }
        for (int c = 0; c < k; c++) {
          for (int q = 0; q < PER_CLASS.size(); q++) {
            classSamples[c][q][classDefined[c][q]++] =
                MulticlassFormulas.perClassValue(PER_CLASS.get(q), s.cm, c, s.ncm).value();
          }
        }
      }
      for (int q = 0; q < needBootstrap.size(); q++) {
        if (defined[q] > 0) {
          Metric metric = needBootstrap.get(q);
          values.put(metric, values.get(metric).withCi(Bootstrap.percentileInterval(samples[q], defined[q], level)));
        }
      }
    }

    List<Map<Metric, MetricValue>> classMetrics = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      Map<Metric, MetricValue> perClass = new LinkedHashMap<>();
      for (Metric metric : PER_CLASS) {
        MetricValue v = MulticlassFormulas.perClassValue(metric, full.cm, c, full.ncm);
        if (analytic && metric != Metric.F1 && v.n() > 0) {
          v = v.withCi(ConfidenceIntervals.wilson(full.ncm[c][c], v.n(), level));
        }
        int q = PER_CLASS.indexOf(metric);
        if (v.ci() == null && classDefined[c][q] > 0) {
          v = v.withCi(Bootstrap.percentileInterval(classSamples[c][q], classDefined[c][q], level));
        }
        perClass.put(metric, v);
      }
      double auc = full.ovrAuc[c];
      final int cls = c;
      perClass.put(Metric.ROC_AUC, Double.isNaN(auc)
          ? MetricValue.undefined(Metric.ROC_AUC, rows, "class " + cls + (full.support[cls] == 0
              ? " has no labels" : " is the only class present"))
          : MetricValue.of(Metric.ROC_AUC, auc, rows));
      classMetrics.add(perClass);
    }
    ConfusionMatrix confusion = new ConfusionMatrix(full.ncm, classNames);
    return new ClassificationEvaluation(classNames, rows, values, classMetrics, confusion, Optional.empty(),
        Optional.empty(), Optional.of(calibration.curve()), Optional.empty(), settings);
  }

  /**
   * Runs a metric computation, turning "undefined" into an undefined value with the reason.
   *
   * @param metric the metric
   * @param rows the row count
   * @param compute the computation
   * @return the value, or undefined
   */
  static MetricValue safe(Metric metric, long rows, Supplier<MetricValue> compute) {
    try {
      MetricValue v = compute.get();
      return v.metric() == metric ? v
          : new MetricValue(metric, v.value(), v.ci(), v.n(), v.defined(), v.reason(), v.zeroDivision());
    } catch (IllegalArgumentException e) {
      return MetricValue.undefined(metric, rows, e.getMessage());
    }
  }

  private static double valueOrNaN(Supplier<MetricValue> compute) {
    try {
      return compute.get().value();
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  private static <T> Optional<T> optional(Supplier<T> compute) {
    try {
      return Optional.of(compute.get());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
