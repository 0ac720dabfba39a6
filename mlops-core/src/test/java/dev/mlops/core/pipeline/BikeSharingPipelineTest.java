package dev.mlops.core.pipeline;

import static dev.mlops.core.transform.ColumnSelector.numeric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.mlops.core.contract.DataContract;
import dev.mlops.core.data.CsvSource;
import dev.mlops.core.data.Sampling;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline on the UCI bike-sharing data (hourly rentals), read from the shared data directory. */
final class BikeSharingPipelineTest {

  static Path hourCsv() {
    String dir = System.getProperty("mlops.shared.dir");
    Path p = dir == null ? null : Path.of(dir, "data", "bike-sharing", "hour.csv");
    if (p == null || !Files.exists(p)) {
      p = Path.of("/work/shared/data/bike-sharing/hour.csv");
    }
    assumeThat(Files.exists(p)).as("bike-sharing data at " + p).isTrue();
    return p;
  }

  @Test
  void regressionOnCount_withTimeSplit_trainsTestsGatesAndProfiles() {
    Pipeline pipeline = Pipeline.builder("bike-demand")
        .source(CsvSource.of(hourCsv())
            .timestampColumn("dteday")
            .categorical("season", "weathersit")
            .drop("instant", "casual", "registered"))   // casual + registered = cnt: a leak
        .target("cnt")
        .sample(Sampling.random(0.25))
        .validate(DataContract.inferred().maxMissingRate(0.05))
        .transform(t -> t.oneHot("season", "weathersit").standardize(numeric()))
        .split(Split.byTime("dteday").testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(20).maxDepth(12))
        .evaluateRegressor(t -> t.expect(Metric.R2).atLeast(0.5).expect(Metric.RMSE).atMost(150))
        .seed(42)
        .build();

    PipelineRun run = pipeline.run();

    // 17,379 rows, a quarter sampled; the last 20% of days (autumn 2012) are held out.
    assertThat(run.stages().get(0).rowsOut()).isEqualTo(17_379);
    assertThat(run.stages().get(1).rowsOut()).isEqualTo(4_345);
    assertThat(run.gate().decision()).as(run.gate().toText()).isEqualTo(GateDecision.Decision.PROMOTE);
    assertThat(run.report().passed()).as(run.report().toText()).isTrue();
    TrainedRegressor model = (TrainedRegressor) run.model();
    assertThat(model.featureNames()).containsExactly("season", "yr", "mnth", "hr", "holiday", "weekday",
        "workingday", "weathersit", "temp", "atemp", "hum", "windspeed");
    assertThat(model.profile().featureNames()).contains("hr", "temp", "season");
    assertThat(model.contract().fields()).hasSize(12);
    assertThat(run.provenance().versions()).containsEntry("smile", "3.1.1");
    assertThat(run.provenance().toJson()).contains("\"data_fingerprint\"", "\"stages\"", "\"rmse\"");

    // 5 pm on a warm working day in summer 2012 sees far more rentals than 4 am in winter.
    Map<String, Object> rush = Map.ofEntries(Map.entry("season", "3"), Map.entry("yr", 1), Map.entry("mnth", 7),
        Map.entry("hr", 17), Map.entry("holiday", 0), Map.entry("weekday", 3), Map.entry("workingday", 1),
        Map.entry("weathersit", "1"), Map.entry("temp", 0.7), Map.entry("atemp", 0.65), Map.entry("hum", 0.5),
        Map.entry("windspeed", 0.2));
    Map<String, Object> night = new java.util.HashMap<>(rush);
    night.putAll(Map.of("season", "1", "mnth", 1, "hr", 4, "temp", 0.2, "atemp", 0.2));
    assertThat(model.predict(rush)).isGreaterThan(3 * model.predict(night));

    TrainedRegressor loaded = (TrainedRegressor) TrainedModel.fromParts(model.toParts(), SafeDeserialization.filter());
    assertThat(loaded.predict(rush)).isEqualTo(model.predict(rush));
    assertThat(loaded.profile()).isEqualTo(model.profile());
  }
}
