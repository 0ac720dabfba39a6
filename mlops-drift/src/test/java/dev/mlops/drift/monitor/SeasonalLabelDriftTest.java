package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceProfile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 3 on real data: bike sharing, the 2011 profile built from the rows in time order
 * (so it keeps chunks), monthly windows of 2012 replayed with their labels (hourly rentals,
 * {@code cnt}) and predictions (a model that predicts 2011's mean rentals of the row's hour, so
 * it does not see the demand change). Against the whole 2011 reference the demand change does not
 * show in monthly windows (2011's months vary as much with the seasons); against the reference's
 * same month ({@link DecisionOptions#seasonField}) it does, while 2011 replayed against itself
 * and the seasonal features stay quiet.
 */
final class SeasonalLabelDriftTest {

  private static List<Map<String, Object>> Y2011;
  private static List<Map<String, Object>> Y2012;
  private static List<double[]> LABELS; // {cnt, prediction} per year row
  private static ReferenceProfile profile;

  @BeforeAll
  static void read() throws IOException {
    BikeYears years = BikeYears.read(false);
    Y2011 = years.y2011();
    Y2012 = years.y2012();
    LABELS = years.targets();
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (int r = 0; r < Y2011.size(); r++) {
      Map<String, Object> withTargets = new LinkedHashMap<>(Y2011.get(r));
      withTargets.put(ReferenceProfile.LABEL, LABELS.get(r)[0]);
      withTargets.put(ReferenceProfile.PREDICTION, LABELS.get(r)[1]);
      b.add(withTargets);
    }
    profile = b.build();
  }

  /** The reports of calendar months (or of windows of {@code rows} rows when positive). */
  private static List<DriftReport> replay(DriftMonitor.Builder builder,
      List<Map<String, Object>> rows, int offset, int weekRows) {
    DriftMonitor monitor = builder.window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    List<DriftReport> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      boolean boundary = weekRows > 0 ? r > 0 && r % weekRows == 0
          : r > 0 && !rows.get(r).get("mnth").equals(rows.get(r - 1).get("mnth"));
      if (boundary) {
        monitor.closeWindow().ifPresent(out::add);
      }
      double[] targets = LABELS.get(offset + r);
      monitor.record(rows.get(r), Prediction.ofValue(targets[1]), "r" + r);
      monitor.recordLabel("r" + r, targets[0]);
    }
    monitor.closeWindow().ifPresent(out::add);
    return out;
  }

  private static long labelDrift(List<DriftReport> reports) {
    return reports.stream().filter(r -> r.label() != null && r.label().drifted()).count();
  }

  private static long featureDrift(List<DriftReport> reports, String feature) {
    return reports.stream().filter(r -> r.driftedFeatures().stream()
        .anyMatch(f -> f.feature().equals(feature))).count();
  }

  @Test
  void demandChangeOf2012_isReportedMonthByMonth_againstTheReferencesSameMonth() {
    assertThat(profile.chunks()).isPresent();
    List<DriftReport> seasonal = replay(DriftMonitor.builder(profile).seasonField("mnth"),
        Y2012, Y2011.size(), 0);
    List<DriftReport> whole = replay(DriftMonitor.builder(profile), Y2012, Y2011.size(), 0);

    assertThat(seasonal).hasSize(12);
    // 2012 demand is 14-81% above the same month of 2011 (mean rentals per hour); December, the
    // smallest change after a holiday month, is the closest call
    assertThat(labelDrift(seasonal)).isGreaterThanOrEqualTo(11);
    assertThat(labelDrift(whole)).isLessThanOrEqualTo(1);
    FeatureDrift january = seasonal.get(0).label();
    assertThat(january.reason()).contains("with mnth = 1 (").contains("block-resampled");
    assertThat(january.statistic()).isGreaterThan(1.0); // SciPy on the raw rows: 1.544
    // the hour-of-day model's predictions do not follow demand: quiet in the same months
    assertThat(seasonal.stream().filter(r -> r.prediction().drifted()).count())
        .isLessThanOrEqualTo(1);
    // the seasonal features stay quiet (the chunks' windows span the seasons)
    assertThat(featureDrift(seasonal, "temp")).isLessThanOrEqualTo(1);
    assertThat(featureDrift(seasonal, "atemp")).isLessThanOrEqualTo(1);
  }

  @Test
  void decemberDemandChange_isReportedAtTheLabelsOwnRate_notAtTheDatasetDriftRate() {
    List<DriftReport> byDefault = replay(DriftMonitor.builder(profile).seasonField("mnth"),
        Y2012, Y2011.size(), 0);
    List<DriftReport> oneRate = replay(DriftMonitor.builder(profile).seasonField("mnth")
        .thresholds(DriftThresholds.calibrated(0.002, 0.002)), Y2012, Y2011.size(), 0);

    // the label's 1% (one check per window) flags every month of 2012; the dataset-drift rate,
    // 0.2%, misses December, the month whose demand changed least
    assertThat(labelDrift(byDefault)).isEqualTo(12);
    assertThat(labelDrift(oneRate)).isEqualTo(11);
    FeatureDrift december = byDefault.get(11).label();
    assertThat(december.drifted()).isTrue();
    assertThat(oneRate.get(11).label().drifted()).isFalse();
    assertThat(december.threshold()).isLessThan(oneRate.get(11).label().threshold());
    assertThat(december.reason()).contains("expected false alarms 1.00% of windows");
    assertThat(oneRate.get(11).label().reason()).contains("expected false alarms 0.200% of windows");
  }

  @Test
  void year2011_replayedAgainstItself_staysQuiet_monthlyAndWeekly() {
    List<DriftReport> monthly = replay(DriftMonitor.builder(profile).seasonField("mnth"),
        Y2011, 0, 0);
    List<DriftReport> weekly = replay(DriftMonitor.builder(profile).seasonField("mnth"),
        Y2011, 0, 168);

    assertThat(monthly).hasSize(12);
    assertThat(labelDrift(monthly)).isLessThanOrEqualTo(1);
    assertThat(monthly.stream().filter(DriftReport::datasetDrift).count()).isLessThanOrEqualTo(1);
    assertThat(weekly).hasSize(52);
    // a week against its month: the seasonal threshold's own test (1% per window)
    assertThat(labelDrift(weekly)).isLessThanOrEqualTo(2);
  }

  @Test
  void seasonField_isRefused_withoutChunksOrWhenNotAFeature() {
    assertThatThrownBy(() -> DriftMonitor.builder(profile.withoutChunks()).seasonField("mnth")
        .build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("season field must be in the profile's chunks").hasMessageEndingWith("mnth");
    assertThatThrownBy(() -> DriftMonitor.builder(profile).seasonField("month").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("season field must be a monitored feature: month");
    assertThatThrownBy(() -> DriftMonitor.builder(profile).seasonField(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("season field must not be blank: ' '");
    assertThatThrownBy(() -> DriftMonitor.builder(profile).seasonField("mnth")
        .thresholds(DriftThresholds.evidentlyDefaults()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("season field needs calibrated thresholds");
  }
}
