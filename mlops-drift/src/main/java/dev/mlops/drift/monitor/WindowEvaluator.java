package dev.mlops.drift.monitor;

import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.monitor.FeatureEvaluator.Base;
import dev.mlops.drift.monitor.FeatureEvaluator.Outcome;
import dev.mlops.drift.stat.DriftStatistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a harvested window into a {@link DriftReport}. Stateless apart from its inputs and the
 * caches of values that are deterministic functions of a column and a window size.
 */
final class WindowEvaluator {

  private final MonitorConfig config;
  private final Schema schema;
  private final PcaModel pca;
  private final ThresholdResolver resolver;
  private final SeasonalTargets seasonal;
  private final SeasonChoice season;
  private final RangeTolerance ranges;
  private final WindowQuality qualities;
  private final SwapCheck swaps;
  /** The ordered reference's rows per chunk (0 without order). */
  private final long chunkRows;

  /** The estimate's per-row chances (null without an estimator). */
  private final RowChances chances;

  WindowEvaluator(MonitorConfig config, Schema schema, PcaModel pca,
      dev.mlops.drift.profile.ReferenceProfile profile, RowChances chances) {
    this.chances = chances;
    this.config = config;
    this.schema = schema;
    this.pca = pca;
    this.resolver = config.calibrated() ? new ThresholdResolver(config.driftThresholds(), schema,
        config.seed(), profile.calibrations(), profile.chunks().orElse(null)) : null;
    this.season = SeasonChoice.of(config, schema, profile);
    Integer field = season.field() == null ? null : schema.index.get(season.field());
    this.seasonal = field == null || profile.chunks().isEmpty() ? null
        : new SeasonalTargets(profile.chunks().get(), schema.features[field],
            config.driftThresholds(), config.seed());
    this.ranges = new RangeTolerance(profile.chunks().orElse(null),
        config.quality().maxOutOfRangeRate());
    this.qualities = new WindowQuality(config, schema, ranges);
    this.swaps = config.swapCheck() ? new SwapCheck(profile.chunks().orElse(null)) : null;
    this.chunkRows = profile.chunks().map(c -> c.chunkRows()).orElse(0L);
  }

  /** The calibrated thresholds' resolver, or null (for tests). */
  ThresholdResolver resolver() {
    return resolver;
  }

  /** Verdicts and everything but the alert state. */
  record Partial(
      List<FeatureDrift> features,
      double correctedThreshold,
      double driftShare,
      boolean datasetDrift,
      FeatureDrift prediction,
      FeatureDrift label,
      MultivariateDrift multivariate,
      DataQuality quality,
      Performance performance,
      List<FeatureQuantiles> quantiles) {

    boolean drifted() {
      return datasetDrift
          || (prediction != null && prediction.drifted())
          || (multivariate != null && multivariate.status() == DriftStatus.DRIFT);
    }
  }

  Partial evaluate(WindowState cur, WindowState prev) {
    boolean vsPrevious = config.baseline() == Baseline.PREVIOUS_WINDOW && prev != null;
    boolean firstOfSize = !vsPrevious && calibrateAhead(cur);
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, String> origins = new HashMap<>();
    Map<String, Scaled> scales = new HashMap<>();
    for (FeatureSpec f : schema.features) {
      Base base = vsPrevious ? FeatureEvaluator.previous(f, prev) : FeatureEvaluator.reference(f);
      Outcome o = evaluate(f, f.name, base, cur, false, origins);
      if (!vsPrevious) {
        o = ShortWindow.judged(o, chunkRows, cur.rows);
      }
      outcomes.add(o);
      if (!vsPrevious && o.needsVerdict() && f.numeric && resolver != null
          && origins.containsKey(f.name)) {
        scale(f, cur, scales);
      }
    }
    double corrected = correctedThreshold(outcomes);
    List<FeatureDrift> features = new ArrayList<>();
    int tested = 0;
    int drifted = 0;
    for (Outcome o : outcomes) {
      FeatureDrift d = withScale(verdict(o, corrected, config.correction() != Correction.NONE,
          origins), scales.get(o.spec().name));
      features.add(d);
      if (d.status() == DriftStatus.OK || d.status() == DriftStatus.DRIFT) {
        tested++;
        if (d.drifted()) {
          drifted++;
        }
      }
    }
    double share = tested == 0 ? Double.NaN : (double) drifted / tested;
    boolean datasetDrift = tested > 0 && share >= driftShareThreshold();
    FeatureDrift prediction = cur.predictions == 0 ? null
        : single(choose(schema.predictionNumeric, schema.predictionClasses, cur), cur, prev,
            origins);
    FeatureDrift label = cur.labels == 0 ? null
        : single(choose(schema.labelNumeric, schema.labelClasses, cur), cur, prev, origins);
    MultivariateDrift multivariate = null;
    if (pca != null) {
      try {
        multivariate = pca.evaluate(cur.rowSample.values(), cur.rowSample.size(),
            config.minSampleSize());
      } catch (RuntimeException e) {
        multivariate = new MultivariateDrift(pca.components(), Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, cur.rowSample.size(), DriftStatus.ERROR,
            "multivariate drift failed: " + e);
      }
    }
    DataQuality quality = qualities.of(cur);
    if (!vsPrevious && swaps != null) {
      quality = WindowQuality.withFindings(quality, swaps.findings(features, schema.features, cur,
          firstOfSize ? helpers() : null));
    }
    return new Partial(features, corrected, share, datasetDrift, prediction, label, multivariate,
        quality, performance(cur), quantiles(cur));
  }

  /**
   * Adds the chances of a pane's backlogged rows to its sums (waiting for the estimator's fit),
   * before panes are merged into a sliding window; nothing without an estimator.
   */
  void resolve(WindowState pane) {
    if (chances != null) {
      chances.resolve(pane);
    }
  }

  /**
   * The window's performance: its label-free estimate waits here (off the request thread) for
   * the estimator's fit and adds the chances of rows kept until it was ready.
   */
  private Performance performance(WindowState cur) {
    if (chances == null) {
      return Performances.of(cur, config.classificationThreshold(), config.realisedMetrics(), null,
          null);
    }
    RowChances.Fitted f = chances.resolve(cur);
    return Performances.of(cur, config.classificationThreshold(), config.realisedMetrics(),
        f.estimator, f.failure, config.estimator().basis());
  }

  /** A numeric feature's scale check: its calibrated band and the window's log ratio. */
  private record Scaled(ScaleCheck.Band band, double logRatio) {}

  /** Runs the scale check of a numeric feature with a calibrated threshold. */
  private void scale(FeatureSpec f, WindowState cur, Map<String, Scaled> scales) {
    double[] sorted = cur.reservoirs[f.numericSlot].sortedInPlace();
    ScaleCheck.Band band;
    try {
      band = resolver.scale(f, sorted.length, f.referenceSorted.length);
    } catch (RuntimeException e) {
      return; // no band: the distance check alone decides
    }
    double r = ScaleCheck.logRatio(ScaleCheck.sampleStd(sorted), f.referenceStd);
    if (band != null && Double.isFinite(r)) {
      scales.put(f.name, new Scaled(band, r));
    }
  }

  /**
   * A verdict with the scale check: drift when the log ratio leaves its band. The distribution
   * test's fields are kept; the scale check is its own component and the fired checks say which
   * decided.
   */
  private static FeatureDrift withScale(FeatureDrift d, Scaled s) {
    if (s == null || (d.status() != DriftStatus.OK && d.status() != DriftStatus.DRIFT)) {
      return d;
    }
    ScaleDrift scale = s.band().result(s.logRatio());
    List<String> fired = new ArrayList<>(d.firedChecks());
    if (scale.drifted()) {
      fired.add(ScaleDrift.KEY);
    }
    String reason = scale.drifted() && !d.drifted() ? scale.describe() + "; " + d.reason()
        : d.reason() + "; " + scale.describe();
    return new FeatureDrift(d.feature(), d.kind(), d.test(), d.statistic(), d.pValue(),
        d.threshold(), d.effectSize(), d.minEffectSize(), d.nReference(), d.nCurrent(),
        fired.isEmpty() ? DriftStatus.OK : DriftStatus.DRIFT, reason, scale, fired);
  }

  /** Ranks reported from the quantile sketches. */
  static final double[] RANKS = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

  private List<FeatureQuantiles> quantiles(WindowState cur) {
    if (cur.sketches == null) {
      return List.of();
    }
    List<FeatureQuantiles> out = new ArrayList<>();
    for (int j = 0; j < schema.numeric; j++) {
      dev.mlops.drift.internal.QuantileSketch k = cur.sketches[j];
      String name = schema.features[schema.numericFeatures[j]].name;
      double[] values = new double[RANKS.length];
      if (k.isEmpty()) {
        Arrays.fill(values, Double.NaN);
      } else {
        values = k.quantiles(RANKS);
      }
      out.add(new FeatureQuantiles(name, k.n(), RANKS, values,
          dev.mlops.drift.internal.QuantileSketch.normalizedRankError(k.k())));
    }
    return out;
  }

  /**
   * The share of tested features that must drift for dataset drift: under calibrated thresholds
   * any one feature (each feature's quantile already divides the false-alarm rate among them).
   */
  private double driftShareThreshold() {
    return config.calibrated() ? 1.0 / Math.max(1, schema.features.length) : config.driftShare();
  }

  private Outcome evaluate(FeatureSpec f, String column, Base base, WindowState cur,
      boolean single, Map<String, String> origins) {
    double[] sorted = f.numeric ? cur.reservoirs[f.numericSlot].sortedInPlace() : new double[0];
    long[] slots = cur.slots(f);
    DriftStatistic override = config.tests().get(column);
    Double thr = config.thresholds().get(column);
    if (override == null && thr == null && resolver != null) {
      override = ThresholdResolver.statistic(f);
      long k = f.numeric ? sorted.length : sum(slots);
      long n = f.numeric ? base.sorted().length : base.count();
      if (k >= config.minSampleSize() && n >= config.minSampleSize()) {
        try {
          ThresholdResolver.Resolved r = resolver.resolve(f, column, k, n, single);
          thr = r.threshold();
          origins.put(column, r.origin());
        } catch (RuntimeException e) {
          // e.g. fewer than 3 finite resampled values: the fixed distance rule, saying so
          thr = config.distanceThreshold();
          origins.put(column, "Evidently's fixed distance threshold: calibration failed: "
              + e.getMessage());
        }
      }
    }
    return FeatureEvaluator.evaluate(f, base, slots, sorted, override,
        thr == null ? Double.NaN : thr, config.minSampleSize());
  }

  /**
   * Computes ahead what the evaluation of a first window of {@code rows} rows without missing
   * values looks up: each calibrated column's threshold, each numeric feature's scale band and
   * range tolerance, for the sizes such a window gives (a numeric column's values are its
   * reservoir's, at most {@link MonitorConfig#reservoirSize()}). Each result is cached under its
   * column and size and is a deterministic function of them (seeded), so the thresholds are the
   * same as when computed at the first window; a window of another size computes its own then.
   * Never throws (a column whose calibration fails is calibrated, or fails, at its window again).
   */
  void precalibrate(long rows) {
    if (resolver == null || rows <= 0) {
      return;
    }
    long k = Math.min(rows, config.reservoirSize());
    for (FeatureSpec f : schema.features) {
      precalibrate(f, f.numeric ? k : rows, false);
      if (f.numeric && f.hasReference) {
        try {
          ranges.of(f, rows);
        } catch (RuntimeException e) {
          // learnt (or not) when a window needs it
        }
      }
    }
    if (seasonal == null && config.baseline() == Baseline.REFERENCE) {
      for (FeatureSpec f : new FeatureSpec[] {schema.predictionNumeric, schema.predictionClasses}) {
        if (f.hasReference) {
          precalibrate(f, f.numeric ? k : rows, true);
        }
      }
    }
  }

  /**
   * The first window of a size computes every feature's threshold and scale band at that size
   * (hundreds of calibrations at hundreds of features, each a deterministic function of its
   * column and size), and the swap check's whole-reference summaries: they are
   * computed here in parallel ({@link SharedWork}: this thread with helpers on the host's executor
   * when one was given, else on the common fork-join pool; never waiting for a queued helper, so a
   * bounded host executor cannot deadlock), then looked up by the evaluation in feature order, the
   * same values as computed one by one. Returns whether this is the first window of its size.
   */
  private boolean calibrateAhead(WindowState cur) {
    if (resolver == null || schema.features.length < 2 || !sizesAhead.add(cur.rows)) {
      return false;
    }
    SharedWork.run(helpers(), schema.features.length, i -> {
      FeatureSpec f = schema.features[i];
      if (calibrationThreads != null) {
        calibrationThreads.add(Thread.currentThread().getName());
      }
      precalibrate(f, f.numeric ? cur.reservoirs[f.numericSlot].size() : sum(cur.slots(f)), false);
      if (swaps != null) {
        swaps.prepare(f);
      }
    });
    return true;
  }

  /** The executor of {@link SharedWork}'s helpers: the host's, else the common pool. */
  private java.util.concurrent.Executor helpers() {
    return config.executor() != null ? config.executor()
        : java.util.concurrent.ForkJoinPool.commonPool();
  }

  /** Window sizes (rows) whose calibrations {@link #calibrateAhead} computed. */
  private final java.util.Set<Long> sizesAhead =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** For tests: the names of the threads that ran first-window calibrations (null: not kept). */
  private volatile java.util.Set<String> calibrationThreads;

  /** Keeps the names of the threads that run first-window calibrations from now on (tests). */
  java.util.Set<String> recordCalibrationThreads() {
    calibrationThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    return calibrationThreads;
  }

  /** As {@link #evaluate(FeatureSpec, String, Base, WindowState, boolean, Map)} looks a column up. */
  private void precalibrate(FeatureSpec f, long k, boolean single) {
    if (config.tests().containsKey(f.name) || config.thresholds().containsKey(f.name)) {
      return;
    }
    long n = f.numeric ? f.referenceSorted.length : f.referenceCount;
    if (k < config.minSampleSize() || n < config.minSampleSize()) {
      return;
    }
    try {
      resolver.resolve(f, f.name, k, n, single);
      if (f.numeric && !single) {
        resolver.scale(f, k, n);
      }
    } catch (RuntimeException e) {
      // calibrated (or failing, with its reason in the report) at the window again
    }
  }

  private static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }

  /** Numeric or class column for the prediction / label: whichever received values. */
  private static FeatureSpec choose(FeatureSpec numeric, FeatureSpec classes, WindowState cur) {
    long c = cur.valid(classes);
    long n = cur.valid(numeric);
    if (classes.hasReference && c > 0) {
      return classes;
    }
    if (numeric.hasReference && n > 0) {
      return numeric;
    }
    return c > n ? classes : numeric;
  }

  private FeatureDrift single(FeatureSpec f, WindowState cur, WindowState prev,
      Map<String, String> origins) {
    Base base;
    if (f.hasReference && config.baseline() == Baseline.REFERENCE) {
      base = FeatureEvaluator.reference(f);
    } else if (prev != null) {
      base = FeatureEvaluator.previous(f, prev);
    } else {
      long n = cur.valid(f);
      return new FeatureDrift(f.name, f.numeric ? "numeric" : "categorical", "none", Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, 0, 0, n, DriftStatus.INSUFFICIENT_DATA,
          "no reference for " + f.name + " in the profile and no previous window yet");
    }
    String notSeasonal = null;
    boolean label = Schema.LABEL.equals(f.name);
    if (seasonal != null && !label && !season.prediction()) {
      Outcome o = evaluate(f, f.name, base, cur, true, origins);
      return noted(verdict(o, config.alpha(), false, origins), SeasonChoice.LABEL_ONLY);
    }
    if (seasonal != null && config.baseline() == Baseline.REFERENCE && f.hasReference
        && !config.tests().containsKey(f.name) && !config.thresholds().containsKey(f.name)) {
      SeasonalTargets.Verdict v = seasonal.compare(f, cur, config.minSampleSize());
      if (v.drift() != null) {
        return noted(v.drift(), "; " + season.note());
      }
      notSeasonal = v.whyNot();
    }
    Outcome o = evaluate(f, f.name, base, cur, true, origins);
    FeatureDrift d = verdict(o, config.alpha(), false, origins);
    if (notSeasonal != null) {
      return noted(d, "; against the whole reference, not the season of " + seasonal.field()
          + ": " + notSeasonal + " (" + season.note() + ")");
    }
    return season.note() == null || seasonal != null ? d
        : noted(d, "; against the whole reference, " + season.note());
  }

  private static FeatureDrift noted(FeatureDrift d, String note) {
    return new FeatureDrift(d.feature(), d.kind(), d.test(), d.statistic(), d.pValue(),
        d.threshold(), d.effectSize(), d.minEffectSize(), d.nReference(), d.nCurrent(), d.status(),
        d.reason() + note);
  }

  private double correctedThreshold(List<Outcome> outcomes) {
    List<Double> ps = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.needsVerdict() && o.statistic().hasPValue() && Double.isNaN(o.overrideThreshold())) {
        ps.add(o.result().pValue());
      }
    }
    int m = ps.size();
    double alpha = config.alpha();
    if (m == 0) {
      return Double.NaN;
    }
    switch (config.correction()) {
      case NONE:
        return alpha;
      case BONFERRONI:
        return alpha / m;
      default:
        double[] p = ps.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(p);
        int k = 0;
        for (int i = 1; i <= m; i++) {
          if (p[i - 1] <= i * alpha / m) {
            k = i;
          }
        }
        return Math.max(k, 1) * alpha / m;
    }
  }

  private FeatureDrift verdict(Outcome o, double corrected, boolean inclusive,
      Map<String, String> origins) {
    FeatureSpec f = o.spec();
    String kind = f.numeric ? "numeric" : "categorical";
    String test = o.statistic().key();
    double stat = o.result() == null ? Double.NaN : o.result().statistic();
    double p = o.result() == null ? Double.NaN : o.result().pValue();
    double effect = o.effectSize();
    boolean hasP = o.statistic().hasPValue();
    boolean overridden = !Double.isNaN(o.overrideThreshold());
    double threshold = overridden ? o.overrideThreshold()
        : hasP ? corrected : config.distanceThreshold();
    double minEffect = hasP && config.rule() == DecisionRule.SIGNIFICANT_AND_EFFECT
        ? config.minEffectSize() : 0.0;
    if (!o.needsVerdict()) {
      return new FeatureDrift(f.name, kind, test, stat, p, threshold, effect, minEffect,
          o.nReference(), o.nCurrent(), o.preStatus(), o.preReason());
    }
    DriftStatus status;
    String reason;
    String en = FeatureEvaluator.effectName(f);
    if (hasP) {
      boolean significant = inclusive && !overridden ? p <= threshold : p < threshold;
      boolean effectOk = minEffect == 0.0 || !(effect < minEffect);
      if (significant && effectOk) {
        status = DriftStatus.DRIFT;
        reason = String.format(Locale.ROOT, "%s p-value %s %s %s and %s effect %s >= %s", test,
            DriftReport.fmt(p), inclusive && !overridden ? "<=" : "<", DriftReport.fmt(threshold),
            en, DriftReport.fmt(effect), DriftReport.fmt(minEffect));
      } else if (significant) {
        status = DriftStatus.OK;
        reason = String.format(Locale.ROOT,
            "%s significant (p-value %s) but %s effect %s < minimum %s", test,
            DriftReport.fmt(p), en, DriftReport.fmt(effect), DriftReport.fmt(minEffect));
      } else {
        status = DriftStatus.OK;
        reason = String.format(Locale.ROOT, "%s p-value %s %s %s (%s effect %s)", test,
            DriftReport.fmt(p), inclusive && !overridden ? ">" : ">=", DriftReport.fmt(threshold),
            en, DriftReport.fmt(effect));
      }
    } else {
      boolean drift = stat >= threshold;
      status = drift ? DriftStatus.DRIFT : DriftStatus.OK;
      reason = String.format(Locale.ROOT, "%s %s %s %s", test, DriftReport.fmt(stat),
          drift ? ">=" : "<", DriftReport.fmt(threshold));
    }
    String origin = !overridden ? null : origins.containsKey(f.name) ? origins.get(f.name)
        : config.thresholdOrigins().get(f.name);
    if (origin != null) {
      reason = reason + " (threshold " + origin + ")";
    }
    return new FeatureDrift(f.name, kind, test, stat, p, threshold, effect, minEffect,
        o.nReference(), o.nCurrent(), status, reason);
  }

  /**
   * The report of a window the monitor recorded: its records are every row it counted, and a
   * sampled monitor's report says how many of them its statistics rest on.
   */
  DriftReport report(long window, long endMillis, Partial p, boolean drifted, int consecutive,
      boolean alert, WindowState st, long startMillis, FairnessWindow fairness) {
    long records = st.rows + st.unsampled;
    Sampling sampling = config.sampleOneIn() > 1 || st.unsampled > 0
        ? new Sampling(Math.max(2, config.sampleOneIn()), st.rows, records) : null;
    return report(window, endMillis, p, drifted, consecutive, alert, records, startMillis,
        fairness, sampling);
  }

  /** A report of {@code records} rows, {@code sampling} null when every row was recorded. */
  DriftReport report(long window, long endMillis, Partial p, boolean drifted, int consecutive,
      boolean alert, long records, long startMillis, FairnessWindow fairness, Sampling sampling) {
    return new DriftReport(window, Instant.ofEpochMilli(startMillis),
        Instant.ofEpochMilli(endMillis),
        config.baseline() == Baseline.PREVIOUS_WINDOW && window > 1 ? "previous_window"
            : "reference",
        records, p.features(), config.correction(), config.alpha(), p.correctedThreshold(),
        p.driftShare(), driftShareThreshold(), p.datasetDrift(), p.prediction(), p.label(),
        p.multivariate(), p.quality(), p.performance(), drifted, consecutive, alert,
        p.quantiles(), fairness, sampling);
  }
}
