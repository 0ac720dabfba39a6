package dev.mlops.core.retraining;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When the loop retrains: one type for every trigger, combinable with {@link #anyOf} and {@link
 * #allOf}. The loop asks its policy when labels arrive (every {@link #labelBlock()} labels of the
 * champion), when a monitoring window closes and on every {@link ContinuousTraining#tick()}; a
 * firing carries its evidence, which the loop records in its events and in the candidate's metadata.
 *
 * <pre>{@code
 * RetrainPolicy policy = RetrainPolicy.anyOf(
 *     RetrainPolicy.realisedPerformance(PerformanceMeasure.of(Metric.RMSE), 168),  // a significant drop
 *     RetrainPolicy.drift(3),                                                      // 3 drifted windows in a row
 *     RetrainPolicy.schedule(Duration.ofDays(30)));
 * }</pre>
 *
 * <p>Implementations must be thread-safe (the built-in ones are immutable).
 */
@FunctionalInterface
public interface RetrainPolicy {

  /** Resamples of the realised-performance bootstrap test. */
  int BOOTSTRAP_RESAMPLES = 400;

  /**
   * Decides whether to retrain now.
   *
   * @param state what the loop knows now
   * @return a firing with its evidence, or empty
   */
  Optional<Firing> evaluate(PolicyState state);

  /**
   * How often (in labels of the champion) the policy acts on labels; any positive value makes the
   * loop ask at every label (0: the policy does not look at labels; window closes and ticks still ask).
   *
   * @return the block size, 0 if none
   */
  default int labelBlock() {
    return 0;
  }

  /**
   * How many of the champion's last labelled predictions the policy needs to see.
   *
   * @return the count, 0 if none
   */
  default int labelsNeeded() {
    return labelBlock();
  }

  /**
   * Returns and forgets the firings this policy cleared since the last call because fresh labels did
   * not confirm them ({@link #realisedPerformanceConfirmed}); the
   * loop records each as a {@link LoopEvent.Type#UNCONFIRMED} event.
   *
   * @return the cleared firings, oldest first; empty by default
   */
  default List<Firing> drainUnconfirmed() {
    return List.of();
  }

  /**
   * Retrains when the champion's realised metric over its last labelled predictions is significantly
   * worse than its reference performance (its held-out evaluation): every {@code labels/8} labels,
   * the trailing windows of {@code labels}, {@code labels/2}, {@code labels/4} and {@code labels/8}
   * labels (those of at least 20) are each tested with a one-sided z-test of "realised no worse than
   * reference" (standard error by bootstrap, plus the reference's own sampling error scaled by its
   * held-out rows), Bonferroni-corrected over the windows at level 0.01, and the drop must exceed 5%
   * of the reference. A large drop is thus acted on after a few dozen labels, a small one after
   * {@code labels}; the most significant window locates the change ({@link Firing#changeRows()}),
   * which the retrainer holds out and offers as a training window. For a binary classifier measured
   * by accuracy whose reference carries per-class recalls ({@link PolicyState.ClassRecall}, read from
   * the run record's {@code recall} and {@code specificity}), each window also tests each class's
   * recall against its held-out recall (binomial standard errors, same minimum drop), and the
   * Bonferroni correction covers every test of the check: a moved decision boundary costs the class
   * on its far side, a drop that the other class dilutes in accuracy. A reference measured on fewer
   * held-out rows than {@code labels} (a champion gated on a small holdout right after a change) is
   * replaced, by the loop, with the champion's measure on its own first {@code labels} labelled rows in
   * service once they exist: a holdout from an unusual period then neither hides later drops nor makes
   * ordinary windows look like drops (the reference's source says so).
   *
   * @param measure the metric (a built-in or user-defined {@code Metric} through {@link PerformanceMeasure#of})
   * @param labels the longest window of labels tested; at least 20
   * @return the policy
   */
  static RetrainPolicy realisedPerformance(PerformanceMeasure measure, int labels) {
    return realisedPerformance(measure, labels, 0.01, 0.05);
  }

  /**
   * Retrains on a significant drop of realised performance, as {@link #realisedPerformance(PerformanceMeasure, int)}.
   *
   * @param measure the metric
   * @param labels the longest window of labels tested, at least 20
   * @param alpha the test's level at each check (over all its windows), in (0, 1)
   * @param minRelativeDrop the smallest drop that counts, as a fraction of the reference value, in [0, 1)
   * @return the policy
   * @throws IllegalArgumentException if an argument is out of range
   */
  static RetrainPolicy realisedPerformance(PerformanceMeasure measure, int labels, double alpha, double minRelativeDrop) {
    Objects.requireNonNull(measure, "performance measure must not be null");
    if (labels < 20) {
      throw new IllegalArgumentException("realised performance labels must be at least 20: " + labels);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("realised performance alpha must be in (0, 1): " + alpha);
    }
    if (!(minRelativeDrop >= 0 && minRelativeDrop < 1)) {
      throw new IllegalArgumentException("realised performance min relative drop must be in [0, 1): " + minRelativeDrop);
    }
    return new Policies.RealisedPerformance(measure, labels, alpha, minRelativeDrop, false, CONFIRM_ALPHA);
  }

  /**
   * The default one-sided level at which fresh labels confirm a realised-performance firing
   * ({@link #realisedPerformanceConfirmed}).
   */
  double CONFIRM_ALPHA = 0.05;

  /**
   * Retrains on a significant drop of realised performance, as {@link #realisedPerformance(PerformanceMeasure, int,
   * double, double)}, but only once fresh labels confirm it. When the test fires, the policy keeps
   * looking at the labels that come after it, at each of its checks, up to as many as the window
   * that fired (rounded down to the check step of {@code labels/8}): it fires at the first look where
   * the same metric (the measure, or the recall of the same class) on those fresh labels alone is
   * below the reference (one-sided test at {@code confirmAlpha}: the trigger's z-test without its
   * minimum drop), locating the change at the rows that fired plus the fresh ones; it clears the
   * firing if no look confirms it. A cleared firing is recorded (see {@link #drainUnconfirmed()}) and
   * the rows that fired it are not tested again.
   *
   * <p>Why: the test is sequential (a check every {@code labels/8} labels, each at level {@code alpha}),
   * so over a long-lived champion on a stationary stream it eventually fires by chance, and a
   * retrain after a false alarm fits and gates on the very rows where the champion did worst. A real
   * drop persists on the fresh labels (a strong one is confirmed at the first look, {@code labels/8}
   * labels later); a chance run does not. Measured in docs/benchmarks.md, issue 15, "Eighth session:
   * stationary". Thread-safe (the pending firing is guarded).
   *
   * @param measure the metric
   * @param labels the longest window of labels tested, at least 20
   * @param alpha the test's level at each check (over all its windows), in (0, 1)
   * @param minRelativeDrop the smallest drop that counts, as a fraction of the reference value, in [0, 1)
   * @param confirmAlpha the one-sided level of each confirming look, in (0, 1); {@link #CONFIRM_ALPHA} by default
   * @return the policy
   * @throws IllegalArgumentException if an argument is out of range
   */
  static RetrainPolicy realisedPerformanceConfirmed(PerformanceMeasure measure, int labels, double alpha,
      double minRelativeDrop, double confirmAlpha) {
    realisedPerformance(measure, labels, alpha, minRelativeDrop);
    if (!(confirmAlpha > 0 && confirmAlpha < 1)) {
      throw new IllegalArgumentException("realised performance confirm alpha must be in (0, 1): " + confirmAlpha);
    }
    return new Policies.RealisedPerformance(measure, labels, alpha, minRelativeDrop, true, confirmAlpha);
  }


  /**
   * Retrains a champion fitted with few rows of a new concept ({@link PolicyState.ChampionFit#conceptRows()}:
   * the rows after the change its trigger located, or its training window when the backtest chose
   * fewer than half of the rows) each time the rows labelled since its deployment (or the last
   * retrain) reach {@code factor} times those: right after a change the candidate knows only a few
   * rows of the new concept, and this lets them grow geometrically while the concept lasts (a
   * bounded number of retrains: the policy stops once the concept's rows are half of the store;
   * after a retrain that was not promoted, the next waits for {@code factor} times the grown
   * concept, see {@link PolicyState.ChampionFit#grownBy}). A located change shorter than the
   * retrainer's holdout is not a concept ({@link PipelineRetrainer} does not record it).
   * The firing locates the change at the concept's rows plus the rows since. The loop adds it by
   * default ({@link LoopBuilder#followUpShortWindows}).
   *
   * @param factor at least 0.1 (1: retrain when the window can double)
   * @return the policy
   * @throws IllegalArgumentException if the factor is out of range
   */
  static RetrainPolicy windowGrowth(double factor) {
    if (!(factor >= 0.1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("window growth factor must be finite and at least 0.1: " + factor);
    }
    return new Policies.WindowGrowth(factor);
  }

  /**
   * Retrains when the champion's realised metric over a block of {@code labels} labels is worse
   * than a fixed threshold (below it for a greater-is-better metric, above it otherwise).
   *
   * @param measure the metric
   * @param threshold the bound
   * @param labels the block size, at least 1
   * @return the policy
   * @throws IllegalArgumentException if the threshold is not finite or labels below 1
   */
  static RetrainPolicy performanceThreshold(PerformanceMeasure measure, double threshold, int labels) {
    Objects.requireNonNull(measure, "performance measure must not be null");
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("performance threshold must be finite: " + threshold);
    }
    if (labels < 1) {
      throw new IllegalArgumentException("performance trigger labels must be at least 1: " + labels);
    }
    return new RetrainPolicy() {
      @Override
      public Optional<Firing> evaluate(PolicyState s) {
        if (s.championLabelCount() < labels || s.championLabelCount() % labels != 0 || s.predictions().size() < labels) {
          return Optional.empty();
        }
        double value = lastN(measure, s, labels);
        if (!measure.worseBy(value, threshold, 0.0)) {
          return Optional.empty();
        }
        return Optional.of(new Firing(Trigger.PERFORMANCE, String.format(Locale.ROOT,
            "%s %.6g over the last %d labels is worse than the threshold %.6g", measure.name(), value, labels, threshold),
            Map.of("metric", measure.name(), "realised", num(value), "threshold", num(threshold),
                "labels", Integer.toString(labels))));
      }

      @Override
      public int labelBlock() {
        return labels;
      }
    };
  }

  /**
   * Retrains after dataset-level drift in {@code consecutiveWindows} consecutive monitoring windows
   * of the champion (since its deployment or the last retrain). The monitor decides what drift is:
   * with thresholds calibrated on the reference's own windows, this is the calibrated drift trigger.
   *
   * @param consecutiveWindows k, at least 1
   * @return the policy
   * @throws IllegalArgumentException if k is below 1
   */
  static RetrainPolicy drift(int consecutiveWindows) {
    if (consecutiveWindows < 1) {
      throw new IllegalArgumentException("drift trigger consecutive windows must be at least 1: " + consecutiveWindows);
    }
    return s -> {
      List<WindowSignal> w = s.windows();
      if (w.size() < consecutiveWindows) {
        return Optional.empty();
      }
      List<WindowSignal> last = w.subList(w.size() - consecutiveWindows, w.size());
      if (!last.stream().allMatch(WindowSignal::datasetDrift)) {
        return Optional.empty();
      }
      WindowSignal latest = last.get(last.size() - 1);
      return Optional.of(new Firing(Trigger.DRIFT, "dataset drift in " + consecutiveWindows
          + " consecutive windows: " + latest.summary(),
          Map.of("consecutive_windows", Integer.toString(consecutiveWindows), "window", Long.toString(latest.window()),
              "summary", latest.summary())));
    };
  }

  /**
   * Retrains when the label-free estimate of a metric in the latest window is worse than the
   * champion's reference value of that metric (or, without one, than its first window's estimate)
   * by more than {@code tolerance}.
   *
   * @param measure the metric estimated by the monitor (e.g. accuracy or ROC AUC)
   * @param tolerance the allowed drop (absolute), non-negative
   * @return the policy
   * @throws IllegalArgumentException if the tolerance is negative or not finite
   */
  static RetrainPolicy estimatedPerformance(PerformanceMeasure measure, double tolerance) {
    Objects.requireNonNull(measure, "performance measure must not be null");
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("estimated performance tolerance must be finite and non-negative: " + tolerance);
    }
    return s -> {
      List<WindowSignal> w = s.windows();
      if (w.isEmpty()) {
        return Optional.empty();
      }
      Double estimate = w.get(w.size() - 1).estimated().get(measure.name());
      if (estimate == null) {
        return Optional.empty();
      }
      double base;
      String baseSource;
      if (s.reference() != null && s.reference().metric().equals(measure.name())) {
        base = s.reference().value();
        baseSource = s.reference().source();
      } else {
        Double first = w.get(0).estimated().get(measure.name());
        if (first == null || w.size() < 2) {
          return Optional.empty();
        }
        base = first;
        baseSource = "the estimate of window " + w.get(0).window();
      }
      if (!measure.worseBy(estimate, base, tolerance)) {
        return Optional.empty();
      }
      return Optional.of(new Firing(Trigger.ESTIMATED_PERFORMANCE, String.format(Locale.ROOT,
          "estimated %s %.6g in window %d is worse than %.6g (%s) by more than %.6g", measure.name(), estimate,
          w.get(w.size() - 1).window(), base, baseSource, tolerance),
          Map.of("metric", measure.name(), "estimated", num(estimate), "reference", num(base),
              "reference_source", baseSource, "tolerance", num(tolerance))));
    };
  }

  /**
   * Retrains every {@code period} since the champion's deployment or the last retrain (checked on
   * windows, labels and {@link ContinuousTraining#tick()}).
   *
   * @param period positive
   * @return the policy
   * @throws IllegalArgumentException if the period is not positive
   */
  static RetrainPolicy schedule(Duration period) {
    Objects.requireNonNull(period, "schedule period must not be null");
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("schedule period must be positive: " + period);
    }
    return s -> s.now().isBefore(s.lastRetrain().plus(period)) ? Optional.empty()
        : Optional.of(new Firing(Trigger.SCHEDULE, "scheduled every " + period + " (last retrain " + s.lastRetrain() + ")",
            Map.of("period", period.toString(), "last_retrain", s.lastRetrain().toString())));
  }

  /**
   * Retrains once {@code rows} new labelled rows arrived since the last retrain.
   *
   * @param rows at least 1
   * @return the policy
   * @throws IllegalArgumentException if rows is below 1
   */
  static RetrainPolicy volume(long rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("volume trigger rows must be at least 1: " + rows);
    }
    return (Policies.EveryLabel) s -> s.newLabelledRows() < rows ? Optional.empty()
        : Optional.of(new Firing(Trigger.VOLUME, s.newLabelledRows() + " new labelled rows (threshold " + rows + ")",
            Map.of("new_labelled_rows", Long.toString(s.newLabelledRows()), "threshold", Long.toString(rows))));
  }

  /**
   * Fires when any of the policies fires (the first one's firing, in order).
   *
   * @param policies at least one
   * @return the policy
   * @throws IllegalArgumentException if none is given
   */
  static RetrainPolicy anyOf(RetrainPolicy... policies) {
    List<RetrainPolicy> all = checked(policies);
    return new Policies.Combined(all, false);
  }

  /**
   * Fires when every policy fires at the same check (reasons joined, evidence prefixed by position).
   *
   * @param policies at least one
   * @return the policy
   * @throws IllegalArgumentException if none is given
   */
  static RetrainPolicy allOf(RetrainPolicy... policies) {
    return new Policies.Combined(checked(policies), true);
  }

  private static List<RetrainPolicy> checked(RetrainPolicy... policies) {
    if (policies.length == 0) {
      throw new IllegalArgumentException("policies must not be empty: []");
    }
    List<RetrainPolicy> l = new ArrayList<>();
    for (RetrainPolicy p : policies) {
      l.add(Objects.requireNonNull(p, "policy must not be null"));
    }
    return List.copyOf(l);
  }

  /** A number as the loop's evidence writes it. */
  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static double lastN(PerformanceMeasure m, PolicyState s, int n) {
    double[] y = s.labels();
    int from = y.length - n;
    return m.measure(Arrays.copyOfRange(y, from, y.length), s.predictions().subList(from, y.length));
  }
}
