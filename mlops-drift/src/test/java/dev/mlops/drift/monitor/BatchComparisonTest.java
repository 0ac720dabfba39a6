package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A batch comparison reports what one window of the same monitor reports for the same rows. */
final class BatchComparisonTest {

  private static final String[] SEASONS = {"winter", "spring", "summer", "autumn"};

  private static ReferenceProfile profile() {
    SplittableRandom r = new SplittableRandom(1);
    ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("season");
    for (int i = 0; i < 20_000; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("a", r.nextDouble());
      row.put("b", r.nextDouble() * 10);
      row.put("c", (double) r.nextInt(1000));
      row.put("season", SEASONS[r.nextInt(4)]);
      b.add(row);
    }
    return b.build();
  }

  /** 15,000 rows (more than the reservoir): b shifted, c with missing and infinite values. */
  private static List<Map<String, Object>> current() {
    SplittableRandom r = new SplittableRandom(2);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 15_000; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("a", r.nextDouble());
      row.put("b", r.nextDouble() * 10 + 1.5);
      row.put("c", i % 97 == 0 ? null : i % 101 == 0 ? Double.POSITIVE_INFINITY
          : (Object) (double) r.nextInt(1100));
      row.put("season", i % 50 == 0 ? "monsoon" : SEASONS[r.nextInt(4)]);
      if (i % 200 == 0) {
        row.put("request_id", "r" + i);
      }
      if (i % 333 != 0) {
        rows.add(row);
      } else {
        row.remove("a"); // absent
        rows.add(row);
      }
    }
    return rows;
  }

  private static DriftReport monitorWindow(DriftMonitor.Builder settings,
      List<Map<String, Object>> rows) {
    DriftMonitor m = settings.window(Window.tumblingCount(1_000_000)).build();
    for (Map<String, Object> row : rows) {
      m.record(row, null, null);
    }
    return m.closeWindow().orElseThrow();
  }

  @Test
  void rows_giveTheMonitorWindowsReport_featureByFeature() {
    ReferenceProfile profile = profile();
    List<Map<String, Object>> rows = current();
    DriftReport window = monitorWindow(DriftMonitor.builder(profile), rows);
    DriftReport batch = BatchComparison.of(profile).compareRows(rows);
    assertThat(batch.features()).isEqualTo(window.features());
    assertThat(batch.dataQuality()).isEqualTo(window.dataQuality());
    assertThat(batch.datasetDrift()).isEqualTo(window.datasetDrift());
    assertThat(batch.driftShare()).isEqualTo(window.driftShare());
    assertThat(batch.records()).isEqualTo(15_000);
    assertThat(batch.feature("b").orElseThrow().drifted()).isTrue();
    assertThat(batch.feature("a").orElseThrow().drifted()).isFalse();
    assertThat(batch.dataQuality().feature("season").unseen()).isEqualTo(300);
    assertThat(batch.toJson()).contains("\"features\"");
    assertThat(batch.toText()).contains("b");
  }

  @Test
  void columns_giveTheSameReportAsRows_withTheMonitorsOverrides() {
    ReferenceProfile profile = profile();
    List<Map<String, Object>> rows = current();
    int n = rows.size();
    double[] a = new double[n];
    double[] b = new double[n];
    Object[] c = new Object[n];
    Object[] season = new Object[n];
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = rows.get(i);
      a[i] = row.containsKey("a") ? (Double) row.get("a") : Double.NaN;
      b[i] = (Double) row.get("b");
      c[i] = row.get("c");
      season[i] = row.get("season");
    }
    DriftMonitor.Builder settings = DriftMonitor.builder(profile).alpha(0.01)
        .featureTest("c", DriftStatistic.PSI).featureTest("a", DriftStatistic.KOLMOGOROV_SMIRNOV);
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("a", a);
    columns.put("b", b);
    columns.put("c", c);
    columns.put("season", season);
    DriftReport byColumns = BatchComparison.of(settings).compare(columns);
    DriftReport window = monitorWindow(settings, rows);
    // the absent "a" of every 333rd row is a missing value in a column: same test, same values
    assertThat(byColumns.feature("a").orElseThrow()).isEqualTo(window.feature("a").orElseThrow());
    assertThat(byColumns.feature("c").orElseThrow().test()).isEqualTo("psi");
    assertThat(byColumns.features().subList(1, 4)).isEqualTo(window.features().subList(1, 4));
    DriftReport oneThread = BatchComparison.of(settings).parallelism(1).compare(columns);
    assertThat(oneThread.features()).isEqualTo(byColumns.features());
  }

  @Test
  void badColumns_areRefusedNamingTheColumn() {
    BatchComparison c = BatchComparison.of(profile());
    assertThatThrownBy(() -> c.compare(Map.of("a", new double[3], "b", new double[4])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("columns must have equal lengths");
    assertThatThrownBy(() -> c.compare(Map.of("a", List.of(1.0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("column 'a' must be a double[] or an Object[]: List");
    assertThatThrownBy(() -> c.parallelism(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be at least 1: 0");
  }

  @Test
  void missingColumnsAndUnknownColumns_areCountedAsInAMonitor() {
    DriftReport r = BatchComparison.of(profile())
        .compare(Map.of("a", new double[] {0.1, 0.2}, "extra", new double[] {1, 2}));
    assertThat(r.records()).isEqualTo(2);
    assertThat(r.dataQuality().feature("b").absent()).isEqualTo(2);
    assertThat(r.dataQuality().rowsWithUnknownFeatures()).isEqualTo(2);
    assertThat(r.feature("a").orElseThrow().status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
  }
}
