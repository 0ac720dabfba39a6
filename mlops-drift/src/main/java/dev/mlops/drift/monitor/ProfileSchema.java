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
  /** Class columns for predictions / labels without a categorical reference. */
  static final int DEFAULT_CLASSES = 256;

  private ProfileSchema() {}

  static Schema of(ReferenceProfile profile) {
    List<FeatureSpec> specs = new ArrayList<>();
    for (FeatureProfile f : profile.features()) {
      specs.add(spec(f));
    }
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("reference profile must have at least one feature: 0");
    }
    FeatureSpec[] pred = pair(profile.prediction(), Schema.PREDICTION);
    FeatureSpec[] label = pair(profile.label(), Schema.LABEL);
    return new Schema(specs, pred[0], pred[1], label[0], label[1]);
  }

  private static FeatureSpec[] pair(Optional<FeatureProfile> p, String name) {
    FeatureSpec numeric = FeatureSpec.numericWithoutReference(name);
    FeatureSpec classes = FeatureSpec.classesWithoutReference(name, DEFAULT_CLASSES);
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
