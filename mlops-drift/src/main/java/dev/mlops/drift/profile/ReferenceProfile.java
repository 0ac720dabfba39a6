package dev.mlops.drift.profile;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The summary of a model's training data that live data is compared with for the model's whole
 * life: one {@link FeatureProfile} per feature, and optionally the profiles of the model's
 * predictions ({@link #PREDICTION}) and of the labels ({@link #LABEL}).
 *
 * <p>Compact by default: a numeric feature keeps its exact values up to {@value
 * #DEFAULT_EXACT_CAP} of them and beyond that a KLL sketch plus a uniform sample of {@value
 * #DEFAULT_EXACT_CAP} values, at most about 64 KB per feature whatever the row count ({@link
 * #sizeInBytes()}). {@link Builder#exactValues()} keeps every value instead (8 bytes each).
 *
 * <p>Built in one pass, row by row or column by column ({@link Builder}); mergeable ({@link
 * #merge}: two partial profiles of the same schema merge into the profile of the union — exactly
 * while the values fit under the exact cap, within the KLL sketch's rank error above it); persisted
 * in a versioned, checksummed binary format ({@link #toBytes()}, {@link #fromBytes(byte[])}; see
 * {@link ProfileCodec} for the layout), never with Java serialisation.
 *
 * <p>Reproducibility: the same rows in the same order give the same bytes while every numeric
 * feature fits under the exact cap. Above it, DataSketches' KLL compaction draws from one unseeded
 * {@code java.util.Random} shared by every KLL sketch of the JVM (DataSketches 7.0.1 has no public
 * way to seed it, nor its REQ or classic quantiles sketches), so two builds, in one JVM or two,
 * may differ within the sketch's rank error ({@link NumericProfile#normalizedRankError()}), and
 * so may what derives from it: measured on 20,000 AR(1) rows, 4 builds, 4 different byte
 * strings, calibrated thresholds within 3e-4 of each other (relative).
 *
 * <pre>{@code
 * ReferenceProfile profile = ReferenceProfile.builder()
 *     .categorical("season")              // declared; undeclared columns are inferred
 *     .addColumn("temp", temperatures)    // or .add(Map.of("temp", 0.3, "season", "winter"))
 *     .addColumn(ReferenceProfile.PREDICTION, predictedProbabilities)
 *     .build();
 * profile.writeTo(Path.of("reference-profile.bin"));
 * }</pre>
 *
 * <p>Immutable and thread-safe. The {@link Builder} is not thread-safe.
 */
public final class ReferenceProfile {

  /** Feature name under which the model's predictions are profiled. */
  public static final String PREDICTION = "__prediction__";

  /** Feature name under which the labels (ground truth) are profiled. */
  public static final String LABEL = "__label__";

  /**
   * Column name of the model's probability of its predicted class (the top class), given beside
   * a class {@link #PREDICTION} and the {@link #LABEL} by a classifier of any number of classes:
   * it is not profiled, only kept in the {@link #estimateSample()} that calibrates a monitor's
   * label-free accuracy estimate.
   */
  public static final String CONFIDENCE = "__confidence__";

  /** Undeclared numeric columns with at most this many distinct values are categorical. */
  public static final int MAX_CATEGORICAL_DISTINCT = 5;

  /** Default number of quantile bins of a numeric feature. */
  public static final int DEFAULT_BINS = 10;

  /**
   * Largest number of quantile bins of a numeric feature (also the bound a decoder applies to a
   * stored profile, so a forged bin count cannot force a large allocation).
   */
  public static final int MAX_BINS = 10_000;

  /**
   * Default cap on the exact sorted values kept per numeric feature (32 KB): beyond it a feature
   * keeps a KLL sketch and a uniform sample of this many values, at most about 64 KB in all.
   */
  public static final int DEFAULT_EXACT_CAP = 4_096;

  /** The exact cap of {@link Builder#exactValues()}: every value is kept (the largest array). */
  public static final int UNBOUNDED_EXACT_CAP = Integer.MAX_VALUE - 8;

  /** Default number of categories kept per categorical feature (the rest go to "other"). */
  public static final int DEFAULT_TOP_K = 1_000;

  /** The KLL sketch parameter k (about 0.7% normalised rank error, 99% confidence). */
  public static final int DEFAULT_SKETCH_K = 400;

  private final Map<String, FeatureProfile> all;
  private final List<FeatureProfile> features;
  private final int bins;
  private final int exactCap;
  private final int topK;
  private final List<ThresholdCalibration> calibrations;
  private final ReferenceChunks chunks;
  private final EstimateSample estimateSample;

  ReferenceProfile(List<FeatureProfile> profiles, int bins, int exactCap, int topK) {
    this(profiles, bins, exactCap, topK, List.of(), null, null);
  }

  ReferenceProfile(List<FeatureProfile> profiles, int bins, int exactCap, int topK,
      List<ThresholdCalibration> calibrations, ReferenceChunks chunks,
      EstimateSample estimateSample) {
    this.estimateSample = estimateSample;
    Map<String, FeatureProfile> m = new LinkedHashMap<>();
    List<FeatureProfile> f = new ArrayList<>();
    for (FeatureProfile p : profiles) {
      m.put(p.name(), p);
      if (!isReserved(p.name())) {
        f.add(p);
      }
    }
    this.all = Collections.unmodifiableMap(m);
    this.features = List.copyOf(f);
    this.bins = bins;
    this.exactCap = exactCap;
    this.topK = topK;
    this.calibrations = List.copyOf(calibrations);
    this.chunks = chunks;
  }

  /**
   * The order of the reference in bounded memory: the rows given to {@link Builder#add(Map)}, in
   * that order, as consecutive chunks with small mergeable per-column sketches. A monitor built
   * on the profile forms windows of its size from consecutive chunks and calibrates its
   * thresholds on them ({@code DriftThresholds.calibrated()}, the default). A column given whole
   * by {@link Builder#addColumn} (or in parts, appended in call order) is chunked in the order of
   * its values, value {@code i} standing for row {@code i}, when it has as many values as the
   * rows (with no rows: as the longest column); a column of another length (the predictions of a
   * held-out part, say) is left out (its thresholds are resampled, rows taken as independent).
   * Absent when nothing was chunked, when the profile was read from a format before version 4 or
   * was made {@link #withoutChunks()}; a merged profile has them when both sides do (this side's
   * chunks, then the other's).
   *
   * @return the chunks, empty when the profile has none
   */
  public Optional<ReferenceChunks> chunks() {
    return Optional.ofNullable(chunks);
  }

  /**
   * This profile without its chunks (a reference declared to have no order: thresholds are then
   * calibrated by resampling, rows taken as independent).
   *
   * @return a new profile, or this one when it has no chunks
   */
  public ReferenceProfile withoutChunks() {
    return chunks == null ? this : new ReferenceProfile(new ArrayList<>(all.values()), bins,
        exactCap, topK, calibrations, null, estimateSample);
  }

  /**
   * This profile with chunks built apart (by {@link ChunkSegment}s on a cluster, concatenated in
   * order), as {@link Builder#add(Map)} would have kept them.
   *
   * @param c the chunks of this profile's rows, in order
   * @return a new profile
   * @throws NullPointerException if {@code c} is null
   * @throws IllegalArgumentException if a chunked column is not in the profile
   */
  public ReferenceProfile withChunks(ReferenceChunks c) {
    java.util.Objects.requireNonNull(c, "chunks must not be null");
    for (String name : c.columns()) {
      if (!all.containsKey(name)) {
        throw new IllegalArgumentException("chunked column must be in the profile: " + name);
      }
    }
    return new ReferenceProfile(new ArrayList<>(all.values()), bins, exactCap, topK,
        calibrations, c, estimateSample);
  }

  /**
   * The reference rows a monitor calibrates its label-free accuracy estimate on: a bounded
   * sample of the rows given with a score and a label ({@link #PREDICTION} as the probability of
   * class 1 and a 0/1 {@link #LABEL}; or a class {@link #PREDICTION}, its {@link #CONFIDENCE} and
   * the {@link #LABEL}), with their features. A monitor built on the profile then reports, by
   * default, each window's estimated accuracy with an interval that allows for the calibration's
   * movement with the features ({@code PerformanceEstimator.withFeatureCheck}). Present when rows
   * carried a score and a label, or when whole columns of the prediction and the label of equal
   * length were added (features of that length line up with them); kept by {@link #merge} (the
   * union's sample), persisted from format version 6.
   *
   * @return the sample, empty when the profile has none
   */
  public Optional<EstimateSample> estimateSample() {
    return Optional.ofNullable(estimateSample);
  }

  /**
   * This profile with an estimate sample given apart (the scores of a held-out split, say);
   * replaces the one it had.
   *
   * @param sample the sample
   * @return a new profile
   * @throws NullPointerException if {@code sample} is null
   */
  public ReferenceProfile withEstimateSample(EstimateSample sample) {
    Objects.requireNonNull(sample, "estimate sample must not be null");
    return new ReferenceProfile(new ArrayList<>(all.values()), bins, exactCap, topK,
        calibrations, chunks, sample);
  }

  /**
   * This profile without its estimate sample (a monitor built on it then has no calibrated
   * estimate unless given an estimator).
   *
   * @return a new profile, or this one when it has none
   */
  public ReferenceProfile withoutEstimateSample() {
    return estimateSample == null ? this : new ReferenceProfile(new ArrayList<>(all.values()),
        bins, exactCap, topK, calibrations, chunks, null);
  }

  /**
   * The threshold calibrations stored with the profile (learnt on the ordered reference by the
   * monitor package's {@code ThresholdCalibrator} and stored by {@link #withCalibration}), at
   * most one per window size. A monitor built on this profile uses the one learnt for windows of about its
   * size ({@code DriftThresholds.calibrated()}, the default).
   *
   * @return the calibrations, by ascending window size
   */
  public List<ThresholdCalibration> calibrations() {
    return calibrations;
  }

  /**
   * This profile with a threshold calibration stored (replacing one of the same window size).
   *
   * @param calibration a calibration of this profile's columns
   * @return a new profile
   * @throws NullPointerException if {@code calibration} is null
   * @throws IllegalArgumentException if the calibration has a column the profile lacks
   */
  public ReferenceProfile withCalibration(ThresholdCalibration calibration) {
    return new ReferenceProfile(new ArrayList<>(all.values()), bins, exactCap, topK,
        ProfileMerges.withCalibration(calibrations, all.keySet(), calibration), chunks,
        estimateSample);
  }

  private static boolean isReserved(String name) {
    return PREDICTION.equals(name) || LABEL.equals(name);
  }

  /**
   * Starts a profile.
   *
   * @return a new builder with the defaults (10 bins, exact cap 4,096, top-K 1,000)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The feature profiles in the order the features were first seen or declared, without the
   * prediction and label profiles.
   *
   * @return an unmodifiable list
   */
  public List<FeatureProfile> features() {
    return features;
  }

  /**
   * The feature names of {@link #features()}.
   *
   * @return an unmodifiable list of names
   */
  public List<String> featureNames() {
    return features.stream().map(FeatureProfile::name).toList();
  }

  /**
   * A feature (or {@link #PREDICTION} / {@link #LABEL}) by name.
   *
   * @param name the feature name
   * @return its profile, empty when not profiled
   */
  public Optional<FeatureProfile> feature(String name) {
    return Optional.ofNullable(all.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * The profile of the model's predictions.
   *
   * @return the profile of {@link #PREDICTION}, empty when not profiled
   */
  public Optional<FeatureProfile> prediction() {
    return Optional.ofNullable(all.get(PREDICTION));
  }

  /**
   * The profile of the labels.
   *
   * @return the profile of {@link #LABEL}, empty when not profiled
   */
  public Optional<FeatureProfile> label() {
    return Optional.ofNullable(all.get(LABEL));
  }

  /**
   * Every profile: features, then prediction and label where present, in insertion order.
   *
   * @return an unmodifiable list
   */
  public List<FeatureProfile> allProfiles() {
    return List.copyOf(all.values());
  }

  /**
   * Number of rows summarised: the largest {@link FeatureProfile#total()} over all profiles.
   *
   * @return the row count
   */
  public long rows() {
    long r = 0;
    for (FeatureProfile p : all.values()) {
      r = Math.max(r, p.total());
    }
    return r;
  }

  /**
   * Number of quantile bins configured for numeric features.
   *
   * @return the bins
   */
  public int bins() {
    return bins;
  }

  /**
   * The cap on exact sorted values per numeric feature.
   *
   * @return the cap
   */
  public int exactCap() {
    return exactCap;
  }

  /**
   * The number of categories kept per categorical feature.
   *
   * @return K
   */
  public int topK() {
    return topK;
  }

  /**
   * Merges two partial profiles of the same schema into the profile of the union of their data.
   * Counts, extremes and moments combine exactly (moments by Chan's formulas); sorted values merge
   * exactly while the union fits under the exact cap, otherwise they become (or merge into) a KLL
   * sketch; bin edges and counts are recomputed from the merged distribution; category counts add
   * up and the top-K is taken again (exact when neither side had folded categories into "other").
   * A numeric column inferred categorical on one side (few distinct values) and numeric on the
   * other is merged as numeric.
   *
   * @param other a profile with the same feature names and configuration
   * @return the merged profile (neither input changes)
   * @throws IllegalArgumentException if the feature names, configuration or declared types differ
   */
  public ReferenceProfile merge(ReferenceProfile other) {
    ReferenceProfile merged = ProfileMerges.features(this, Objects.requireNonNull(other, "other"));
    return new ReferenceProfile(merged.allProfiles(), bins, exactCap, topK,
        ProfileMerges.calibrations(calibrations, other.calibrations),
        chunks == null || other.chunks == null ? null
            : chunks.merge(other.chunks).conformTo(merged),
        ProfileMerges.estimateSamples(estimateSample, other.estimateSample));
  }

  /**
   * The size of {@link #toBytes()}, computed without encoding: what storing this profile costs.
   *
   * @return the serialised size in bytes
   */
  public long sizeInBytes() {
    return ProfileCodec.sizeOf(this);
  }

  /**
   * Serialises the profile (format described in {@link ProfileCodec}).
   *
   * @return the versioned, checksummed bytes
   */
  public byte[] toBytes() {
    return ProfileCodec.encode(this);
  }

  /**
   * Reads a profile written by {@link #toBytes()}.
   *
   * @param bytes the serialised profile
   * @return the profile
   * @throws ProfileFormatException if the bytes are truncated, corrupt, not a profile, or of a
   *     newer format version
   */
  public static ReferenceProfile fromBytes(byte[] bytes) {
    return ProfileCodec.decode(Objects.requireNonNull(bytes, "bytes"));
  }

  /**
   * Writes the profile to a file, atomically (a temporary file in the same directory, then a
   * move).
   *
   * @param path the file
   * @throws UncheckedIOException if the file cannot be written
   */
  public void writeTo(Path path) {
    ProfileFiles.write(this, path);
  }

  /**
   * Reads a profile from a file written by {@link #writeTo(Path)}.
   *
   * @param path the file
   * @return the profile
   * @throws ProfileFormatException if the content is truncated, corrupt or of a newer version, or
   *     the path is not a regular file (a device, a FIFO, a directory: refused without opening it)
   *     or is larger than {@value ProfileFiles#MAX_FILE_BYTES} bytes
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ReferenceProfile readFrom(Path path) {
    return ProfileFiles.read(path);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ReferenceProfile p)) {
      return false;
    }
    return bins == p.bins
        && exactCap == p.exactCap
        && topK == p.topK
        && new ArrayList<>(all.values()).equals(new ArrayList<>(p.all.values()))
        && calibrations.equals(p.calibrations)
        && Objects.equals(chunks, p.chunks)
        && Objects.equals(estimateSample, p.estimateSample);
  }

  @Override
  public int hashCode() {
    return Objects.hash(all.keySet(), bins, exactCap, topK);
  }

  @Override
  public String toString() {
    return "ReferenceProfile[rows=" + rows() + ", features=" + featureNames()
        + ", prediction=" + prediction().isPresent() + ", label=" + label().isPresent()
        + ", chunks=" + (chunks == null ? 0 : chunks.count()) + ", bytes=" + sizeInBytes() + "]";
  }

  /**
   * Accumulates data for a {@link ReferenceProfile} in one pass. Columns may be declared {@link
   * #numeric numeric} or {@link #categorical categorical}; an undeclared column takes the kind of
   * its first non-missing value ({@code Number}: numeric, {@code String}/{@code Boolean}:
   * categorical) and a numeric one with 2 to {@value #MAX_CATEGORICAL_DISTINCT} distinct finite
   * values becomes categorical at {@link #build()} (as Evidently infers); a column of one number
   * (an imputed constant) stays numeric, so that the monitor reports the numbers it later takes
   * as numbers.
   *
   * <p>Rows and columns can be mixed, but rows are counted only by {@link #add(Map)}: a feature
   * first seen in a later row counts the earlier rows as missing, and a known feature absent from a
   * row counts as missing.
   *
   * <p>Order: rows ({@link #add(Map)}) and whole columns ({@link #addColumn}, {@link #addColumns})
   * are taken to be in time order and their order is kept ({@link ReferenceProfile#chunks()}), so
   * that a monitor calibrates on consecutive reference windows; a shuffled reference simply
   * calibrates as one without order. A reference whose order means nothing and should be
   * calibrated as independent rows is built and then made {@link ReferenceProfile#withoutChunks()}. {@link #build()} does not consume the builder: more data can be added
   * and the profile built again.
   *
   * <p>Not thread-safe: use one builder per thread and {@link ReferenceProfile#merge} the results.
   */
  public static final class Builder extends ProfileOptions<Builder> {

    private final ChunkAccumulator chunks = new ChunkAccumulator(data::declaredCategorical);
    private final SampleAccumulator sample = new SampleAccumulator();
    /** Columns given by {@link #addColumn}: each chunked in its own order. */
    private final Map<String, ChunkAccumulator> columnChunks = new LinkedHashMap<>();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Adds one row. Values: {@code Number} (numeric, or a category of a categorical feature),
     * {@code String} or {@code Boolean} (categorical), {@code null} (missing). Features of earlier
     * rows absent from this one count as missing. Give rows in time order: their order is kept in
     * bounded memory ({@link ReferenceProfile#chunks()}) and calibrates monitors' thresholds on
     * autocorrelated data; a shuffled reference simply calibrates as one without order.
     *
     * @param row feature name to value
     * @return this builder
     * @throws IllegalArgumentException if a numeric feature gets a non-number (naming the feature,
     *     the row and the value), a value has an unsupported type, or the declared {@link
     *     #timeColumn time column} holds no time
     */
    public Builder add(Map<String, ?> row) {
      Map<String, ?> timed = CalendarAccumulator.strip(row, calendar, false);
      sample.addRow(timed);
      Map<String, ?> profiled = CalendarAccumulator.strip(timed, null, true);
      data.add(profiled);
      chunks.add(profiled);
      return this;
    }

    /**
     * Adds a numeric column chunk (NaN counts as missing, infinities as non-finite). Values are
     * taken in time order: value {@code i} of every column given whole stands for row {@code i}
     * (see {@link ReferenceProfile#chunks()}); further calls for the same column append.
     *
     * @param name the feature name
     * @param values the values (not retained)
     * @return this builder
     * @throws IllegalStateException if the feature is categorical
     */
    public Builder addColumn(String name, double[] values) {
      if (!CONFIDENCE.equals(name)) {
        data.addColumn(name, values);
        columnChunks(name).addValues(name, values);
      }
      sample.column(name).add(values);
      return this;
    }

    private ChunkAccumulator columnChunks(String name) {
      return columnChunks.computeIfAbsent(name,
          n -> new ChunkAccumulator(data::declaredCategorical));
    }

    /**
     * Adds numeric column chunks of many features at once, the features summarised in parallel
     * (the common fork-join pool and this thread: every core). Each column is added as by {@link
     * #addColumn(String, double[])} (its order kept likewise); the result is the same as adding
     * them one by one.
     *
     * <pre>{@code
     * ReferenceProfile profile = ReferenceProfile.builder().addColumns(columnsByName).build();
     * }</pre>
     *
     * @param columns feature name to values (not retained)
     * @return this builder
     * @throws IllegalStateException if a feature is categorical
     */
    public Builder addColumns(Map<String, double[]> columns) {
      Map<String, double[]> profiled = new LinkedHashMap<>(columns);
      profiled.remove(CONFIDENCE);
      data.addColumns(profiled);
      profiled.keySet().forEach(this::columnChunks);
      columns.keySet().forEach(sample::column);
      columns.entrySet().parallelStream().forEach(e -> {
        if (!CONFIDENCE.equals(e.getKey())) {
          columnChunks.get(e.getKey()).addValues(e.getKey(), e.getValue());
        }
        sample.column(e.getKey()).add(e.getValue());
      });
      return this;
    }

    /**
     * Adds a categorical column chunk ({@code null} counts as missing), in time order as {@link
     * #addColumn(String, double[])}.
     *
     * @param name the feature name
     * @param values the categories (not retained)
     * @return this builder
     * @throws IllegalArgumentException if the feature is numeric
     */
    public Builder addColumn(String name, String[] values) {
      data.addColumn(name, values);
      columnChunks(name).addValues(name, values);
      sample.column(name).add(values);
      return this;
    }

    /**
     * Builds the profile from the data added so far (with its chunks when rows were added in
     * order; an explicit threshold calibration is added by the monitor package's {@code
     * ThresholdCalibrator.withOrderedCalibrations}).
     *
     * @return the immutable profile
     */
    public ReferenceProfile build() {
      ReferenceProfile profile = data.build();
      ReferenceChunks c = ChunkAccumulator.build(chunks, columnChunks, profile);
      profile = c == null ? profile
          : profile.withChunks(c.withCalendar(calendar == null ? null : calendar.build()));
      EstimateSample s = sample.build();
      return s == null ? profile : profile.withEstimateSample(s);
    }
  }
}
