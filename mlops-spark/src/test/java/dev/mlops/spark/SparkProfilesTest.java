package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.FeatureProfile;
import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** A profile aggregated from partitions on local[2] equals the profile built in one JVM. */
final class SparkProfilesTest {

  private static final List<String> NAMES = List.of("x", "code", "city", "flag");
  private static final List<DataType> TYPES = List.of(DataTypes.DoubleType,
      DataTypes.IntegerType, DataTypes.StringType, DataTypes.BooleanType);
  private static final String[] CITIES = {"paris", "lyon", "nice", "lille", "metz", "brest"};

  private static List<Object[]> rows(int n, long seed) {
    Random r = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {
          r.nextInt(20) == 0 ? null : Math.round(r.nextGaussian() * 1000) / 100.0,
          r.nextInt(10) == 0 ? null : r.nextInt(4),
          r.nextInt(15) == 0 ? null : CITIES[r.nextInt(CITIES.length)],
          r.nextBoolean()});
    }
    return rows;
  }

  /** The one-JVM profile of the same rows, column by column. */
  private static ReferenceProfile local(List<Object[]> rows, int exactCap) {
    int n = rows.size();
    double[] x = new double[n];
    double[] code = new double[n];
    String[] city = new String[n];
    String[] flag = new String[n];
    for (int i = 0; i < n; i++) {
      Object[] r = rows.get(i);
      x[i] = r[0] == null ? Double.NaN : (Double) r[0];
      code[i] = r[1] == null ? Double.NaN : (Integer) r[1];
      city[i] = (String) r[2];
      flag[i] = CategoricalProfile.key(r[3]);
    }
    return ReferenceProfile.builder().exactCap(exactCap).addColumn("x", x)
        .addColumn("code", code).addColumn("city", city).addColumn("flag", flag).build();
  }

  @Property(tries = 6)
  void partitionedProfile_equalsTheOneJvmProfile(@ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 4) int partitions, @ForAll long seed) {
    List<Object[]> rows = rows(n, seed);
    Dataset<Row> data = LocalSpark.dataset(NAMES, TYPES, rows, partitions);
    ReferenceProfile spark = SparkProfiles.of(data);
    ReferenceProfile local = local(rows, ReferenceProfile.DEFAULT_EXACT_CAP);
    assertThat(spark.featureNames()).isEqualTo(local.featureNames());
    assertThat(spark.rows()).isEqualTo(n);
    for (FeatureProfile l : local.features()) {
      FeatureProfile s = spark.feature(l.name()).orElseThrow();
      assertThat(s.type()).as(l.name()).isEqualTo(l.type());
      assertThat(s.count()).as(l.name()).isEqualTo(l.count());
      assertThat(s.missing()).as(l.name()).isEqualTo(l.missing());
      if (l instanceof NumericProfile ln) {
        NumericProfile sn = (NumericProfile) s;
        assertThat(sn.sortedValues()).containsExactly(ln.sortedValues());
        assertThat(sn.binEdges()).containsExactly(ln.binEdges());
        assertThat(sn.binCounts()).containsExactly(ln.binCounts());
        if (ln.count() > 0) {
          assertThat(sn.min()).isEqualTo(ln.min());
          assertThat(sn.max()).isEqualTo(ln.max());
          assertThat(sn.mean()).isCloseTo(ln.mean(), offset(1e-12 * (1 + Math.abs(ln.mean()))));
          assertThat(sn.std()).isCloseTo(ln.std(), offset(1e-12 * (1 + ln.std())));
        }
      } else {
        CategoricalProfile lc = (CategoricalProfile) l;
        CategoricalProfile sc = (CategoricalProfile) s;
        assertThat(sc.frequencies()).isEqualTo(lc.frequencies());
        assertThat(sc.other()).isEqualTo(lc.other());
      }
    }
  }

  @Property(tries = 4)
  void aboveTheExactCap_quantilesStayWithinTheRankError(
      @ForAll @IntRange(min = 1, max = 4) int partitions, @ForAll long seed) {
    List<Object[]> rows = rows(3000, seed);
    Dataset<Row> data = LocalSpark.dataset(NAMES, TYPES, rows, partitions);
    NumericProfile x = (NumericProfile) SparkProfiles.builder().exactCap(100).columns("x")
        .build().profile(data).feature("x").orElseThrow();
    NumericProfile exact = (NumericProfile) local(rows, ReferenceProfile.UNBOUNDED_EXACT_CAP)
        .feature("x").orElseThrow();
    assertThat(x.isExact()).isFalse();
    assertThat(x.count()).isEqualTo(exact.count());
    assertThat(x.sample()).hasSize(100);
    double[] sorted = exact.sortedValues();
    double eps = x.normalizedRankError();
    for (double r : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
      double q = x.quantile(r);
      // the rank interval of q in the exact data must come within 2 eps of r
      int lo = lowerBound(sorted, q);
      int hi = lowerBound(sorted, Math.nextUp(q));
      double below = (double) lo / sorted.length;
      double atOrBelow = (double) hi / sorted.length;
      assertThat(r).as("rank %s -> %s in [%s, %s]", r, q, below, atOrBelow)
          .isBetween(below - 2 * eps, atOrBelow + 2 * eps);
    }
  }

  @Test
  void aboveTheExactCap_thePartitionsMergeInPartitionOrder_soTheSameDataGivesTheSameBytes() {
    List<Object[]> rows = rows(3000, 11);
    Dataset<Row> data = LocalSpark.dataset(NAMES, TYPES, rows, 4);
    SparkProfiles profiles = SparkProfiles.builder().exactCap(100).columns("x").unordered()
        .build();
    byte[] spark = profiles.profile(data).toBytes();
    // each partition's own profile, merged along the tree of partition indexes: (0 1) (2 3)
    List<List<Row>> parts = data.javaRDD().glom().collect();
    List<ReferenceProfile> each = new ArrayList<>();
    for (List<Row> part : parts) {
      each.add(profiles.profile(LocalSpark.session().createDataFrame(part, data.schema())
          .coalesce(1)));
    }
    assertThat(((NumericProfile) each.get(0).feature("x").orElseThrow()).isExact()).isFalse();
    byte[] tree = each.get(0).merge(each.get(1)).merge(each.get(2).merge(each.get(3))).toBytes();
    assertThat(Arrays.equals(spark, tree)).as("the partition-order merge's bytes").isTrue();
    assertThat(Arrays.equals(profiles.profile(data).toBytes(), spark)).as("a second run").isTrue();
  }

  private static int lowerBound(double[] a, double v) {
    int i = Arrays.binarySearch(a, v);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && a[i - 1] == v) {
      i--;
    }
    return i;
  }

  @Test
  void aColumnOfOneNumber_staysNumeric_andOneConstantOnlyInSomePartitions_isCategorical() {
    // "imputed" holds one number on every row (Elec2's vicprice); "code" holds 7 in the first
    // 300 rows and 7 or 8 after: the partitions that see only 7 build a constant numeric part,
    // the union must still be inferred categorical, as in one JVM
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(new Object[] {0.003467, i < 300 || i % 3 != 0 ? 7 : 8});
    }
    Dataset<Row> data = LocalSpark.dataset(List.of("imputed", "code"),
        List.of(DataTypes.DoubleType, DataTypes.IntegerType), rows, 4);
    double[] imputed = new double[400];
    double[] code = new double[400];
    for (int i = 0; i < 400; i++) {
      imputed[i] = (Double) rows.get(i)[0];
      code[i] = (Integer) rows.get(i)[1];
    }
    ReferenceProfile local = ReferenceProfile.builder().addColumn("imputed", imputed)
        .addColumn("code", code).build();

    ReferenceProfile spark = SparkProfiles.of(data);

    assertThat(local.feature("imputed").orElseThrow())
        .isInstanceOf(NumericProfile.class);
    assertThat(spark.feature("imputed").orElseThrow()).isInstanceOf(NumericProfile.class);
    NumericProfile n = (NumericProfile) spark.feature("imputed").orElseThrow();
    assertThat(n.min()).isEqualTo(0.003467);
    assertThat(n.max()).isEqualTo(0.003467);
    assertThat(n.count()).isEqualTo(400);
    assertThat(spark.feature("code").orElseThrow()).isInstanceOf(CategoricalProfile.class);
    assertThat(((CategoricalProfile) spark.feature("code").orElseThrow()).frequencies())
        .isEqualTo(((CategoricalProfile) local.feature("code").orElseThrow()).frequencies());
  }

  @Test
  void unsupportedColumnsAndUnknownNames_areRefusedNamingThem() {
    Dataset<Row> data = LocalSpark.session().sql("select array(1, 2) as xs, 1.0 as x");
    assertThatThrownBy(() -> SparkProfiles.of(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'xs' must be numeric, string or boolean to be profiled: array<int>");
    assertThatThrownBy(() -> SparkProfiles.builder().categorical("nope").build().profile(
        data.select("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("categorical column must be in the dataset: nope");
    assertThat(SparkProfiles.builder().columns("x").build().profile(data).featureNames())
        .containsExactly("x");
  }
}
