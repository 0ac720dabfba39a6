package dev.mlops.drift.monitor;

import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.drift.profile.ReferenceProfile;

/**
 * The parts of one {@link DriftMonitor}, wired together: the pending-label store, the windows
 * (recording, evaluation, fairness) and the state glue over them.
 *
 * @param labels the pending-label store and late-label ledger
 * @param windows the windows, recorder and reporter
 * @param states the state glue
 */
record MonitorParts(LabelJoin labels, Windowing windows, MonitorStates states) {

  /** Wires a monitor's parts (the estimator's fit is started by the monitor, after them). */
  static MonitorParts of(ReferenceProfile profile, MonitorConfig config, Schema schema, PcaModel pca,
      SensitiveAttributes sensitive) {
    LabelJoin labels = new LabelJoin(schema, config);
    RowChances chances = RowChances.of(schema, config);
    Windowing windows = new Windowing(config, schema, pca, labels,
        new WindowEvaluator(config, schema, pca, profile, chances),
        sensitive == null ? null : new FairnessTracker(sensitive, schema, config), chances);
    return new MonitorParts(labels, windows,
        new MonitorStates(schema, config, windows, sensitive, chances));
  }
}
