package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.CalibratedThreshold;
import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ThresholdCalibration;
import dev.mlops.drift.stat.BinnedStatistics;
import dev.mlops.drift.stat.DriftStatistic;
import dev.mlops.drift.stat.TestResult;
import dev.mlops.drift.stat.Wasserstein;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calibrated thresholds of {@link DriftThresholds#calibrated(double)}: per column and window
 * size, a stored calibration of the profile when one was learnt for windows of about that size;
 * otherwise windows of that size formed from the profile's ordered chunks ({@link
 * ChunkCalibration}, at least 5 of them: a numeric feature's distance threshold is the {@link
 * ShiftThreshold} location-shape fit, its shifts' spread from sub-window chunks when the windows
 * are consistent with them ({@link SubWindowSpread}) and their skewness from the reference's, or
 * for a very skewed or constant feature the log-normal fit of
 * {@code CalibratedThreshold} to the chunk distances corrected by {@link ChunkApproximation});
 * when the chunks are too few for 5 windows of that size, windows block-resampled from them
 * ({@link BlockCalibration}, same fit); otherwise a threshold fitted to {@value #RESAMPLES}
 * windows resampled from the column's reference values, the reason saying why. Results are cached by column and size (sizes rounded to a 2% grid, so the
 * threshold does not depend on the order in which window sizes arrive). Thread-safe.
 *
 * <p>Resampling: a window of {@code k} values (the values the statistic will see: at most the
 * reservoir size for a numeric column) is drawn with replacement from the reference sample the
 * monitor compares with (numeric) or from the reference category proportions (categorical), and
 * its distance to the reference is computed as the monitor computes it. Beyond
 * {@value #MAX_DRAWN} values the window is drawn at that size and the distance scaled by {@code
 * sqrt(MAX_DRAWN / k)} (both distances shrink as {@code 1 / sqrt(k)} for large samples). Every
 * value is then multiplied by {@code sqrt(1 + k / n)} for a baseline of {@code n} values, since
 * a live window is not drawn from the reference it is compared with (both sides' sampling noise
 * adds).
 */
final class ThresholdResolver {

  static final int RESAMPLES = 100;
  static final int MAX_DRAWN = 2_000;
  /** A stored calibration is used for windows within this factor of its window size. */
  static final double STORED_TOLERANCE = 1.25;
  private static final double GRID = Math.log(1.02);

  /** A resolved threshold and where it comes from. */
  record Resolved(double threshold, String origin) {}

  private final double rate;
  /** The label's and the prediction's rate. */
  private final double labelRate;
  private final int features;
  private final long seed;
  private final List<ThresholdCalibration> stored;
  private final ReferenceChunks chunks;
  private final Map<String, Resolved> cache = new ConcurrentHashMap<>();
  private final Map<String, ScaleCheck.Band> scales = new ConcurrentHashMap<>();
  private final Map<String, Object> approximations = new ConcurrentHashMap<>();

  ThresholdResolver(DriftThresholds mode, Schema schema, long seed,
      List<ThresholdCalibration> stored, ReferenceChunks chunks) {
    this.rate = mode.falseAlarmRate();
    this.labelRate = mode.labelFalseAlarmRate();
    this.features = Math.max(1, schema.features.length);
    this.seed = seed;
    this.stored = List.copyOf(stored);
    this.chunks = chunks;
  }

  /** Thresholds and scale bands computed so far (for tests). */
  int cached() {
    return cache.size() + scales.size();
  }

  /** The calibrated statistic of a column. */
  static DriftStatistic statistic(FeatureSpec f) {
    return f.numeric ? DriftStatistic.NORMED_WASSERSTEIN : DriftStatistic.JENSEN_SHANNON;
  }

  /**
   * The threshold of a column for a window of {@code k} values against a baseline of {@code n}.
   *
   * @param single whether the column is the prediction (quantile {@code 1 - rate}, {@link
   *     DriftThresholds#falseAlarmRate()}) or the label (quantile {@code 1 - labelRate}, {@link
   *     DriftThresholds#labelFalseAlarmRate()}), one check each, rather than one of the features
   *     (which share {@code rate})
   */
  Resolved resolve(FeatureSpec f, String column, long k, long n, boolean single) {
    double q = !single ? 1 - rate / (features * checks(f))
        : 1 - (Schema.LABEL.equals(column) ? labelRate : rate);
    long bucket = Math.round(Math.log(Math.max(1, k)) / GRID);
    long nBucket = Math.round(Math.log(Math.max(1, n)) / GRID);
    String key = column + '\u0000' + bucket + '\u0000' + nBucket;
    return cache.computeIfAbsent(key, x -> {
      long kb = Math.max(1, Math.round(Math.exp(bucket * GRID)));
      long nb = Math.max(1, Math.round(Math.exp(nBucket * GRID)));
      Resolved s = fromStored(column, k, q, single);
      if (s != null) {
        return s;
      }
      ChunkCalibration.Values v = ChunkCalibration.values(chunks, f, kb, false);
      if (v.whyNot() == null) {
        try {
          if (f.numeric && f.referenceSorted.length > 0) {
            ChunkCalibration.Shifts sh = ChunkCalibration.shifts(chunks, f, v);
            ShiftThreshold.Fit shift = ShiftThreshold.fit(sh.shifts(), sh.spread(), sh.shape(),
                1 - q, sh.skewness());
            if (shift != null) {
              return new Resolved(shift.threshold(), ChunkCalibration.describe(chunks, v) + ": "
                  + shift.describe(Arrays.stream(v.values()).max().orElse(Double.NaN)) + "; "
                  + expected(q, single));
            }
          }
          return f.numeric ? fitted(f, v, q, single, ChunkCalibration.describe(chunks, v))
              : bracketed(f, kb, v, q, single);
        } catch (IllegalArgumentException e) {
          return resampled(f, kb, nb, q, single, e.getMessage());
        }
      }
      ChunkCalibration.Values blocks = BlockCalibration.values(chunks, f, kb, false, seed);
      if (blocks != null) {
        try {
          return fitted(f, blocks, q, single, BlockCalibration.describe(chunks, blocks,
              v.whyNot()));
        } catch (IllegalArgumentException e) {
          return resampled(f, kb, nb, q, single, v.whyNot() + "; " + e.getMessage());
        }
      }
      return resampled(f, kb, nb, q, single, v.whyNot());
    });
  }

  /**
   * A categorical column's bound from the chunk windows on both sides of the live window's size
   * (e.g. 1 and 2 chunks of 128 rows for 200 rows): the larger of the two. How a category's
   * distance moves between the two sizes depends on how the category clumps in time: as {@code
   * 1 / sqrt(rows)} for independent rows (both sides then give the same bound), more slowly for a
   * persistent state (the longer windows, scaled up, bound it), faster for a rare event that comes
   * in whole runs, such as a holiday's 24 hours (its share is {@code run / rows}: the shorter
   * windows, scaled down, bound it). A window of a whole number of chunks, or under one chunk,
   * has one side.
   */
  private Resolved bracketed(FeatureSpec f, long k, ChunkCalibration.Values v, double q,
      boolean single) {
    Resolved main = fitted(f, v, q, single, ChunkCalibration.describe(chunks, v));
    int other = ChunkCalibration.otherBracket(chunks, k);
    if (other == 0) {
      return main;
    }
    ChunkCalibration.Values o = ChunkCalibration.values(chunks, f, k, false, other);
    if (o.whyNot() != null) {
      return main;
    }
    Resolved alt;
    try {
      alt = fitted(f, o, q, single, ChunkCalibration.describe(chunks, o));
    } catch (IllegalArgumentException e) {
      return main;
    }
    Resolved hi = alt.threshold() > main.threshold() ? alt : main;
    Resolved lo = hi == alt ? main : alt;
    return new Resolved(hi.threshold(), hi.origin() + String.format(Locale.ROOT,
        "; the larger of the bounds from windows of %d and %d chunks around %d rows (the other:"
            + " %.4f)", Math.min(v.chunksPerWindow(), o.chunksPerWindow()),
        Math.max(v.chunksPerWindow(), o.chunksPerWindow()), k, lo.threshold()));
  }

  /**
   * The prediction bound fitted to chunk windows' values, numeric ones corrected for the chunks'
   * approximation ({@link ChunkApproximation}).
   */
  private Resolved fitted(FeatureSpec f, ChunkCalibration.Values v, double q, boolean single,
      String origin) {
    double[] values = v.values();
    String corrected = "";
    ChunkApproximation.Correction c = f.numeric ? approximation(f, v.windowRows()) : null;
    if (c != null) {
      values = ChunkApproximation.apply(values, c);
      corrected = ", " + c.describe();
    }
    CalibratedThreshold t = CalibratedThreshold.fit(values, q,
        CalibratedThreshold.Scale.forStatistic(statistic(f)));
    return new Resolved(t.threshold(), origin + corrected + ": " + t.describe() + "; "
        + expected(q, single));
  }

  /**
   * The chunks' approximation measured for a column's windows of {@code windowRows} rows: a
   * function of the column and that length alone (seeded by the column), so windows of several
   * sizes that round to the same number of chunks (a time window's varying row counts) share one
   * measurement, the costliest part of a skewed column's calibration (some 200 simulated windows
   * against the whole reference).
   */
  private ChunkApproximation.Correction approximation(FeatureSpec f, long windowRows) {
    Object c = approximations.computeIfAbsent(f.name + '\u0000' + windowRows, k -> {
      ChunkApproximation.Correction m = ChunkApproximation.measure(f.referenceSorted,
          f.referenceStd, windowRows, chunks.chunkRows(),
          seed ^ (f.name.hashCode() * 0xBF58476D1CE4E5B9L));
      return m == null ? NO_CORRECTION : m;
    });
    return c == NO_CORRECTION ? null : (ChunkApproximation.Correction) c;
  }

  private static final Object NO_CORRECTION = new Object();

  private Resolved fromStored(String column, long k, double q, boolean single) {
    ThresholdCalibration best = null;
    double bestRatio = Double.POSITIVE_INFINITY;
    for (ThresholdCalibration c : stored) {
      if (c.column(column).isEmpty()) {
        continue;
      }
      double ratio = Math.max(k, c.windowRows()) / (double) Math.max(1, Math.min(k,
          c.windowRows()));
      if (ratio <= STORED_TOLERANCE && ratio < bestRatio) {
        best = c;
        bestRatio = ratio;
      }
    }
    if (best == null) {
      return null;
    }
    try {
      ThresholdCalibration.Column col = best.column(column).orElseThrow();
      CalibratedThreshold t = CalibratedThreshold.fit(col.windowValues(), q,
          CalibratedThreshold.Scale.forStatistic(col.statistic()));
      return new Resolved(t.threshold(), String.format(Locale.ROOT,
          "calibrated on %d %s of %d rows stored in the profile: %s; %s", best.windows(),
          words(best.method()), best.windowRows(), t.describe(), expected(q, single)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Checks per feature: a numeric one has the distance and the {@link ScaleCheck}. */
  static int checks(FeatureSpec f) {
    return f.numeric ? 2 : 1;
  }

  /**
   * The scale band of a numeric feature for a window of {@code k} values against a baseline of
   * {@code n} (from the profile's chunks, else resampled), or null when the reference has no
   * positive standard deviation or its windows' log ratios are {@link ScaleCheck#degenerate}.
   */
  ScaleCheck.Band scale(FeatureSpec f, long k, long n) {
    if (!(f.referenceStd > 0) || f.referenceSorted.length < 2) {
      return null;
    }
    long bucket = Math.round(Math.log(Math.max(1, k)) / GRID);
    long nBucket = Math.round(Math.log(Math.max(1, n)) / GRID);
    String key = f.name + "\u0000scale\u0000" + bucket + '\u0000' + nBucket;
    return scales.computeIfAbsent(key, x -> {
      long kb = Math.max(2, Math.round(Math.exp(bucket * GRID)));
      long nb = Math.max(1, Math.round(Math.exp(nBucket * GRID)));
      double a = rate / (features * checks(f));
      ChunkCalibration.Values v = ChunkCalibration.values(chunks, f, kb, true);
      if (v.whyNot() == null) {
        ScaleCheck.Band b = ScaleCheck.fit(v.values(), a, v.factor(),
            ChunkCalibration.describe(chunks, v));
        return b == null ? NO_BAND : bracketedScale(f, kb, v, b, a); // degenerate: no check
      }
      ChunkCalibration.Values blocks = BlockCalibration.values(chunks, f, kb, true, seed);
      if (blocks != null) {
        ScaleCheck.Band b = ScaleCheck.fit(blocks.values(), a, blocks.factor(),
            BlockCalibration.describe(chunks, blocks, v.whyNot()));
        return b == null ? NO_BAND : b;
      }
      int drawn = (int) Math.min(kb, MAX_DRAWN);
      double factor = Math.sqrt((double) drawn / kb) * Math.sqrt(1 + (double) kb / nb);
      SplittableRandom rnd = new SplittableRandom(seed ^ (f.name.hashCode() * 0x9E3779B97F4A7C15L)
          ^ (kb * 0x94D049BB133111EBL));
      double[] ref = f.referenceSorted;
      double[] w = new double[drawn];
      double[] values = new double[RESAMPLES];
      for (int r = 0; r < RESAMPLES; r++) {
        for (int i = 0; i < drawn; i++) {
          w[i] = ref[rnd.nextInt(ref.length)];
        }
        values[r] = ScaleCheck.logRatio(ScaleCheck.sampleStd(w), f.referenceStd);
      }
      ScaleCheck.Band b = ScaleCheck.fit(values, a, factor, String.format(Locale.ROOT,
          "calibrated on %d windows of %d values resampled from the reference's %d (rows taken"
              + " as independent: %s)", RESAMPLES, kb, nb, v.whyNot()));
      return b == null ? NO_BAND : b;
    }) == NO_BAND ? null : scales.get(key);
  }

  /**
   * A scale band from the chunk windows on both sides of the live window's size (e.g. 7 and 8
   * chunks of 128 rows for 1,000 rows): their union. A window's standard deviation depends on its
   * length when the feature trends or wanders (a date, a random walk: within a window of a linear
   * trend it is proportional to the window's length), so a band fitted on windows of 1,024 rows
   * alone, narrow because every window has nearly the same ratio, would put every live window of
   * 1,000 rows of the training period itself outside it. The union is taken only when the two
   * bands are disjoint (the ratio depends on the window's size more than it varies between
   * windows: a trend); overlapping bands (a stationary or merely autocorrelated feature) keep the
   * band of the nearer size, so the check keeps its power (e.g. a weekly window of bike sharing
   * between one and two chunks). A window of a whole number of chunks has one side; a window
   * under one chunk takes the one-chunk band and, when its spread is narrower than the fall
   * {@code log(k / chunk)} of a trend's ratio, its union with that band moved down by the fall.
   */
  private ScaleCheck.Band bracketedScale(FeatureSpec f, long k, ChunkCalibration.Values v,
      ScaleCheck.Band main, double rate) {
    int other = ChunkCalibration.otherBracket(chunks, k);
    if (other == 0) {
      long c = chunks.chunkRows();
      if (k >= c) {
        return main; // a whole number of chunks: the windows have the live size
      }
      // shorter than the one-chunk windows it is calibrated on, with no shorter ones to fit: a
      // trend's ratio falls as log(k / c) at most (its deviation is proportional to the length)
      ScaleCheck.Band moved = main.movedTo(main.centre() + Math.log((double) k / c),
          String.format(Locale.ROOT, "moved by log(%d / %d) for a trend", k, c));
      if (moved.hi() >= main.lo()) {
        return main;
      }
      return main.union(moved, String.format(Locale.ROOT,
          "the union of the band of one-chunk windows and that band moved to windows of %d rows", k));
    }
    ChunkCalibration.Values o = ChunkCalibration.values(chunks, f, k, true, other);
    if (o.whyNot() != null) {
      return main;
    }
    String origin = ChunkCalibration.describe(chunks, o);
    ScaleCheck.Band alt = ScaleCheck.fit(o.values(), rate, o.factor(), origin);
    if (alt == null) {
      // too few distinct ratios to fit a spread (a trend's windows, aligned alike, repeat the
      // same few): this side's mean with the fitted side's spread, unless a window was constant
      double mean = 0;
      for (double x : o.values()) {
        if (!Double.isFinite(x)) {
          return main;
        }
        mean += x;
      }
      alt = main.movedTo(mean / o.values().length, origin + ": " + o.values().length
          + " windows, their mean with the other side's spread");
    }
    if (alt.lo() <= main.hi() && main.lo() <= alt.hi()) {
      return main; // overlapping: the size matters less than the spread between windows
    }
    return main.union(alt, String.format(Locale.ROOT,
        "the union of the bands from windows of %d and %d chunks around %d rows",
        Math.min(v.chunksPerWindow(), o.chunksPerWindow()),
        Math.max(v.chunksPerWindow(), o.chunksPerWindow()), k));
  }

  private static final ScaleCheck.Band NO_BAND = new ScaleCheck.Band(Double.NaN, Double.NaN,
      Double.NaN, Double.NaN, 1, Double.NaN, "");

  static String words(ThresholdCalibration.Method method) {
    return switch (method) {
      case ORDERED_WINDOWS -> "ordered reference windows";
      case BLOCK_RESAMPLING -> "block-resampled windows (ordered reference shorter than 5 "
          + "windows)";
      case RESAMPLING -> "resampled windows (reference without order)";
    };
  }

  /** The rate in force, in words: a single column's {@code 1 - q}, the features' shared rate. */
  private String expected(double q, boolean single) {
    return String.format(Locale.ROOT, "expected false alarms %s%% of windows%s",
        fmtRate(100 * (single ? 1 - q : rate)), single ? "" : " over " + features
            + " features");
  }

  private static String fmtRate(double pct) {
    return String.format(Locale.ROOT, "%.3g", pct);
  }

  private Resolved resampled(FeatureSpec f, long k, long n, double q, boolean single,
      String whyNotOrdered) {
    int drawn = (int) Math.min(k, MAX_DRAWN);
    double scale = Math.sqrt((double) drawn / k) * Math.sqrt(1 + (double) k / n);
    SplittableRandom rnd = new SplittableRandom(seed ^ (f.name.hashCode() * 0x9E3779B97F4A7C15L)
        ^ (k * 0xC2B2AE3D27D4EB4FL));
    double[] values = new double[RESAMPLES];
    if (!f.hasReference || (f.numeric ? f.referenceSorted.length == 0
        : Arrays.stream(f.referenceCounts).sum() == 0)) {
      throw new IllegalStateException("reference values of " + f.name
          + " must exist to resample: none");
    }
    if (f.numeric) {
      double[] ref = f.referenceSorted;
      double std = f.referenceStd;
      double[] w = new double[drawn];
      for (int r = 0; r < RESAMPLES; r++) {
        for (int i = 0; i < drawn; i++) {
          w[i] = ref[rnd.nextInt(ref.length)];
        }
        Arrays.sort(w);
        TestResult t = Double.isFinite(std) ? Wasserstein.normedDistanceSorted(ref, w, std)
            : Wasserstein.normedDistanceSorted(ref, w);
        values[r] = t.isOk() ? t.statistic() * scale : Double.NaN;
      }
    } else {
      long[] ref = f.referenceCounts;
      double[] cumulative = new double[ref.length];
      double total = 0;
      for (int i = 0; i < ref.length; i++) {
        total += ref[i];
        cumulative[i] = total;
      }
      long[] w = new long[ref.length];
      for (int r = 0; r < RESAMPLES; r++) {
        Arrays.fill(w, 0);
        for (int i = 0; i < drawn; i++) {
          double u = rnd.nextDouble() * total;
          int j = Arrays.binarySearch(cumulative, u);
          j = j >= 0 ? j + 1 : -j - 1;
          while (j < ref.length - 1 && ref[j] == 0) {
            j++;
          }
          w[Math.min(j, ref.length - 1)]++;
        }
        TestResult t = BinnedStatistics.jensenShannon(ref, w);
        values[r] = t.isOk() ? t.statistic() * scale : Double.NaN;
      }
    }
    CalibratedThreshold t = CalibratedThreshold.fit(values, q,
        CalibratedThreshold.Scale.forStatistic(statistic(f)));
    return new Resolved(t.threshold(), String.format(Locale.ROOT,
        "calibrated on %d windows of %d values resampled from the reference's %d (rows taken as"
            + " independent: %s): %s; %s",
        RESAMPLES, k, n, whyNotOrdered, t.describe(), expected(q, single)));
  }
}
