package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.monitor.micrometer.DriftMonitorMetrics;
import dev.mlops.drift.profile.ReferenceProfile;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The README's "DriftMonitor at an endpoint" example, compiled and run. */
final class ReadmeExampleTest {

  private static final Logger LOG = LoggerFactory.getLogger(ReadmeExampleTest.class);

  @Test
  void readmeExample_detectsTheShiftedFeature() {
    List<Map<String, Object>> trainingRows = Fixtures.rows(2_000, 1, 0, 1);
    List<Map<String, Object>> liveRows = Fixtures.rows(2_000, 2, 0.8, 1);
    Function<Map<String, ?>, double[]> model = row -> {
      double p = 1 / (1 + Math.exp(-((Number) row.get("x")).doubleValue()));
      return new double[] {1 - p, p};
    };
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    List<DriftReport> alerts = new ArrayList<>();

    // README:begin
    // once, at training time: summarise the training data and the model's predictions on it
    ReferenceProfile.Builder profileBuilder = ReferenceProfile.builder()
        .numeric("x", "y", ReferenceProfile.PREDICTION).categorical("city");
    trainingRows.forEach(profileBuilder::add);
    profileBuilder.addColumn(ReferenceProfile.PREDICTION,
        trainingRows.stream().mapToDouble(row -> model.apply(row)[1]).toArray());
    ReferenceProfile profile = profileBuilder.build();

    // at service start-up: one monitor per deployed model
    DriftMonitor monitor = DriftMonitor.builder(profile)
        .window(Window.tumblingTime(Duration.ofMinutes(10)))  // or tumblingCount(n), sliding(...)
        .clock(clock)                                         // tests pass a controllable clock
        .alertAfter(2)                                        // two drifted windows in a row
        .listener(new DriftListener() {
          @Override
          public void onDrift(DriftReport report) {
            alerts.add(report);                               // page someone, open a ticket...
            LOG.warn("drift:\n{}", report.toText());
          }
        })
        .build();
    new DriftMonitorMetrics(monitor, Tags.of("model", "churn")).bindTo(meterRegistry);

    // in the request handler: predict, then record features + prediction (never throws)
    for (int i = 0; i < liveRows.size(); i++) {
      Map<String, Object> row = liveRows.get(i);
      double[] probabilities = model.apply(row);
      monitor.record(row, Prediction.ofProbabilities(probabilities), "req-" + i);
      if (i % 100 == 99) {
        clock.advance(Duration.ofMinutes(1));
      }
    }
    // later, when the ground truth arrives: realised performance per window
    monitor.recordLabel("req-1999", 1);
    monitor.tick();                                           // closes an idle time window

    DriftReport latest = monitor.latestReport().orElseThrow();
    FeatureDrift x = latest.feature("x").orElseThrow();      // test, statistic, p-value, effect
    String json = latest.toJson();                            // snake_case JSON for dashboards
    // README:end

    assertThat(x.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(x.test()).isEqualTo("normed_wasserstein");
    assertThat(monitor.history()).hasSize(2);
    assertThat(alerts).hasSize(1);
    assertThat(latest.alert()).isTrue();
    assertThat(latest.performance().estimated()).containsKey("accuracy");
    assertThat(latest.prediction().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(latest.performance().labelled()).isEqualTo(1);
    // one label is a single class: ROC AUC is reported undefined, the report is still produced
    assertThat(latest.performance().undefined()).anySatisfy(u -> assertThat(u)
        .startsWith("roc_auc: roc_auc is undefined when only one class is present"));
    assertThat(latest.performance().realised()).containsEntry("accuracy", 1.0);
    assertThat(json).contains("\"feature\" : \"x\"");
    assertThat(meterRegistry.get("mlops.drift.feature.status").tag("feature", "x").gauge()
        .value()).isEqualTo(1.0);
  }

  @Test
  void readmeBatchExample_judgesATableInOneCall(@TempDir Path dir) {
    SplittableRandom random = new SplittableRandom(5);
    String[] names = {"winter", "spring", "summer", "autumn"};
    ReferenceProfile.Builder builder = ReferenceProfile.builder().numeric("temp").categorical("season");
    for (int i = 0; i < 5_000; i++) {
      builder.add(Map.of("temp", random.nextGaussian(), "season", names[random.nextInt(4)]));
    }
    Path file = dir.resolve("reference-profile.bin");
    builder.build().writeTo(file);
    double[] temperatures = new double[2_000];
    Object[] seasons = new Object[2_000];
    for (int i = 0; i < temperatures.length; i++) {
      temperatures[i] = random.nextGaussian() + 1.0;                // a warmer table
      seasons[i] = names[random.nextInt(4)];
    }

    ReferenceProfile profile = ReferenceProfile.readFrom(file);
    DriftReport report = BatchComparison.of(profile)          // or .of(DriftMonitor.builder(profile)...)
        .compare(Map.of("temp", temperatures, "season", seasons));  // double[] / Object[] columns
    // or .compareRows(listOfMaps); report.toText(), report.toJson() as for a monitor window

    assertThat(report.feature("temp").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(report.feature("season").orElseThrow().status()).isEqualTo(DriftStatus.OK);
  }
}
