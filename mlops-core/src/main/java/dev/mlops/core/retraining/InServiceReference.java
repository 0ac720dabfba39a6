package dev.mlops.core.retraining;

import dev.mlops.core.serving.PredictionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A champion's reference performance re-estimated on its own first labelled rows in service. A
 * retrained champion's reference comes from its gate's holdout, which right after a change can be a
 * few dozen rows of one unusual period; the realised-performance trigger would then compare every
 * later window with that one estimate: an unlucky (pessimistic) one hides every later drop, a lucky
 * one makes ordinary windows look like drops. The holdout stands in until the champion has as many
 * labelled rows as the trigger's longest window; from then on the reference is the champion's measure
 * on those first rows in service (more rows than the holdout, and of the traffic the trigger watches),
 * each class's recall likewise (a class absent from those rows keeps its held-out recall).
 *
 * <p>Stateless and thread-safe.
 */
final class InServiceReference {

  private InServiceReference() {}

  /**
   * Whether a reference should be re-estimated on the champion's first {@code ownRows} labels: it
   * comes from a known number of held-out rows, fewer than {@code ownRows}, for this measure.
   */
  static boolean applies(PolicyState.ReferencePerformance reference, PerformanceMeasure measure, int ownRows) {
    return reference != null && measure != null && ownRows >= 20 && reference.rows() > 0 && reference.rows() < ownRows
        && reference.metric().equals(measure.name());
  }

  /**
   * The reference measured on the champion's own labelled predictions ({@code labels} and {@code
   * predictions}, its first in service), or the reference unchanged if the measure is undefined on them.
   */
  static PolicyState.ReferencePerformance of(PolicyState.ReferencePerformance reference, PerformanceMeasure measure,
      double[] labels, List<PredictionResult> predictions, int version) {
    double own = measure.measure(labels, predictions);
    if (!Double.isFinite(own)) {
      return reference;
    }
    int n = labels.length;
    List<PolicyState.ClassRecall> classes = new ArrayList<>();
    for (PolicyState.ClassRecall c : reference.byClass()) {
      PolicyState.ClassRecall inService = PolicyState.ClassRecall.on(c.label(), labels, predictions);
      classes.add(inService == null ? c : inService);
    }
    String source = String.format(Locale.ROOT, "first %d labels of v%d in service (its %s gave %.6g)", n, version,
        reference.source(), reference.value());
    return new PolicyState.ReferencePerformance(reference.metric(), own, n, source, classes);
  }
}
