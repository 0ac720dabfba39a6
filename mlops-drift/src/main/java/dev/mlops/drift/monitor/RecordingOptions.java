package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceProfile;

/**
 * The settings of {@link DriftMonitor.Builder} about the recording path: sampling. Each setter
 * validates its argument at once. Not thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class RecordingOptions<B extends RecordingOptions<B>> extends LabelOptions<B> {

  RecordingOptions(ReferenceProfile profile) {
    super(profile);
  }

  /**
   * Opt-in sampling for models served faster than a full record costs (a sub-microsecond model):
   * every row is counted (count windows close after their size in rows, {@link
   * DriftReport#records()} and {@link DriftMonitor#records()} count every row) but only 1 row in
   * {@code k} is recorded in full. The others cost the recording thread a counter, and the
   * monitor's thread nothing. Each recording stripe records the first of every {@code k} rows
   * it admits in a window (one recording thread: rows 0, k, 2k, ... of each window).
   *
   * <p>Every statistic then rests on the sampled rows, and the report says so ({@link
   * DriftReport#sampling()}; each feature's {@code nCurrent}). Thresholds are those of a window
   * of that many rows (calibrated thresholds follow the window's sampled size), and the
   * label-free estimate's interval is computed on the sampled rows' chances. So a sampled
   * window of 10,000 rows at {@code k = 10} detects what a 1,000-row window detects. Labels
   * still join every row's prediction (with a request id), so the realised performance rests on
   * every labelled row. Not combined with {@link #fairness} (its windows are per row). The
   * default, 1, records every row.
   *
   * <pre>{@code
   * DriftMonitor m = DriftMonitor.builder(profile)
   *     .window(Window.tumblingCount(100_000))
   *     .sampleOneIn(10)   // statistics on 10,000 rows of every 100,000
   *     .build();
   * }</pre>
   *
   * @param k record 1 row in {@code k} in full, in [1, 1,000,000]
   * @return this builder
   * @throws IllegalArgumentException if {@code k} is outside [1, 1,000,000]
   */
  public B sampleOneIn(int k) {
    requireArgument(k >= 1 && k <= 1_000_000, "sampleOneIn must be in [1, 1000000]: " + k);
    this.sampleOneIn = k;
    return self();
  }
}
