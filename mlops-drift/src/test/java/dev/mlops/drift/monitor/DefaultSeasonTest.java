package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceCalendar;
import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 items 2-3 with the defaults: bike sharing's 2011 profile built from its hourly rows in
 * {@code dteday} order with {@code timeColumn("dteday")} (as a pipeline ordered by its timestamp
 * column builds it) records the calendar of that order, and a monitor built on it without naming a
 * season compares each month's label and prediction with the reference's same month (the feature
 * {@code mnth} is the month of {@code dteday} on every 2011 row): the 2012 demand change is
 * reported in the monthly windows (0 of 12 without the season, see {@code SeasonalLabelDriftTest}),
 * 2011 against itself stays quiet, and a reference shorter than a year or without a month feature
 * gets no season, the label's reason saying why. The prediction keeps the whole reference unless
 * the season is named ({@link SeasonChoice}). Requests carry {@code dteday}, ignored as the
 * pipeline's monitor ignores non-input columns. Model: 2011's mean rentals of the row's hour.
 */
final class DefaultSeasonTest {

  private static List<Map<String, Object>> Y2011;
  private static List<Map<String, Object>> Y2012;
  private static List<double[]> TARGETS; // {cnt, prediction}
  private static ReferenceProfile profile;

  @BeforeAll
  static void read() throws IOException {
    BikeYears years = BikeYears.read(true);
    Y2011 = years.y2011();
    Y2012 = years.y2012();
    TARGETS = years.targets();
    profile = profileOf(r -> true, Map.of());
  }

  /** The 2011 profile of the rows passing {@code keep}, with {@code changed} values replaced. */
  private static ReferenceProfile profileOf(Predicate<Map<String, Object>> keep,
      Map<String, Object> changed) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().timeColumn("dteday");
    for (int r = 0; r < Y2011.size(); r++) {
      if (!keep.test(Y2011.get(r))) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>(Y2011.get(r));
      if (r == 100) {
        row.putAll(changed);
      }
      row.put(ReferenceProfile.LABEL, TARGETS.get(r)[0]);
      row.put(ReferenceProfile.PREDICTION, TARGETS.get(r)[1]);
      b.add(row);
    }
    return b.build();
  }

  /** Calendar months of {@code rows} (the first {@code months}), each with labels. */
  private static List<DriftReport> monthly(DriftMonitor.Builder builder,
      List<Map<String, Object>> rows, int offset, int months) {
    DriftMonitor monitor = builder.ignoreFields("dteday")
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    List<DriftReport> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      if (r > 0 && !rows.get(r).get("mnth").equals(rows.get(r - 1).get("mnth"))) {
        monitor.closeWindow().ifPresent(out::add);
        if (out.size() == months) {
          return out;
        }
      }
      double[] t = TARGETS.get(offset + r);
      monitor.record(rows.get(r), Prediction.ofValue(t[1]), "r" + r);
      monitor.recordLabel("r" + r, t[0]);
    }
    monitor.closeWindow().ifPresent(out::add);
    return out;
  }

  private static long labelDrift(List<DriftReport> reports) {
    return reports.stream().filter(r -> r.label().drifted()).count();
  }

  private static long featureDrift(List<DriftReport> reports, String feature) {
    return reports.stream().filter(r -> r.driftedFeatures().stream()
        .anyMatch(f -> f.feature().equals(feature))).count();
  }

  @Test
  void profileBuiltWithItsTimeColumn_recordsTheCalendar_andProvesMnthIsItsMonth() {
    ReferenceCalendar c = profile.chunks().flatMap(ReferenceChunks::calendar).orElseThrow();

    assertThat(c.describe()).isEqualTo("dteday 2011-01-01 to 2011-12-31 (364 days), 8,645 rows");
    assertThat(c.monthFeatures()).containsExactly("mnth");
    assertThat(c.spansYear()).isTrue();
    assertThat(c.rowsInMonth(1)).isEqualTo(688); // 2011's January in hour.csv (some hours missing)
    assertThat(profile.featureNames()).doesNotContain("dteday");
    assertThat(ReferenceProfile.fromBytes(profile.toBytes()).chunks().orElseThrow().calendar())
        .contains(c);
  }

  @Test
  void demandChangeOf2012_isReportedByDefault_againstTheReferencesSameMonth() {
    List<DriftReport> byDefault = monthly(DriftMonitor.builder(profile), Y2012, Y2011.size(), 12);
    List<DriftReport> without = monthly(DriftMonitor.builder(profile).withoutSeason(), Y2012,
        Y2011.size(), 12);
    List<DriftReport> named = monthly(DriftMonitor.builder(profile).seasonField("mnth"), Y2012,
        Y2011.size(), 12);

    assertThat(byDefault).hasSize(12);
    assertThat(labelDrift(byDefault)).isGreaterThanOrEqualTo(11);
    assertThat(labelDrift(without)).isLessThanOrEqualTo(1);
    assertThat(labelDrift(named)).isEqualTo(labelDrift(byDefault));
    FeatureDrift january = byDefault.get(0).label();
    assertThat(january.reason()).contains("with mnth = 1 (").endsWith("; season: month of dteday, "
        + "from the reference's order (mnth equals the month of dteday on every reference row: "
        + "dteday 2011-01-01 to 2011-12-31 (364 days), 8,645 rows)");
    assertThat(byDefault.get(0).toJson()).contains("season: month of dteday");
    assertThat(without.get(0).label().reason())
        .endsWith("; against the whole reference, no season: turned off (withoutSeason())");
    assertThat(named.get(0).label().reason()).endsWith("; season: mnth, named by seasonField");
    // the calendar's season is the label's; a named field is the prediction's too
    assertThat(byDefault.get(0).prediction().reason()).endsWith(SeasonChoice.LABEL_ONLY)
        .doesNotContain("mnth = 1");
    assertThat(named.get(0).prediction().reason()).contains("with mnth = 1 (");
    // the hour-of-day model does not follow demand; the features keep the whole reference
    assertThat(byDefault.stream().filter(r -> r.prediction().drifted()).count())
        .isLessThanOrEqualTo(1);
    assertThat(featureDrift(byDefault, "temp")).isLessThanOrEqualTo(1);
  }

  @Test
  void year2011_replayedAgainstItself_byDefault_staysQuiet() {
    List<DriftReport> monthly = monthly(DriftMonitor.builder(profile), Y2011, 0, 12);

    assertThat(monthly).hasSize(12);
    assertThat(labelDrift(monthly)).isLessThanOrEqualTo(1);
    assertThat(monthly.stream().filter(DriftReport::datasetDrift).count()).isLessThanOrEqualTo(1);
    assertThat(monthly.get(6).label().reason()).contains("with mnth = 7 (")
        .contains("season: month of dteday");
  }

  @Test
  void referenceShorterThanAYear_getsNoDefaultSeason_andTheReasonSaysWhy() {
    ReferenceProfile half = profileOf(r -> (double) r.get("mnth") <= 6, Map.of());

    List<DriftReport> reports = monthly(DriftMonitor.builder(half), Y2012, Y2011.size(), 3);

    assertThat(half.chunks().orElseThrow().calendar().orElseThrow().spansYear()).isFalse();
    assertThat(reports.get(0).label().reason()).contains("against the whole reference, "
        + "no season: the reference's dteday 2011-01-01 to 2011-06-30 (180 days), 4,250 rows "
        + "does not span a year").doesNotContain("mnth = 1");
  }

  @Test
  void featureThatIsNotTheMonthOnEveryRow_isNeverTakenAsTheSeason() {
    // one January row of 8,645 whose mnth says February: mnth is no longer provably the month
    ReferenceProfile broken = profileOf(r -> true, Map.of("mnth", 2.0));

    List<DriftReport> reports = monthly(DriftMonitor.builder(broken), Y2012, Y2011.size(), 2);

    assertThat(broken.chunks().orElseThrow().calendar().orElseThrow().monthFeatures()).isEmpty();
    assertThat(reports.get(0).label().reason()).contains("no season: no monitored feature equals "
        + "the month of dteday on every reference row").doesNotContain("mnth = 1");
  }
}
