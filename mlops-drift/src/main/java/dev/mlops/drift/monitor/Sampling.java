package dev.mlops.drift.monitor;

/**
 * How a sampled monitor ({@link DriftMonitor.Builder#sampleOneIn(int)}) recorded a window: it
 * counted every row and recorded 1 row in {@code oneIn} in full. Every statistic of the window's
 * report rests on the {@code sampledRows}: feature, prediction and multivariate drift (their
 * {@code nCurrent}), data quality's counts and shares, the label-free accuracy estimate and its
 * interval; their thresholds are those of a window of {@code sampledRows} rows. The window's size
 * ({@link DriftReport#records()}) is {@code countedRows}. Labels join every row's prediction, so
 * the realised performance rests on every labelled row, sampled or not.
 *
 * @param oneIn k: each recording stripe records the first of every k rows it admits in the window
 * @param sampledRows rows recorded in full
 * @param countedRows every row admitted to the window, sampled or not
 */
public record Sampling(int oneIn, long sampledRows, long countedRows) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code oneIn < 2}, a count is negative or the sampled
   *     rows exceed the counted ones
   */
  public Sampling {
    if (oneIn < 2) {
      throw new IllegalArgumentException("sampling oneIn must be at least 2: " + oneIn);
    }
    if (sampledRows < 0 || countedRows < sampledRows) {
      throw new IllegalArgumentException("sampling rows must satisfy 0 <= sampledRows <= countedRows: "
          + sampledRows + " of " + countedRows);
    }
  }
}
