package dev.mlops.core.retraining;

import dev.mlops.core.serving.PredictionResult;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;

/** The built-in {@link RetrainPolicy} implementations that hold state or combine others. */
final class Policies {

  private Policies() {}

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /**
   * A realised drop, significant against the reference (see {@link RetrainPolicy#realisedPerformance}).
   * Scans trailing windows of {@code labels}, {@code labels/2}, {@code labels/4} and {@code labels/8}
   * labels (those of at least 20) every {@code labels/8} labels, so that a large drop is acted on
   * after a few dozen labels and a small one after {@code labels}; the window with the largest
   * z-score locates the change ({@link Firing#changeRows()}).
   */
  static final class RealisedPerformance implements RetrainPolicy {
    private static final int MIN_WINDOW = 20;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    private final PerformanceMeasure measure;
    private final int labels;
    private final double alpha;
    private final double minRelativeDrop;
    private final int[] windows;
    /** Whether a firing waits for fresh labels to confirm it (see {@link RetrainPolicy#realisedPerformanceConfirmed}). */
    private final boolean confirming;
    private final double confirmAlpha;
    /** A firing waiting for its confirmation on fresh labels; null if none. Guarded by this. */
    private Pending pending;
    /** The champion label count up to which rows fired an unconfirmed test (not tested again), 0 if none. */
    private long clearedAt;
    private Instant clearedFor;
    /** Firings cleared for want of confirmation, until drained. Guarded by this. */
    private final List<Firing> unconfirmed = new ArrayList<>();

    RealisedPerformance(PerformanceMeasure measure, int labels, double alpha, double minRelativeDrop) {
      this(measure, labels, alpha, minRelativeDrop, false, RetrainPolicy.CONFIRM_ALPHA);
    }

    RealisedPerformance(PerformanceMeasure measure, int labels, double alpha, double minRelativeDrop,
        boolean confirming, double confirmAlpha) {
      this.measure = measure;
      this.labels = labels;
      this.alpha = alpha;
      this.minRelativeDrop = minRelativeDrop;
      this.confirming = confirming;
      this.confirmAlpha = confirmAlpha;
      List<Integer> w = new ArrayList<>();
      for (int m = labels, k = 0; k < 4 && m >= MIN_WINDOW; k++, m = labels >> k) {
        w.add(m);
      }
      this.windows = w.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A test that fired at champion label count {@code at}, for the champion deployed or retrained at {@code since}. */
    private record Pending(long at, Instant since, Scan scan) {}

    @Override
    public synchronized Optional<Firing> evaluate(PolicyState s) {
      int step = windows[windows.length - 1];
      if (s.championLabelCount() < step || s.championLabelCount() % step != 0 || s.reference() == null
          || !s.reference().metric().equals(measure.name()) || Double.isNaN(s.reference().value())) {
        return Optional.empty();
      }
      if (pending != null && (!pending.since.equals(s.lastRetrain()) || s.championLabelCount() <= pending.at)) {
        pending = null;
      }
      if (clearedFor != null && (!clearedFor.equals(s.lastRetrain()) || s.championLabelCount() <= clearedAt)) {
        clearedAt = 0;
        clearedFor = null;
      }
      if (pending != null) {
        // a look at every check; the last once as many fresh labels as the window that fired
        boolean last = s.championLabelCount() - pending.at >= Math.max(step, pending.scan.labels / step * step);
        return confirm(s, last);
      }
      double reference = s.reference().value();
      double[] y = s.labels();
      List<PredictionResult> predictions = s.predictions();
      long usable = Math.min(s.championLabelCount() - clearedAt, y.length);
      List<PolicyState.ClassRecall> classes = s.reference().byClass();
      Scan best = null;
      for (int m : windows) {
        if (m > usable) {
          continue;
        }
        double[] yy = Arrays.copyOfRange(y, y.length - m, y.length);
        List<PredictionResult> pp = predictions.subList(y.length - m, y.length);
        best = better(best, scan(reference, s.reference().rows(), yy, pp, minRelativeDrop));
        for (PolicyState.ClassRecall c : classes) {
          best = better(best, scanRecall(c, yy, pp, MIN_WINDOW, minRelativeDrop));
        }
      }
      // Bonferroni over the tests of a check (each window; the measure and each class's recall):
      // every check is a test at level alpha.
      double level = alpha / tests(s);
      if (best == null || !(best.p < level)) {
        return Optional.empty();
      }
      if (confirming) {
        pending = new Pending(s.championLabelCount(), s.lastRetrain(), best);
        return Optional.empty();
      }
      return Optional.of(firing(s, best, Map.of()));
    }

    /**
     * A look at the pending firing on the labels that came after it: fires if the same metric (the
     * measure, or the recall of the same class) is below the reference with a one-sided p-value under
     * {@code confirmAlpha}; otherwise waits, or at the {@code last} look clears the firing (recorded in
     * {@link #drainUnconfirmed}).
     */
    private Optional<Firing> confirm(PolicyState s, boolean last) {
      Pending p = pending;
      double[] y = s.labels();
      int fresh = (int) Math.min(Math.min(s.championLabelCount() - p.at, y.length), Integer.MAX_VALUE);
      double[] yy = Arrays.copyOfRange(y, y.length - fresh, y.length);
      List<PredictionResult> pp = s.predictions().subList(y.length - fresh, y.length);
      Scan check = null;
      if (p.scan.classLabel < 0) {
        check = scan(p.scan.reference, s.reference().rows(), yy, pp, 0);
      } else {
        for (PolicyState.ClassRecall c : s.reference().byClass()) {
          if (c.label() == p.scan.classLabel) {
            check = scanRecall(c, yy, pp, 1, 0);
          }
        }
      }
      boolean confirmed = check != null && check.p < confirmAlpha;
      if (!confirmed && !last) {
        return Optional.empty(); // not confirmed yet: look again at the next check
      }
      pending = null;
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put("confirm_labels", Integer.toString(fresh));
      extra.put("confirm_realised", check == null ? "no drop" : num(check.value));
      extra.put("confirm_p_value", check == null ? "1" : num(check.p));
      extra.put("confirm_alpha", num(confirmAlpha));
      Firing f = firing(s, p.scan, extra);
      if (confirmed) {
        return Optional.of(new Firing(f.trigger(), f.reason() + "; confirmed on the " + fresh + " labels after it ("
            + extra.get("confirm_realised") + ", p = " + extra.get("confirm_p_value") + " < " + num(confirmAlpha) + ")",
            f.evidence(), p.scan.labels + fresh));
      }
      unconfirmed.add(new Firing(f.trigger(), f.reason() + "; not confirmed on the " + fresh + " labels after it ("
          + extra.get("confirm_realised") + ", p = " + extra.get("confirm_p_value") + ", needed < " + num(confirmAlpha)
          + "): cleared", f.evidence(), p.scan.labels));
      clearedAt = p.at;
      clearedFor = p.since;
      return Optional.empty();
    }

    @Override
    public synchronized List<Firing> drainUnconfirmed() {
      List<Firing> out = List.copyOf(unconfirmed);
      unconfirmed.clear();
      return out;
    }

    /** The tests of one check, for the Bonferroni level: each window x the measure and each class's recall. */
    private int tests(PolicyState s) {
      return windows.length * (1 + s.reference().byClass().size());
    }

    private Firing firing(PolicyState s, Scan best, Map<String, String> extra) {
      List<PolicyState.ClassRecall> classes = s.reference().byClass();
      int tests = tests(s);
      double level = alpha / tests;
      String what = best.classLabel < 0 ? measure.name() : "recall of class " + best.classLabel;
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("metric", measure.name());
      if (best.classLabel >= 0) {
        evidence.put("class", Integer.toString(best.classLabel));
        evidence.put("class_rows", Integer.toString(best.rows));
      }
      evidence.put("tested", what);
      evidence.put("realised", num(best.value));
      evidence.put("reference", num(best.reference));
      evidence.put("reference_source", s.reference().source());
      evidence.put("labels", Integer.toString(best.labels));
      evidence.put("windows_scanned", Arrays.toString(windows));
      evidence.put("p_value", num(best.p));
      evidence.put("alpha", num(alpha));
      evidence.put("test", "one-sided z-test, standard error by bootstrap (" + RetrainPolicy.BOOTSTRAP_RESAMPLES
          + " resamples)" + (s.reference().rows() > 0 ? " and the reference's " + s.reference().rows() + " rows" : "")
          + (classes.isEmpty() ? "" : "; each class's recall: binomial standard errors of the window and the reference")
          + ", Bonferroni over " + tests + " tests (" + windows.length + " windows"
          + (classes.isEmpty() ? ")" : " x the measure and " + classes.size() + " class recalls)"));
      evidence.putAll(extra);
      return new Firing(Trigger.PERFORMANCE, String.format(Locale.ROOT,
          "realised %s %.6g over the last %d labels%s is significantly worse than the reference %.6g (%s): "
              + "drop %.4g (> %.0f%%), p = %.3g < %.3g (%.3g over %d tests)", what, best.value, best.labels,
          best.classLabel < 0 ? "" : " (" + best.rows + " of that class)", best.reference, s.reference().source(),
          best.drop, 100 * minRelativeDrop, best.p, level, alpha, tests), evidence, best.labels);
    }

    /**
     * A test's outcome: over the last {@code labels} labels ({@code rows} of them tested: all, or
     * those of class {@code classLabel}; -1 for the measure itself).
     */
    private record Scan(int labels, int rows, int classLabel, double value, double reference, double drop, double z,
        double p) {}

    private static Scan better(Scan best, Scan scan) {
      return scan != null && (best == null || scan.z > best.z) ? scan : best;
    }

    /**
     * The drop of one class's recall over the last {@code yy.length} labels against its held-out
     * recall: a moved decision boundary costs the class on its far side, while the other class
     * dilutes the drop in accuracy. Null if fewer than 20 rows of the class or no counting drop.
     */
    private static Scan scanRecall(PolicyState.ClassRecall c, double[] yy, List<PredictionResult> pp, int minRows,
        double minRelativeDrop) {
      PolicyState.ClassRecall now = PolicyState.ClassRecall.on(c.label(), yy, pp);
      if (now == null || now.rows() < minRows) {
        return null;
      }
      int rows = (int) now.rows();
      double value = now.recall();
      double drop = c.recall() - value;
      if (!(drop > minRelativeDrop * c.recall()) || !(drop > 0)) {
        return null;
      }
      double variance = value * (1 - value) / rows + c.recall() * (1 - c.recall()) / c.rows();
      double z = variance > 0 ? drop / Math.sqrt(variance) : Double.POSITIVE_INFINITY;
      double p = variance > 0 ? 1 - NORMAL.cumulativeProbability(z) : 0;
      return new Scan(yy.length, rows, c.label(), value, c.recall(), drop, z, p);
    }

    /** The drop of the last {@code yy.length} labels and its one-sided p-value, null if too small to count. */
    private Scan scan(double reference, long referenceRows, double[] yy, List<PredictionResult> pp,
        double minRelativeDrop) {
      int m = yy.length;
      double value = measure.measure(yy, pp);
      double drop = measure.greaterIsBetter() ? reference - value : value - reference;
      if (Double.isNaN(value) || !(drop > minRelativeDrop * Math.abs(reference)) || !(drop > 0)) {
        return null;
      }
      SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(value) ^ m);
      double[] by = new double[m];
      List<PredictionResult> bp = new ArrayList<>(m);
      double sum = 0;
      double sumSq = 0;
      int valid = 0;
      for (int b = 0; b < RetrainPolicy.BOOTSTRAP_RESAMPLES; b++) {
        bp.clear();
        for (int i = 0; i < m; i++) {
          int k = random.nextInt(m);
          by[i] = yy[k];
          bp.add(pp.get(k));
        }
        double v = measure.measure(by, bp);
        if (!Double.isNaN(v)) {
          sum += v;
          sumSq += v * v;
          valid++;
        }
      }
      if (valid < 2) {
        return null;
      }
      double mean = sum / valid;
      double variance = Math.max(0, (sumSq - valid * mean * mean) / (valid - 1));
      // The reference is an estimate too (on its held-out rows): its variance, scaled from the
      // window's by the row counts, keeps a lucky small holdout from making every window a drop.
      double total = variance * (1 + (referenceRows > 0 ? (double) m / referenceRows : 0));
      double z = total > 0 ? drop / Math.sqrt(total) : Double.POSITIVE_INFINITY;
      double p = total > 0 ? 1 - NORMAL.cumulativeProbability(z) : 0;
      return new Scan(m, m, -1, value, reference, drop, z, p);
    }

    @Override
    public int labelBlock() {
      return windows[windows.length - 1];
    }

    @Override
    public int labelsNeeded() {
      return labels;
    }
  }

  /** A policy asked at every label that keeps none of the champion's labelled predictions (volume, window growth). */
  @FunctionalInterface
  interface EveryLabel extends RetrainPolicy {
    @Override
    default int labelBlock() {
      return 1;
    }

    @Override
    default int labelsNeeded() {
      return 0;
    }
  }

  /** See {@link RetrainPolicy#windowGrowth}. */
  static final class WindowGrowth implements EveryLabel {
    private final double factor;

    WindowGrowth(double factor) {
      this.factor = factor;
    }

    @Override
    public Optional<Firing> evaluate(PolicyState s) {
      PolicyState.ChampionFit fit = s.fit();
      int concept = fit == null ? 0 : fit.conceptRows();
      if (concept == 0 || s.championLabelCount() < Math.ceil(factor * concept)) {
        return Optional.empty();
      }
      long since = s.championLabelCount();
      int change = (int) Math.min(Integer.MAX_VALUE, concept + since);
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("concept_rows", Integer.toString(concept));
      evidence.put("training_rows", Integer.toString(fit.trainingRows()));
      evidence.put("available_rows", Integer.toString(fit.availableRows()));
      evidence.put("labels_since", Long.toString(since));
      evidence.put("factor", num(factor));
      return Optional.of(new Firing(Trigger.WINDOW_GROWTH, String.format(Locale.ROOT,
          "the champion was fitted with %d rows of its concept (%s; %d of %d rows in its window) and %d rows were "
              + "labelled since (>= %.3g x): retrain with the grown concept", concept,
          fit.changeRows() > 0 ? "after a located change" : "a short window: older rows judged harmful",
          fit.trainingRows(), fit.availableRows(), since, factor), evidence, change));
    }
  }

  /** anyOf / allOf. */
  static final class Combined implements RetrainPolicy {
    private final List<RetrainPolicy> policies;
    private final boolean all;

    Combined(List<RetrainPolicy> policies, boolean all) {
      this.policies = policies;
      this.all = all;
    }

    @Override
    public Optional<Firing> evaluate(PolicyState s) {
      List<Firing> fired = new ArrayList<>();
      for (RetrainPolicy p : policies) {
        Optional<Firing> f = p.evaluate(s);
        if (f.isPresent() && !all) {
          return f;
        }
        if (f.isEmpty() && all) {
          return Optional.empty();
        }
        f.ifPresent(fired::add);
      }
      if (fired.isEmpty()) {
        return Optional.empty();
      }
      Map<String, String> evidence = new LinkedHashMap<>();
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < fired.size(); i++) {
        Firing f = fired.get(i);
        reasons.add(f.trigger() + ": " + f.reason());
        int k = i;
        f.evidence().forEach((key, v) -> evidence.put(k + "." + key, v));
      }
      int change = fired.stream().mapToInt(Firing::changeRows).max().orElse(0);
      return Optional.of(new Firing(fired.get(0).trigger(), "all of: " + String.join("; ", reasons), evidence, change));
    }

    @Override
    public List<Firing> drainUnconfirmed() {
      List<Firing> out = new ArrayList<>();
      policies.forEach(p -> out.addAll(p.drainUnconfirmed()));
      return out;
    }

    @Override
    public int labelBlock() {
      return policies.stream().mapToInt(RetrainPolicy::labelBlock).filter(b -> b > 0).min().orElse(0);
    }

    @Override
    public int labelsNeeded() {
      return policies.stream().mapToInt(RetrainPolicy::labelsNeeded).max().orElse(0);
    }
  }
}
