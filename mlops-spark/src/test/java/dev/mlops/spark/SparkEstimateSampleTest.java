package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.SampleOrigin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 5 on Spark: a classifier profile built from a dataset keeps the estimate sample
 * the JVM builder keeps from the same rows in the same order, bit for bit, so a monitor on it
 * gives the same calibrated label-free estimate with the same interval.
 */
final class SparkEstimateSampleTest {

  private static final List<String> BINARY = List.of("t", "x0", "x1", "x2", "x3", "score",
      "label");
  private static final List<DataType> BINARY_TYPES = List.of(DataTypes.LongType,
      DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.DoubleType,
      DataTypes.DoubleType, DataTypes.IntegerType);
  private static final List<String> CLASSES = List.of("t", "x0", "x1", "x2", "x3", "predicted",
      "confidence", "label");
  private static final List<DataType> CLASS_TYPES = List.of(DataTypes.LongType,
      DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.DoubleType,
      DataTypes.StringType, DataTypes.DoubleType, DataTypes.StringType);

  /** Four standard-normal features, x0 and x1 shifted by {@code shift} (a covariate shift). */
  private static double[] features(SplittableRandom r, double shift) {
    double[] x = new double[4];
    for (int j = 0; j < 4; j++) {
      x[j] = gaussian(r);
    }
    x[0] += shift;
    x[1] -= 0.5 * shift;
    return x;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** The true P(class 1): x2 matters too; the model below ignores it and is over-confident. */
  private static double truth(double[] x) {
    return 1 / (1 + Math.exp(-(1.5 * x[0] - x[1] + 0.8 * x[2])));
  }

  private static double model(double[] x) {
    return 1 / (1 + Math.exp(-3 * (1.5 * x[0] - x[1])));
  }

  /** Binary rows {t, x0..x3, P(class 1), label}, in time order. */
  private static List<Object[]> binaryRows(int n, long seed, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = features(r, shift);
      rows.add(new Object[] {(long) i, x[0], x[1], x[2], x[3], model(x),
          r.nextDouble() < truth(x) ? 1 : 0});
    }
    return rows;
  }

  /** Three-class rows {t, x0..x3, predicted class, its probability, label}: class = x's band. */
  private static List<Object[]> classRows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = features(r, 0);
      double v = x[0] + 0.5 * x[2] + 0.7 * gaussian(r);
      String label = v < -0.5 ? "low" : v < 0.5 ? "mid" : "high";
      String predicted = x[0] < -0.5 ? "low" : x[0] < 0.5 ? "mid" : "high";
      double confidence = 0.5 + 0.4 * Math.min(1, Math.abs(x[0]));
      rows.add(new Object[] {(long) i, x[0], x[1], x[2], x[3], predicted, confidence, label});
    }
    return rows;
  }

  /** The rows through the JVM builder, in order, as the columns the Spark profile keeps. */
  private static ReferenceProfile jvm(List<Object[]> rows, List<String> roles) {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (Object[] r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int j = 1; j < r.length; j++) {
        String part = roles.get(j - 1);
        m.put(part, r[j] instanceof Number n ? n.doubleValue() : r[j]);
      }
      b.add(m);
    }
    return b.build();
  }

  private static DriftMonitor monitor(ReferenceProfile profile) {
    return DriftMonitor.builder(profile).window(Window.tumblingCount(Integer.MAX_VALUE)).build();
  }

  /** One covariate-shift window of 1,000 labelled rows through the monitor. */
  private static AccuracyEstimate shiftedWindow(ReferenceProfile profile) {
    DriftMonitor m = monitor(profile);
    int i = 0;
    for (Object[] r : binaryRows(1_000, 77, 1.0)) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int j = 1; j <= 4; j++) {
        row.put("x" + (j - 1), r[j]);
      }
      double p = (Double) r[5];
      m.record(row, Prediction.ofProbabilities(new double[] {1 - p, p}), "r" + i);
      m.recordLabel("r" + i, (Integer) r[6]);
      i++;
    }
    return m.closeWindow().orElseThrow().performance().accuracyEstimate();
  }

  @Test
  void binaryScoresAndLabels_giveTheJvmBuildersSample_andTheSameEstimateAndInterval() {
    List<Object[]> reference = binaryRows(10_500, 5, 0);
    List<String> roles = List.of("x0", "x1", "x2", "x3", ReferenceProfile.PREDICTION,
        ReferenceProfile.LABEL);
    ReferenceProfile jvm = jvm(reference, roles);
    List<Object[]> shuffled = new ArrayList<>(reference);
    Collections.shuffle(shuffled, new java.util.Random(9));
    SparkProfiles spark = SparkProfiles.builder().columns("x0", "x1", "x2", "x3")
        .predictionColumn("score").labelColumn("label").orderBy("t").build();
    ReferenceProfile fromShuffled = spark.profile(
        LocalSpark.dataset(BINARY, BINARY_TYPES, shuffled, 3));

    EstimateSample want = jvm.estimateSample().orElseThrow();
    assertThat(want.rows()).isEqualTo(EstimateSample.CAPACITY);
    assertThat(want.offered()).isEqualTo(10_500);
    assertThat(want.features()).containsExactly("x0", "x1", "x2", "x3");
    assertThat(fromShuffled.estimateSample()).contains(want);
    assertThat(fromShuffled.featureNames()).containsExactlyInAnyOrder("x0", "x1", "x2", "x3");
    assertThat(fromShuffled.prediction()).isPresent();
    assertThat(fromShuffled.label()).isPresent();
    // the rows' order decides the sample, not the partitioning: 1 or 4 slices in time order,
    // numbered in the chunk pass (ordered) or in the profile's one pass (unordered)
    SparkProfiles.Builder scores = SparkProfiles.builder().columns("x0", "x1", "x2", "x3")
        .predictionColumn("score").labelColumn("label");
    assertThat(scores.build().profile(LocalSpark.inOrder(BINARY, BINARY_TYPES, reference, 1))
        .estimateSample()).contains(want);
    assertThat(scores.unordered().build()
        .profile(LocalSpark.inOrder(BINARY, BINARY_TYPES, reference, 4)).estimateSample())
        .contains(want);

    AccuracyEstimate fromJvm = shiftedWindow(jvm);
    AccuracyEstimate fromSpark = shiftedWindow(fromShuffled);
    assertThat(fromSpark).isNotNull();
    assertThat(fromSpark.upper()).isGreaterThan(fromSpark.lower());
    assertThat(fromSpark.estimate()).isEqualTo(fromJvm.estimate());
    assertThat(fromSpark.lower()).isEqualTo(fromJvm.lower());
    assertThat(fromSpark.upper()).isEqualTo(fromJvm.upper());
    assertThat(fromSpark.realised()).isEqualTo(fromJvm.realised());
    assertThat(fromSpark.covers()).isTrue();
    // before: a Spark-built profile had no sample, and the monitor no interval
    assertThat(shiftedWindow(fromShuffled.withoutEstimateSample())).isNull();
  }

  @Test
  void classPredictionWithItsConfidence_givesTheJvmBuildersTopLabelSample() {
    List<Object[]> reference = classRows(3_000, 21);
    ReferenceProfile jvm = jvm(reference, List.of("x0", "x1", "x2", "x3",
        ReferenceProfile.PREDICTION, ReferenceProfile.CONFIDENCE, ReferenceProfile.LABEL));
    ReferenceProfile spark = SparkProfiles.builder().columns("x0", "x1", "x2", "x3")
        .predictionColumn("predicted").confidenceColumn("confidence").labelColumn("label")
        .build().profile(LocalSpark.inOrder(CLASSES, CLASS_TYPES, reference, 3));

    EstimateSample sample = spark.estimateSample().orElseThrow();
    assertThat(sample.topLabel()).isTrue();
    assertThat(sample.rows()).isEqualTo(3_000);
    assertThat(spark.estimateSample()).isEqualTo(jvm.estimateSample());
    // each row's predicted class and label are kept too (format version 8), as the JVM keeps them
    assertThat(sample.classes()).containsExactly("high", "low", "mid");
    assertThat(sample.predictedClasses()).doesNotContain(-1)
        .isEqualTo(jvm.estimateSample().orElseThrow().predictedClasses());
    assertThat(sample.labelClasses()).doesNotContain(-1)
        .isEqualTo(jvm.estimateSample().orElseThrow().labelClasses());
    // the confidence is kept in the sample only, as the JVM builder keeps it
    assertThat(spark.featureNames()).containsExactlyInAnyOrder("x0", "x1", "x2", "x3");
    assertThat(spark.chunks()).isEqualTo(jvm.chunks());
  }

  @Test
  void theScoresOrigin_isUnknownUnlessSaid_andKeptAsSaidOverAllPartitions() {
    List<Object[]> reference = binaryRows(600, 3, 0);
    SparkProfiles.Builder b = SparkProfiles.builder().columns("x0", "x1", "x2", "x3")
        .predictionColumn("score").labelColumn("label").unordered();
    Dataset<Row> data = LocalSpark.dataset(BINARY, BINARY_TYPES, reference, 3);

    EstimateSample unsaid = b.build().profile(data).estimateSample().orElseThrow();
    assertThat(unsaid.origin()).isEqualTo(SampleOrigin.unknown(600));
    assertThat(b.heldOutPredictions().build().profile(data).estimateSample().orElseThrow()
        .origin()).isEqualTo(SampleOrigin.heldOut(600));
    EstimateSample oof = b.outOfFoldPredictions(5).build().profile(data).estimateSample()
        .orElseThrow();
    assertThat(oof.origin()).isEqualTo(SampleOrigin.outOfFold(600, 5));
    assertThat(oof.origin().describe())
        .isEqualTo("600 training rows' out-of-fold scores (5 folds)");
    assertThatThrownBy(() -> b.outOfFoldPredictions(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("out-of-fold predictions' folds must be at least 2: 1");
  }

  @Test
  void scoreColumns_thatAreMissingOrPlayTwoParts_areRefusedNamingThem() {
    Dataset<Row> data = LocalSpark.inOrder(BINARY, BINARY_TYPES, binaryRows(20, 1, 0), 1);
    assertThatThrownBy(() -> SparkProfiles.builder().predictionColumn("p").build().profile(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prediction column must be in the dataset: p");
    assertThatThrownBy(() -> SparkProfiles.builder().predictionColumn("score")
        .labelColumn("score"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label column must not already be the prediction column: score");
    assertThatThrownBy(() -> SparkProfiles.builder().confidenceColumn("x0").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("confidence column requires a prediction column: x0");
    assertThatThrownBy(() -> SparkProfiles.builder().labelColumn(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label column must not be blank: ' '");
    // without a label the prediction is profiled, and no sample is kept
    ReferenceProfile noLabel = SparkProfiles.builder().predictionColumn("score").build()
        .profile(data);
    assertThat(noLabel.prediction()).isPresent();
    assertThat(noLabel.estimateSample()).isEmpty();
  }
}
