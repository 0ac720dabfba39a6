package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceChunks;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Calibration windows block-resampled from a profile's {@link ReferenceChunks} when the ordered
 * reference is too short to cut {@value ChunkCalibration#MIN_WINDOWS} windows of the monitor's
 * size (a window of 10,000 rows against a reference of 10,000): each of {@value #RESAMPLES}
 * windows of {@code m = round(k / chunkRows)} chunks is made of blocks of {@code b =
 * max(1, min(m, chunks / 5))} consecutive chunks whose starts are drawn with replacement (a moving
 * block bootstrap), so the variability of a window keeps the reference's autocorrelation up to
 * {@code b} chunks instead of taking rows as independent. Stateless.
 *
 * <p>Each distance is multiplied by {@code sqrt(1 + w / N)} (a live window is not drawn from the
 * reference it is compared with: both sides' noise adds, as in the resampled fallback) and by
 * {@code sqrt(w / k)} for a window of {@code w = m * chunkRows} rows standing for one of {@code
 * k}. The limit: autocorrelation longer than a block (a fifth of the reference) is not seen, so a
 * feature that wanders on that scale can still flag; the threshold's origin says how it was made.
 */
final class BlockCalibration {

  /** Block-resampled windows per threshold. */
  static final int RESAMPLES = 100;
  /**
   * Fewest chunks to block-resample (blocks of at least 4 chunks, at least 17 places to start
   * one); a shorter reference is resampled as independent rows.
   */
  static final int MIN_CHUNKS = 20;

  private BlockCalibration() {}

  /**
   * The block-resampled calibration values of a column for windows of {@code k} values (the
   * statistic times the factor, or with {@code scale} the log sd ratios), or null when the
   * profile's chunks cannot give them (none, not holding the column, windows under half a chunk
   * or fewer than {@value #MIN_CHUNKS} chunks).
   */
  static ChunkCalibration.Values values(ReferenceChunks chunks, FeatureSpec f, long k,
      boolean scale, long seed) {
    if (chunks == null || !chunks.columns().contains(f.name) || 2 * k < chunks.chunkRows()
        || chunks.count() < MIN_CHUNKS) {
      return null;
    }
    int count = chunks.count();
    long c = chunks.chunkRows();
    int m = (int) Math.max(1, Math.round((double) k / c));
    int b = block(count, m);
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += chunks.rows(i);
    }
    long w = m * c;
    double factor = Math.sqrt(1 + (double) w / total) * Math.sqrt((double) w / k);
    SplittableRandom rnd = new SplittableRandom(seed ^ (f.name.hashCode() * 0xD6E8FEB86659FD93L)
        ^ (k * 0x9E3779B97F4A7C15L) ^ (scale ? 0x5851F42D4C957F2DL : 0));
    double[] values = new double[RESAMPLES];
    int used = 0;
    int[] window = new int[m];
    for (int r = 0; r < RESAMPLES; r++) {
      int at = 0;
      while (at < m) {
        int start = rnd.nextInt(count - b + 1);
        for (int j = 0; j < b && at < m; j++) {
          window[at++] = start + j;
        }
      }
      double v = scale ? ChunkCalibration.logScale(chunks, f, window)
          : f.numeric ? ChunkCalibration.numeric(chunks, f, window)
          : ChunkCalibration.categorical(chunks, f, window);
      if (Double.isFinite(v)) {
        values[used++] = scale ? v : v * factor;
      } else if (scale && v == Double.NEGATIVE_INFINITY) {
        values[used++] = v; // a constant window: the scale check sees it (ScaleCheck.degenerate)
      }
    }
    if (used < ChunkCalibration.MIN_WINDOWS) {
      return null;
    }
    return new ChunkCalibration.Values(java.util.Arrays.copyOf(values, used), w, m, factor,
        null);
  }

  /** Chunks per block: a fifth of the reference's chunks, no longer than the window. */
  static int block(int chunks, int window) {
    return Math.max(1, Math.min(window, chunks / ChunkCalibration.MIN_WINDOWS));
  }

  /** The origin of a block-resampled threshold, in words. */
  static String describe(ReferenceChunks chunks, ChunkCalibration.Values v, String whyNotOrdered) {
    return String.format(Locale.ROOT,
        "calibrated on %d windows of %d rows block-resampled from the profile's %d chunks of %d "
            + "rows (blocks of %d consecutive chunks drawn with replacement: %s)",
        v.values().length, v.windowRows(), chunks.count(), chunks.chunkRows(),
        block(chunks.count(), v.chunksPerWindow()), whyNotOrdered);
  }
}
