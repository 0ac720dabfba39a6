package dev.mlops.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.bench.decisions.SyntheticStream.Change;
import dev.mlops.drift.monitor.DriftStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Short, seeded versions of issue 14's drift-decision benchmarks (the full ones run in
 * {@link DriftDecisionsProbe}; figures in docs/benchmarks.md).
 */
final class DriftDecisionsBenchmarkTest {

  private static Path hourCsv() {
    String dir = System.getProperty("mlops.shared.dir");
    Path p = dir == null ? null : Path.of(dir, "data", "bike-sharing", "hour.csv");
    return p != null && Files.exists(p) ? p : BikeScenarios.locate();
  }

  @Test
  void stationaryAutocorrelatedStream_flagsAtMostTwoOfOneHundredWindows() {
    StreamScenarios.FalseAlarms fa = StreamScenarios.falseAlarms(0.9, 100, 2026L);

    assertThat(fa.windows()).isEqualTo(100);
    assertThat(fa.datasetDrift()).isLessThanOrEqualTo(2);
  }

  @Test
  void knownChanges_areDetectedWithinTwoWindows_correlationFlipOnlyByTheMultivariateDetector() {
    for (Change c : new Change[] {Change.MEAN_SHIFT, Change.NEW_CATEGORY,
        Change.DOUBLED_VARIANCE, Change.CORRELATION_FLIP}) {
      StreamScenarios.Power p = StreamScenarios.power(c, 0.5, 5, 1L);
      assertThat(p.detected()).as("%s detected", c).isGreaterThanOrEqualTo(4);
      if (c == Change.CORRELATION_FLIP) {
        assertThat(p.univariateDetected()).as("univariate flags on a correlation flip")
            .isLessThanOrEqualTo(2);
      }
    }
  }

  @Test
  void calibratedEstimate_hasSmallErrorAndCoversTheRealisedAccuracy() {
    EstimateScenarios.Figures f = EstimateScenarios.run(2, 50, 1_000, 7L);

    assertThat(f.meanAbsoluteError()).isLessThanOrEqualTo(0.03);
    assertThat(f.coverage()).isGreaterThanOrEqualTo(0.90);
    assertThat(f.uncalibratedMeanAbsoluteError()).isGreaterThan(f.meanAbsoluteError());
  }

  @Test
  void bikeSharing2011_againstItself_flagsAtMostOneMonth() {
    List<BikeScenarios.Month> months = BikeScenarios.falseAlarms2011(hourCsv());

    assertThat(months).hasSize(12);
    assertThat(months.stream().filter(BikeScenarios.Month::datasetDrift).count())
        .isLessThanOrEqualTo(1);
  }

  @Test
  void bikeSharing2012_seasonal_flagsDemandAndOnlyTemperatureThatMoved() {
    List<BikeScenarios.Month> months = BikeScenarios.seasonal2012(hourCsv());

    for (BikeScenarios.Month m : months) {
      assertThat(m.label().status()).as("demand drift in month %d", m.month())
          .isEqualTo(DriftStatus.DRIFT);
      if (Math.abs(m.tempMeanDifference()) <= 0.02) {
        assertThat(m.temp().drifted()).as("temp in month %d (mean %+.3f)", m.month(),
            m.tempMeanDifference()).isFalse();
      }
    }
    assertThat(months.stream().filter(m -> Math.abs(m.tempMeanDifference()) <= 0.02).count())
        .isGreaterThanOrEqualTo(5);
  }
}
