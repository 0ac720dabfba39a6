package dev.mlops.core.pipeline;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.CsvSource;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Bike sharing's hours as a classification task, shared by {@link BikeClassifierDriftTest} and
 * {@link BikeCategoricalEstimate}: {@code busy} = more than 2011's median hour (109 rentals; NumPy
 * {@code np.median} of the 8,645 hours of 2011), 2011 and 2012 apart, the pipeline (a time split
 * on {@code dteday}, a small forest) and the replay of a year month by month through a default
 * monitor, each hour with the model's probabilities and its label.
 *
 * @param y2011 the hours of 2011, in time order
 * @param y2012 the hours of 2012, in time order
 */
record BikeBusyHours(Table y2011, Table y2012) {

  static final String[] FEATURES = {"season", "yr", "mnth", "hr", "holiday", "weekday",
      "workingday", "weathersit", "temp", "atemp", "hum", "windspeed"};

  /**
   * Reads hour.csv without {@code instant}, {@code casual} and {@code registered}, {@code cnt}
   * replaced by {@code busy} (1 when above 109).
   *
   * @param csv hour.csv
   * @param categorical columns to declare categorical at reading (none: the CSV's inference,
   *     every column but {@code dteday} numeric)
   * @return the two years
   */
  static BikeBusyHours read(Path csv, String... categorical) {
    CsvSource source = CsvSource.of(csv).timestampColumn("dteday")
        .drop("instant", "casual", "registered");
    if (categorical.length > 0) {
      source = source.categorical(categorical);
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
    // yr is 0 in 2011, whether read as a number or declared categorical ("0")
    int n2011 = (int) IntStream.range(0, all.rowCount())
        .filter(r -> "0".equals(String.valueOf(all.row(r).get("yr")).replace(".0", ""))).count();
    return new BikeBusyHours(all.rows(IntStream.range(0, n2011).toArray()),
        all.rows(IntStream.range(n2011, all.rowCount()).toArray()));
  }

  /**
   * The pipeline on 2011: target {@code busy}, {@link #FEATURES}, a time split on {@code dteday}
   * (test fraction 0.2), a 10-tree forest of depth 12, seed 42.
   *
   * @param predictions the profile's predictions
   * @param estimateRows the rows of the profile's estimate sample
   * @return the run
   */
  PipelineRun run(ProfilePredictions predictions, EstimateRows estimateRows) {
    return Pipeline.builder("bike-busy").source(y2011).target("busy").features(FEATURES)
        .profileOrder(ProfileOrder.auto().withPredictions(predictions)).estimateRows(estimateRows)
        .split(Split.byTime("dteday").testFraction(0.2))
        .train(Trainers.randomForestClassifier().trees(10).maxDepth(12))
        .evaluateClassifier(t -> t.bootstrap(0)).seed(42).build().run();
  }

  /**
   * Replays {@code rows} calendar month by calendar month through a default monitor on {@code
   * profile} (one window a month, {@code dteday} ignored), each hour with the model's probabilities
   * and its label.
   *
   * @param model the model
   * @param profile the monitor's reference
   * @param rows hours in time order
   * @param seasonal whether the monitor compares each month with the same month of the reference
   * @return one report per month
   */
  static List<DriftReport> months(TrainedClassifier model, ReferenceProfile profile, Table rows,
      boolean seasonal) {
    DriftMonitor.Builder b = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(Integer.MAX_VALUE)).ignoreFields("dteday");
    if (seasonal) {
      b.seasonField("mnth");
    }
    DriftMonitor monitor = b.build();
    List<DriftReport> out = new ArrayList<>();
    double[] label = rows.numericColumn("busy");
    Object month = null;
    for (int r = 0; r < rows.rowCount(); r++) {
      Map<String, Object> row = new LinkedHashMap<>(rows.row(r));
      if (r > 0 && !row.get("mnth").equals(month)) {
        monitor.closeWindow().ifPresent(out::add);
      }
      month = row.get("mnth");
      row.remove("busy");
      monitor.record(row, Prediction.ofProbabilities(model.probabilities(row)), "r" + r);
      monitor.recordLabel("r" + r, label[r]);
    }
    monitor.closeWindow().ifPresent(out::add);
    return out;
  }
}
