package dev.mlops.drift.profile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * the model's training fit. Numeric features are kept as numbers; a categorical one as
 * {@code NaN} (left out of the feature check).
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

  private final boolean topLabel;
  private final List<String> features;
  private final long[] keys;
  private final double[][] values;
  private final double[] scores;
  private final int[] outcomes;
  private final long offered;
  private final List<String> classes;
  private final int[] predicted;
  private final int[] labels;

  EstimateSample(boolean topLabel, List<String> features, long[] keys, double[][] values,
      double[] scores, int[] outcomes, long offered, List<String> classes, int[] predicted,
      int[] labels) {
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
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(values, "values must not be null");
    Objects.requireNonNull(scores, "scores must not be null");
    Objects.requireNonNull(outcomes, "outcomes must not be null");
    check(values.length == scores.length && scores.length == outcomes.length,
        "values, scores and outcomes must have the same length: " + values.length + ", "
            + scores.length + ", " + outcomes.length);
    SampleHeap heap = new SampleHeap(CAPACITY);
    for (int i = 0; i < scores.length; i++) {
      checkRow(features, values, scores, i);
      check(outcomes[i] == 0 || outcomes[i] == 1, "outcome must be 0 or 1: " + outcomes[i]
          + " at row " + i);
      heap.offer(key(i), values[i].clone(), scores[i], outcomes[i]);
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
    Objects.requireNonNull(features, "features must not be null");
    Objects.requireNonNull(values, "values must not be null");
    Objects.requireNonNull(scores, "scores must not be null");
    Objects.requireNonNull(predicted, "predicted classes must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    check(values.length == scores.length && scores.length == predicted.length
        && predicted.length == labels.length, "values, scores, predicted classes and labels must"
        + " have the same length: " + values.length + ", " + scores.length + ", "
        + predicted.length + ", " + labels.length);
    SampleHeap heap = new SampleHeap(CAPACITY);
    for (int i = 0; i < scores.length; i++) {
      checkRow(features, values, scores, i);
      check(predicted[i] >= 0 && labels[i] >= 0, "classes must not be negative: predicted "
          + predicted[i] + ", label " + labels[i] + " at row " + i);
      heap.offer(key(i), values[i].clone(), scores[i], predicted[i] == labels[i] ? 1 : 0,
          Integer.toString(predicted[i]), Integer.toString(labels[i]));
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
    Map<String, Integer> names = new LinkedHashMap<>();
    for (String f : features) {
      names.putIfAbsent(f, names.size());
    }
    for (String f : other.features) {
      names.putIfAbsent(f, names.size());
    }
    SampleHeap heap = new SampleHeap(CAPACITY);
    offerAll(heap, this, names);
    offerAll(heap, other, names);
    return heap.toSample(topLabel, new ArrayList<>(names.keySet()), offered + other.offered);
  }

  private static void offerAll(SampleHeap heap, EstimateSample s, Map<String, Integer> names) {
    int[] at = new int[s.features.size()];
    for (int j = 0; j < at.length; j++) {
      at[j] = names.get(s.features.get(j));
    }
    for (int i = 0; i < s.rows(); i++) {
      double[] v = new double[names.size()];
      Arrays.fill(v, Double.NaN);
      for (int j = 0; j < at.length; j++) {
        v[at[j]] = s.values[i][j];
      }
      heap.offer(s.keys[i], v, s.scores[i], s.outcomes[i],
          s.predicted[i] < 0 ? null : s.classes.get(s.predicted[i]),
          s.labels[i] < 0 ? null : s.classes.get(s.labels[i]));
    }
  }

  /** Bytes of {@link #write} in the current format. */
  long sizeInBytes() {
    long n = 1 + 8 + 4 + 4;
    for (String f : features) {
      n += ProfileCodec.utfLength(f);
    }
    n += 4 + (classes.isEmpty() ? 0 : 8L * rows());
    for (String c : classes) {
      n += ProfileCodec.utfLength(c);
    }
    return n + (long) rows() * (8 + 8 + 1 + 8L * features.size());
  }

  /**
   * Longest class name kept, in chars (a longer one is kept as unknown: its modified UTF-8 must
   * fit the u16 length prefix).
   */
  static final int MAX_CLASS_CHARS = 1_024;

  /**
   * Writes the sample in the current format (version 8): topLabel bool | offered i64 | feature
   * count i32 | names (UTF) | rows i32 | rows x (key i64 | score f64 | outcome u8 | features x
   * f64) | class count i32 | class names (UTF, in {@link #CLASS_ORDER}) | (class count > 0 ? rows
   * x (predicted i32 | label i32), -1 unknown).
   */
  static void write(DataOutputStream out, EstimateSample s) throws IOException {
    write(out, s, 8);
  }

  /**
   * Writes the sample in the layout of a profile format version (6 and 7: no classes).
   *
   * @throws IllegalArgumentException if the sample has classes and the version cannot hold them
   */
  static void write(DataOutputStream out, EstimateSample s, int version) throws IOException {
    if (version < 8 && !s.classes.isEmpty()) {
      throw new IllegalArgumentException(
          "an estimate sample's classes need format version 8: " + version);
    }
    out.writeBoolean(s.topLabel);
    out.writeLong(s.offered);
    out.writeInt(s.features.size());
    for (String f : s.features) {
      out.writeUTF(f);
    }
    out.writeInt(s.rows());
    for (int i = 0; i < s.rows(); i++) {
      out.writeLong(s.keys[i]);
      out.writeDouble(s.scores[i]);
      out.writeByte(s.outcomes[i]);
      for (double v : s.values[i]) {
        out.writeDouble(v);
      }
    }
    if (version < 8) {
      return;
    }
    out.writeInt(s.classes.size());
    for (String c : s.classes) {
      out.writeUTF(c);
    }
    if (!s.classes.isEmpty()) {
      for (int i = 0; i < s.rows(); i++) {
        out.writeInt(s.predicted[i]);
        out.writeInt(s.labels[i]);
      }
    }
  }

  /** Reads what {@link #write} wrote in the current format, refusing any inconsistency. */
  static EstimateSample read(DataInputStream in) throws IOException {
    return read(in, 8);
  }

  /**
   * Reads what {@link #write} wrote in the layout of a profile format version (6 and 7: no
   * classes, read as unknown), refusing any inconsistency; lengths read are checked against the
   * bytes that remain before anything of their size is allocated.
   */
  static EstimateSample read(DataInputStream in, int version) throws IOException {
    boolean topLabel = in.readBoolean();
    long offered = in.readLong();
    int width = in.readInt();
    ProfileCodec.require(width >= 0, "estimate sample feature count must not be negative: "
        + width);
    ProfileCodec.remaining(in, 2L * width, width + " estimate sample features");
    List<String> features = new ArrayList<>(width);
    for (int j = 0; j < width; j++) {
      features.add(in.readUTF());
    }
    int rows = in.readInt();
    ProfileCodec.require(rows >= 0 && rows <= CAPACITY && offered >= rows,
        "estimate sample rows must be in [0, " + CAPACITY + "] and at most the " + offered
            + " offered: " + rows);
    ProfileCodec.remaining(in, (long) rows * (17 + 8L * width), rows + " estimate sample rows");
    long[] keys = new long[rows];
    double[] scores = new double[rows];
    int[] outcomes = new int[rows];
    double[][] values = new double[rows][width];
    for (int i = 0; i < rows; i++) {
      keys[i] = in.readLong();
      scores[i] = in.readDouble();
      outcomes[i] = in.readUnsignedByte();
      ProfileCodec.require(scores[i] >= 0 && scores[i] <= 1 && outcomes[i] <= 1,
          "estimate sample row " + i + " must have a score in [0, 1] and an outcome 0 or 1: "
              + scores[i] + ", " + outcomes[i]);
      for (int j = 0; j < width; j++) {
        values[i][j] = in.readDouble();
      }
    }
    List<String> classes = List.of();
    int[] predicted = new int[rows];
    int[] labels = new int[rows];
    Arrays.fill(predicted, -1);
    Arrays.fill(labels, -1);
    if (version >= 8) {
      int count = in.readInt();
      // each kept row names at most two classes; a binary sample names none
      ProfileCodec.require(count >= 0 && count <= 2L * rows && (topLabel || count == 0),
          "estimate sample class count must be in [0, " + (topLabel ? 2L * rows : 0)
              + "] for " + rows + (topLabel ? " top-label" : " binary") + " rows: " + count);
      ProfileCodec.remaining(in, 2L * count + (count == 0 ? 0 : 8L * rows),
          count + " estimate sample classes");
      List<String> names = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        String c = in.readUTF();
        ProfileCodec.require(k == 0 || CLASS_ORDER.compare(names.get(k - 1), c) < 0,
            "estimate sample classes must be distinct and in order: '" + c + "' after '"
                + (k == 0 ? "" : names.get(k - 1)) + "'");
        names.add(c);
      }
      if (count > 0) {
        for (int i = 0; i < rows; i++) {
          predicted[i] = in.readInt();
          labels[i] = in.readInt();
          ProfileCodec.require(predicted[i] >= -1 && predicted[i] < count && labels[i] >= -1
              && labels[i] < count, "estimate sample row " + i + " must have classes in [-1, "
              + count + "): predicted " + predicted[i] + ", label " + labels[i]);
          ProfileCodec.require(predicted[i] < 0 || labels[i] < 0
              || (predicted[i] == labels[i] ? 1 : 0) == outcomes[i], "estimate sample row " + i
              + " has outcome " + outcomes[i] + " but predicted class " + predicted[i]
              + " and label " + labels[i]);
        }
      }
      classes = names;
    }
    return new EstimateSample(topLabel, features, keys, values, scores, outcomes, offered,
        classes, predicted, labels);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EstimateSample s && topLabel == s.topLabel && offered == s.offered
        && features.equals(s.features) && Arrays.equals(keys, s.keys)
        && Arrays.equals(scores, s.scores) && Arrays.equals(outcomes, s.outcomes)
        && Arrays.deepEquals(values, s.values) && classes.equals(s.classes)
        && Arrays.equals(predicted, s.predicted) && Arrays.equals(labels, s.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topLabel, offered, features, Arrays.hashCode(keys));
  }

  @Override
  public String toString() {
    return "EstimateSample[" + (topLabel ? "top-label" : "binary") + ", rows=" + rows()
        + " of " + offered + ", features=" + features
        + (classes.isEmpty() ? "" : ", classes=" + classes) + "]";
  }
}
