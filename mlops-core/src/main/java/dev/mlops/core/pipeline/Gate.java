package dev.mlops.core.pipeline;

import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricData;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.ModelComparison;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.modeltest.ExpectationResult;
import dev.mlops.metrics.modeltest.MetricThreshold;
import dev.mlops.metrics.modeltest.ModelTestReport;
import dev.mlops.metrics.modeltest.ThresholdCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Decides PROMOTE or REJECT for a run's model: every ModelTest expectation must pass (warnings
 * do not reject), and, when a champion is passed to the run, every metric threshold must hold
 * against the champion evaluated on the same held-out rows (MLflow-style: absolute bound, minimum
 * absolute and relative improvement), plus, if configured, a significance test of the difference
 * (McNemar for accuracy, DeLong for binary ROC AUC, a paired bootstrap otherwise). Without a
 * champion the absolute expectations and bounds decide.
 *
 * <pre>{@code
 * Gate gate = Gate.againstChampion()
 *     .minRelativeImprovement(Metric.RMSE, 0.01)   // at least 1% lower RMSE than the champion
 *     .significance(0.05);                          // and a paired bootstrap p-value below 0.05
 * }</pre>
 *
 * <p>Without thresholds, {@code againstChampion()} requires the candidate to be at least as good as
 * the champion on the primary metric (RMSE for regression, ROC AUC for two classes, accuracy for
 * more). Immutable and thread-safe.
 */
public final class Gate {

  /** Resamples of the paired bootstrap significance test. */
  public static final int BOOTSTRAP_RESAMPLES = 1000;

  private final List<MetricThreshold> thresholds;
  private final double alpha;
  private final boolean compareWithChampion;

  private Gate(List<MetricThreshold> thresholds, double alpha, boolean compareWithChampion) {
    this.thresholds = List.copyOf(thresholds);
    this.alpha = alpha;
    this.compareWithChampion = compareWithChampion;
  }

  /**
   * Only the ModelTest expectations decide (a champion passed to the run is ignored).
   *
   * @return the gate
   */
  public static Gate expectationsOnly() {
    return new Gate(List.of(), Double.NaN, false);
  }

  /**
   * Expectations plus comparison with the champion passed to the run (if any).
   *
   * @return the gate
   */
  public static Gate againstChampion() {
    return new Gate(List.of(), Double.NaN, true);
  }

  /**
   * Adds an MLflow-style threshold.
   *
   * @param threshold the threshold
   * @return a new gate
   */
  public Gate threshold(MetricThreshold threshold) {
    Objects.requireNonNull(threshold, "threshold");
    List<MetricThreshold> l = new ArrayList<>(thresholds);
    l.add(threshold);
    return new Gate(l, alpha, compareWithChampion);
  }

  /**
   * Requires an improvement over the champion of at least {@code delta} in the metric's unit.
   *
   * @param metric the metric
   * @param delta not negative
   * @return a new gate
   */
  public Gate minAbsoluteImprovement(Metric metric, double delta) {
    return threshold(MetricThreshold.of(metric).withMinAbsoluteChange(delta));
  }

  /**
   * Requires an improvement over the champion of at least {@code fraction} of its value.
   *
   * @param metric the metric
   * @param fraction in [0, 1]
   * @return a new gate
   */
  public Gate minRelativeImprovement(Metric metric, double fraction) {
    return threshold(MetricThreshold.of(metric).withMinRelativeChange(fraction));
  }

  /**
   * Also requires the difference from the champion to be significant at level {@code alpha}.
   *
   * @param alpha in (0, 1)
   * @return a new gate
   */
  public Gate significance(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("significance level must be in (0, 1): " + alpha);
    }
    return new Gate(thresholds, alpha, compareWithChampion);
  }

  /**
   * A description for the definition fingerprint.
   *
   * @return the text
   */
  public String describe() {
    return "gate(champion=" + compareWithChampion + ", thresholds=" + thresholds + ", alpha=" + alpha + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** What the gate needs about the held-out rows. */
  record HeldOut(
      List<Map<String, Object>> rows, double[] actual, int[] labels, int classes,
      double[] predictions, double[][] probabilities) {}

  GateDecision decide(ModelTestReport report, TrainedModel champion, HeldOut heldOut, long seed) {
    return decide(report, champion, heldOut, seed, null);
  }

  /** Decides; {@code primary} (if not null) replaces the primary metric of a gate without thresholds. */
  GateDecision decide(ModelTestReport report, TrainedModel champion, HeldOut heldOut, long seed, Metric primary) {
    List<GateCheck> checks = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<ChampionComparison> comparisons = new ArrayList<>();
    for (ExpectationResult e : report.expectations()) {
      boolean ok = !e.failed();
      checks.add(new GateCheck("expectation " + e.name(), ok, e.status() + ": " + e.reason()));
      if (!ok) {
        reasons.add("expectation failed: " + e.name() + " (" + e.reason() + ")");
      }
    }
    Evaluation candidateEval = report.evaluation().orElse(null);
    boolean compared = false;
    List<MetricThreshold> active = new ArrayList<>(thresholds);
    if (compareWithChampion && champion != null && active.isEmpty()) {
      active.add(MetricThreshold.of(primary != null ? primary : primaryMetric(heldOut)).withMinAbsoluteChange(0));
    }
    Evaluation championEval = null;
    boolean championFailed = false;
    double[] champPred = null;
    double[][] champProba = null;
    if (compareWithChampion && champion != null) {
      try {
        if (heldOut.probabilities() != null) {
          if (!(champion instanceof TrainedClassifier classifier)) {
            throw new IllegalArgumentException("champion must be a classifier like the candidate: " + champion);
          }
          champProba = new double[heldOut.rows().size()][];
          for (int i = 0; i < champProba.length; i++) {
            champProba[i] = classifier.probabilities(heldOut.rows().get(i));
          }
          if (champProba.length > 0 && champProba[0].length != heldOut.classes()) {
            throw new IllegalArgumentException("champion has " + champProba[0].length + " classes, candidate "
                + heldOut.classes());
          }
          championEval = classification(heldOut.labels(), champProba);
        } else {
          if (!(champion instanceof TrainedRegressor regressor)) {
            throw new IllegalArgumentException("champion must be a regressor like the candidate: " + champion);
          }
          champPred = new double[heldOut.rows().size()];
          for (int i = 0; i < champPred.length; i++) {
            champPred[i] = regressor.predict(heldOut.rows().get(i));
          }
          championEval = RegressionEvaluation.of(heldOut.actual(), champPred);
        }
        compared = true;
      } catch (RuntimeException e) {
        // Never a pass: without the champion's values there is no evidence the candidate is better.
        String why = "champion could not score the " + heldOut.rows().size() + " held-out rows (" + e
            + "): no comparison, the candidate is not promoted";
        checks.add(new GateCheck("champion scores the held-out rows", false, why));
        reasons.add(why);
        championFailed = true;
        championEval = null;
      }
    }
    for (MetricThreshold t : active) {
      if (candidateEval == null) {
        checks.add(new GateCheck("threshold " + t, false, "no evaluation: the model predicted no held-out row"));
        reasons.add("no evaluation for threshold " + t);
        continue;
      }
      double cand = value(candidateEval, t.metric(), () -> data(heldOut, heldOut.probabilities(), heldOut.predictions()));
      double[][] cp = champProba;
      double[] cv = champPred;
      OptionalDouble base = championEval == null ? OptionalDouble.empty()
          : OptionalDouble.of(value(championEval, t.metric(), () -> data(heldOut, cp, cv)));
      ThresholdCheck c = t.check(cand, base);
      // The paired test runs whether or not significance is required: the reasons and the decision's
      // comparison table show the difference's interval and p-value either way.
      ComparisonResult paired = base.isPresent() ? pairedComparison(t.metric(), heldOut, champPred, champProba, seed) : null;
      String evidence = paired != null ? " (" + evidence(paired) + ")" : base.isPresent()
          ? String.format(Locale.ROOT, " (%s: candidate %.6g, champion %.6g; no paired test)", t.metric().key(), cand,
              base.getAsDouble()) : "";
      checks.add(new GateCheck("threshold " + t.metric().key()
          + (base.isPresent() ? " vs champion" : ""), c.passed(), c.reason() + evidence));
      if (!c.passed()) {
        reasons.add(t.metric().key() + " threshold not met: " + String.join("; ", c.violations()) + evidence);
      }
      if (base.isPresent()) {
        ComparisonResult r = paired;
        boolean significant = Double.isNaN(alpha) || r == null
            || ((t.metric().greaterIsBetter() ? r.difference() > 0 : r.difference() < 0) && r.pValue() < alpha);
        comparisons.add(ChampionComparison.of(t.metric(), base.getAsDouble(), cand, r, c.passed() && significant));
      }
      if (!Double.isNaN(alpha) && base.isPresent()) {
        ComparisonResult r = paired != null ? paired : significance(t.metric(), heldOut, champPred, champProba, seed);
        boolean better = t.metric().greaterIsBetter() ? r.difference() > 0 : r.difference() < 0;
        boolean ok = better && r.pValue() < alpha;
        String detail = evidence(r) + String.format(Locale.ROOT, " (alpha %.3g)", alpha);
        checks.add(new GateCheck("significance " + r.metric().key() + " vs champion", ok, detail));
        if (!ok) {
          reasons.add("improvement over the champion not significant: " + detail);
        }
      }
    }
    boolean promote = reasons.isEmpty();
    if (promote) {
      reasons.add(compared ? "passed every expectation and beat the champion on every threshold"
          : "passed every expectation" + (compareWithChampion && champion == null ? " (no champion yet)" : ""));
    }
    GateDecision.Decision decision = promote ? GateDecision.Decision.PROMOTE
        : championFailed && reasons.size() == 1 ? GateDecision.Decision.INCONCLUSIVE : GateDecision.Decision.REJECT;
    return new GateDecision(decision, reasons, checks, compared, comparisons);
  }

  /** The comparison's evidence in words: metric, both values, difference, its interval and p-value. */
  static String evidence(ComparisonResult r) {
    return String.format(Locale.ROOT, "%s: candidate %.6g, champion %.6g, difference %+.6g, %.0f%% interval [%.6g, %.6g], "
            + "%s by %s on %d rows",
        r.metric().key(), r.candidate(), r.baseline(), r.difference(), 100 * r.differenceCi().level(),
        r.differenceCi().lower(), r.differenceCi().upper(), r.pValueText(), r.test(), r.n());
  }

  /**
   * A threshold's metric on one model: read from its evaluation, or, for a user-defined metric the
   * evaluation did not compute, computed on the held-out rows (NaN when undefined there).
   */
  private static double value(Evaluation e, Metric m, Supplier<MetricData> data) {
    if (!m.isBuiltIn() && !e.has(m)) {
      return m.evaluate(data.get()).value();
    }
    try {
      return e.value(m);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("gate metric must be computed by the evaluation: " + m.key(), ex);
    }
  }

  /** One model's held-out predictions as metric data (binary: P(class 1) at threshold 0.5). */
  static MetricData data(HeldOut h, double[][] probabilities, double[] predictions) {
    if (probabilities == null) {
      return MetricData.regression(h.actual(), predictions);
    }
    return probabilities.length > 0 && probabilities[0].length == 2
        ? MetricData.binary(h.labels(), column1(probabilities))
        : MetricData.multiclass(h.labels(), probabilities);
  }

  private static Metric primaryMetric(HeldOut h) {
    if (h.probabilities() == null) {
      return Metric.RMSE;
    }
    return h.classes() == 2 ? Metric.ROC_AUC : Metric.ACCURACY;
  }

  static Evaluation classification(int[] labels, double[][] proba) {
    if (proba.length > 0 && proba[0].length == 2) {
      double[] s = new double[proba.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = proba[i][1];
      }
      return ClassificationEvaluation.binary(labels, s).evaluate();
    }
    return ClassificationEvaluation.multiclass(labels, proba).evaluate();
  }

  /** The paired comparison for the decision's table; null when the metric has no paired test here. */
  private ComparisonResult pairedComparison(Metric m, HeldOut h, double[] champPred, double[][] champProba, long seed) {
    try {
      return significance(m, h, champPred, champProba, seed);
    } catch (RuntimeException e) {
      return null; // e.g. a metric undefined on a resample: the table shows both values without a test
    }
  }

  private ComparisonResult significance(Metric m, HeldOut h, double[] champPred, double[][] champProba, long seed) {
    if (m.kind() == MetricKind.REGRESSION || h.probabilities() == null) {
      return ModelComparison.pairedBootstrap(m, h.actual(), h.predictions(), champPred, BOOTSTRAP_RESAMPLES, seed);
    }
    int[] candClass = argmax(h.probabilities());
    int[] champClass = argmax(champProba);
    if (m == Metric.ACCURACY) {
      return ModelComparison.mcnemar(h.labels(), candClass, champClass);
    }
    if (h.classes() == 2) {
      double[] cs = column1(h.probabilities());
      double[] bs = column1(champProba);
      if (m == Metric.ROC_AUC) {
        return ModelComparison.delong(h.labels(), cs, bs);
      }
      return ModelComparison.pairedBootstrap(m, h.labels(), cs, bs, BOOTSTRAP_RESAMPLES, seed);
    }
    return ModelComparison.pairedBootstrap(m, h.labels(), h.probabilities(), champProba, BOOTSTRAP_RESAMPLES, seed);
  }

  private static double[] column1(double[][] p) {
    double[] s = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      s[i] = p[i][1];
    }
    return s;
  }

  static int[] argmax(double[][] p) {
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int k = 1; k < p[i].length; k++) {
        if (p[i][k] > p[i][best]) {
          best = k;
        }
      }
      out[i] = best;
    }
    return out;
  }
}
