package dev.mlops.drift.profile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A bounded sample of reference rows that carry the model's score and whether it was right: what a
 * monitor needs to calibrate its label-free accuracy estimate (isotonic calibration of the score
 * against correctness) and to check that calibration on parts of the reference chosen by the
 * features (the feature check of {@code PerformanceEstimator.withFeatureCheck}). Two kinds:
 * <ul>
 *   <li>binary ({@link #topLabel()} false): the score is the probability of class 1 and the
 *       outcome is the label, 0 or 1;</li>
 *   <li>top-label (any number of classes): the score is the probability of the predicted class
 *       and the outcome is 1 when the prediction was the label. Each row also keeps its
 *       predicted class and its label ({@link #classes()}, {@link #predictedClasses()}, {@link
 *       #labelClasses()}; since format version 8, unknown in samples read from older bytes), so
 *       that a monitor can model {@code P(y | x)} itself where the reference ends.</li>
 * </ul>
 *
 * <p>The sample is a bottom-k sample: row {@code i} of the reference gets the key {@code
 * mix(i)} (a fixed 64-bit hash of its index) and the {@value #CAPACITY} rows with the smallest
 * keys are kept, which is a uniform sample whatever the row count, chosen identically for every
 * column of the same rows (so columns given apart line up), and mergeable: the sample of a merged
 * profile keeps the smallest keys of both sides. The scores must be out-of-sample (a held-out
 * split's, or out-of-fold predictions as the pipeline's profile holds), or the calibration learns
 * the model's training fit. Numeric features are kept as numbers ({@link #featureRows()}); a
 * categorical one as {@code NaN} there and, since format version 9, as its value's text in {@link
 * #categoryRows()} (samples read from older bytes, or built without categories, have none), so
 * that a monitor can encode it for its estimate (one indicator column per frequent level).
 *
 * <p>Immutable and thread-safe.
 */
public final class EstimateSample {

  /** Most rows kept. */
  public static final int CAPACITY = 10_000;

  /**
   * The order of a sample's {@link #classes()}: whole numbers first, ascending by value, then
   * the other names in their natural order (so the classes do not depend on the order rows or
   * samples were merged in).
   */
  static final java.util.Comparator<String> CLASS_ORDER = (a, b) -> {
    Long x = whole(a);
    Long y = whole(b);
    if (x != null && y != null) {
      return Long.compare(x, y);
    }
    if (x != null || y != null) {
      return x != null ? -1 : 1;
    }
    return a.compareTo(b);
  };

  private static Long whole(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '-' && i == 0 && s.length() > 1)) {
        return null;
      }
    }
    return Long.parseLong(s);
  }

  // package-private and never handed out: EstimateSampleCodec and SampleMerge read them in place
  final boolean topLabel;
  final List<String> features;
  final long[] keys;
  final double[][] values;
  final double[] scores;
  final int[] outcomes;
  final long offered;
  final List<String> classes;
  final int[] predicted;
  final int[] labels;
  /** Per row, per feature, a categorical value's text ({@code null}: numeric or missing); null: none. */
  final String[][] categories;
  /** What the offered rows are (format version 10 on); counts sum to {@link #offered}. */
  final SampleOrigin origin;

  EstimateSample(boolean topLabel, List<String> features, long[] keys, double[][] values,
      double[] scores, int[] outcomes, long offered, List<String> classes, int[] predicted,
      int[] labels) {
    this(topLabel, features, keys, values, scores, outcomes, offered, classes, predicted, labels,
        null);
  }

  EstimateSample(boolean topLabel, List<String> features, long[] keys, double[][] values,
      double[] scores, int[] outcomes, long offered, List<String> classes, int[] predicted,
      int[] labels, String[][] categories) {
    this(topLabel, features, keys, values, scores, outcomes, offered, classes, predicted, labels,
        categories, SampleOrigin.unknown(offered));
  }

  EstimateSample(boolean topLabel, List<String> features, long[] keys, double[][] values,
      double[] scores, int[] outcomes, long offered, List<String> classes, int[] predicted,
      int[] labels, String[][] categories, SampleOrigin origin) {
    this.origin = origin;
    this.categories = anyCategory(categories) ? categories : null;
    this.classes = List.copyOf(classes);
    this.predicted = predicted;
    this.labels = labels;
    this.topLabel = topLabel;
    this.features = List.copyOf(features);
    this.keys = keys;
    this.values = values;
    this.scores = scores;
    this.outcomes = outcomes;
    this.offered = offered;
  }

  /**
   * A sample of the given rows (the first {@value #CAPACITY} by key when there are more), for a
   * profile built without them ({@link ReferenceProfile#withEstimateSample}): say, a held-out
   * split scored apart.
   *
   * @param features the feature names, one per column of {@code values}
   * @param values the rows' feature values, {@code values[row][feature]} ({@code NaN}: unknown)
   * @param scores each row's score in [0, 1] (probability of class 1, or of the predicted class
   *     for top-label)
   * @param outcomes each row's label (binary) or correctness (top-label), 0 or 1
   * @param topLabel whether the scores are top-class probabilities
   * @return the sample
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException if the lengths or widths differ, a score is not in [0, 1] or
   *     an outcome is not 0 or 1
   */
  public static EstimateSample of(List<String> features, double[][] values, double[] scores,
      int[] outcomes, boolean topLabel) {
    return of(features, values, null, scores, outcomes, topLabel);
  }

  /**
   * As {@link #of(List, double[][], double[], int[], boolean)}, with the rows' categorical values:
   * {@code categories[row][feature]} the text of a categorical feature's value ({@code null} for a
   * numeric feature or a missing value; a text longer than {@value #MAX_CLASS_CHARS} chars is kept
   * as missing), so that a monitor's estimate can tell its rows apart by category.
   *
   * <pre>{@code
   * // held-out rows: x[i][j] numeric (NaN for the categorical "plan"), c[i][j] "plan"'s level
   * EstimateSample s = EstimateSample.of(names, x, c, pOne, y, false);
   * }</pre>
   *
   * @param features the feature names, one per column of {@code values}
   * @param values the rows' numeric feature values ({@code NaN}: unknown or categorical)
   * @param categories the rows' categorical values, one per feature, or {@code null}: none
   * @param scores each row's score in [0, 1]
   * @param outcomes each row's label (binary) or correctness (top-label), 0 or 1
   * @param topLabel whether the scores are top-class probabilities
   * @return the sample
   * @throws NullPointerException if an argument (but {@code categories}) or a row is null
   * @throws IllegalArgumentException if the lengths or widths differ, a score is not in [0, 1] or
   *     an outcome is not 0 or 1
   */
  public static EstimateSample of(List<String> features, double[][] values,
      String[][] categories, double[] scores, int[] outcomes, boolean topLabel) {
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(values, "values must not be null");
    Objects.requireNonNull(scores, "scores must not be null");
    Objects.requireNonNull(outcomes, "outcomes must not be null");
    check(values.length == scores.length && scores.length == outcomes.length,
        "values, scores and outcomes must have the same length: " + values.length + ", "
            + scores.length + ", " + outcomes.length);
    checkCategories(features, categories, scores.length);
    SampleHeap heap = new SampleHeap(CAPACITY);
    for (int i = 0; i < scores.length; i++) {
      checkRow(features, values, scores, i);
      check(outcomes[i] == 0 || outcomes[i] == 1, "outcome must be 0 or 1: " + outcomes[i]
          + " at row " + i);
      heap.offer(key(i), values[i].clone(), scores[i], outcomes[i], null, null,
          categoryRow(categories, i));
    }
    return heap.toSample(topLabel, features, scores.length);
  }

  /**
   * A top-label sample of the given rows that also keeps each row's predicted class and label
   * (class numbers, as {@code Prediction.ofClass} and the label column of a classifier number
   * them): the outcome is whether they are equal. What a monitor needs to model {@code P(y | x)}
   * beyond the reference's range ({@code PerformanceEstimator.withLocalCorrection} with classes).
   *
   * <pre>{@code
   * // held-out rows: p[i] the class probabilities, y[i] the label
   * int[] top = argmax(p);
   * EstimateSample s = EstimateSample.topLabel(names, x, topProbability, top, y);
   * }</pre>
   *
   * @param features the feature names, one per column of {@code values}
   * @param values the rows' feature values, {@code values[row][feature]} ({@code NaN}: unknown)
   * @param scores each row's probability of its predicted class, in [0, 1]
   * @param predicted each row's predicted class, non-negative
   * @param labels each row's label, non-negative
   * @return the sample
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException if the lengths or widths differ, a score is not in [0, 1]
   *     or a class is negative
   */
  public static EstimateSample topLabel(List<String> features, double[][] values, double[] scores,
      int[] predicted, int[] labels) {
    return topLabel(features, values, null, scores, predicted, labels);
  }

  /**
   * As {@link #topLabel(List, double[][], double[], int[], int[])}, with the rows' categorical
   * values as in {@link #of(List, double[][], String[][], double[], int[], boolean)}.
   *
   * @param features the feature names, one per column of {@code values}
   * @param values the rows' numeric feature values ({@code NaN}: unknown or categorical)
   * @param categories the rows' categorical values, one per feature, or {@code null}: none
   * @param scores each row's probability of its predicted class, in [0, 1]
   * @param predicted each row's predicted class, non-negative
   * @param labels each row's label, non-negative
   * @return the sample
   * @throws NullPointerException if an argument (but {@code categories}) or a row is null
   * @throws IllegalArgumentException if the lengths or widths differ, a score is not in [0, 1]
   *     or a class is negative
   */
  public static EstimateSample topLabel(List<String> features, double[][] values,
      String[][] categories, double[] scores, int[] predicted, int[] labels) {
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(values, "values must not be null");
    Objects.requireNonNull(scores, "scores must not be null");
    Objects.requireNonNull(predicted, "predicted classes must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    check(values.length == scores.length && scores.length == predicted.length
        && predicted.length == labels.length, "values, scores, predicted classes and labels must"
        + " have the same length: " + values.length + ", " + scores.length + ", "
        + predicted.length + ", " + labels.length);
    checkCategories(features, categories, scores.length);
    SampleHeap heap = new SampleHeap(CAPACITY);
    for (int i = 0; i < scores.length; i++) {
      checkRow(features, values, scores, i);
      check(predicted[i] >= 0 && labels[i] >= 0, "classes must not be negative: predicted "
          + predicted[i] + ", label " + labels[i] + " at row " + i);
      heap.offer(key(i), values[i].clone(), scores[i], predicted[i] == labels[i] ? 1 : 0,
          Integer.toString(predicted[i]), Integer.toString(labels[i]),
          categoryRow(categories, i));
    }
    return heap.toSample(true, features, scores.length);
  }

  /** The key of reference row {@code index}: a fixed 64-bit mix (SplitMix64's finaliser). */
  static long key(long index) {
    long z = index + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Checks row {@code i}: one value per feature and a score in [0, 1]. */
  private static void checkRow(List<String> features, double[][] values, double[] scores, int i) {
    Objects.requireNonNull(values[i], "values row must not be null");
    check(values[i].length == features.size(), "values row must have one value per feature ("
        + features.size() + "): " + values[i].length + " at row " + i);
    check(scores[i] >= 0 && scores[i] <= 1, "score must be in [0, 1]: " + scores[i]
        + " at row " + i);
  }

  /** Checks the categorical values: one row per score, one value per feature. */
  private static void checkCategories(List<String> features, String[][] categories, int rows) {
    if (categories == null) {
      return;
    }
    check(categories.length == rows, "categories must have one row per score (" + rows + "): "
        + categories.length);
    for (int i = 0; i < rows; i++) {
      Objects.requireNonNull(categories[i], "categories row must not be null");
      check(categories[i].length == features.size(), "categories row must have one value per"
          + " feature (" + features.size() + "): " + categories[i].length + " at row " + i);
    }
  }

  /** Row {@code i}'s categorical values as kept (too long a text: missing), or null: none. */
  private static String[] categoryRow(String[][] categories, int i) {
    if (categories == null) {
      return null;
    }
    String[] out = categories[i].clone();
    for (int j = 0; j < out.length; j++) {
      out[j] = kept(out[j]);
    }
    return out;
  }

  /** A categorical value as a sample keeps it: {@code null} when longer than {@value #MAX_CLASS_CHARS} chars. */
  static String kept(String category) {
    return category == null || category.length() > MAX_CLASS_CHARS ? null : category;
  }

  private static boolean anyCategory(String[][] categories) {
    if (categories != null) {
      for (String[] row : categories) {
        for (String c : row) {
          if (c != null) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Whether the scores are top-class probabilities and the outcomes correctness (any number of
   * classes), rather than probabilities of class 1 and labels.
   *
   * @return {@code true} for a top-label sample
   */
  public boolean topLabel() {
    return topLabel;
  }

  /**
   * The feature names, in the order of {@link #featureRows()}'s columns.
   *
   * @return an unmodifiable list
   */
  public List<String> features() {
    return features;
  }

  /**
   * The rows kept.
   *
   * @return at most {@value #CAPACITY}
   */
  public int rows() {
    return scores.length;
  }

  /**
   * The rows offered (the sample's population).
   *
   * @return the number of reference rows with a score and an outcome
   */
  public long offered() {
    return offered;
  }

  /**
   * The kept rows' feature values.
   *
   * @return a copy, {@code [row][feature]}, {@code NaN} for a categorical or missing value
   */
  public double[][] featureRows() {
    double[][] out = new double[values.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i].clone();
    }
    return out;
  }

  /**
   * The kept rows' categorical values (format version 9 on).
   *
   * @return a copy, {@code [row][feature]}: the text of a categorical feature's value, {@code
   *     null} for a numeric feature or a missing value; every entry {@code null} when the sample
   *     has none ({@link #hasCategories()})
   */
  public String[][] categoryRows() {
    String[][] out = new String[values.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = categories == null ? new String[features.size()] : categories[i].clone();
    }
    return out;
  }

  /**
   * Whether some kept row has a categorical value ({@link #categoryRows()}).
   *
   * @return {@code true} when the sample keeps categorical values
   */
  public boolean hasCategories() {
    return categories != null;
  }

  /**
   * The same sample without its rows' categorical values (what a reader of format version 8 and
   * before sees): for comparisons, and to write a profile in an older format.
   *
   * @return this sample when it has none, else a copy without them
   */
  public EstimateSample withoutCategories() {
    return categories == null ? this : new EstimateSample(topLabel, features, keys, values,
        scores, outcomes, offered, classes, predicted, labels, null, origin);
  }

  /**
   * What the sample's rows are: held-out rows, training rows' out-of-fold scores (and of how many
   * folds), both, or unknown (a sample built by hand, or read from format version 9 and before),
   * counted over the rows offered. A pipeline's profile says it; a monitor's label-free estimate
   * quotes it in its method text.
   *
   * @return the origin; its {@link SampleOrigin#rows()} equal {@link #offered()}
   */
  public SampleOrigin origin() {
    return origin;
  }

  /**
   * This sample with its rows' origin said.
   *
   * <pre>{@code
   * // 1600 training rows scored out of fold (5 folds) beside 400 held-out rows
   * EstimateSample said = sample.withOrigin(
   *     SampleOrigin.outOfFold(1_600, 5).plus(SampleOrigin.heldOut(400)));
   * }</pre>
   *
   * @param origin the rows' origin, counted over the rows offered
   * @return this sample when it already has that origin, else a copy with it
   * @throws NullPointerException if {@code origin} is null
   * @throws IllegalArgumentException if the origin's rows are not the {@link #offered()} rows
   */
  public EstimateSample withOrigin(SampleOrigin origin) {
    Objects.requireNonNull(origin, "origin must not be null");
    check(origin.rows() == offered, "estimate sample origin must count the " + offered
        + " offered rows: " + origin.rows() + " (" + origin.describe() + ")");
    return origin.equals(this.origin) ? this : new EstimateSample(topLabel, features, keys,
        values, scores, outcomes, offered, classes, predicted, labels, categories, origin);
  }

  /**
   * The kept rows' scores.
   *
   * @return a copy
   */
  public double[] scores() {
    return scores.clone();
  }

  /**
   * The kept rows' outcomes (label for binary, correctness for top-label).
   *
   * @return a copy, each 0 or 1
   */
  public int[] outcomes() {
    return outcomes.clone();
  }

  /**
   * The classes the kept rows predicted or were labelled with, as canonical text ({@code 2},
   * {@code 2.0} and {@code "2"} are {@code "2"}), whole numbers first by value, then the other
   * names; empty for a binary sample and for rows read from format versions before 8.
   *
   * @return an unmodifiable list
   */
  public List<String> classes() {
    return classes;
  }

  /**
   * The kept rows' predicted classes (top-label samples).
   *
   * @return a copy: each an index into {@link #classes()}, {@code -1} when unknown (a binary
   *     sample, or a row read from an older format)
   */
  public int[] predictedClasses() {
    return predicted.clone();
  }

  /**
   * The kept rows' labels (top-label samples).
   *
   * @return a copy: each an index into {@link #classes()}, {@code -1} when unknown
   */
  public int[] labelClasses() {
    return labels.clone();
  }

  /**
   * The sample of the union of the two samples' populations: the smallest keys of both sides.
   * Features only one side has are {@code NaN} on the other's rows.
   *
   * @param other a sample of the same kind
   * @return the merged sample
   * @throws IllegalArgumentException if the kinds differ
   */
  public EstimateSample merge(EstimateSample other) {
    Objects.requireNonNull(other, "other must not be null");
    check(topLabel == other.topLabel, "estimate samples must be of the same kind to merge: "
        + (topLabel ? "top-label" : "binary") + " vs "
        + (other.topLabel ? "top-label" : "binary"));
    return SampleMerge.of(this, other).withOrigin(origin.plus(other.origin));
  }

  /** Bytes of {@link #write} in the current format. */
  long sizeInBytes() {
    return EstimateSampleCodec.sizeInBytes(this);
  }

  /** Writes the sample in the current format ({@link EstimateSampleCodec#write}). */
  static void write(DataOutputStream out, EstimateSample s) throws IOException {
    EstimateSampleCodec.write(out, s);
  }

  /** Writes the sample in the layout of a profile format version ({@link EstimateSampleCodec}). */
  static void write(DataOutputStream out, EstimateSample s, int version) throws IOException {
    EstimateSampleCodec.write(out, s, version);
  }

  /** Reads what {@link #write} wrote in the current format, refusing any inconsistency. */
  static EstimateSample read(DataInputStream in) throws IOException {
    return EstimateSampleCodec.read(in);
  }

  /** Reads a sample in the layout of a profile format version ({@link EstimateSampleCodec}). */
  static EstimateSample read(DataInputStream in, int version) throws IOException {
    return EstimateSampleCodec.read(in, version);
  }

  /**
   * Longest class name kept, in chars (a longer one is kept as unknown: its modified UTF-8 must
   * fit the u16 length prefix).
   */
  static final int MAX_CLASS_CHARS = 1_024;

  @Override
  public boolean equals(Object o) {
    return o instanceof EstimateSample s && topLabel == s.topLabel && offered == s.offered
        && features.equals(s.features) && Arrays.equals(keys, s.keys)
        && Arrays.equals(scores, s.scores) && Arrays.equals(outcomes, s.outcomes)
        && Arrays.deepEquals(values, s.values) && classes.equals(s.classes)
        && Arrays.equals(predicted, s.predicted) && Arrays.equals(labels, s.labels)
        && Arrays.deepEquals(categories, s.categories) && origin.equals(s.origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topLabel, offered, features, Arrays.hashCode(keys));
  }

  @Override
  public String toString() {
    return "EstimateSample[" + (topLabel ? "top-label" : "binary") + ", rows=" + rows()
        + " of " + offered + ", features=" + features
        + (classes.isEmpty() ? "" : ", classes=" + classes) + ", origin=" + origin.describe()
        + "]";
  }
}
