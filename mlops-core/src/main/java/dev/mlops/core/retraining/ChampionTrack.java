package dev.mlops.core.retraining;

import dev.mlops.core.serving.PredictionResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the loop knows about the serving champion since its deployment (or the last retrain), as
 * its {@link RetrainPolicy} and {@link Probation} see it: its last labelled predictions, its
 * reference performance (measured again on its own first labels in service when its holdout had fewer
 * rows than the policy's longest window, see {@link InServiceReference}) and fit, the monitoring windows closed, the label counts at the last
 * window, and its probation. One job: keep that state consistent across labels, windows, retrains,
 * promotions and rollbacks.
 *
 * <p>Thread-safe: every method holds the track's lock; nothing slow (no I/O, no training) runs under it.
 */
final class ChampionTrack {

  /** What a label changed: a probation verdict (with the probation it ends), and whether to ask the policy. */
  record LabelOutcome(Probation.Verdict verdict, Probation probation, boolean askPolicy) {}

  private final RetrainPolicy policy;
  private final PerformanceMeasure measure;
  private final int probationLabels;

  private final ArrayDeque<Double> labels = new ArrayDeque<>();
  private final ArrayDeque<PredictionResult> predictions = new ArrayDeque<>();
  private final List<WindowSignal> windows = new ArrayList<>();
  private int version;
  private long newLabelled;
  private long labelCount;
  private long labelledSinceChampion;
  private Instant lastRetrain;
  private PolicyState.ReferencePerformance reference;
  private PolicyState.ChampionFit fit;
  private Probation probation;
  private LabelCounts countsAtLastWindow = new LabelCounts(0, 0, 0, 0);

  ChampionTrack(RetrainPolicy policy, PerformanceMeasure measure, int probationLabels) {
    this.policy = policy;
    this.measure = measure;
    this.probationLabels = probationLabels;
  }

  /** The first champion, at the loop's start (with the probation it had not finished before a restart, or null). */
  synchronized void start(int version, Instant now, PolicyState.ReferencePerformance reference, PolicyState.ChampionFit fit,
      Probation probation) {
    this.version = version;
    this.lastRetrain = now;
    this.reference = reference;
    this.fit = fit;
    this.probation = probation;
  }

  /**
   * A label joined to a prediction of {@code labelVersion}: counts it, and if the champion made the
   * prediction, keeps it for the policy, bootstraps the reference from the first labels when the
   * champion has none, and feeds the probation.
   */
  synchronized LabelOutcome onLabel(int labelVersion, Map<String, ?> row, PredictionResult result, double label) {
    newLabelled++;
    if (labelVersion != version) {
      return new LabelOutcome(null, null, false);
    }
    labelledSinceChampion++;
    labels.addLast(label);
    predictions.addLast(result);
    int keep = Math.max(1, Math.max(policy.labelsNeeded(), probationLabels));
    while (labels.size() > keep) {
      labels.removeFirst();
      predictions.removeFirst();
    }
    labelCount++;
    if (reference == null && measure != null && labels.size() >= keep && keep >= 20) {
      reference = new PolicyState.ReferencePerformance(measure.name(),
          measure.measure(labelsArray(), List.copyOf(predictions)), keep, "first " + keep + " labels of v" + version);
    }
    int own = policy.labelsNeeded();
    if (labelledSinceChampion == own && InServiceReference.applies(reference, measure, own)) {
      // the first labels are all kept (keep >= own): a reference from fewer held-out rows is measured again on them
      reference = InServiceReference.of(reference, measure, labelsArray(), List.copyOf(predictions), version);
    }
    Probation.Verdict verdict = null;
    Probation ended = null;
    if (probation != null && probation.newVersion == version) {
      verdict = probation.add(row, result, label);
      if (verdict != null) {
        ended = probation;
        probation = null;
      }
    }
    return new LabelOutcome(verdict, ended, policy.labelBlock() > 0);
  }

  /**
   * A monitoring window of {@code windowVersion} closed.
   *
   * @return false if it is not the champion's (ignored)
   */
  synchronized boolean onWindow(int windowVersion, WindowSignal window) {
    if (windowVersion != version) {
      return false;
    }
    windows.add(window);
    if (windows.size() > 1_000) {
      windows.remove(0);
    }
    return true;
  }

  /** The label counts since the last window, and remembers {@code now} for the next. */
  synchronized LabelCounts countsSinceLastWindow(LabelCounts now) {
    LabelCounts delta = now.minus(countsAtLastWindow);
    countsAtLastWindow = now;
    return delta;
  }

  /** What the policy sees now. */
  synchronized PolicyState policyState(Instant now) {
    return new PolicyState(now, lastRetrain, newLabelled, labelsArray(), List.copyOf(predictions), labelCount, reference,
        windows, fit);
  }

  /**
   * A retrain starts: the counters restart (the policy sees only what comes after it), and the
   * champion's fit counts the labels this retrain could use (see {@link PolicyState.ChampionFit#grownBy}).
   *
   * @return the rows labelled since the champion was deployed
   */
  synchronized long beginRetrain(Instant now) {
    if (fit != null) {
      // if this retrain is not promoted, the champion's concept has grown by these labels all the same
      fit = fit.grownBy(labelCount);
    }
    newLabelled = 0;
    labelCount = 0;
    lastRetrain = now;
    windows.clear();
    return labelledSinceChampion;
  }

  /** A new champion serves (promotion): its own reference, fit and probation. */
  synchronized void promoted(int newVersion, PolicyState.ReferencePerformance reference, PolicyState.ChampionFit fit,
      Probation probation) {
    resetFor(newVersion);
    this.reference = reference;
    this.fit = fit;
    this.probation = probation;
  }

  /** An earlier champion serves again (rollback). */
  synchronized void rolledBack(int restoredVersion, Instant now, PolicyState.ReferencePerformance reference,
      PolicyState.ChampionFit fit) {
    resetFor(restoredVersion);
    this.lastRetrain = now;
    this.reference = reference;
    this.fit = fit;
    this.probation = null;
  }

  /** Ends the probation without a verdict (a manual rollback). */
  synchronized void endProbation() {
    probation = null;
  }

  private void resetFor(int newVersion) {
    version = newVersion;
    labels.clear();
    predictions.clear();
    windows.clear();
    labelledSinceChampion = 0;
    labelCount = 0;
  }

  private double[] labelsArray() {
    double[] y = new double[labels.size()];
    int i = 0;
    for (double v : labels) {
      y[i++] = v;
    }
    return y;
  }
}
