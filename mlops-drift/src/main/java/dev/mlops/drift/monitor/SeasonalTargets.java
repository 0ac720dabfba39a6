package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.CalibratedThreshold;
import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.stat.BinnedStatistics;
import dev.mlops.drift.stat.TestResult;
import dev.mlops.drift.stat.Wasserstein;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Label and prediction drift against the reference's own season ({@code
 * DriftMonitor.Builder#seasonField}): a window's season is the most common value of a calendar
 * feature in it (the month, say), and its labels (or predictions) are compared with those of the
 * profile's chunks of that season, i.e. the chunks in which at least half of the rows have that
 * value, so January is compared with the reference's January rather than with the whole year.
 *
 * <p>Why: demand, the usual label of a seasonal business, swings with the seasons more than it
 * changes from one year to the next, so a window compared with the whole reference year varies
 * by as much as the change to be found (bike sharing: 2011's months lie 0.07-0.66 normed
 * Wasserstein from 2011, 2012's 0.07-1.19 although demand rose by 60%), and a threshold calibrated
 * on 11-13 monthly windows cannot separate them; the same month a year apart can.
 *
 * <p>Threshold: a block bootstrap over the season's chunks ({@value #RESAMPLES} windows of {@code
 * m = round(k / chunkRows)} chunks drawn with replacement; each window's distance to the season,
 * times {@code sqrt(1 + w / n)} for a live window drawn apart from the season's {@code n} rows and
 * {@code sqrt(w / k)} for a window of {@code w = m * chunkRows} rows standing for one of {@code k}),
 * and the prediction bound of {@link CalibratedThreshold} at {@code 1 - rate} (the label's rate,
 * {@link DriftThresholds#labelFalseAlarmRate()}, for the label; the dataset-drift rate, {@link
 * DriftThresholds#falseAlarmRate()}, for the prediction). The bootstrap sees
 * the variability within the reference's season (weather, holidays, weekly cycles inside whole
 * chunks), not how the same season differs from one year to another, which one reference year
 * cannot show; the verdict's reason says so. At least {@value #MIN_CHUNKS} chunks of the season
 * are needed; otherwise, and for a column the chunks do not hold, the column is compared with the
 * whole reference and the reason says why.
 *
 * <p>Thread-safe: thresholds are cached in a concurrent map; the rest is immutable.
 */
final class SeasonalTargets {

  static final int RESAMPLES = 100;
  static final int MIN_CHUNKS = 3;
  private static final double GRID = Math.log(1.02);

  private final ReferenceChunks chunks;
  private final FeatureSpec field;
  private final double rate;
  private final double labelRate;
  private final long seed;
  private final Map<String, Calibrated> cache = new ConcurrentHashMap<>();

  /** A season of the reference: its chunks and rows. */
  record Season(String key, int[] chunks, long rows) {}

  /** A seasonal verdict, or why there is none (then {@code drift} is null). */
  record Verdict(FeatureDrift drift, String whyNot) {}

  private record Calibrated(CalibratedThreshold threshold, int chunksPerWindow, String whyNot) {}

  SeasonalTargets(ReferenceChunks chunks, FeatureSpec field, DriftThresholds rates, long seed) {
    this.chunks = chunks;
    this.field = field;
    this.rate = rates.falseAlarmRate();
    this.labelRate = rates.labelFalseAlarmRate();
    this.seed = seed;
  }

  /** The season field. */
  String field() {
    return field.name;
  }

  /**
   * The column compared with the window's season, or why it cannot be.
   *
   * @param f the label or prediction column
   * @param cur the window
   * @param minSampleSize the fewest values either side may have
   */
  Verdict compare(FeatureSpec f, WindowState cur, int minSampleSize) {
    if (!chunks.columns().contains(f.name)) {
      return new Verdict(null, "the profile's chunks do not hold " + f.name);
    }
    String key = seasonOf(cur);
    if (key == null) {
      return new Verdict(null, "the window has no value of " + field.name);
    }
    Season s = season(key);
    if (s.chunks().length < MIN_CHUNKS) {
      return new Verdict(null, String.format(Locale.ROOT,
          "%s = %s has %d chunks in the profile, fewer than %d", field.name, key,
          s.chunks().length, MIN_CHUNKS));
    }
    double[] sorted = f.numeric ? cur.reservoirs[f.numericSlot].sortedInPlace() : null;
    long[] slots = f.numeric ? null : cur.slots(f);
    long k = f.numeric ? sorted.length : sum(slots);
    if (k < minSampleSize || s.rows() < minSampleSize) {
      return new Verdict(null, "fewer values than the minimum sample size " + minSampleSize);
    }
    double stat = f.numeric ? numericDistance(f, sorted, s) : categoricalDistance(f, slots, s);
    if (!Double.isFinite(stat)) {
      return new Verdict(null, "the distance to " + field.name + " = " + key + " is not finite");
    }
    Calibrated c = threshold(f, s, k);
    if (c.whyNot() != null) {
      return new Verdict(null, c.whyNot());
    }
    double thr = c.threshold().threshold();
    boolean drift = stat >= thr;
    String test = ThresholdResolver.statistic(f).key();
    String reason = String.format(Locale.ROOT, "%s %s %s %s (threshold: against the reference's "
        + "%d rows with %s = %s (%d chunks of %d rows of the profile), calibrated on %d windows of "
        + "%d chunks block-resampled from them (the variability within that season of the "
        + "reference, not between years): %s; expected false alarms %s%% of windows)", test,
        DriftReport.fmt(stat), drift ? ">=" : "<", DriftReport.fmt(thr), s.rows(), field.name, key,
        s.chunks().length, chunks.chunkRows(), RESAMPLES, c.chunksPerWindow(),
        c.threshold().describe(), String.format(Locale.ROOT, "%.3g", 100 * rateOf(f)));
    return new Verdict(new FeatureDrift(f.name, f.numeric ? "numeric" : "categorical", test, stat,
        Double.NaN, thr, stat, 0.0, s.rows(), k, drift ? DriftStatus.DRIFT : DriftStatus.OK,
        reason), null);
  }

  /** The most common value of the season field in the window, as a key; null when none. */
  String seasonOf(WindowState cur) {
    if (field.numeric) {
      double[] v = cur.reservoirs[field.numericSlot].sortedInPlace();
      double best = Double.NaN;
      int bestRun = 0;
      for (int i = 0; i < v.length; ) {
        int j = i;
        while (j < v.length && v[j] == v[i]) {
          j++;
        }
        if (j - i > bestRun) {
          bestRun = j - i;
          best = v[i];
        }
        i = j;
      }
      return bestRun == 0 ? null : SeasonalBaseline.field("v").apply(Map.of("v", best));
    }
    long[] slots = cur.slots(field);
    int best = -1;
    for (int i = 0; i < field.categories.length; i++) {
      if (slots[i] > 0 && (best < 0 || slots[i] > slots[best])) {
        best = i;
      }
    }
    return best < 0 ? null : field.categories[best];
  }

  /** The chunks in which at least half of the rows hold the season's value of the field. */
  Season season(String key) {
    List<Integer> in = new ArrayList<>();
    long rows = 0;
    double value = field.numeric ? Double.parseDouble(key) : Double.NaN;
    for (int i = 0; i < chunks.count(); i++) {
      ReferenceChunks.Piece p = chunks.piece(field.name, i);
      if (p.count() == 0) {
        continue;
      }
      double share;
      if (field.numeric) {
        double[] pts = p.points();
        int hits = 0;
        for (double x : pts) {
          hits += x == value ? 1 : 0;
        }
        share = pts.length == 0 ? 0 : (double) hits / pts.length;
      } else {
        share = (double) p.categories().getOrDefault(key, 0L) / p.count();
      }
      if (share >= 0.5) {
        in.add(i);
        rows += chunks.rows(i);
      }
    }
    return new Season(key, in.stream().mapToInt(Integer::intValue).toArray(), rows);
  }

  /** The column's false-alarm rate: the label's own, or the dataset-drift rate. */
  private double rateOf(FeatureSpec f) {
    return Schema.LABEL.equals(f.name) ? labelRate : rate;
  }

  private Calibrated threshold(FeatureSpec f, Season s, long k) {
    long bucket = Math.round(Math.log(Math.max(1, k)) / GRID);
    String cacheKey = f.name + '\u0000' + s.key() + '\u0000' + bucket;
    return cache.computeIfAbsent(cacheKey, x -> {
      long kb = Math.max(1, Math.round(Math.exp(bucket * GRID)));
      int m = (int) Math.max(1, Math.round((double) kb / chunks.chunkRows()));
      long w = m * chunks.chunkRows();
      double factor = Math.sqrt(1 + (double) w / s.rows()) * Math.sqrt((double) w / kb);
      SplittableRandom rnd = new SplittableRandom(seed ^ (f.name.hashCode() * 0x9E3779B97F4A7C15L)
          ^ (s.key().hashCode() * 0xBF58476D1CE4E5B9L) ^ (kb * 0x94D049BB133111EBL));
      // the season's own reference is the same for every resample: built once
      ReferenceChunks.NumericWindow season = f.numeric ? chunks.numeric(f.name, s.chunks()) : null;
      long[] seasonCounts = f.numeric ? null : counts(f, s.chunks());
      double[] values = new double[RESAMPLES];
      int[] drawn = new int[m];
      for (int r = 0; r < RESAMPLES; r++) {
        for (int i = 0; i < m; i++) {
          drawn[i] = s.chunks()[rnd.nextInt(s.chunks().length)];
        }
        values[r] = (f.numeric ? resampledNumeric(f, drawn, season)
            : resampledCategorical(f, drawn, seasonCounts))
            * factor;
      }
      try {
        return new Calibrated(CalibratedThreshold.fit(values, 1 - rateOf(f),
            CalibratedThreshold.Scale.forStatistic(ThresholdResolver.statistic(f))), m, null);
      } catch (IllegalArgumentException e) {
        return new Calibrated(null, m, "the seasonal calibration failed: " + e.getMessage());
      }
    });
  }

  private double seasonStd(ReferenceChunks.NumericWindow season) {
    double pop = season.count() > 1 ? season.variance() * (season.count() - 1) / season.count()
        : Double.NaN;
    return Math.max(Math.sqrt(pop), Wasserstein.MIN_STD);
  }

  private double numericDistance(FeatureSpec f, double[] sorted, Season s) {
    ReferenceChunks.NumericWindow season = chunks.numeric(f.name, s.chunks());
    if (sorted.length == 0 || season.values().length == 0) {
      return Double.NaN;
    }
    return ChunkCalibration.weightedDistance(sorted, season.values(), season.weights())
        / seasonStd(season);
  }

  private double resampledNumeric(FeatureSpec f, int[] drawn,
      ReferenceChunks.NumericWindow season) {
    ReferenceChunks.NumericWindow win = chunks.numeric(f.name, drawn);
    if (win.values().length == 0 || season.values().length == 0) {
      return Double.NaN;
    }
    return ChunkCalibration.weightedDistance(season.values(), season.weights(), win.values(),
        win.weights())
        / seasonStd(season);
  }

  private double categoricalDistance(FeatureSpec f, long[] slots, Season s) {
    TestResult t = BinnedStatistics.jensenShannon(counts(f, s.chunks()), slots);
    return t.isOk() ? t.statistic() : Double.NaN;
  }

  private double resampledCategorical(FeatureSpec f, int[] drawn, long[] seasonCounts) {
    TestResult t = BinnedStatistics.jensenShannon(seasonCounts, counts(f, drawn));
    return t.isOk() ? t.statistic() : Double.NaN;
  }

  /** Category counts of chunks in the column's slots (unknown categories in the last one). */
  private long[] counts(FeatureSpec f, int[] idx) {
    ReferenceChunks.CategoricalWindow win = chunks.categorical(f.name, idx);
    long[] counts = new long[f.slots()];
    int last = counts.length - 1;
    for (Map.Entry<String, Long> e : win.categories().entrySet()) {
      int i = f.categoryOf(e.getKey());
      counts[i < 0 ? last : i] += e.getValue();
    }
    counts[last] += win.other();
    return counts;
  }

  private static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
