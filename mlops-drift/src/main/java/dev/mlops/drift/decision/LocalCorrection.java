package dev.mlops.drift.decision;

import java.util.Arrays;

/**
 * The part of a calibration's error that depends on where a row lies in feature space, measured on
 * the reference: for each reference row, the mean of {@code correct - chance} over its {@code k}
 * nearest reference rows (Euclidean distance over the standardised finite features, the row itself
 * included; {@code k} = 0.5% of the rows, at least {@value #MIN_K} and at most {@value #MAX_K}). A
 * row of a window gets the smoothed value of the reference rows it lies among: a k-d tree over the
 * reference (median splits on the widest standardised feature, leaves of at most {@value #LEAF}
 * rows) is descended to the row's leaf, whose mean smoothed value is the row's correction; a
 * feature missing at a split stops the descent at that node (the mean over its rows). This is
 * k-nearest-neighbour regression of the calibration's residual, looked up in a few comparisons.
 * The neighbours of each reference row are found exactly, by the tree's search up to {@value
 * #TREE_WIDTH} features and by {@link NeighbourMeans} (all rows, vectorised) beyond; both give the
 * same bits.
 *
 * <p>Under covariate shift {@code P(y | x)} stays while {@code P(y | score)} of a model whose
 * score does not carry everything the features say (a forest, boosted trees) moves with the
 * feature mix: the correction re-weights the reference's residuals towards the region the window's
 * rows come from. Immutable and thread-safe.
 */
final class LocalCorrection {

  /** Most rows in a leaf of the lookup tree. */
  static final int LEAF = 8;
  /** Fewest and most neighbours averaged. */
  static final int MIN_K = 25;
  static final int MAX_K = 100;
  /**
   * Most features for which the neighbours are searched in the tree; with more, the tree prunes
   * too little and {@link NeighbourMeans} (all rows, vectorised) is faster. Both are exact and
   * give the same bits.
   */
  static final int TREE_WIDTH = 4;

  private final double[] mean;
  private final double[] sd;
  /** Per node: split feature ({@code -1} for a leaf), cut, children, mean correction. */
  private final int[] split;
  private final double[] cut;
  private final int[] left;
  private final int[] right;
  private final double[] value;
  /** Per feature, its weight in the distance; {@code null}: all alike. */
  private final double[] weights;

  private LocalCorrection(double[] mean, double[] sd, int[] split, double[] cut, int[] left,
      int[] right, double[] value, double[] weights) {
    this.mean = mean;
    this.sd = sd;
    this.split = split;
    this.cut = cut;
    this.left = left;
    this.right = right;
    this.value = value;
    this.weights = weights;
  }

  /** The number of neighbours averaged for {@code n} reference rows. */
  static int neighbours(int n) {
    return Math.max(MIN_K, Math.min(MAX_K, n / 200));
  }

  /**
   * Fits the correction on reference rows (rows with a {@code NaN} chance are left out).
   *
   * @param features {@code features[row][feature]}; non-finite values are unknown
   * @param chance each row's calibrated chance of being right
   * @param correct each row's correctness, 0 or 1
   * @return the correction, or {@code null} when fewer than {@value #MIN_K} rows or no feature
   *     with spread remain
   */
  static LocalCorrection fit(double[][] features, double[] chance, int[] correct) {
    return fit(features, chance, correct, null);
  }

  /**
   * The same with each standardised feature scaled by a weight in the distance ({@link
   * Relevance}): {@code w_j (x_j - mean_j) / sd_j}; a feature of weight 0 takes no part.
   *
   * @param weights per feature, its weight (non-negative); {@code null}: all 1
   */
  static LocalCorrection fit(double[][] features, double[] chance, int[] correct,
      double[] weights) {
    int width = features.length == 0 ? 0 : features[0].length;
    int[] rows = new int[chance.length];
    int n = 0;
    for (int i = 0; i < chance.length; i++) {
      if (!Double.isNaN(chance[i])) {
        rows[n++] = i;
      }
    }
    if (n < MIN_K) {
      return null;
    }
    double[][] ms = FeatureCheck.standardisation(features, chance, width);
    double[] mean = ms[0];
    double[] sd = ms[1];
    if (weights != null) {
      for (int j = 0; j < width; j++) {
        sd[j] = j < weights.length && weights[j] > 0 ? sd[j] / weights[j] : 0;
      }
    }
    boolean any = false;
    for (double v : sd) {
      any |= v > 0;
    }
    if (!any) {
      return null;
    }
    double[][] z = new double[n][width];
    double[] residual = new double[n];
    for (int t = 0; t < n; t++) {
      int i = rows[t];
      residual[t] = correct[i] - chance[i];
      for (int j = 0; j < width; j++) {
        double v = features[i][j];
        z[t][j] = sd[j] > 0 && Double.isFinite(v) ? (v - mean[j]) / sd[j] : Double.NaN;
      }
    }
    Builder b = new Builder(z);
    int[] all = new int[n];
    for (int t = 0; t < n; t++) {
      all[t] = t;
    }
    b.node(all, 0, n);
    double[] smoothed = smooth(b, all, residual, Math.min(neighbours(n), n),
        width <= TREE_WIDTH);
    centre(smoothed, residual);
    double[] value = new double[b.nodes];
    for (int id = 0; id < b.nodes; id++) {
      double sum = 0;
      for (int t = b.from[id]; t < b.to[id]; t++) {
        sum += smoothed[all[t]];
      }
      value[id] = sum / (b.to[id] - b.from[id]);
    }
    return new LocalCorrection(mean, sd, Arrays.copyOf(b.split, b.nodes),
        Arrays.copyOf(b.cut, b.nodes), Arrays.copyOf(b.left, b.nodes),
        Arrays.copyOf(b.right, b.nodes), value, weights == null ? null : weights.clone());
  }

  /**
   * Moves the smoothed residuals by one amount so that their mean is the residuals' own
   * (thirteenth session, "beyond"). A k-nearest-neighbour mean counts each reference row once
   * per row that has it among its neighbours, and in several dimensions that count is far from
   * even (hubness: the rows near the centre of the reference are the neighbours of many rows, the
   * outer ones of few; 1 to 76 times for k = 25 of 400 rows in 8 dimensions). When the residual
   * changes from the centre outwards (a forest's flat probabilities over-state the chance where
   * the classes mix, at the centre, and under-state it where one class dominates, outside), the
   * smoothed values are then pulled towards the central rows' residual, and their mean over the
   * reference is not the reference's mean residual: on CheckerStreams' three-class forest the
   * correction moved the estimate of the reference's own rows by -0.006 to -0.035, which the
   * calibration (exact in the large on the reference) did not. The local shape is kept; only the
   * level the neighbour counts add is taken out, so the corrected chances of the reference rows
   * average to their accuracy again.
   */
  static void centre(double[] smoothed, double[] residual) {
    double excess = 0;
    for (int t = 0; t < smoothed.length; t++) {
      excess += smoothed[t] - residual[t];
    }
    excess /= smoothed.length;
    for (int t = 0; t < smoothed.length; t++) {
      smoothed[t] -= excess;
    }
  }

  /** Squared distance over the coordinates known on both sides. */
  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double diff = a[j] - b[j];
      if (diff == diff) {
        s += diff * diff;
      }
    }
    return s;
  }

  /**
   * The mean residual of each row's {@code k} nearest rows (itself included; rows at the k-th
   * distance share the remaining places equally, whatever their order); a coordinate unknown on
   * either side adds nothing to a distance. The fit smooths the same way.
   */
  static double[] smooth(double[][] z, double[] residual, int k) {
    return smooth(z, residual, k, z.length > 0 && z[0].length <= TREE_WIDTH);
  }

  /**
   * The same, by the tree's search ({@code tree}) or by {@link NeighbourMeans} over all rows;
   * the two give the same bits.
   */
  static double[] smooth(double[][] z, double[] residual, int k, boolean tree) {
    Builder b = new Builder(z);
    int[] all = new int[z.length];
    for (int t = 0; t < all.length; t++) {
      all[t] = t;
    }
    b.node(all, 0, all.length);
    return smooth(b, all, residual, Math.min(k, z.length), tree);
  }

  private static double[] smooth(Builder b, int[] rows, double[] residual, int k, boolean tree) {
    return tree ? new Search(b, rows, residual, k).smoothAll()
        : NeighbourMeans.of(b.z, b.preorder(rows), residual, k);
  }

  /**
   * The correction of a row.
   *
   * @param x the row's features, in the order fitted on (non-finite: unknown)
   * @return the amount to add to the row's calibrated chance of being right
   */
  double at(double[] x) {
    int node = 0;
    while (split[node] >= 0) {
      int j = split[node];
      double v = j < x.length ? x[j] : Double.NaN;
      if (!Double.isFinite(v)) {
        break;
      }
      node = (v - mean[j]) / sd[j] < cut[node] ? left[node] : right[node];
    }
    return value[node];
  }

  /**
   * The distance in words: {@code "standardised features weighed alike"} or their relevance
   * weights.
   */
  String distance() {
    if (weights == null) {
      return "standardised features weighed alike";
    }
    StringBuilder s = new StringBuilder();
    for (double w : weights) {
      s.append(s.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.2f", w));
    }
    return "standardised features weighed by relevance [" + s + "]";
  }

  /** The distance's feature weights, or {@code null} when all are alike. */
  double[] weights() {
    return weights == null ? null : weights.clone();
  }

  /**
   * Exact k-nearest-neighbour search in the tree: the near child first, the far one only when
   * its split plane is nearer than the k-th distance found so far (a coordinate unknown on the
   * query's side never prunes). A first pass finds the k-th distance, a second sums the
   * residuals of the rows nearer than it and shares the remaining places among the rows at it.
   */
  private static final class Search {
    final Builder b;
    final int[] rows;
    final double[] residual;
    final int k;
    /** Max-heap of the k smallest distances so far. */
    final double[] heap;
    int size;
    double[] q;
    double radius;
    double below;
    int belowCount;
    double tieSum;
    int ties;

    Search(Builder b, int[] rows, double[] residual, int k) {
      this.b = b;
      this.rows = rows;
      this.residual = residual;
      this.k = k;
      this.heap = new double[k];
    }

    double[] smoothAll() {
      double[] out = new double[b.z.length];
      for (int t = 0; t < out.length; t++) {
        q = b.z[t];
        size = 0;
        nearest(0);
        radius = heap[0];
        below = 0;
        belowCount = 0;
        tieSum = 0;
        ties = 0;
        within(0);
        out[t] = (below + (belowCount < k && ties > 0 ? tieSum * (k - belowCount) / ties : 0))
            / k;
      }
      return out;
    }

    private double bound() {
      return size < k ? Double.POSITIVE_INFINITY : heap[0];
    }

    private void offer(double d) {
      if (size < k) {
        int i = size++;
        heap[i] = d;
        while (i > 0 && heap[(i - 1) / 2] < heap[i]) {
          swap(i, (i - 1) / 2);
          i = (i - 1) / 2;
        }
      } else if (d < heap[0]) {
        heap[0] = d;
        int i = 0;
        while (true) {
          int l = 2 * i + 1;
          int r = l + 1;
          int big = i;
          if (l < k && heap[l] > heap[big]) {
            big = l;
          }
          if (r < k && heap[r] > heap[big]) {
            big = r;
          }
          if (big == i) {
            break;
          }
          swap(i, big);
          i = big;
        }
      }
    }

    private void swap(int i, int j) {
      double t = heap[i];
      heap[i] = heap[j];
      heap[j] = t;
    }

    private void nearest(int id) {
      int own = b.split[id] < 0 ? b.from[id] : b.known[id];
      for (int t = own; t < b.to[id]; t++) {
        offer(distance(q, b.z[rows[t]]));
      }
      if (b.split[id] < 0) {
        return;
      }
      double gap = q[b.split[id]] - b.cut[id];
      boolean leftFirst = !(gap >= 0);
      nearest(leftFirst ? b.left[id] : b.right[id]);
      if (!(gap * gap >= bound())) {
        nearest(leftFirst ? b.right[id] : b.left[id]);
      }
    }

    private void within(int id) {
      int own = b.split[id] < 0 ? b.from[id] : b.known[id];
      for (int t = own; t < b.to[id]; t++) {
        int row = rows[t];
        double d = distance(q, b.z[row]);
        if (d < radius) {
          below += residual[row];
          belowCount++;
        } else if (d == radius) {
          tieSum += residual[row];
          ties++;
        }
      }
      if (b.split[id] < 0) {
        return;
      }
      double gap = q[b.split[id]] - b.cut[id];
      boolean unknown = gap != gap;
      if (unknown || gap < 0 || gap * gap <= radius) {
        within(b.left[id]);
      }
      if (unknown || gap >= 0 || gap * gap <= radius) {
        within(b.right[id]);
      }
    }
  }

  /** Grows the lookup tree in preorder. */
  private static final class Builder {
    final double[][] z;
    int nodes;
    int[] from;
    int[] to;
    /** Rows {@code [known, to)} of a split node are unknown on its feature and stay there. */
    int[] known;
    int[] split;
    double[] cut;
    int[] left;
    int[] right;
    double[] value;

    Builder(double[][] z) {
      this.z = z;
      int cap = Math.max(1, 4 * z.length / LEAF + 1);
      from = new int[cap];
      to = new int[cap];
      known = new int[cap];
      split = new int[cap];
      cut = new double[cap];
      left = new int[cap];
      right = new int[cap];
      value = new double[cap];
    }

    int node(int[] rows, int lo, int hi) {
      int id = nodes++;
      if (id == split.length) {
        from = Arrays.copyOf(this.from, 2 * id);
        to = Arrays.copyOf(this.to, 2 * id);
        known = Arrays.copyOf(known, 2 * id);
        split = Arrays.copyOf(split, 2 * id);
        cut = Arrays.copyOf(cut, 2 * id);
        left = Arrays.copyOf(left, 2 * id);
        right = Arrays.copyOf(right, 2 * id);
        value = Arrays.copyOf(value, 2 * id);
      }
      this.from[id] = lo;
      this.to[id] = hi;
      this.known[id] = hi;
      split[id] = -1;
      if (hi - lo <= LEAF) {
        return id;
      }
      int j = widest(rows, lo, hi);
      if (j < 0) {
        return id;
      }
      // rows unknown on the split feature stay at this node (a lookup stops there too)
      int known = lo;
      for (int t = lo; t < hi; t++) {
        if (!Double.isNaN(z[rows[t]][j])) {
          int r = rows[known];
          rows[known++] = rows[t];
          rows[t] = r;
        }
      }
      double[] v = new double[known - lo];
      for (int t = lo; t < known; t++) {
        v[t - lo] = z[rows[t]][j];
      }
      Arrays.sort(v);
      double c = v[v.length / 2];
      int mid = lo;
      for (int t = lo; t < known; t++) {
        if (z[rows[t]][j] < c) {
          int r = rows[mid];
          rows[mid++] = rows[t];
          rows[t] = r;
        }
      }
      if (mid == lo || mid == known) {
        return id;
      }
      split[id] = j;
      cut[id] = c;
      this.known[id] = known;
      int l = node(rows, lo, mid);
      left[id] = l;
      int r = node(rows, mid, known);
      right[id] = r;
      return id;
    }

    /**
     * Every row once, in preorder: a node's rows unknown on its split feature, then its left
     * subtree's, then its right subtree's (the order a search of the tree that prunes only
     * subtrees out of reach visits the rows it keeps in).
     */
    int[] preorder(int[] rows) {
      int[] out = new int[rows.length];
      int n = 0;
      int[] stack = new int[Math.max(1, nodes)];
      int top = 0;
      stack[top++] = 0;
      while (top > 0) {
        int id = stack[--top];
        for (int t = split[id] < 0 ? from[id] : known[id]; t < to[id]; t++) {
          out[n++] = rows[t];
        }
        if (split[id] >= 0) {
          stack[top++] = right[id];
          stack[top++] = left[id];
        }
      }
      return out;
    }

    /** The feature of largest spread (max - min) among the rows, or -1 if none varies. */
    private int widest(int[] rows, int from, int to) {
      int width = z[rows[from]].length;
      int best = -1;
      double spread = 0;
      for (int j = 0; j < width; j++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = from; t < to; t++) {
          double v = z[rows[t]][j];
          if (v < lo) {
            lo = v;
          }
          if (v > hi) {
            hi = v;
          }
        }
        if (hi - lo > spread) {
          spread = hi - lo;
          best = j;
        }
      }
      return best;
    }
  }
}
