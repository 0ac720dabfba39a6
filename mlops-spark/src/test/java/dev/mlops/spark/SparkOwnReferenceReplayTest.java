package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's own-reference replay on a Spark-built profile: a training period replayed as live
 * traffic against its own profile built by {@link SparkProfiles} from a shuffled dataset with
 * {@code orderBy} alarms exactly as against the profile built in one JVM from the same rows in
 * time order (the same dataset-drift windows, the same drifted features, the same data-quality
 * findings), on a seeded autocorrelated stream.
 */
final class SparkOwnReferenceReplayTest {

  /** A window's decisions: dataset drift, drifted features, data-quality findings. */
  private static String summary(DriftReport r) {
    List<String> drifted = r.features().stream().filter(FeatureDrift::drifted)
        .map(FeatureDrift::feature).toList();
    return (r.datasetDrift() ? "DRIFT " : "ok ") + drifted + " " + r.dataQuality().findings();
  }

  /** Rows replayed in windows that end where {@code ends} says (row indices, exclusive). */
  private static List<String> replay(ReferenceProfile p, List<Map<String, Object>> rows,
      List<Integer> ends) {
    DriftMonitor m = DriftMonitor.builder(p).window(Window.tumblingCount(Integer.MAX_VALUE))
        .build();
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int end : ends) {
      for (int i = from; i < end; i++) {
        m.record(rows.get(i), null, null);
      }
      out.add(summary(m.closeWindow().orElseThrow()));
      from = end;
    }
    return out;
  }

  private static List<Integer> every(int window, int n) {
    List<Integer> ends = new ArrayList<>();
    for (int e = window; e <= n; e += window) {
      ends.add(e);
    }
    return ends;
  }

  private static long alarms(List<String> windows) {
    return windows.stream().filter(s -> s.startsWith("DRIFT") || !s.endsWith(" []")).count();
  }

  /** The profile of {@code rows} built on Spark from a shuffled dataset, ordered by "t". */
  private static ReferenceProfile sparkProfile(List<Map<String, Object>> rows, String[] names) {
    List<String> cols = new ArrayList<>(List.of("t"));
    List<DataType> types = new ArrayList<>(List.of(DataTypes.DoubleType));
    for (String n : names) {
      cols.add(n);
      types.add(rows.get(0).get(n) instanceof String ? DataTypes.StringType
          : DataTypes.DoubleType);
    }
    List<Object[]> values = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] v = new Object[names.length + 1];
      v[0] = (double) i;
      for (int j = 0; j < names.length; j++) {
        v[j + 1] = rows.get(i).get(names[j]);
      }
      values.add(v);
    }
    Collections.shuffle(values, new Random(5));
    Dataset<Row> data = LocalSpark.dataset(cols, types, values, 3);
    return SparkProfiles.builder().columns(names).orderBy("t").build().profile(data);
  }

  private static ReferenceProfile jvmProfile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    rows.forEach(b::add);
    return b.build();
  }

  @Test
  void anAutocorrelatedStreamAgainstItsOwnSparkProfile_decidesAsAgainstItsJvmProfile() {
    SplittableRandom r = new SplittableRandom(7);
    double a = 0;
    double walk = 0;
    double c = 0;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      a = 0.9 * a + Math.sqrt(1 - 0.81) * r.nextGaussian();
      walk = 0.999 * walk + Math.sqrt(1 - 0.999 * 0.999) * r.nextGaussian();
      c = 0.9 * c + Math.sqrt(1 - 0.81) * r.nextGaussian();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("a", a);
      row.put("walk", walk);
      row.put("cat", c < -0.5 ? "low" : c < 0.5 ? "mid" : "high");
      rows.add(row);
    }
    List<Map<String, Object>> reference = rows.subList(0, 10_000);
    ReferenceProfile spark = sparkProfile(reference, new String[] {"a", "walk", "cat"});
    ReferenceProfile jvm = jvmProfile(reference);

    List<String> own = replay(spark, reference, every(1_000, 10_000));
    List<String> next = replay(spark, rows.subList(10_000, 20_000), every(1_000, 10_000));

    assertThat(own).isEqualTo(replay(jvm, reference, every(1_000, 10_000)));
    assertThat(next).isEqualTo(replay(jvm, rows.subList(10_000, 20_000), every(1_000, 10_000)));
    assertThat(alarms(own)).isZero();
    assertThat(alarms(next)).isLessThanOrEqualTo(1);
  }
}
