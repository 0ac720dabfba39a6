package dev.mlops.drift.monitor;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The monitored columns in schema order, plus the prediction and label columns, with their
 * positions in the flattened counter arrays. Immutable after construction.
 */
final class Schema {

  static final String PREDICTION = "__prediction__";
  static final String LABEL = "__label__";

  /** Quality counters per feature. */
  static final int MISSING = 0;
  static final int ABSENT = 1;
  static final int NON_FINITE = 2;
  static final int OUT_OF_RANGE = 3;
  static final int WRONG_TYPE = 4;
  static final int UNSEEN = 5;
  static final int QUALITY = 6;

  final FeatureSpec[] features;
  final FeatureSpec predictionNumeric;
  final FeatureSpec predictionClasses;
  final FeatureSpec labelNumeric;
  final FeatureSpec labelClasses;
  final Map<String, Integer> index;
  /** Numeric features (reservoir slots 0..numeric-1); prediction at numeric, label at numeric+1. */
  final int numeric;
  final int[] numericFeatures;
  /** Per feature, its numeric slot, or -1 for a categorical feature. */
  final int[] numericSlots;
  /** Categorical features (each with its {@link FeatureSpec#categoricalSlot}). */
  final int categorical;
  /** Every feature is numeric (so feature {@code i}'s numeric slot is {@code i}). */
  final boolean allNumeric;
  final int totalSlots;
  final long fingerprint;
  /**
   * Class indices a classifier's predictions and labels may take: {@code [0, declaredClasses)},
   * declared on the builder or by the prediction and label references (see {@link
   * MonitorOptions#classes(int)}). A class outside is counted as a data-quality finding and never
   * sized anything (a label of 100,000 must not allocate a 100,000 x 100,000 confusion matrix).
   */
  final int declaredClasses;

  Schema(List<FeatureSpec> features, FeatureSpec predictionNumeric,
      FeatureSpec predictionClasses, FeatureSpec labelNumeric, FeatureSpec labelClasses,
      int declaredClasses) {
    this.features = features.toArray(new FeatureSpec[0]);
    this.predictionNumeric = predictionNumeric;
    this.predictionClasses = predictionClasses;
    this.labelNumeric = labelNumeric;
    this.labelClasses = labelClasses;
    this.declaredClasses = declaredClasses;
    Map<String, Integer> idx = new HashMap<>();
    int slot = 0;
    int num = 0;
    int cat = 0;
    for (int i = 0; i < this.features.length; i++) {
      FeatureSpec f = this.features[i];
      if (idx.put(f.name, i) != null) {
        throw new IllegalArgumentException("feature names must be unique: " + f.name);
      }
      f.slotOffset = slot;
      slot += f.slots();
      if (f.numeric) {
        f.numericSlot = num++;
      } else {
        f.categoricalSlot = cat++;
      }
    }
    this.numeric = num;
    this.categorical = cat;
    this.allNumeric = num == this.features.length;
    this.numericFeatures = new int[num];
    this.numericSlots = new int[this.features.length];
    for (int i = 0; i < this.features.length; i++) {
      numericSlots[i] = this.features[i].numericSlot;
    }
    for (int i = 0, j = 0; i < this.features.length; i++) {
      if (this.features[i].numeric) {
        numericFeatures[j++] = i;
      }
    }
    predictionNumeric.slotOffset = slot;
    slot += predictionNumeric.slots();
    predictionNumeric.numericSlot = num;
    predictionClasses.slotOffset = slot;
    slot += predictionClasses.slots();
    labelNumeric.slotOffset = slot;
    slot += labelNumeric.slots();
    labelNumeric.numericSlot = num + 1;
    labelClasses.slotOffset = slot;
    slot += labelClasses.slots();
    this.totalSlots = slot;
    this.index = Map.copyOf(idx);
    CRC32 crc = new CRC32();
    for (FeatureSpec f : this.features) {
      crc.update(f.describe().getBytes(StandardCharsets.UTF_8));
    }
    for (FeatureSpec f : new FeatureSpec[] {
        predictionNumeric, predictionClasses, labelNumeric, labelClasses}) {
      crc.update(f.describe().getBytes(StandardCharsets.UTF_8));
    }
    this.fingerprint = crc.getValue();
  }

  /** Reservoirs: one per numeric feature, one for the prediction value, one for the label. */
  int reservoirs() {
    return numeric + 2;
  }

  /** The feature names in schema order. */
  /** The reference categories of a categorical feature, in fast-path code order. */
  java.util.List<String> categoriesOf(String feature) {
    Integer i = index.get(feature);
    if (i == null || features[i].numeric) {
      throw new IllegalArgumentException("feature must be a monitored categorical feature: " + feature);
    }
    return java.util.List.of(features[i].categories);
  }

  java.util.List<String> featureNames() {
    java.util.List<String> names = new java.util.ArrayList<>(features.length);
    for (FeatureSpec f : features) {
      names.add(f.name);
    }
    return java.util.Collections.unmodifiableList(names);
  }

  /**
   * The open window's memory for the largest feature: counters of every stripe, and for a numeric
   * feature the reservoir, the row buffers of the stripes and of the hand-off pool, the row
   * sample's column when multivariate drift is on, and with a label-free estimator ({@code
   * chances}) its share of the buffers of the rows' chance inputs ({@link RowChances#width}
   * values per row in every stripe's and pooled buffer, shared alike by the numeric features; see
   * {@link DriftMonitor#stateBytesPerFeature()}).
   */
  long stateBytesPerFeature(MonitorConfig config, boolean rowSample, boolean chances) {
    long max = 0;
    int stripes = config.stripes();
    long buffers = stripes + RecordHandOff.spareRows(this, stripes);
    long chanceBytes = chances ? 8L * Accumulator.BUFFER_ROWS * RowChances.width(this) * buffers : 0;
    for (FeatureSpec f : features) {
      long b = 8L * (f.slots() + QUALITY) * stripes;
      if (f.numeric) {
        b += 8L * config.reservoirSize() + 8L * Accumulator.BUFFER_ROWS * buffers
            + (chanceBytes + numeric - 1) / numeric;
        if (rowSample) {
          b += 8L * config.rowSampleSize();
        }
      }
      max = Math.max(max, b);
    }
    return max;
  }

  /** Width of a buffered row: numeric features plus the prediction value. */
  int bufferWidth() {
    return numeric + 1;
  }
}
