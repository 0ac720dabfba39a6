package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.FeatureProfile;
import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds the monitor's {@link Schema} from a {@link ReferenceProfile}. */
final class ProfileSchema {

  /** Size of the approximate reference sample drawn from a sketch-backed profile. */
  static final int SKETCH_SAMPLE = 10_000;
  /** Declared classes without a builder option and without a categorical class reference. */
  static final int DEFAULT_CLASSES = 256;

  private ProfileSchema() {}

  /**
   * The schema of a profile.
   *
   * @param classes the classes declared on the builder, or 0 to take them from the profile
   * @throws IllegalArgumentException if the profile has no feature, or {@code classes} is smaller
   *     than the classes of the profile's prediction or label reference
   */
  static Schema of(ReferenceProfile profile, int classes) {
    List<FeatureSpec> specs = new ArrayList<>();
    for (FeatureProfile f : profile.features()) {
      FeatureSpec s = spec(f);
      s.referenceStretches = ConstantStretches.of(profile.chunks(), f.name());
      specs.add(s);
    }
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("reference profile must have at least one feature: 0");
    }
    long referenced = Math.max(referenceClasses(profile.prediction()),
        referenceClasses(profile.label()));
    if (classes > 0 && referenced > classes) {
      throw new IllegalArgumentException("classes must cover the " + referenced
          + " classes of the profile's prediction and label references: " + classes);
    }
    int declared = classes > 0 ? classes
        : referenced > 0 ? (int) Math.min(referenced, MonitorOptions.MAX_CLASSES)
        : DEFAULT_CLASSES;
    FeatureSpec[] pred = pair(profile.prediction(), Schema.PREDICTION, declared);
    FeatureSpec[] label = pair(profile.label(), Schema.LABEL, declared);
    return new Schema(specs, pred[0], pred[1], label[0], label[1], declared);
  }

  /**
   * The classes a categorical prediction or label reference declares: the larger of its category
   * count and its largest integer category + 1 (categories {@code "1"}, {@code "2"} declare 0..2);
   * 0 without a categorical reference.
   */
  static long referenceClasses(Optional<FeatureProfile> p) {
    if (p.isEmpty() || !(p.get() instanceof CategoricalProfile c)) {
      return 0;
    }
    long n = c.categories().size();
    for (String category : c.categories()) {
      long code = classCode(category);
      if (code >= 0) {
        n = Math.max(n, code + 1);
      }
    }
    return n;
  }

  /** The class index a category names ({@code "3"}, {@code "3.0"}), or -1. */
  private static long classCode(String category) {
    try {
      double d = Double.parseDouble(category);
      return d >= 0 && d < Integer.MAX_VALUE && d == Math.rint(d) ? (long) d : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static FeatureSpec[] pair(Optional<FeatureProfile> p, String name, int declared) {
    FeatureSpec numeric = FeatureSpec.numericWithoutReference(name);
    FeatureSpec classes = FeatureSpec.classesWithoutReference(name, declared);
    if (p.isPresent()) {
      FeatureSpec s = spec(p.get(), name);
      if (s.numeric) {
        numeric = s;
      } else {
        classes = s;
      }
    }
    return new FeatureSpec[] {numeric, classes};
  }

  static FeatureSpec spec(FeatureProfile f) {
    return spec(f, f.name());
  }

  private static FeatureSpec spec(FeatureProfile f, String name) {
    FeatureSpec spec = summaryOf(f, name);
    spec.referenceLongestRun = f.longestRun();
    spec.referenceRunValue = f.longestRunValue();
    return spec;
  }

  private static FeatureSpec summaryOf(FeatureProfile f, String name) {
    if (f instanceof NumericProfile n) {
      double[] edges = n.binEdges();
      double[] inner = edges.length >= 2 ? Arrays.copyOfRange(edges, 1, edges.length - 1)
          : new double[0];
      long[] bins = n.binCounts();
      if (bins.length != inner.length + 1) {
        // no finite reference value: a single open bin
        inner = new double[0];
        bins = new long[] {n.count()};
      }
      double[] sorted;
      if (n.count() == 0) {
        sorted = new double[0];
      } else if (n.isExact()) {
        sorted = n.sortedValues();
      } else {
        int m = (int) Math.min(n.count(), SKETCH_SAMPLE);
        double[] ranks = new double[m];
        for (int i = 0; i < m; i++) {
          ranks[i] = (i + 0.5) / m;
        }
        sorted = n.quantiles(ranks);
        Arrays.sort(sorted);
      }
      double std = Double.isFinite(n.std()) ? n.std() : Double.NaN;
      FeatureSpec spec =
          FeatureSpec.numeric(name, inner, bins, n.min(), n.max(), std, sorted, n.count());
      double[] sample = n.sample();
      if (!n.isExact() && sample.length > 0) {
        spec.referenceSample = sample;
      }
      return spec;
    }
    CategoricalProfile c = (CategoricalProfile) f;
    List<String> cats = c.categories();
    long[] counts = c.counts();
    long[] withOther = Arrays.copyOf(counts, counts.length + 1);
    withOther[counts.length] = c.other();
    return FeatureSpec.categorical(name, cats.toArray(new String[0]), withOther);
  }
}
