package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 1 on Spark: a profile of an ordered dataset built on local[2] keeps the same
 * chunks, hence the same calibrated thresholds, as the profile built in one JVM from the same
 * rows in time order.
 */
final class SparkOrderedProfileTest {

  private static final String[] COLOURS = {"red", "green", "blue"};

  /** {t, x, colour} rows in time order: x an AR(1) series (rho 0.95), colour regime changes. */
  private static List<Object[]> series(int n, long seed) {
    Random r = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    double s = 0;
    for (int i = 0; i < n; i++) {
      s = 0.95 * s + 0.3 * r.nextGaussian();
      String colour = r.nextInt(10) == 0 ? null : COLOURS[(i / 400 + r.nextInt(2)) % 3];
      rows.add(new Object[] {1_000.0 + 3 * i, r.nextInt(25) == 0 ? null : s, colour});
    }
    return rows;
  }

  private static Map<String, Object> row(Object[] r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", r[1]);
    m.put("colour", r[2]);
    return m;
  }

  private static DriftReport window(ReferenceProfile profile, List<Object[]> live) {
    DriftMonitor monitor = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    live.forEach(r -> monitor.record(row(r), null, null));
    return monitor.closeWindow().orElseThrow();
  }

  @Test
  void orderedSparkProfile_hasTheJvmProfilesChunks_andTheSameCalibratedThresholds() {
    List<Object[]> all = series(3_300, 11L);
    List<Object[]> reference = all.subList(0, 3_000);
    List<Object[]> shuffled = new ArrayList<>(reference);
    Collections.shuffle(shuffled, new Random(3));
    Dataset<Row> data = LocalSpark.dataset(List.of("t", "x", "colour"),
        List.of(DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.StringType), shuffled, 3);

    ReferenceProfile spark = SparkProfiles.builder().columns("x", "colour").orderBy("t").build()
        .profile(data);
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    reference.stream().sorted(Comparator.comparingDouble(r -> (Double) r[0]))
        .forEach(r -> b.add(row(r)));
    ReferenceProfile jvm = b.build();

    assertThat(spark.chunks()).isPresent();
    assertThat(spark.chunks().orElseThrow().count()).isEqualTo(47); // 3,000 rows, chunks of 64
    assertThat(spark.chunks()).isEqualTo(jvm.chunks());
    assertThat(SparkProfiles.builder().columns("x", "colour").unordered().build().profile(data)
        .chunks()).isEmpty();
    // without orderBy: the dataset's own order, here a time-ordered dataset in 3 slices
    List<Object[]> sorted = reference.stream()
        .sorted(Comparator.comparingDouble(r -> (Double) r[0])).toList();
    Dataset<Row> inOrder = LocalSpark.inOrder(List.of("t", "x", "colour"),
        List.of(DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.StringType), sorted, 3);
    assertThat(SparkProfiles.builder().columns("x", "colour").build().profile(inOrder).chunks())
        .isEqualTo(jvm.chunks());

    // the same thresholds for a live window of 300 rows (4-5 chunks), equal up to
    // the rounding of the moments merged across partitions (the reference's standard deviation)
    DriftReport fromSpark = window(spark, all.subList(3_000, 3_300));
    DriftReport fromJvm = window(jvm, all.subList(3_000, 3_300));
    for (String f : List.of("x", "colour")) {
      FeatureDrift s = fromSpark.feature(f).orElseThrow();
      FeatureDrift j = fromJvm.feature(f).orElseThrow();
      assertThat(s.threshold()).isCloseTo(j.threshold(),
          org.assertj.core.data.Percentage.withPercentage(1e-7));
      assertThat(s.reason()).contains("ordered reference windows of");
      assertThat(s.status()).isEqualTo(j.status());
    }
  }

  @Test
  void anOrderColumnThatIsMissingOrNotOrderable_isRefusedNamingIt() {
    Dataset<Row> data = LocalSpark.dataset(List.of("t", "x", "colour"),
        List.of(DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.StringType),
        series(50, 1L), 2);

    assertThatThrownBy(() -> SparkProfiles.builder().orderBy("when").build().profile(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("order column must be in the dataset: when");
    assertThatThrownBy(() -> SparkProfiles.builder().orderBy("colour").build().profile(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("order column 'colour' must be numeric, a timestamp or a date: string");
    assertThatThrownBy(() -> SparkProfiles.builder().orderBy(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("order column must not be blank: ' '");
    assertThatThrownBy(() -> SparkProfiles.builder().orderBy("t").unordered())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("unordered must not follow orderBy: t");
  }
}
