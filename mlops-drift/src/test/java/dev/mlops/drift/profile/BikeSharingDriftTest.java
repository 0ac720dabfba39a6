package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.mlops.drift.stat.BinnedStatistics;
import dev.mlops.drift.stat.KolmogorovSmirnov;
import dev.mlops.drift.stat.TestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real data: the UCI bike-sharing hourly data, 2011 as the reference profile and 2012 as the
 * current data. Expected values from NumPy 2.4 / SciPy 1.17.1 with {@code rows =
 * csv.DictReader(open('hour.csv'))}, {@code y = yr}: {@code stats.ks_2samp(temp[y==0],
 * temp[y==1])}, edges {@code np.quantile(cnt[y==0], np.arange(1,10)/10)}, counts {@code
 * np.bincount(np.searchsorted(edges, cnt, side='right'))}, PSI as in {@code BinnedStatisticsTest},
 * {@code stats.chi2_contingency([weathersit counts 2011, 2012], correction=False)}.
 */
final class BikeSharingDriftTest {

  private static List<Map<String, Object>> y2011;
  private static List<Map<String, Object>> y2012;

  @BeforeAll
  static void read() throws IOException {
    Path csv = dev.mlops.drift.SharedData.bikeSharingHours();
    Assumptions.assumeTrue(Files.exists(csv), "bike-sharing data not available");
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).trim().split(",");
    y2011 = new ArrayList<>();
    y2012 = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.trim().split(",");
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 2; i < header.length; i++) { // skip instant and dteday
        row.put(header[i], Double.parseDouble(v[i]));
      }
      ("0".equals(v[3]) ? y2011 : y2012).add(row);
    }
  }

  private static double[] column(List<Map<String, Object>> rows, String name) {
    return rows.stream().mapToDouble(r -> (Double) r.get(name)).toArray();
  }

  @Test
  void profileOf2011_detects2012Drift_withScipyNumbers() {
    // exact opt-in: 8,645 rows are more than the default exact cap; the NumPy edges and SciPy KS
    // below are computed on every value
    ReferenceProfile.Builder b = ReferenceProfile.builder().exactValues();
    y2011.forEach(b::add);
    ReferenceProfile profile = b.build();
    assertThat(profile.rows()).isEqualTo(8645);
    assertThat(profile.feature("season").orElseThrow().type()).isEqualTo(FeatureType.CATEGORICAL);
    assertThat(profile.feature("hr").orElseThrow().type()).isEqualTo(FeatureType.NUMERIC);

    NumericProfile cnt = (NumericProfile) profile.feature("cnt").orElseThrow();
    assertThat(cnt.mean()).isCloseTo(143.79444765760556, offset(1e-10));
    assertThat(cnt.std()).isCloseTo(133.79011546148726, offset(1e-10));
    double[] edges = cnt.binEdges();
    double[] expected = {7.0, 22.0, 46.0, 75.60000000000036, 109.0, 147.0, 187.0, 243.0, 346.0};
    for (int i = 0; i < expected.length; i++) {
      assertThat(edges[i + 1]).isCloseTo(expected[i], offset(1e-9));
    }
    assertThat(cnt.binCounts()).containsExactly(783, 935, 875, 865, 849, 876, 851, 880, 861, 870);
    long[] current = new long[cnt.binCount()];
    for (double v : column(y2012, "cnt")) {
      current[cnt.binIndex(v)]++;
    }
    assertThat(current).containsExactly(534, 832, 673, 517, 506, 598, 640, 903, 1335, 2196);
    TestResult psi = BinnedStatistics.populationStabilityIndex(cnt.binCounts(), current);
    assertThat(psi.statistic()).isCloseTo(0.24372056429642858, offset(1e-12));

    // ks_2samp(temp 2011, temp 2012) -> (0.05462317081036423, 1.0322560987218447e-11), exact path
    NumericProfile temp = (NumericProfile) profile.feature("temp").orElseThrow();
    TestResult ks = KolmogorovSmirnov.testSortedReference(temp.sortedValues(), column(y2012, "temp"));
    assertThat(ks.statistic()).isCloseTo(0.05462317081036423, offset(1e-12));
    assertThat(ks.pValue()).isCloseTo(1.0322560987218447e-11, offset(1e-21));

    CategoricalProfile weather = (CategoricalProfile) profile.feature("weathersit").orElseThrow();
    long[] ref = weather.counts();
    long[] cur = new long[ref.length];
    for (double v : column(y2012, "weathersit")) {
      cur[weather.indexOf(CategoricalProfile.key(v))]++;
    }
    // categories ordered by 2011 frequency: 1, 2, 3, 4 (5645, 2218, 781, 1)
    assertThat(weather.categories()).containsExactly("1", "2", "3", "4");
    TestResult chi2 = BinnedStatistics.chiSquareHomogeneity(ref, cur);
    assertThat(chi2.statistic()).isCloseTo(18.181377934996632, offset(1e-10));
    assertThat(chi2.pValue()).isCloseTo(0.000403540945568836, offset(1e-15));
  }
}
