package dev.mlops.bench.retraining;

import dev.mlops.core.data.CsvSource;
import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.ProfileOrder;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 item 1 as it reaches mlops-core: the reference profile of the bike-sharing loop's
 * deployed model (the pipeline of {@link BikeSharingLoopProbe}: time split on {@code dteday},
 * selected on the last 20% of 2011, refit on all of 2011), and a drift monitor on it with its
 * default thresholds, as the loop deploys it. Replays 2011 (the profile's own rows: false alarms)
 * and 2012 in weekly windows (168 hours, as the loop's monitor) and in calendar months, each row
 * with the model's prediction and its label; prints how many windows flag dataset drift, which
 * features, and the label (demand) and prediction drift.
 *
 * <p>Run: {@code java -cp mlops-bench/target/benchmarks.jar
 * dev.mlops.bench.retraining.PipelineProfileDriftProbe [--data ../shared/data/bike-sharing/hour.csv]
 * [--trees 20] [--order auto|none] [--season mnth|none]} ({@code none}: the profile built by columns, as
 * before the pipeline ordered it; {@code --season mnth}: label and prediction drift against the
 * reference's same month by {@code DriftMonitor.Builder.seasonField}; without it the monitor's
 * default, the month of {@code dteday} from the profile's calendar; {@code --season none}: {@code
 * withoutSeason()}). Logs each month's mean temperature beside the same month of 2011 and whether
 * {@code temp} was flagged. Deterministic (seed 42).
 */
public final class PipelineProfileDriftProbe {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineProfileDriftProbe.class);
  private static final int WEEK = 168;

  private PipelineProfileDriftProbe() {}

  /**
   * Runs the probe and logs the figures.
   *
   * @param args {@code --data <hour.csv>}, {@code --trees <n>}, {@code --order auto|none},
   *     {@code --season <field>}
   */
  public static void main(String[] args) {
    Path data = Paths.get("../shared/data/bike-sharing/hour.csv");
    int trees = 20;
    ProfileOrder order = ProfileOrder.auto();
    String season = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Paths.get(args[++i]);
        case "--trees" -> trees = Integer.parseInt(args[++i]);
        case "--order" -> order = "none".equals(args[++i]) ? ProfileOrder.none() : ProfileOrder.auto();
        case "--season" -> season = args[++i];
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    Table all = CsvSource.of(data).timestampColumn("dteday").drop("instant", "casual", "registered").read();
    int n2011 = (int) IntStream.range(0, all.rowCount()).filter(r -> all.numeric(r, all.indexOf("yr")) == 0).count();
    Table history = all.rows(IntStream.range(0, n2011).toArray());
    Table traffic = all.rows(IntStream.range(n2011, all.rowCount()).toArray());
    Pipeline pipeline = BikeSharingLoopProbe.pipeline(history, trees, order);
    PipelineRun selected = pipeline.run(RunOptions.none().withSource(Source.of(history)).forSelection());
    PipelineRun refit = pipeline.run(RunOptions.none().withSource(Source.of(history)).withRefitOf(selected));
    TrainedRegressor model = (TrainedRegressor) refit.model();
    ReferenceProfile profile = model.profile();
    LOG.info("profile order {}, season field {}: {}", order, season, profile);
    for (Table year : List.of(history, traffic)) {
      String name = year == history ? "2011" : "2012";
      summarise(name + " weekly", replay(profile, model, year, false, season));
      List<DriftReport> months = replay(profile, model, year, true, season);
      summarise(name + " monthly", months);
      temperatures(name, months, year, history);
    }
  }

  /** Each month's mean temp beside the same month of 2011, and whether temp was flagged. */
  private static void temperatures(String name, List<DriftReport> months, Table year, Table y2011) {
    double[] mean = monthMeans(year);
    double[] ref = monthMeans(y2011);
    for (int m = 0; m < months.size() && m < 12; m++) {
      FeatureDrift t = months.get(m).feature("temp").orElseThrow();
      LOG.info("  {} month {}: mean temp {} (2011 {}, difference {}); temp {} {} / {}", name, m + 1,
          fmt(mean[m]), fmt(ref[m]), fmt(mean[m] - ref[m]), t.status(), fmt(t.statistic()),
          fmt(t.threshold()));
    }
  }

  private static double[] monthMeans(Table rows) {
    double[] sum = new double[12];
    double[] n = new double[12];
    for (int r = 0; r < rows.rowCount(); r++) {
      int m = (int) rows.numeric(r, rows.indexOf("mnth")) - 1;
      sum[m] += rows.numeric(r, rows.indexOf("temp"));
      n[m]++;
    }
    for (int m = 0; m < 12; m++) {
      sum[m] /= n[m];
    }
    return sum;
  }

  /** The reports of consecutive windows: 168 rows each, or calendar months. */
  private static List<DriftReport> replay(ReferenceProfile profile, TrainedRegressor model, Table rows,
      boolean monthly, String season) {
    DriftMonitor.Builder b = DriftMonitor.builder(profile).window(Window.tumblingCount(Integer.MAX_VALUE))
        .ignoreFields("dteday");
    if ("none".equals(season)) {
      b.withoutSeason();
    } else if (season != null) {
      b.seasonField(season);
    }
    if (System.getProperty("rate") != null || System.getProperty("labelRate") != null) {
      // -Drate (dataset drift) / -DlabelRate (label and prediction): measure the trade
      b.thresholds(dev.mlops.drift.monitor.DriftThresholds.calibrated(
          Double.parseDouble(System.getProperty("rate", String.valueOf(
              dev.mlops.drift.monitor.DriftThresholds.DEFAULT_FALSE_ALARM_RATE))),
          Double.parseDouble(System.getProperty("labelRate", String.valueOf(
              dev.mlops.drift.monitor.DriftThresholds.DEFAULT_LABEL_FALSE_ALARM_RATE)))));
    }
    DriftMonitor monitor = b.build();
    List<DriftReport> out = new ArrayList<>();
    int month = rows.indexOf("mnth");
    double[] y = rows.numericColumn("cnt");
    for (int r = 0; r < rows.rowCount(); r++) {
      boolean boundary = monthly ? r > 0 && rows.numeric(r, month) != rows.numeric(r - 1, month)
          : r > 0 && r % WEEK == 0;
      if (boundary) {
        monitor.closeWindow().ifPresent(out::add);
      }
      Map<String, Object> row = BikeSharingLoopProbe.row(rows, r);
      monitor.record(row, Prediction.ofValue(model.predict(row)), "r" + r);
      monitor.recordLabel("r" + r, y[r]);
    }
    monitor.closeWindow().ifPresent(out::add);
    return out;
  }

  private static void summarise(String what, List<DriftReport> reports) {
    int flagged = 0;
    int label = 0;
    int prediction = 0;
    Map<String, Integer> byFeature = new TreeMap<>();
    for (DriftReport r : reports) {
      if (r.datasetDrift()) {
        flagged++;
      }
      for (FeatureDrift f : r.driftedFeatures()) {
        byFeature.merge(f.feature(), 1, Integer::sum);
      }
      label += drifted(r.label()) ? 1 : 0;
      prediction += drifted(r.prediction()) ? 1 : 0;
    }
    LOG.info("{}: {} of {} windows flag dataset drift; drifted features (windows): {}; label drift {}, "
        + "prediction drift {}", what, flagged, reports.size(), byFeature, label, prediction);
    if (!reports.isEmpty()) {
      DriftReport first = reports.get(0);
      for (FeatureDrift f : first.features()) {
        LOG.info("  {} window 1 {}: {}", what, f.feature(), f.reason());
      }
      if (first.label() != null) {
        LOG.info("  {} window 1 label: {}", what, first.label().reason());
      }
      if (first.prediction() != null) {
        LOG.info("  {} window 1 prediction: {}", what, first.prediction().reason());
      }
      for (DriftReport r : reports) {
        LOG.info("  {} window {}: label {} / {} {}; prediction {} / {} {}", what, r.window(),
            fmt(r.label()), r.label() == null ? "-" : fmt(r.label().threshold()),
            r.label() == null ? "-" : r.label().status(), fmt(r.prediction()),
            r.prediction() == null ? "-" : fmt(r.prediction().threshold()),
            r.prediction() == null ? "-" : r.prediction().status());
      }
    }
  }

  private static String fmt(FeatureDrift f) {
    return f == null ? "-" : fmt(f.statistic());
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }

  private static boolean drifted(FeatureDrift f) {
    return f != null && f.status() == DriftStatus.DRIFT;
  }
}
