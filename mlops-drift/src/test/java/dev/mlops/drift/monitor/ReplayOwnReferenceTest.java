package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A reference replayed against its own profile, the profile built each way a user builds one:
 * the profile built from whole ordered columns (or merged consecutive parts, or saved and read
 * back) must calibrate as the one built from ordered rows, so that the training period does not
 * alarm on itself.
 */
final class ReplayOwnReferenceTest {

  private static final String[] NUMERIC = {"a", "b", "walk"};

  /** Seeded rows: a, b AR(1) at rho, walk AR(1) at 0.999, cat from an AR(1) latent. */
  private static List<Map<String, Object>> rows(int n, double rho, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] s = new double[4];
    List<Map<String, Object>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        double p = j == 2 ? 0.999 : rho;
        s[j] = p * s[j] + Math.sqrt(1 - p * p) * gaussian(r);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("a", s[0]);
      row.put("b", i % 97 == 0 ? Double.NaN : s[1]); // some missing values
      row.put("walk", s[2]);
      row.put("cat", i % 89 == 0 ? null : s[3] < -0.5 ? "low" : s[3] < 0.5 ? "mid" : "high");
      rows.add(row);
    }
    return rows;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static ReferenceProfile.Builder builder() {
    return ReferenceProfile.builder().numeric(NUMERIC).categorical("cat");
  }

  private static ReferenceProfile byRows(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = builder();
    rows.forEach(b::add);
    return b.build();
  }

  private static double[] numbers(List<Map<String, Object>> rows, String name) {
    return rows.stream().mapToDouble(r -> (Double) r.get(name)).toArray();
  }

  private static String[] categories(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> (String) r.get("cat")).toArray(String[]::new);
  }

  private static ReferenceProfile byColumns(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = builder();
    for (String name : NUMERIC) {
      b.addColumn(name, numbers(rows, name));
    }
    return b.addColumn("cat", categories(rows)).build();
  }

  @Test
  void wholeOrderedColumns_areChunkedExactlyAsTheSameRows() {
    List<Map<String, Object>> rows = rows(9_000, 0.9, 1L);
    ReferenceChunks expected = byRows(rows).chunks().orElseThrow();

    assertThat(byColumns(rows).chunks()).contains(expected);
    // in parts (appended in call order) and through addColumns: the same chunks
    ReferenceProfile.Builder parts = builder();
    for (int from = 0; from < rows.size(); from += 2_500) {
      List<Map<String, Object>> part = rows.subList(from, Math.min(rows.size(), from + 2_500));
      Map<String, double[]> numeric = new LinkedHashMap<>();
      for (String name : NUMERIC) {
        numeric.put(name, numbers(part, name));
      }
      parts.addColumns(numeric).addColumn("cat", categories(part));
    }
    assertThat(parts.build().chunks()).contains(expected);
    assertThat(expected.count()).isEqualTo(71); // 70 chunks of 128 rows and the last 40
  }

  @Test
  void aColumnOfAnotherLength_orGivenBothWays_isLeftOut_theOthersKeepTheirOrder() {
    List<Map<String, Object>> rows = rows(1_000, 0.5, 2L);
    ReferenceProfile.Builder b = builder();
    rows.forEach(b::add);
    b.addColumn(ReferenceProfile.PREDICTION, new double[1_000]); // predictions of every row
    b.addColumn(ReferenceProfile.LABEL, new double[200]); // labels of a held-out part
    b.addColumn("a", new double[1_000]); // "a" also came in the rows: no single order
    ReferenceChunks c = b.build().chunks().orElseThrow();

    assertThat(c.columns()).containsExactly("b", "walk", "cat", ReferenceProfile.PREDICTION);
    assertThat(c.count()).isEqualTo(16);
  }

  @Test
  void trainingPeriodReplayed_staysQuiet_forProfilesFromColumnsMergesAndBytes() {
    List<Map<String, Object>> rows = rows(10_000, 0.9, 3L);
    ReferenceProfile columns = byColumns(rows);
    ReferenceProfile merged = byColumns(rows.subList(0, 5_000))
        .merge(byColumns(rows.subList(5_000, 10_000)));
    ReferenceProfile saved = ReferenceProfile.fromBytes(columns.toBytes());

    assertThat(datasetDrift(columns, rows)).isLessThanOrEqualTo(1);
    assertThat(datasetDrift(merged, rows)).isLessThanOrEqualTo(1);
    assertThat(datasetDrift(saved, rows)).isLessThanOrEqualTo(1);
    // the same reference declared without order: rows taken as independent, most windows flag
    assertThat(datasetDrift(columns.withoutChunks(), rows)).isGreaterThanOrEqualTo(8);
  }

  private static long datasetDrift(ReferenceProfile profile, List<Map<String, Object>> rows) {
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(1_000))
        .history(10).build();
    rows.forEach(r -> monitor.record(r, null, null));
    List<DriftReport> reports = monitor.history();
    assertThat(reports).hasSize(10);
    return reports.stream().filter(DriftReport::datasetDrift).count();
  }

  @Test
  void windowsAsLongAsTheReference_areBlockResampledFromTheChunks_andTheReportSaysSo() {
    List<Map<String, Object>> rows = rows(20_000, 0.9, 4L);
    ReferenceProfile profile = byColumns(rows.subList(0, 10_000));
    FeatureDrift own = oneWindow(profile, rows.subList(0, 10_000));
    FeatureDrift independent = oneWindow(profile.withoutChunks(), rows.subList(0, 10_000));

    assertThat(own.status()).isEqualTo(DriftStatus.OK);
    assertThat(own.reason()).contains("calibrated on 100 windows of 9984 rows block-resampled "
        + "from the profile's 79 chunks of 128 rows (blocks of 15 consecutive chunks drawn with "
        + "replacement: the profile's 79 chunks of 128 rows form 1 windows of 9984 rows, fewer "
        + "than 5)");
    assertThat(independent.reason()).contains("rows taken as independent");
    // autocorrelation kept: a rho 0.9 feature's bound is several times the independent one
    assertThat(own.threshold()).isGreaterThan(3 * independent.threshold());
    // the continuation of the same process: a stays within it
    assertThat(oneWindow(profile, rows.subList(10_000, 20_000)).status())
        .isEqualTo(DriftStatus.OK);
  }

  private static FeatureDrift oneWindow(ReferenceProfile profile,
      List<Map<String, Object>> rows) {
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(rows.size()))
        .build();
    rows.forEach(r -> monitor.record(r, null, null));
    return monitor.latestReport().orElseThrow().feature("a").orElseThrow();
  }

  @Test
  void mergedParts_whereOneInferredAColumnCategorical_keepItsChunksAsNumbers() {
    List<Map<String, Object>> rows = rows(10_000, 0.9, 5L);
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).put("step", Math.floor((double) i * i / 5_000_000)); // 2, 4, 7, 9 values
    }
    ReferenceProfile merged = null;
    for (int from = 0; from < 10_000; from += 2_500) {
      ReferenceProfile.Builder b = ReferenceProfile.builder().numeric(NUMERIC)
          .categorical("cat");
      rows.subList(from, from + 2_500).forEach(b::add);
      merged = merged == null ? b.build() : merged.merge(b.build());
    }
    ReferenceChunks c = merged.chunks().orElseThrow();
    ReferenceChunks.NumericWindow all = c.numeric("step", 0, c.count());

    assertThat(merged.feature("step").orElseThrow().type())
        .isEqualTo(dev.mlops.drift.profile.FeatureType.NUMERIC);
    assertThat(all.count()).isEqualTo(10_000);
    assertThat(all.mean()).isCloseTo(rows.stream().mapToDouble(r -> (Double) r.get("step"))
        .average().orElseThrow(), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(datasetDrift(merged, rows)).isLessThanOrEqualTo(1);
  }

  @Test
  void chunksOfColumns_keepMissingValuesOutOfTheCounts() {
    double[] x = new double[200];
    Arrays.fill(x, 1.0);
    x[3] = Double.NaN;
    x[150] = Double.POSITIVE_INFINITY;
    ReferenceChunks c = ReferenceProfile.builder().numeric("x").addColumn("x", x).build()
        .chunks().orElseThrow();

    assertThat(c.count()).isEqualTo(4); // 3 chunks of 64 rows and the last 8
    assertThat(c.piece("x", 0).count()).isEqualTo(63);
    assertThat(c.piece("x", 2).count()).isEqualTo(63);
    assertThat(c.rows(0)).isEqualTo(64);
  }
}
