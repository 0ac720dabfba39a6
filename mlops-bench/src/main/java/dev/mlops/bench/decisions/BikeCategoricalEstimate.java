package dev.mlops.bench.decisions;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.CsvSource;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.ProfileOrder;
import dev.mlops.core.pipeline.ProfilePredictions;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Bike 2011 monthly, the label-free estimate with and without the estimate sample's categorical
 * values (thirteenth session, "categorical"): {@code BikeClassifierDriftTest}'s pipeline (busy hour
 * = more than 109 rentals, a time split on {@code dteday}, a small forest, {@code
 * ProfileOrder.auto()} with the default predictions), with the columns named by {@code
 * -Dcategorical} declared categorical at reading (none: the CSV's inference, every column numeric,
 * as the test has it). The 2011 hours are replayed month by month through a default monitor on the
 * run's profile, and on the same profile with its sample's categorical values dropped (what the
 * monitor had before the session); each month's estimate error against the realised accuracy.
 *
 * <pre>
 * java -Dcategorical=season,weekday,weathersit -cp benchmarks.jar \
 *     dev.mlops.bench.decisions.BikeCategoricalEstimate /work/shared/data/bike-sharing/hour.csv
 * </pre>
 *
 * <p>Stateless.
 */
public final class BikeCategoricalEstimate {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      BikeCategoricalEstimate.class);

  private static final String[] FEATURES = {"season", "yr", "mnth", "hr", "holiday", "weekday",
      "workingday", "weathersit", "temp", "atemp", "hum", "windspeed"};

  private BikeCategoricalEstimate() {}

  /**
   * Runs the comparison and logs it.
   *
   * @param args the hour.csv path
   */
  public static void main(String[] args) {
    String declared = System.getProperty("categorical", "");
    CsvSource source = CsvSource.of(Path.of(args[0])).timestampColumn("dteday")
        .drop("instant", "casual", "registered");
    if (!declared.isBlank()) {
      source = source.categorical(declared.split(","));
    }
    Table raw = source.read();
    double[] cnt = raw.numericColumn("cnt");
    double[] busy = new double[cnt.length];
    for (int r = 0; r < cnt.length; r++) {
      busy[r] = cnt[r] > 109 ? 1 : 0;
    }
    Table.Builder b = Table.builder();
    for (Column c : raw.columns()) {
      switch (c.type()) {
        case TIMESTAMP -> b.timestamp(c.name(), raw.numericColumn(c.name()));
        case CATEGORICAL -> b.categorical(c.name(), raw.categoricalColumn(c.name()));
        default -> {
          if (!c.name().equals("cnt")) {
            b.numeric(c.name(), raw.numericColumn(c.name()));
          }
        }
      }
    }
    Table all = b.numeric("busy", busy).build();
    int n2011 = (int) IntStream.range(0, all.rowCount())
        .filter(r -> "0".equals(String.valueOf(all.row(r).get("yr")).replace(".0", ""))).count();
    Table y2011 = all.rows(IntStream.range(0, n2011).toArray());
    TrainedClassifier model = (TrainedClassifier) Pipeline.builder("bike-busy").source(y2011)
        .target("busy").features(FEATURES)
        .profileOrder(ProfileOrder.auto().withPredictions(ProfilePredictions.defaults()))
        .split(Split.byTime("dteday").testFraction(0.2))
        .train(Trainers.randomForestClassifier().trees(10).maxDepth(12))
        .evaluateClassifier(t -> t.bootstrap(0)).seed(42).build().run().model();
    ReferenceProfile profile = model.profile();
    LOG.info("declared categorical: [{}]; 2011 rows {}; estimate sample {}; categorical values"
        + " kept: {}", declared, n2011, profile.estimateSample().orElseThrow(),
        profile.estimateSample().orElseThrow().hasCategories());
    double[] after = errors(model, profile, y2011);
    double[] before = errors(model, CheckerStreams.withoutCategories(profile), y2011);
    StringBuilder sb = new StringBuilder("| month | error before | error after |\n|---|---|---|\n");
    double[] mae = new double[2];
    for (int m = 0; m < after.length; m++) {
      sb.append(String.format(Locale.ROOT, "| %d | %+.4f | %+.4f |%n", m + 1, before[m], after[m]));
      mae[0] += Math.abs(before[m]) / after.length;
      mae[1] += Math.abs(after[m]) / after.length;
    }
    LOG.info("bike 2011 monthly, declared categorical [{}]: MAE before {} after {}\n{}", declared,
        String.format(Locale.ROOT, "%.4f", mae[0]), String.format(Locale.ROOT, "%.4f", mae[1]),
        sb);
  }

  /** Each 2011 month's estimate minus its realised accuracy. */
  private static double[] errors(TrainedClassifier model, ReferenceProfile profile, Table rows) {
    DriftMonitor monitor = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(Integer.MAX_VALUE)).ignoreFields("dteday").build();
    List<DriftReport> out = new ArrayList<>();
    double[] label = rows.numericColumn("busy");
    for (int r = 0; r < rows.rowCount(); r++) {
      if (r > 0 && !rows.row(r).get("mnth").equals(rows.row(r - 1).get("mnth"))) {
        monitor.closeWindow().ifPresent(out::add);
      }
      Map<String, Object> row = new LinkedHashMap<>(rows.row(r));
      row.remove("busy");
      monitor.record(row, Prediction.ofProbabilities(model.probabilities(row)), "r" + r);
      monitor.recordLabel("r" + r, label[r]);
    }
    monitor.closeWindow().ifPresent(out::add);
    double[] e = new double[out.size()];
    for (int i = 0; i < e.length; i++) {
      AccuracyEstimate a = out.get(i).performance().accuracyEstimate();
      e[i] = a == null ? Double.NaN : a.error();
    }
    return e;
  }
}
