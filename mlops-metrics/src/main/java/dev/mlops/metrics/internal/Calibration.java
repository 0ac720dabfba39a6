package dev.mlops.metrics.internal;

import dev.mlops.metrics.BinStrategy;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.ReliabilityCurve;

/** Calibration bins (temporary skeleton). Not API. */
public final class Calibration {
  private Calibration() {}

  /**
   * Bins the rows.
   *
   * @param labels 0/1 outcomes
   * @param probabilities probabilities
   * @param weights weights or null
   * @param bins number of bins
   * @param strategy strategy
   * @return the binning
   */
  public static Calibration of(int[] labels, double[] probabilities, double[] weights, int bins, BinStrategy strategy) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @return the curve */
  public ReliabilityCurve curve() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * @param metric ECE or MCE
   * @param multiplicity bootstrap counts or null
   * @return the value
   */
  public MetricValue metric(Metric metric, int[] multiplicity) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
