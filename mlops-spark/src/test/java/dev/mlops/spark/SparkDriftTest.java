package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.mlops.drift.monitor.BatchComparison;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.ThresholdCalibrator;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.ThresholdCalibration;
import dev.mlops.drift.stat.DriftStatistic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** A dataset judged on local[2] gets the report one monitor fed the same rows gives. */
final class SparkDriftTest {

  private static final String[] PLANS = {"free", "pro", "team"};

  /** The reference rows, in their (time) order. */
  private static List<Map<String, Object>> referenceRows() {
    Random r = new Random(1);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("age", 20 + r.nextDouble() * 50);
      row.put("income", Math.exp(r.nextGaussian()));
      row.put("plan", PLANS[r.nextInt(3)]);
      row.put(ReferenceProfile.PREDICTION, r.nextDouble());
      rows.add(row);
    }
    return rows;
  }

  private static final List<Map<String, Object>> REFERENCE = referenceRows();

  private static ReferenceProfile profile() {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    REFERENCE.forEach(b::add);
    return b.build();
  }

  private static final ReferenceProfile PROFILE = profile();

  private static List<Object[]> rows(int n, long seed, double shift) {
    Random r = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {
          "req-" + i,
          r.nextInt(25) == 0 ? null : 20 + r.nextDouble() * 50 + shift,
          Math.exp(r.nextGaussian()),
          r.nextInt(30) == 0 ? "enterprise" : PLANS[r.nextInt(3)],
          r.nextDouble(),
          r.nextInt(2)});
    }
    return rows;
  }

  private static final List<String> NAMES = List.of("id", "age", "income", "plan", "score",
      "clicked");
  private static final List<DataType> TYPES = List.of(DataTypes.StringType, DataTypes.DoubleType,
      DataTypes.DoubleType, DataTypes.StringType, DataTypes.DoubleType, DataTypes.IntegerType);

  /** One monitor fed every row (in the dataset's order), then closed. */
  private static DriftReport oneMonitor(DriftMonitor.Builder b, List<Map<String, Object>> rows) {
    DriftMonitor m = b.window(Window.tumblingCount(Long.MAX_VALUE)).build();
    for (Map<String, Object> row : rows) {
      Map<String, Object> features = new HashMap<>(row);
      String id = (String) features.remove("id");
      double score = ((Number) features.remove("score")).doubleValue();
      int clicked = (Integer) features.remove("clicked");
      m.record(features, Prediction.ofValue(score), id);
      m.recordLabel(id, clicked);
    }
    return m.closeWindow().orElseThrow();
  }

  @Property(tries = 3)
  void logOfRequests_isJudgedLikeOneLiveWindow(@ForAll @IntRange(min = 30, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 4) int partitions, @ForAll long seed) {
    Dataset<Row> data = LocalSpark.dataset(NAMES, TYPES, rows(n, seed, 5.0), partitions).cache();
    DriftReport spark = SparkDrift.builder(PROFILE)
        .settings(b -> b.featureTest("income", DriftStatistic.KOLMOGOROV_SMIRNOV))
        .predictionColumn("score").labelColumn("clicked").requestIdColumn("id")
        .build().report(data);
    DriftReport local = oneMonitor(DriftMonitor.builder(PROFILE)
        .featureTest("income", DriftStatistic.KOLMOGOROV_SMIRNOV), LocalSpark.maps(data));
    data.unpersist();
    assertThat(spark.records()).isEqualTo(n);
    assertThat(spark.features()).isEqualTo(local.features());
    assertThat(spark.dataQuality()).isEqualTo(local.dataQuality());
    assertThat(spark.prediction()).isEqualTo(local.prediction());
    // the same label pairs, summed in another order: equal to rounding
    assertThat(spark.performance().labelled()).isEqualTo(local.performance().labelled());
    assertThat(spark.performance().realised().keySet())
        .isEqualTo(local.performance().realised().keySet());
    local.performance().realised().forEach((k, v) -> assertThat(
        spark.performance().realised().get(k)).as(k).isCloseTo(v, offset(1e-12)));
    assertThat(spark.datasetDrift()).isEqualTo(local.datasetDrift());
    assertThat(spark.feature("income").orElseThrow().test()).isEqualTo("ks");
  }

  @Test
  void batchReport_ofATable_equalsTheOneJvmBatchComparison() {
    List<Object[]> rows = rows(400, 7, 20.0);
    Dataset<Row> data = LocalSpark.dataset(NAMES.subList(1, 4), TYPES.subList(1, 4),
        rows.stream().map(r -> new Object[] {r[1], r[2], r[3]}).toList(), 3).cache();
    DriftReport spark = SparkDrift.compare(PROFILE, data);
    DriftReport local = BatchComparison.of(PROFILE).compareRows(LocalSpark.maps(data));
    data.unpersist();
    assertThat(spark.features()).isEqualTo(local.features());
    assertThat(spark.dataQuality()).isEqualTo(local.dataQuality());
    assertThat(spark.feature("age").orElseThrow().drifted()).isTrue();
    assertThat(spark.feature("income").orElseThrow().drifted()).isFalse();
  }

  @Test
  void aNarrowedSpread_isDecidedByTheScaleCheck_onTheExecutors_asInTheOneJvmBatchComparison() {
    Random r = new Random(21);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) { // age keeps its centre, its spread narrows to 0.93
      rows.add(new Object[] {45 + (r.nextDouble() - 0.5) * 50 * 0.93, Math.exp(r.nextGaussian()),
          PLANS[r.nextInt(3)]});
    }
    Dataset<Row> data = LocalSpark.dataset(NAMES.subList(1, 4), TYPES.subList(1, 4), rows, 3).cache();
    DriftReport spark = SparkDrift.compare(PROFILE, data);
    DriftReport local = BatchComparison.of(PROFILE).compareRows(LocalSpark.maps(data));
    data.unpersist();
    assertThat(spark.features()).isEqualTo(local.features());
    FeatureDrift age = spark.feature("age").orElseThrow();
    assertThat(age.firedChecks()).as(age.reason()).containsExactly("scale");
    assertThat(age.statistic()).isLessThan(age.threshold());
    assertThat(age.scale().logSdRatio()).isLessThan(age.scale().lower());
  }

  @Test
  void calibratedThresholds_decideOnTheExecutors_asInTheOneJvmBatchComparison() {
    ThresholdCalibration calibration = ThresholdCalibrator.builder(PROFILE)
        .orderedReference(REFERENCE).windowRows(300).build();
    byte[] stored = calibration.toBytes(); // what the executors receive with the settings
    List<Object[]> rows = rows(300, 11, 4.0);
    Dataset<Row> data = LocalSpark.dataset(NAMES.subList(1, 4), TYPES.subList(1, 4),
        rows.stream().map(r -> new Object[] {r[1], r[2], r[3]}).toList(), 3).cache();
    DriftReport spark = SparkDrift.builder(PROFILE)
        .settings(b -> ThresholdCalibrator.applyTo(ThresholdCalibration.fromBytes(stored), b))
        .build().report(data);
    DriftReport local = BatchComparison.of(ThresholdCalibrator.applyTo(calibration, DriftMonitor.builder(PROFILE)))
        .compareRows(LocalSpark.maps(data));
    data.unpersist();
    assertThat(spark.features()).isEqualTo(local.features());
    assertThat(spark.datasetDrift()).isEqualTo(local.datasetDrift());
    assertThat(spark.feature("age").orElseThrow().threshold())
        .isEqualTo(calibration.threshold("age"));
    assertThat(spark.feature("age").orElseThrow().reason()).contains("calibrated on 10 ordered");
  }

  @Test
  void missingColumnsAndLabelsWithoutPredictions_areRefused() {
    Dataset<Row> data = LocalSpark.dataset(NAMES, TYPES, rows(10, 1, 0), 1);
    assertThatThrownBy(() -> SparkDrift.builder(PROFILE).predictionColumn("nope").build()
        .report(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prediction column must be in the dataset: nope");
    assertThatThrownBy(() -> SparkDrift.builder(PROFILE).labelColumn("clicked").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("label column needs a prediction column to join with: clicked");
  }
}
