package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.profile.EstimateSample;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 items 1 and 3 for a classifier on real data: bike sharing 2011, {@code busy} = more than
 * 2011's median hour (109 rentals; NumPy {@code np.median} of the 8,645 hours of 2011), a pipeline
 * with a time split on {@code dteday} and a small forest, deployed with its default monitor; 2011 and
 * 2012 replayed month by month, each hour with the model's probabilities and its label (the data,
 * pipeline and replay: {@link BikeBusyHours}).
 */
final class BikeClassifierDriftTest {

  private static BikeBusyHours hours;
  private static Table y2011;
  private static Table y2012;
  private static TrainedClassifier byDefault;

  @BeforeAll
  static void read() {
    hours = BikeBusyHours.read(BikeSharingPipelineTest.hourCsv());
    y2011 = hours.y2011();
    y2012 = hours.y2012();
    assertThat(y2011.rowCount()).isEqualTo(8_645);
    byDefault = (TrainedClassifier) run(ProfilePredictions.defaults()).model();
  }

  private static PipelineRun run(ProfilePredictions predictions) {
    return run(predictions, EstimateRows.auto());
  }

  private static PipelineRun run(ProfilePredictions predictions, EstimateRows estimateRows) {
    return hours.run(predictions, estimateRows);
  }

  /** Calendar months of {@code rows} through the model into its default monitor. */
  private static List<DriftReport> months(TrainedClassifier model, Table rows, boolean seasonal) {
    List<DriftReport> out = BikeBusyHours.months(model, model.profile(), rows, seasonal);
    assertThat(out).hasSize(12);
    return out;
  }

  private static long flagged(List<DriftReport> reports, Function<DriftReport, FeatureDrift> what) {
    return reports.stream().map(what).filter(f -> f != null && f.status() == DriftStatus.DRIFT).count();
  }

  @Test
  void defaultProfile_2011ReplayedAgainstItself_flagsPredictionAndLabelDriftInAtMostOneMonth() {
    List<DriftReport> y11 = months(byDefault, y2011, false);

    assertThat(flagged(y11, DriftReport::prediction)).as(texts(y11, DriftReport::prediction)).isLessThanOrEqualTo(1);
    assertThat(flagged(y11, DriftReport::label)).as(texts(y11, DriftReport::label)).isLessThanOrEqualTo(1);
    // the prediction's threshold is calibrated on consecutive windows of the profile's rows
    assertThat(y11.get(0).prediction().reason()).contains("ordered reference windows");
    assertThat(y11.get(0).label().reason()).contains("ordered reference windows");
  }

  @Test
  void heldOutColumnProfile_theFormerDefault_flagsPredictionDriftInMostMonthsOfTheTrainingYear() {
    PipelineRun run = run(ProfilePredictions.heldOut());

    List<DriftReport> y11 = months((TrainedClassifier) run.model(), y2011, false);

    // a reference of autumn probabilities only, calibrated as independent rows
    assertThat(flagged(y11, DriftReport::prediction)).isGreaterThanOrEqualTo(9);
    assertThat(y11.get(0).prediction().reason()).contains("rows taken as independent");
  }

  @Test
  void demandChangeOf2012_isReportedAsLabelDrift_againstTheSameMonthOf2011() {
    List<DriftReport> y12 = months(byDefault, y2012, true);
    List<DriftReport> y11 = months(byDefault, y2011, true);

    // busy hours: 2011 Jan-Apr share 0.2-0.45, 2012 much higher; the label drift is reported in
    // the months of the largest change, and never in 2011 against itself
    assertThat(flagged(y12, DriftReport::label)).as(texts(y12, DriftReport::label)).isGreaterThanOrEqualTo(4);
    assertThat(y12.get(0).label().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(flagged(y11, DriftReport::label)).as(texts(y11, DriftReport::label)).isLessThanOrEqualTo(1);
  }

  @Test
  void defaultMonitor_estimatesEachMonthsAccuracyLabelFree_calibratedOnTheProfilesOutOfFoldRows() {
    // the profile keeps a sample of its rows with their out-of-fold P(busy) and label
    EstimateSample sample = byDefault.profile().estimateSample().orElseThrow();
    assertThat(sample.topLabel()).isFalse();
    assertThat(sample.rows()).isEqualTo((int) sample.offered()).isGreaterThan(6_000);
    assertThat(sample.features()).contains("temp", "hr");

    List<DriftReport> y11 = months(byDefault, y2011, false);
    double abs = 0;
    int covered = 0;
    StringBuilder months = new StringBuilder();
    for (DriftReport r : y11) {
      AccuracyEstimate e = r.performance().accuracyEstimate();
      assertThat(e).as("month %s", r.start()).isNotNull();
      assertThat(r.performance().estimationMethod()).contains("feature check on");
      abs += Math.abs(e.error());
      covered += e.covers() ? 1 : 0;
      months.append(e).append('\n');
    }
    // 2011 replayed: months of about 720 hours (sampling sd of a month's accuracy about 0.013)
    assertThat(abs / 12).as(months.toString()).isLessThanOrEqualTo(0.035);
    assertThat(covered).as(months.toString()).isGreaterThanOrEqualTo(11);

    // a profile with the held-out split's predictions: its held-out split (1,729 rows) is under
    // 10,000 rows, so the estimate sample adds the training rows' out-of-fold scores by default;
    // EstimateRows.heldOut() keeps the held-out rows only
    EstimateSample columnProfile = run(ProfilePredictions.heldOut(), EstimateRows.auto()).model()
        .profile().estimateSample().orElseThrow();
    assertThat(columnProfile.offered()).isEqualTo(8_645L);
    EstimateSample heldOut = run(ProfilePredictions.heldOut(), EstimateRows.heldOut()).model()
        .profile().estimateSample().orElseThrow();
    assertThat(heldOut.offered()).isBetween(1_500L, 1_800L);
  }

  private static String texts(List<DriftReport> reports, Function<DriftReport, FeatureDrift> what) {
    StringBuilder s = new StringBuilder();
    for (DriftReport r : reports) {
      FeatureDrift f = what.apply(r);
      s.append(f == null ? "-" : f.reason()).append('\n');
    }
    return s.toString();
  }
}
