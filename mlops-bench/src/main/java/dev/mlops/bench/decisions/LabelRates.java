package dev.mlops.bench.decisions;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftThresholds;

/**
 * The probes' stated false-alarm rates: the library's defaults, unless {@code -Drate=...} (dataset
 * drift) or {@code -DlabelRate=...} (label and prediction drift) states another, to measure the
 * trade between rates. Stateless.
 */
final class LabelRates {

  private LabelRates() {}

  /** The dataset-drift rate in force for the probes. */
  static double rate() {
    String r = System.getProperty("rate");
    return r == null ? DriftThresholds.DEFAULT_FALSE_ALARM_RATE : Double.parseDouble(r);
  }

  /** The label and prediction rate in force for the probes. */
  static double labelRate() {
    String r = System.getProperty("labelRate");
    return r == null ? DriftThresholds.DEFAULT_LABEL_FALSE_ALARM_RATE : Double.parseDouble(r);
  }

  /**
   * States the probes' rates on a monitor builder when either property is given; otherwise leaves
   * the builder's defaults alone (no threshold setting).
   *
   * @param b the builder
   * @return the same builder
   */
  static DriftMonitor.Builder apply(DriftMonitor.Builder b) {
    if (System.getProperty("rate") != null || System.getProperty("labelRate") != null) {
      b.thresholds(DriftThresholds.calibrated(rate(), labelRate()));
    }
    return b;
  }
}
