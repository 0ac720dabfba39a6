package dev.mlops.bench.decisions;

import dev.mlops.bench.decisions.SyntheticStream.Change;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.DriftThresholds;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift-decision benchmarks of issue 14 as one seeded command each (figures logged through
 * slf4j-simple to stderr):
 *
 * <pre>
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.DriftDecisionsProbe \
 *     false-alarms | rates | power | estimate | bike | all   (-Dseeds=10 -Druns=100 -DfirstSeed=1)
 * java ... DriftDecisionsProbe targets   (label and prediction drift, {@link TargetScenarios}:
 *     -Dkinds=REGRESSION,BINARY -Dshifts=NONE -Drhos=0.9 -Dseeds=100 -DfirstSeed=1101 -Dlive=100
 *     -Dfeatures=3 -DlabelRates=0.002,0.005,0.01; -Drate / -DlabelRate state the rates elsewhere)
 * java ... DriftDecisionsProbe estimate-bike-classes   (-Dmodels=forest,logistic -DfirstSeed=1)
 * java ... DriftDecisionsProbe estimate-streams   (-DfirstSeed=203 -Dseeds=1 -Dmodels=FOREST:2
 *     -Dshifts=OUTSIDE -Dsizes=500 -Dtruth=CIRCLE; see {@link EstimateStreams})
 * </pre>
 *
 * <p>Data: {@code -Dmlops.bench.data=/path/to/hour.csv}, else {@code
 * ../shared/data/bike-sharing/hour.csv} or {@code /work/shared/data/bike-sharing/hour.csv}.
 */
public final class DriftDecisionsProbe {

  private static final Logger LOG = LoggerFactory.getLogger(DriftDecisionsProbe.class);

  /** The stated false-alarm rate per window: the default, or {@code -Drate=...}. */
  private static final double RATE = System.getProperty("rate") == null
      ? DriftThresholds.DEFAULT_FALSE_ALARM_RATE : Double.parseDouble(System.getProperty("rate"));

  /** {@link #RATE} as the figures state it. */
  private static final String STATED = String.format(java.util.Locale.ROOT, "%.3g%%", 100 * RATE);

  private DriftDecisionsProbe() {}

  /**
   * Runs the named benchmarks.
   *
   * @param args {@code false-alarms}, {@code rates}, {@code power}, {@code estimate}, {@code
   *     bike} or
   *     {@code all} (default)
   */
  public static void main(String[] args) {
    List<String> what = args.length == 0 ? List.of("all") : Arrays.asList(args);
    boolean all = what.contains("all");
    if (all || what.contains("false-alarms")) {
      StreamScenarios.FalseAlarms fa = StreamScenarios.falseAlarms(0.9, 100, 2026L);
      LOG.info("false alarms, AR(1) rho 0.9, 100 windows of {} rows, defaults (profile built "
              + "from the ordered rows, no calibration setting): dataset drift {}, multivariate {}, single-feature verdicts {} of {}",
          StreamScenarios.WINDOW, fa.datasetDrift(), fa.multivariate(), fa.featureFlags(),
          fa.windows() * (StreamScenarios.FEATURES + 1));
      StreamScenarios.FalseAlarms fixed = StreamScenarios.falseAlarms(0.9, 100, 2026L,
          StreamScenarios.Thresholds.FIXED);
      LOG.info("the same stream with Evidently's fixed rules by name: dataset drift {}, "
          + "single-feature verdicts {} of {}", fixed.datasetDrift(), fixed.featureFlags(),
          fixed.windows() * (StreamScenarios.FEATURES + 1));
    }
    if (all || what.contains("false-alarms") || what.contains("rates")) {
      int seeds = Integer.getInteger("seeds", 10);
      for (StreamScenarios.Thresholds t : new StreamScenarios.Thresholds[] {
          StreamScenarios.Thresholds.DEFAULT, StreamScenarios.Thresholds.ORDERED_PROFILE,
          StreamScenarios.Thresholds.RESAMPLED}) {
        for (double rho : new double[] {0, 0.5, 0.9}) {
          int dataset = 0;
          int multi = 0;
          int flags = 0;
          for (long seed = 1; seed <= seeds; seed++) {
            StreamScenarios.FalseAlarms fa = StreamScenarios.falseAlarms(rho, 100, seed, t);
            dataset += fa.datasetDrift();
            multi += fa.multivariate();
            flags += fa.featureFlags();
          }
          LOG.info("false-alarm rate, {}, AR(1) rho {}, {} seeds x 100 windows: dataset drift {}"
                  + " of {} (stated {}), single-feature {} of {} (stated {} per feature),"
                  + " multivariate {} (nominal 0.27%)", t, rho, seeds, dataset, 100 * seeds, STATED,
              flags,
              100 * seeds * (StreamScenarios.FEATURES + 1), String.format(java.util.Locale.ROOT,
                  "%.4g%%", 100 * RATE / (StreamScenarios.FEATURES + 1)), multi);
        }
      }
    }
    if (what.contains("sources")) {
      int seeds = Integer.getInteger("seeds", 50);
      int live = Integer.getInteger("live", 40);
      double[] rhos = Arrays.stream(System.getProperty("rhos", "0,0.5,0.9").split(","))
          .mapToDouble(Double::parseDouble).toArray();
      for (String mode : System.getProperty("modes", "DEFAULT,ORDERED_PROFILE").split(",")) {
        StreamScenarios.Thresholds t = StreamScenarios.Thresholds.valueOf(mode);
        for (double rho : rhos) {
          StreamScenarios.AlarmSources sum = new StreamScenarios.AlarmSources(0, 0, 0, 0, 0, 0);
          int[] perSeed = new int[seeds];
          for (int i = 0; i < seeds; i++) {
            StreamScenarios.AlarmSources a = StreamScenarios.alarmSources(rho, live,
                Long.getLong("firstSeed", 1L) + i, t);
            perSeed[i] = a.datasetDrift();
            sum = sum.plus(a);
          }
          LOG.info("alarm sources, {}, AR(1) rho {}, {} seeds x {} windows: dataset drift {} of {}"
                  + " ({}; stated {}), distance {}, scale only {}, categorical {}, multivariate {}"
                  + " (nominal 0.27%); dataset drift per seed {}", t, rho, seeds, live,
              sum.datasetDrift(), sum.windows(), String.format(java.util.Locale.ROOT, "%.2f%%",
                  100.0 * sum.datasetDrift() / sum.windows()), STATED, sum.distance(),
              sum.scaleOnly(),
              sum.categorical(), sum.multivariate(), Arrays.toString(perSeed));
        }
      }
    }
    if (what.contains("replay")) {
      replay();
    }
    if (what.contains("broken")) {
      broken();
    }
    if (what.contains("estimate-bike-classes")) {
      // three classes on real data (tenth session): -Dmodels=forest,logistic -DfirstSeed=1
      // -Dseeds=1 (the forest's seed)
      java.nio.file.Path csv = BikeScenarios.locate();
      long first = Long.getLong("firstSeed", 1L);
      int seeds = Integer.getInteger("seeds", 1);
      for (String model : System.getProperty("models", "forest,logistic").split(",")) {
        for (long seed = first; seed < first + seeds; seed++) {
          double abs = 0;
          double absBefore = 0;
          int covered = 0;
          int coveredBefore = 0;
          for (BikeWeatherEstimate.Month m : BikeWeatherEstimate.run(csv, model, seed)) {
            LOG.info("bike weather {} seed {} {}", model, seed, m.toRow());
            abs += Math.abs(m.monitor().error());
            absBefore += Math.abs(m.before().error());
            covered += m.monitor().covers() ? 1 : 0;
            coveredBefore += m.before().covers() ? 1 : 0;
          }
          LOG.info("bike weather {} seed {}: 2012 months MAE {} (before {}), covered {} of 12"
              + " (before {})", model, seed, String.format(java.util.Locale.ROOT, "%.4f", abs / 12),
              String.format(java.util.Locale.ROOT, "%.4f", absBefore / 12), covered,
              coveredBefore);
        }
      }
    }
    if (what.contains("targets")) {
      targets();
    }
    if (what.contains("electricity")) {
      electricity();
    }
    if (what.contains("estimate-streams")) {
      long first = Long.getLong("firstSeed", 101L);
      int seeds = Integer.getInteger("seeds", 50);
      int[] sizes = Arrays.stream(System.getProperty("sizes", "200,500,2000").split(","))
          .mapToInt(Integer::parseInt).toArray();
      EstimateStreams.Shift[] shifts = Arrays.stream(System.getProperty("shifts",
          "MEAN,VARIANCE,MIXTURE,UNCERTAIN,OUTSIDE").split(","))
          .map(EstimateStreams.Shift::valueOf).toArray(EstimateStreams.Shift[]::new);
      for (String spec : System.getProperty("models",
          "LOGISTIC:2,FOREST:2,BOOSTED:2,FIXED_OVERCONFIDENT:2,LOGISTIC:3,FOREST:3,BOOSTED:3")
          .split(",")) {
        String[] mc = spec.split(":");
        for (EstimateStreams.Figures f : EstimateStreams.run(
            EstimateStreams.Model.valueOf(mc[0]), Integer.parseInt(mc[1]), shifts, sizes, first,
            seeds, EstimateStreams.Truth.valueOf(System.getProperty("truth", "LOGIT")))) {
          LOG.info("{}", f.toRow());
        }
      }
    }
    if (all || what.contains("estimate")) {
      EstimateScenarios.Figures f = EstimateScenarios.run(10, 50, 1_000, 7L);
      LOG.info("label-free accuracy under covariate shift, {} windows of 1000 rows (10 seeds): "
              + "MAE {}, max error {}, 95% interval coverage {}; uncalibrated MAE {}",
          f.windows(), f.meanAbsoluteError(), f.maxAbsoluteError(), f.coverage(),
          f.uncalibratedMeanAbsoluteError());
    }
    if (all || what.contains("bike")) {
      java.nio.file.Path csv = BikeScenarios.locate();
      List<BikeScenarios.Month> y2011 = BikeScenarios.falseAlarms2011(csv);
      for (BikeScenarios.Month m : y2011) {
        LOG.info("2011 month {} vs 2011 (defaults, profile calibrated on 720-row windows): dataset drift {}, drifted "
            + "{}; temp {}", m.month(), m.datasetDrift(), m.drifted(), m.temp().reason());
      }
      LOG.info("bike 2011 false alarms: {} of 12 monthly windows flag dataset drift",
          y2011.stream().filter(BikeScenarios.Month::datasetDrift).count());
      List<BikeScenarios.Month> y2012 = BikeScenarios.seasonal2012(csv);
      for (BikeScenarios.Month m : y2012) {
        LOG.info("2012 month {} vs 2011 month {} (seasonal): mean temp difference {}, temp {}; "
                + "label {}; drifted {}", m.month(), m.month(),
            String.format(java.util.Locale.ROOT, "%+.3f", m.tempMeanDifference()),
            m.temp().reason(), m.label() == null ? "-" : m.label().status() + " "
                + m.label().reason(), m.drifted());
      }
    }
    int runs = Integer.getInteger("runs", 100);
    if (all || what.contains("power")) {
      for (Change c : new Change[] {Change.MEAN_SHIFT, Change.NEW_CATEGORY,
          Change.DOUBLED_VARIANCE, Change.CORRELATION_FLIP}) {
        StreamScenarios.Power p = StreamScenarios.power(c, 0.5, runs,
            Long.getLong("firstSeed", 1L));
        LOG.info("power {} (AR(1) rho 0.5): detected within 2 windows in {} of {} runs "
                + "(univariate dataset drift in {}); false alarms before the change: dataset {},"
                + " multivariate {}, of {} windows", c, p.detected(), p.runs(),
            p.univariateDetected(), p.datasetFalseAlarms(), p.multivariateFalseAlarms(),
            p.windowsBeforeChange());
      }
    }
  }

  /**
   * The electricity-market-like stream ({@link ElectricityScenario}): {@code -DfirstSeed=1001
   * -Dseeds=5}; {@code -Ddate=true} also replays it with a {@code date} feature.
   */
  private static void electricity() {
    long first = Long.getLong("firstSeed", 1001L);
    int seeds = Integer.getInteger("seeds", 5);
    int ownAlarms = 0;
    int ownWindows = 0;
    int ownLabel = 0;
    int ownPrediction = 0;
    int[] liveLabel = new int[12];
    for (long seed = first; seed < first + seeds; seed++) {
      ElectricityScenario.Outcome o = ElectricityScenario.run(seed);
      for (String line : ElectricityScenario.lines("seed " + seed + " own", o.own())) {
        LOG.info("{}", line);
      }
      LOG.info("seed {}: closeWindow() after the last count window: {}; latest report: window {}"
          + " of {} rows", seed, o.closeAfterCountWindows().isPresent() ? "a report of "
          + o.closeAfterCountWindows().get().records() + " rows" : "empty",
          o.latestAfterClose()[0], o.latestAfterClose()[1]);
      for (String line : ElectricityScenario.lines("seed " + seed + " live", o.live())) {
        LOG.info("{}", line);
      }
      for (String line : ElectricityScenario.lines("seed " + seed + " stuck", o.stuck())) {
        LOG.info("{}", line);
      }
      if (Boolean.getBoolean("date")) {
        List<List<ElectricityScenario.WindowDecision>> d = ElectricityScenario.withDateFeature(seed);
        for (String line : ElectricityScenario.lines("seed " + seed + " date own", d.get(0))) {
          LOG.info("{}", line);
        }
        for (String line : ElectricityScenario.lines("seed " + seed + " date continuation",
            d.get(1))) {
          LOG.info("{}", line);
        }
      }
      ownWindows += o.own().size();
      ownLabel += (int) o.own().stream().filter(d -> d.label() == DriftStatus.DRIFT).count();
      ownPrediction += (int) o.own().stream().filter(d -> d.prediction() == DriftStatus.DRIFT)
          .count();
      for (int w = 0; w < o.live().size() && w < liveLabel.length; w++) {
        liveLabel[w] += o.live().get(w).label() == DriftStatus.DRIFT ? 1 : 0;
      }
      ownAlarms += (int) o.own().stream().filter(ElectricityScenario.WindowDecision::alarm)
          .count();
    }
    LOG.info("electricity: own training windows with any alarm {} of {}", ownAlarms, ownWindows);
    LOG.info("electricity: own training windows with label drift {} of {}, prediction drift {}"
        + " (stated: label {}); live windows with label drift (labelled 1-3, 7-9; change from 6) {}",
        ownLabel, ownWindows, ownPrediction, String.format(java.util.Locale.ROOT, "%.3g%%",
            100 * LabelRates.labelRate()), java.util.Arrays.toString(liveLabel));
  }

  /**
   * Label and prediction drift on the AR(1) streams with a label ({@link TargetScenarios}):
   * {@code -Dkinds=REGRESSION,BINARY -Dshifts=NONE,LABEL_QUARTER_SD,LABEL_HALF_SD,FEATURES
   * -Drhos=0.9 -Dseeds=100 -DfirstSeed=1101 -Dlive=100} (shifted streams: 10 live windows, the
   * change from window 6; detected within 2 windows means window 6 or 7).
   */
  private static void targets() {
    int seeds = Integer.getInteger("seeds", 100);
    long first = Long.getLong("firstSeed", 1101L);
    for (String k : System.getProperty("kinds", "REGRESSION,BINARY").split(",")) {
      TargetScenarios.Kind kind = TargetScenarios.Kind.valueOf(k);
      for (String sh : System.getProperty("shifts", "NONE").split(",")) {
        TargetScenarios.Shift shift = TargetScenarios.Shift.valueOf(sh);
        for (String r : System.getProperty("rhos", "0.9").split(",")) {
          double rho = Double.parseDouble(r);
          int live = shift == TargetScenarios.Shift.NONE ? Integer.getInteger("live", 100) : 10;
          double[] rates = Arrays.stream(System.getProperty("labelRates",
              String.valueOf(LabelRates.labelRate())).split(",")).mapToDouble(Double::parseDouble)
              .toArray();
          int features = Integer.getInteger("features", StreamScenarios.FEATURES);
          TargetScenarios.Flags[][] all = new TargetScenarios.Flags[rates.length][seeds];
          for (int i = 0; i < seeds; i++) {
            TargetScenarios.Flags[] f = TargetScenarios.run(kind, shift, rho, live, first + i,
                features, rates);
            for (int m = 0; m < rates.length; m++) {
              all[m][i] = f[m];
            }
          }
          for (int m = 0; m < rates.length; m++) {
          String stated = String.format(java.util.Locale.ROOT, "label %.3g%%, prediction %.3g%%",
              100 * rates[m], 100 * LabelRates.rate());
          int windows = 0;
          int[] label = new int[seeds];
          int[] prediction = new int[seeds];
          int[] dataset = new int[seeds];
          int labelHit = 0;
          int predictionHit = 0;
          int before = 0;
          for (int i = 0; i < seeds; i++) {
            TargetScenarios.Flags f = all[m][i];
            windows += f.windows();
            if (shift == TargetScenarios.Shift.NONE) {
              label[i] = TargetScenarios.Flags.count(f.label());
              prediction[i] = TargetScenarios.Flags.count(f.prediction());
              dataset[i] = TargetScenarios.Flags.count(f.dataset());
            } else {
              labelHit += f.label()[5] || f.label()[6] ? 1 : 0;
              predictionHit += f.prediction()[5] || f.prediction()[6] ? 1 : 0;
              for (int w = 0; w < 5; w++) {
                before += f.label()[w] ? 1 : 0;
              }
            }
          }
          if (shift == TargetScenarios.Shift.NONE) {
            LOG.info("targets {} rho {}, {} seeds from {} x {} windows (stated {}): label drift"
                    + " {} of {} windows, streams over 2 {}, max {}; prediction drift {}, streams "
                    + "over 2 {}, max {}; dataset drift {}; label per seed {}; prediction per seed {}",
                kind, rho, seeds, first, live, stated + " (" + features + " numeric features)",
                sum(label), windows, over(label, 2),
                max(label), sum(prediction), over(prediction, 2), max(prediction), sum(dataset),
                java.util.Arrays.toString(label), java.util.Arrays.toString(prediction));
          } else {
            LOG.info("targets {} {} rho {}, {} runs from seed {} (stated {}): label drift within 2"
                    + " windows {} of {}, prediction drift within 2 windows {} of {}; label drift "
                    + "before the change {} of {} windows", kind, shift, rho, seeds, first, stated,
                labelHit, seeds, predictionHit, seeds, before, 5 * seeds);
          }
          }
        }
      }
    }
  }

  private static int sum(int[] a) {
    return java.util.Arrays.stream(a).sum();
  }

  private static int max(int[] a) {
    return java.util.Arrays.stream(a).max().orElse(0);
  }

  private static int over(int[] a, int limit) {
    return (int) java.util.Arrays.stream(a).filter(x -> x > limit).count();
  }

  /**
   * The replay table: {@code -Drhos=0.5,0.9,0.99 -Dpaths=ROWS,... -Dwindows=200,1000,10000
   * -Dseeds=5 -DfirstSeed=1}.
   */
  private static void replay() {
    int seeds = Integer.getInteger("seeds", 5);
    long first = Long.getLong("firstSeed", 1L);
    String paths = System.getProperty("paths", java.util.Arrays.stream(
        ReplayScenarios.Path.values()).map(Enum::name).collect(
            java.util.stream.Collectors.joining(",")));
    if (Boolean.getBoolean("bike")) {
      java.nio.file.Path csv = BikeScenarios.locate();
      for (String p : paths.split(",")) {
        for (String w : System.getProperty("windows", "200,1000,10000").split(",")) {
          ReplayScenarios.Flags[] f = ReplayScenarios.bike(csv, ReplayScenarios.Path.valueOf(p),
              Integer.parseInt(w));
          LOG.info("replay bike 2011 {} windows of {}: own rows {} of {} windows flag dataset "
                  + "drift ({} feature flags {}); 2012 {} of {} ({} feature flags {}); own "
                  + "sample: {}", p, w, f[0].datasetDrift(), f[0].windows(),
              f[0].featureFlags(), f[0].byFeature(), f[1].datasetDrift(), f[1].windows(),
              f[1].featureFlags(), f[1].byFeature(), f[0].sampleReason());
        }
      }
      return;
    }
    for (String r : System.getProperty("rhos", "0.5,0.9,0.99").split(",")) {
      double rho = Double.parseDouble(r);
      for (String p : paths.split(",")) {
        ReplayScenarios.Path path = ReplayScenarios.Path.valueOf(p);
        for (String w : System.getProperty("windows", "200,1000,10000").split(",")) {
          int window = Integer.parseInt(w);
          ReplayScenarios.Flags[] f = ReplayScenarios.cell(rho, path, window, first, seeds);
          LOG.info("replay rho {} {} windows of {}: own rows {} of {} windows flag dataset drift "
                  + "({} feature flags {}); continuation {} of {} ({} feature flags {}); own "
                  + "sample: {}; continuation sample: {}", rho, path, window,
              f[0].datasetDrift(), f[0].windows(), f[0].featureFlags(), f[0].byFeature(),
              f[1].datasetDrift(), f[1].windows(), f[1].featureFlags(), f[1].byFeature(),
              f[0].sampleReason(), f[1].sampleReason());
        }
      }
    }
  }

  /**
   * The broken-pipeline table: {@code -Dbike=true} (2011 profile, 2012 broken from week {@code
   * -DbreakWeek=10}) or the synthetic stream ({@code -Drhos=0.9 -Dseeds=5 -DfirstSeed=1}, broken
   * from live row {@code -DbreakRow=3000}); {@code -Dwindows=200,1000} ({@code 200,1000,168} on
   * bike), {@code -Dbreaks=...}.
   */
  private static void broken() {
    boolean bike = Boolean.getBoolean("bike");
    String breaks = System.getProperty("breaks", java.util.Arrays.stream(
        BrokenPipelines.Break.values()).map(Enum::name).collect(
            java.util.stream.Collectors.joining(",")));
    String windows = System.getProperty("windows", bike ? "200,1000,168" : "200,1000");
    if (bike) {
      java.nio.file.Path csv = BikeScenarios.locate();
      int breakRow = 168 * Integer.getInteger("breakWeek", 10);
      for (String w : windows.split(",")) {
        int window = Integer.parseInt(w);
        logBroken("bike 2011 own profile (clean)", window,
            List.of(BrokenPipelines.bike(csv, BrokenPipelines.Break.NONE, 0, window, true)));
        for (String b : breaks.split(",")) {
          BrokenPipelines.Break brk = BrokenPipelines.Break.valueOf(b);
          logBroken("bike 2012 " + brk + " from row " + breakRow, window,
              List.of(BrokenPipelines.bike(csv, brk, breakRow, window, false)));
        }
      }
      return;
    }
    int seeds = Integer.getInteger("seeds", 5);
    long first = Long.getLong("firstSeed", 1L);
    int breakRow = Integer.getInteger("breakRow", 3000);
    for (String r : System.getProperty("rhos", "0.9").split(",")) {
      double rho = Double.parseDouble(r);
      for (String w : windows.split(",")) {
        int window = Integer.parseInt(w);
        List<BrokenPipelines.Outcome> own = new java.util.ArrayList<>();
        for (long s = first; s < first + seeds; s++) {
          own.add(BrokenPipelines.synthetic(rho, s, BrokenPipelines.Break.NONE, 0, window, true));
        }
        logBroken("synthetic rho " + rho + " own rows (clean)", window, own);
        for (String b : breaks.split(",")) {
          BrokenPipelines.Break brk = BrokenPipelines.Break.valueOf(b);
          if (brk == BrokenPipelines.Break.SWAPPED_CATEGORICAL) {
            continue; // one categorical feature: no pair to swap
          }
          List<BrokenPipelines.Outcome> out = new java.util.ArrayList<>();
          for (long s = first; s < first + seeds; s++) {
            out.add(BrokenPipelines.synthetic(rho, s, brk, breakRow, window, false));
          }
          logBroken("synthetic rho " + rho + " continuation " + brk + " from row " + breakRow,
              window, out);
        }
      }
    }
  }

  private static void logBroken(String what, int window, List<BrokenPipelines.Outcome> runs) {
    int windows = 0;
    int falseWindows = 0;
    int naming = 0;
    int broken = 0;
    java.util.Map<String, Integer> falseBy = new java.util.TreeMap<>();
    StringBuilder within = new StringBuilder();
    String finding = null;
    String sampleFalse = null;
    for (BrokenPipelines.Outcome o : runs) {
      windows += o.firstBroken() < 0 ? o.windows() : o.firstBroken();
      falseWindows += o.falseWindows();
      naming += o.namingWindows();
      broken += o.brokenWindows();
      o.falseFindings().forEach((k, v) -> falseBy.merge(k, v, Integer::sum));
      within.append(within.length() == 0 ? "" : ",").append(o.detectedWithin());
      finding = finding == null ? o.finding() : finding;
      sampleFalse = sampleFalse == null ? o.sampleFalse() : sampleFalse;
    }
    LOG.info("broken {} windows of {}: detected within [{}] windows (0 = never), naming {} of {}"
            + " broken windows; finding: {} | false: {} of {} clean windows {} sample: {}", what,
        window, within, naming, broken, finding, falseWindows, windows, falseBy, sampleFalse);
  }
}
