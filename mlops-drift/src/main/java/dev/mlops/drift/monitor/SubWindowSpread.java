package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceChunks;
import java.util.Locale;
import org.apache.commons.math3.distribution.FDistribution;

/**
 * The spread of a window's mean shift estimated from sub-window chunks, for {@link
 * ShiftThreshold} when the reference forms few calibration windows (a 10,000-row reference gives 9
 * windows of 1,000 rows: a Student-t bound with 9 degrees of freedom at a per-check quantile such
 * as {@code 1 - 0.002 / 28} is 6.3 spreads, against 4.2 with 38).
 *
 * <p>The model. The reference's chunks are grouped into sub-chunks, {@code p} to a calibration
 * window ({@code p} = 4 where the window's chunk count allows, e.g. 256-row sub-chunks in windows
 * of 1,024 rows; at least 2). If the feature forgets within a sub-chunk, a window's mean shift has
 * the sub-chunks' mean-shift variance divided by {@code p}, estimated from all {@code K}
 * sub-chunks of the reference ({@code K - 1} degrees of freedom) instead of the windows' own
 * {@code n}. A feature that wanders or trends over many windows (bike sharing's temperature over a
 * season) has window means that vary more than that: there the estimate would be too low, and the
 * windows' own spread is kept. The two are told apart by a one-way analysis of variance of the
 * sub-chunk shifts grouped by window: between-window mean square against within-window mean
 * square, {@code F(n - 1, n (p - 1))} when the sub-chunks are exchangeable. When its p-value is
 * below {@link #ALPHA} the windows' spread is kept; otherwise the sub-chunk variance is used,
 * raised by {@code max(1, F)} (the measured excess of the windows, so that a feature whose windows
 * vary somewhat more than its sub-chunks, undetected by the test, is not given the sub-chunks'
 * bound). A pre-test cannot make that case exact: in a simulation of 9 windows of 4 normal
 * sub-chunks with a between-window component making the windows' variance 1.14-2.5 times the
 * sub-chunks' scaled one, the bound's exceedance at a one-sided 7.1e-5 was 1.3-9.6 times the
 * stated rate with the raise, 1.7-28 times without it (the test at levels 0.05 and 0.2, this
 * {@link #ALPHA} between them), against 1.0 for the windows' own bound, whose median is 6.1
 * window spreads where the sub-chunks' is 4.2-4.5 when they are exchangeable (100,000 draws each;
 * NumPy/SciPy, {@code /tmp/electricity/fsim3.py}). Stateless.
 */
final class SubWindowSpread {

  /** Below this p-value of the windows-against-sub-chunks F test the windows' spread is kept. */
  static final double ALPHA = 0.1;
  /** Sub-chunks per window aimed at. */
  static final int PER_WINDOW = 4;

  /**
   * A spread from sub-chunks.
   *
   * @param sd the live window's mean-shift standard deviation, in reference standard deviations
   *     and with the windows' spread factor (finite reference, window size)
   * @param df degrees of freedom ({@code K - 1})
   * @param subChunks {@code K}
   * @param subChunkRows rows per sub-chunk
   * @param f the F statistic (between-window over within-window mean square)
   * @param pValue its upper-tail p-value
   * @param used whether the sub-chunks' spread is used (else the windows' own)
   */
  record Spread(double sd, int df, int subChunks, long subChunkRows, double f, double pValue,
      boolean used) {

    /** The spread's origin in words. */
    String describe() {
      return used
          ? String.format(Locale.ROOT, "from %d sub-chunks of %d rows (windows consistent with"
              + " them: F %.2f, p %.2f; raised by max(1, F))", subChunks, subChunkRows, f, pValue)
          : String.format(Locale.ROOT, "from the windows (they vary more than %d sub-chunks of"
              + " %d rows suggest: F %.2f, p %.3f)", subChunks, subChunkRows, f, pValue);
    }
  }

  private SubWindowSpread() {}

  /**
   * The spread of a numeric column's windows of {@code v}, or null when the windows have fewer
   * than 2 sub-chunks each, fewer than 2 windows hold every sub-chunk, or the sub-chunks do not
   * vary within windows.
   *
   * @param chunks the profile's chunks
   * @param column the column
   * @param v the calibration windows (which calibrated)
   * @param mean the reference mean of the chunks' values
   * @param std the reference standard deviation the shifts are measured in
   */
  static Spread of(ReferenceChunks chunks, String column, ChunkCalibration.Values v, double mean,
      double std) {
    int m = v.chunksPerWindow();
    int g = 1;
    for (int d = m; d >= 1; d--) {
      if (m % d == 0 && m / d >= PER_WINDOW) {
        g = d;
        break;
      }
    }
    int p = m / g;
    if (p < 2) {
      return null;
    }
    long c = chunks.chunkRows();
    int groups = chunks.count() / g;
    double[] y = new double[groups];
    boolean[] full = new boolean[groups];
    long total = 0;
    for (int j = 0; j < chunks.count(); j++) {
      total += chunks.rows(j);
    }
    int k = 0;
    double sum = 0;
    for (int j = 0; j < groups; j++) {
      long n = 0;
      double s = 0;
      boolean whole = true;
      for (int i = j * g; i < (j + 1) * g; i++) {
        ReferenceChunks.Piece piece = chunks.piece(column, i);
        whole &= chunks.rows(i) == c;
        if (piece.count() > 0 && Double.isFinite(piece.mean())) {
          n += piece.count();
          s += piece.mean() * piece.count();
        }
      }
      if (whole && n > 0) {
        y[j] = (s / n - mean) / std;
        full[j] = true;
        k++;
        sum += y[j];
      }
    }
    if (k < 3) {
      return null;
    }
    double ybar = sum / k;
    double ss = 0;
    for (int j = 0; j < groups; j++) {
      if (full[j]) {
        ss += (y[j] - ybar) * (y[j] - ybar);
      }
    }
    // one-way ANOVA of the sub-chunk shifts grouped by calibration window
    int windows = 0;
    double grand = 0;
    double within = 0;
    double[] means = new double[groups / p];
    for (int w = 0; w < groups / p; w++) {
      boolean ok = true;
      double s = 0;
      for (int j = w * p; j < (w + 1) * p; j++) {
        ok &= full[j];
        s += y[j];
      }
      if (!ok) {
        continue;
      }
      double wm = s / p;
      for (int j = w * p; j < (w + 1) * p; j++) {
        within += (y[j] - wm) * (y[j] - wm);
      }
      means[windows++] = wm;
      grand += wm;
    }
    if (windows < 2 || !(within > 0)) {
      return null;
    }
    grand /= windows;
    double between = 0;
    for (int w = 0; w < windows; w++) {
      between += (means[w] - grand) * (means[w] - grand);
    }
    int df1 = windows - 1;
    int df2 = windows * (p - 1);
    double f = (p * between / df1) / (within / df2);
    double pValue = 1 - new FDistribution(null, df1, df2).cumulativeProbability(f);
    long w = v.windowRows();
    // the windows' factor without its finite-reference deflation: sqrt((N + w) / N) sqrt(w / k)
    double factor = total > w ? v.factor() * Math.sqrt((double) (total - w) / total)
        : v.factor();
    double sd = Math.sqrt(ss / (k - 1) / p * Math.max(1, f)) * factor;
    return new Spread(sd, k - 1, k, g * c, f, pValue, pValue >= ALPHA && sd > 0
        && Double.isFinite(sd));
  }
}
