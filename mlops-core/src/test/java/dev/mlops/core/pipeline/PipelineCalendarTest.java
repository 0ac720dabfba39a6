package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceCalendar;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A pipeline ordered by its timestamp column profiles that column's calendar, so its model's default
 * monitor compares the label with the reference's same month (issue 14 items 2-3 with the defaults).
 */
final class PipelineCalendarTest {

  /** Two years of hourly rows from 2020: t, the month, x, y = 10 * month + x + noise. */
  private static Table twoYears() {
    int n = 2 * 8_760;
    SplittableRandom rnd = new SplittableRandom(3);
    double[] t = new double[n];
    double[] month = new double[n];
    double[] x = new double[n];
    double[] y = new double[n];
    long start = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < n; i++) {
      t[i] = start + i * 3_600_000.0;
      month[i] = Instant.ofEpochMilli((long) t[i]).atOffset(ZoneOffset.UTC).getMonthValue();
      x[i] = TestData.gaussian(rnd);
      y[i] = 10 * month[i] + x[i] + TestData.gaussian(rnd);
    }
    return Table.builder().timestamp("t", t).numeric("month", month).numeric("x", x)
        .numeric("y", y).build();
  }

  @Test
  void timeOrderedPipeline_profilesItsCalendar_andTheDefaultMonitorTakesItsMonthAsTheLabelsSeason() {
    Table table = twoYears();
    PipelineRun run = Pipeline.builder("months").source(table).target("y").features("month", "x")
        .split(Split.byTime("t").testFraction(0.2)).train(Trainers.ols()).seed(7).build().run();

    ReferenceCalendar c = run.profile().chunks().orElseThrow().calendar().orElseThrow();
    assertThat(c.column()).isEqualTo("t");
    assertThat(c.monthFeatures()).containsExactly("month");
    assertThat(c.spansYear()).isTrue(); // 80% of two years
    assertThat(run.profile().featureNames()).containsExactly("month", "x");
    assertThat(run.stages().stream().filter(s -> s.stage() == Stage.PROFILE).findFirst()
        .orElseThrow().detail()).contains("; a year of t 2020-01-01 to ", "month features [month]");

    TrainedRegressor model = (TrainedRegressor) run.model();
    DriftMonitor monitor = DriftMonitor.builder(model.profile()).ignoreFields("t")
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    for (int r = 0; r < 744; r++) { // January 2020, labels shifted up by 5
      Map<String, Object> row = new LinkedHashMap<>(table.row(r));
      double label = (double) row.remove("y") + 5;
      monitor.record(row, Prediction.ofValue(model.predict(row)), "r" + r);
      monitor.recordLabel("r" + r, label);
    }
    DriftReport january = monitor.closeWindow().orElseThrow();

    assertThat(january.label().reason()).contains("with month = 1 (")
        .contains("season: month of t, from the reference's order");
    assertThat(january.label().drifted()).isTrue();
    assertThat(january.dataQuality().rowsWithUnknownFeatures()).isZero();
  }
}
