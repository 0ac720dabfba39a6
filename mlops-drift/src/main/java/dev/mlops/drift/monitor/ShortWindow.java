package dev.mlops.drift.monitor;

import java.util.Locale;

/**
 * A window shorter than one chunk of the ordered reference (typically the partial last window a
 * {@code closeWindow()} closes before it filled) holds too few independent values of a field that
 * changes in long runs: a calendar field such as the weekday (24 rows a value) covers 3 or 4 of
 * its values in 77 hourly rows, whatever the traffic, and no window of the reference is that
 * short to calibrate its threshold on. Such a feature's verdict is {@link
 * DriftStatus#INSUFFICIENT_DATA}, with the reason, when it is a code (at most {@value
 * #MAX_DISTINCT} distinct reference values) and the window holds fewer than {@value #MIN_RUNS} of
 * the reference's longest runs of one value; a field that changes from row to row (a run of 1,
 * the hour) and a measured quantity with many values are still judged. The data-quality checks
 * run on every window. Windows of at least one chunk are judged as always (their
 * thresholds come from the reference's own windows of that size). Stateless.
 */
final class ShortWindow {

  /** Fewest runs of the reference's longest run a short window must hold to be judged. */
  static final double MIN_RUNS = 5;

  /**
   * Most distinct reference values of a field judged as a code that changes in runs (24: the
   * hours of a day; weekday 7, month 12, season 4, a 0/1 flag 2). A measured quantity with many
   * values (a temperature) holds its longest run rarely, its typical run is short, and it is
   * judged in short windows as in any other.
   */
  static final int MAX_DISTINCT = 24;

  private ShortWindow() {}

  private static int distinct(FeatureSpec f) {
    return f.numeric ? f.referenceDistinct : f.categories.length;
  }

  /**
   * The outcome, or an insufficient-data outcome for a run-structured field in a short window.
   *
   * @param o the feature's outcome
   * @param chunkRows the ordered reference's rows per chunk (0 without order)
   * @param rows the window's rows
   * @return the outcome to judge
   */
  static FeatureEvaluator.Outcome judged(FeatureEvaluator.Outcome o, long chunkRows, long rows) {
    FeatureSpec f = o.spec();
    if (chunkRows <= 0 || rows <= 0 || rows >= chunkRows || !o.needsVerdict()
        || f.referenceLongestRun <= 1 || distinct(f) > MAX_DISTINCT) {
      return o;
    }
    double runs = (double) rows / f.referenceLongestRun;
    if (runs >= MIN_RUNS) {
      return o;
    }
    return new FeatureEvaluator.Outcome(f, o.statistic(), null, Double.NaN, o.nReference(),
        o.nCurrent(), DriftStatus.INSUFFICIENT_DATA, String.format(Locale.ROOT,
            "window of %d rows, shorter than one reference chunk (%d rows), holds about %.1f "
                + "runs of the reference's longest run of one value (%d rows) < %.0f: too few "
                + "independent values to judge a field that changes in runs", rows, chunkRows,
            runs, f.referenceLongestRun, MIN_RUNS), o.overrideThreshold());
  }
}
