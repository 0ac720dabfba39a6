package dev.mlops.bench.decisions;

import dev.mlops.bench.decisions.SyntheticStream.Change;
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
 *     false-alarms | power | estimate | bike | all
 * </pre>
 *
 * <p>Data: {@code -Dmlops.bench.data=/path/to/hour.csv}, else {@code
 * ../shared/data/bike-sharing/hour.csv} or {@code /work/shared/data/bike-sharing/hour.csv}.
 */
public final class DriftDecisionsProbe {

  private static final Logger LOG = LoggerFactory.getLogger(DriftDecisionsProbe.class);

  private DriftDecisionsProbe() {}

  /**
   * Runs the named benchmarks.
   *
   * @param args {@code false-alarms}, {@code power}, {@code estimate}, {@code bike} or
   *     {@code all} (default)
   */
  public static void main(String[] args) {
    List<String> what = args.length == 0 ? List.of("all") : Arrays.asList(args);
    boolean all = what.contains("all");
    if (all || what.contains("false-alarms")) {
      StreamScenarios.FalseAlarms fa = StreamScenarios.falseAlarms(0.9, 100, 2026L);
      LOG.info("false alarms, AR(1) rho 0.9, 100 windows of {} rows: dataset drift {}, "
              + "multivariate {}, single-feature verdicts {} of {}", StreamScenarios.WINDOW,
          fa.datasetDrift(), fa.multivariate(), fa.featureFlags(),
          fa.windows() * (StreamScenarios.FEATURES + 1));
      StreamScenarios.FalseAlarms fixed = StreamScenarios.falseAlarms(0.9, 100, 2026L, false);
      LOG.info("the same stream with the fixed default rules (not calibrated): dataset drift {}, "
          + "single-feature verdicts {} of {}", fixed.datasetDrift(), fixed.featureFlags(),
          fixed.windows() * (StreamScenarios.FEATURES + 1));
    }
    if (all || what.contains("false-alarms")) {
      int dataset = 0;
      int multi = 0;
      for (long seed = 1; seed <= 5; seed++) {
        StreamScenarios.FalseAlarms fa = StreamScenarios.falseAlarms(0.5, 100, seed);
        dataset += fa.datasetDrift();
        multi += fa.multivariate();
      }
      LOG.info("false alarms, AR(1) rho 0.5, 5 seeds x 100 windows: dataset drift {} of 500, "
          + "multivariate {} of 500 (nominal: dataset 1%, multivariate 0.27%)", dataset, multi);
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
        LOG.info("2011 month {} vs 2011 (calibrated on its 12 months): dataset drift {}, drifted "
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
        StreamScenarios.Power p = StreamScenarios.power(c, 0.5, runs, 1L);
        LOG.info("power {} (AR(1) rho 0.5): detected within 2 windows in {} of {} runs "
                + "(univariate dataset drift in {}); false alarms before the change: dataset {},"
                + " multivariate {}, of {} windows", c, p.detected(), p.runs(),
            p.univariateDetected(), p.datasetFalseAlarms(), p.multivariateFalseAlarms(),
            p.windowsBeforeChange());
      }
    }
  }
}
