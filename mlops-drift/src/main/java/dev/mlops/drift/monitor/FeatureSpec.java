package dev.mlops.drift.monitor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the monitor knows about one monitored column (feature, prediction or label): its kind,
 * the reference bins or categories it counts into and the reference sample it tests against.
 * Immutable after construction; shared by all recording threads.
 */
final class FeatureSpec {

  final String name;
  final boolean numeric;
  /** Whether there is a reference to compare with (the prediction and label may have none). */
  final boolean hasReference;

  // numeric
  /** Inner cut points: bin i holds values v with edges[i-1] <= v < edges[i] (outer bins open). */
  final double[] edges;
  final long[] referenceBins;
  final double referenceMin;
  final double referenceMax;
  final double referenceStd;
  final double[] referenceSorted;
  /**
   * Real reference observations, ascending: the exact values, or the profile's bounded uniform
   * sample when it keeps a sketch (a quantile sample of a sketch repeats the sketch's retained
   * items, so it cannot tell how many distinct values a window should hold).
   */
  double[] referenceSample;
  /** The reference's longest constant run and its value as a category key (0 and null: unknown). */
  long referenceLongestRun;
  String referenceRunValue;
  /** Per value, the longest stretch of reference chunks holding only it (none without order). */
  ConstantStretches referenceStretches = ConstantStretches.NONE;
  final long referenceCount;
  final int referenceDistinct;

  // categorical
  final String[] categories;
  final long[] referenceCounts;
  final Map<String, Integer> categoryIndex;
  /** Sorted numeric values of categories that parse as numbers, for numeric-coded categories. */
  final double[] numericCodes;
  final int[] numericCodeIndex;

  /** First counter slot of this column in the flattened count arrays. */
  int slotOffset;
  /** Index in the numeric buffer / reservoirs, -1 for categorical columns. */
  int numericSlot = -1;
  /**
   * Index among the categorical features (its category code's place in a row's chance inputs,
   * {@link RowChances}), -1 for numeric columns.
   */
  int categoricalSlot = -1;

  private FeatureSpec(String name, boolean numeric, boolean hasReference, double[] edges,
      long[] referenceBins, double min, double max, double std, double[] referenceSorted,
      long referenceCount, String[] categories, long[] referenceCounts) {
    // interned: request rows keyed by literals or by JSON field names (which Jackson interns) then
    // match by reference in HashMap.get, without comparing characters
    this.name = name.intern();
    this.numeric = numeric;
    this.hasReference = hasReference;
    this.edges = edges;
    this.referenceBins = referenceBins;
    this.referenceMin = min;
    this.referenceMax = max;
    this.referenceStd = std;
    this.referenceSorted = referenceSorted;
    this.referenceSample = referenceSorted;
    this.referenceCount = referenceCount;
    this.referenceDistinct = CollapseCheck.distinct(referenceSorted);
    this.categories = categories;
    this.referenceCounts = referenceCounts;
    if (categories != null) {
      Map<String, Integer> index = new HashMap<>();
      double[] codes = new double[categories.length];
      int[] codeIndex = new int[categories.length];
      int n = 0;
      for (int i = 0; i < categories.length; i++) {
        index.put(categories[i], i);
        double d = parse(categories[i]);
        if (!Double.isNaN(d)) {
          codes[n] = d;
          codeIndex[n] = i;
          n++;
        }
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      final double[] c = codes;
      Arrays.sort(order, (a, b) -> Double.compare(c[a], c[b]));
      this.numericCodes = new double[n];
      this.numericCodeIndex = new int[n];
      for (int i = 0; i < n; i++) {
        numericCodes[i] = codes[order[i]];
        numericCodeIndex[i] = codeIndex[order[i]];
      }
      this.categoryIndex = index;
    } else {
      this.categoryIndex = Map.of();
      this.numericCodes = new double[0];
      this.numericCodeIndex = new int[0];
    }
  }

  /**
   * A numeric column.
   *
   * @param edges inner cut points (sorted, strictly increasing)
   * @param referenceBins reference counts per bin, length edges.length + 1
   * @param referenceSorted sorted valid reference values (a sample when the reference is large)
   * @param referenceCount valid reference values in total
   */
  static FeatureSpec numeric(String name, double[] edges, long[] referenceBins, double min,
      double max, double std, double[] referenceSorted, long referenceCount) {
    if (referenceBins.length != edges.length + 1) {
      throw new IllegalArgumentException("reference bins of feature " + name
          + " must number edges + 1: " + referenceBins.length + " bins, " + edges.length
          + " edges");
    }
    return new FeatureSpec(name, true, true, edges.clone(), referenceBins.clone(), min, max, std,
        referenceSorted.clone(), referenceCount, null, null);
  }

  /** A numeric column without reference (compared with the previous window only). */
  static FeatureSpec numericWithoutReference(String name) {
    return new FeatureSpec(name, true, false, new double[0], new long[1], Double.NaN, Double.NaN,
        Double.NaN, new double[0], 0, null, null);
  }

  /**
   * A categorical column.
   *
   * @param categories the reference categories
   * @param referenceCounts counts per category, plus one last slot for values outside the listed
   *     categories (the profile's "other" bucket; 0 when none)
   */
  static FeatureSpec categorical(String name, String[] categories, long[] referenceCounts) {
    if (referenceCounts.length != categories.length + 1) {
      throw new IllegalArgumentException("reference counts of feature " + name
          + " must number categories + 1: " + referenceCounts.length);
    }
    long total = 0;
    for (long c : referenceCounts) {
      total += c;
    }
    return new FeatureSpec(name, false, true, null, null, Double.NaN, Double.NaN, Double.NaN,
        new double[0], total, categories.clone(), referenceCounts.clone());
  }

  /** A categorical column of class indices 0..classes-1 without reference. */
  static FeatureSpec classesWithoutReference(String name, int classes) {
    String[] cats = new String[classes];
    for (int i = 0; i < classes; i++) {
      cats[i] = Integer.toString(i);
    }
    return new FeatureSpec(name, false, false, null, null, Double.NaN, Double.NaN, Double.NaN,
        new double[0], 0, cats, new long[classes + 1]);
  }

  /** Counter slots: bins for numeric, categories + 1 (unseen) for categorical. */
  int slots() {
    return numeric ? edges.length + 1 : categories.length + 1;
  }

  int binIndex(double v) {
    double[] e = edges;
    if (e.length <= 16) {
      // branch-free count of the edges <= v: no misprediction on the hot path
      int bin = 0;
      for (int i = 0; i < e.length; i++) {
        bin += v >= e[i] ? 1 : 0;
      }
      return bin;
    }
    int lo = 0;
    int hi = e.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (v >= e[mid]) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Index of a category, or -1 when unseen. No allocation. */
  int categoryOf(String value) {
    Integer i = categoryIndex.get(value);
    return i == null ? -1 : i;
  }

  /** {@link #categoryOfValue}: a NaN number (a missing value). */
  static final int MISSING_VALUE = -2;
  /** {@link #categoryOfValue}: a value of a type a category cannot have. */
  static final int WRONG_TYPE_VALUE = -3;

  /**
   * Index of the category of a non-null recorded value ({@code String}, {@code Number}, {@code
   * Boolean} or {@code Enum}); -1 when unseen, {@link #MISSING_VALUE} for NaN, {@link
   * #WRONG_TYPE_VALUE} for another type. No allocation.
   */
  int categoryOfValue(Object v) {
    if (v instanceof String s) {
      return categoryOf(s);
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isNaN(d) ? MISSING_VALUE : categoryOf(d);
    }
    if (v instanceof Boolean b) {
      return categoryOf(b ? "true" : "false");
    }
    if (v instanceof Enum<?> e) {
      return categoryOf(e.name());
    }
    return WRONG_TYPE_VALUE;
  }

  /** Index of a numeric-coded category (e.g. 3 for category "3"), or -1. No allocation. */
  int categoryOf(double value) {
    int i = Arrays.binarySearch(numericCodes, value);
    return i >= 0 ? numericCodeIndex[i] : -1;
  }

  private static double parse(String s) {
    if (s == null || s.isEmpty()) {
      return Double.NaN;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** A stable description used in the state fingerprint. */
  String describe() {
    return name + (numeric ? ":n:" + Arrays.toString(edges) : ":c:" + Arrays.toString(categories))
        + ":" + hasReference;
  }
}
