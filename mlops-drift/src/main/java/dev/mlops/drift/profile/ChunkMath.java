package dev.mlops.drift.profile;

import dev.mlops.drift.profile.ReferenceChunks.Piece;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of {@link ReferenceChunks} pieces: summarising raw values, merging two pieces
 * (moments by Chan's formulas, points re-sliced into {@value ReferenceChunks#POINTS} equal-weight
 * slice means, category counts added and capped). Stateless.
 */
final class ChunkMath {

  private ChunkMath() {}

  /** A numeric piece of raw values (sorted in place). */
  static Piece numeric(double[] values, int n) {
    if (n == 0) {
      return Piece.EMPTY;
    }
    Arrays.sort(values, 0, n);
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += (values[i] - mean) / (i + 1);
    }
    double m2 = 0;
    for (int i = 0; i < n; i++) {
      m2 += (values[i] - mean) * (values[i] - mean);
    }
    double[] w = new double[n];
    Arrays.fill(w, 1);
    double[] pts = n <= ReferenceChunks.POINTS ? Arrays.copyOf(values, n)
        : slices(Arrays.copyOf(values, n), w, ReferenceChunks.POINTS);
    return new Piece(n, mean, m2, pts, Map.of(), 0);
  }

  /** A categorical piece of counts, the rarest beyond the cap counted as other. */
  static Piece categorical(Map<String, Long> counts, long other) {
    long n = other;
    for (long c : counts.values()) {
      n += c;
    }
    Map<String, Long> kept = counts;
    if (counts.size() > ReferenceChunks.MAX_CATEGORIES) {
      List<Map.Entry<String, Long>> e = new ArrayList<>(counts.entrySet());
      e.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey())
          : Long.compare(b.getValue(), a.getValue()));
      kept = new LinkedHashMap<>();
      for (int i = 0; i < e.size(); i++) {
        if (i < ReferenceChunks.MAX_CATEGORIES) {
          kept.put(e.get(i).getKey(), e.get(i).getValue());
        } else {
          other += e.get(i).getValue();
        }
      }
    }
    return new Piece(n, Double.NaN, 0, new double[0], kept, other);
  }

  /** The moments of the union of two pieces (points and categories not carried). */
  static Piece moments(Piece a, Piece b) {
    if (a.count() == 0 || Double.isNaN(a.mean())) {
      return new Piece(b.count(), b.mean(), b.m2(), new double[0], Map.of(), 0);
    }
    if (b.count() == 0 || Double.isNaN(b.mean())) {
      return new Piece(a.count(), a.mean(), a.m2(), new double[0], Map.of(), 0);
    }
    long n = a.count() + b.count();
    double d = b.mean() - a.mean();
    double mean = a.mean() + d * b.count() / n;
    double m2 = a.m2() + b.m2() + d * d * ((double) a.count() * b.count() / n);
    return new Piece(n, mean, m2, new double[0], Map.of(), 0);
  }

  /** The piece of the union of two pieces of the same column. */
  static Piece merge(Piece a, Piece b) {
    if (a.count() == 0) {
      return b;
    }
    if (b.count() == 0) {
      return a;
    }
    if (!a.categories().isEmpty() || !b.categories().isEmpty() || a.other() > 0
        || b.other() > 0) {
      Map<String, Long> counts = new LinkedHashMap<>(a.categories());
      b.categories().forEach((k, c) -> counts.merge(k, c, Long::sum));
      return categorical(counts, a.other() + b.other());
    }
    Piece m = moments(a, b);
    double[] pa = a.pointsInternal();
    double[] pb = b.pointsInternal();
    double[] v = new double[pa.length + pb.length];
    double[] w = new double[v.length];
    for (int i = 0; i < pa.length; i++) {
      v[i] = pa[i];
      w[i] = (double) a.count() / pa.length;
    }
    for (int i = 0; i < pb.length; i++) {
      v[pa.length + i] = pb[i];
      w[pa.length + i] = (double) b.count() / pb.length;
    }
    sortTogether(v, w);
    boolean exact = pa.length == a.count() && pb.length == b.count();
    double[] pts = exact && v.length <= ReferenceChunks.POINTS ? v
        : slices(v, w, ReferenceChunks.POINTS);
    return new Piece(m.count(), m.mean(), m.m2(), pts, Map.of(), 0);
  }

  /**
   * The means of {@code p} equal-weight slices of ascending weighted values (a value's weight is
   * split between the slices it straddles).
   */
  static double[] slices(double[] v, double[] w, int p) {
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double per = total / p;
    double[] out = new double[p];
    int b = 0;
    double acc = 0;
    double accW = 0;
    for (int i = 0; i < v.length; i++) {
      double left = w[i];
      while (left > 0) {
        if (b == p - 1) {
          acc += left * v[i];
          accW += left;
          break;
        }
        double take = Math.min(left, per - accW);
        acc += take * v[i];
        accW += take;
        left -= take;
        if (per - accW <= 1e-9 * per) {
          out[b++] = acc / accW;
          acc = 0;
          accW = 0;
        }
      }
    }
    out[p - 1] = accW > 0 ? acc / accW : out[p - 2];
    for (int i = 1; i < p; i++) {
      out[i] = Math.max(out[i], out[i - 1]); // rounding must not break the order
    }
    return out;
  }

  /**
   * Sorts values ascending ({@link Double#compare} order), permuting the weights with them; stable
   * (equal values keep their order), so the result is the one of any stable sort. A natural merge
   * sort on the primitive arrays: the values are usually a few sorted runs (a window's chunks'
   * points, each ascending), merged pairwise.
   */
  static void sortTogether(double[] v, double[] w) {
    int n = v.length;
    int[] starts = new int[n + 1];
    int runs = 1;
    for (int i = 1; i < n; i++) {
      if (Double.compare(v[i - 1], v[i]) > 0) {
        starts[runs++] = i;
      }
    }
    if (runs <= 1) {
      return;
    }
    starts[runs] = n;
    double[] sv = v;
    double[] sw = w;
    double[] dv = new double[n];
    double[] dw = new double[n];
    while (runs > 1) {
      int out = 0;
      int r = 0;
      for (; r + 1 < runs; r += 2) {
        merge(sv, sw, dv, dw, starts[r], starts[r + 1], starts[r + 2]);
        starts[out++] = starts[r];
      }
      if (r < runs) {
        System.arraycopy(sv, starts[r], dv, starts[r], n - starts[r]);
        System.arraycopy(sw, starts[r], dw, starts[r], n - starts[r]);
        starts[out++] = starts[r];
      }
      starts[out] = n;
      runs = out;
      double[] t = sv;
      sv = dv;
      dv = t;
      t = sw;
      sw = dw;
      dw = t;
    }
    if (sv != v) {
      System.arraycopy(sv, 0, v, 0, n);
      System.arraycopy(sw, 0, w, 0, n);
    }
  }

  /** Merges the ascending runs {@code [lo, mid)} and {@code [mid, hi)} into {@code dv, dw}, left first on ties. */
  private static void merge(double[] sv, double[] sw, double[] dv, double[] dw, int lo, int mid,
      int hi) {
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      if (Double.compare(sv[i], sv[j]) <= 0) {
        dv[k] = sv[i];
        dw[k++] = sw[i++];
      } else {
        dv[k] = sv[j];
        dw[k++] = sw[j++];
      }
    }
    System.arraycopy(sv, i, dv, k, mid - i);
    System.arraycopy(sw, i, dw, k, mid - i);
    k += mid - i;
    System.arraycopy(sv, j, dv, k, hi - j);
    System.arraycopy(sw, j, dw, k, hi - j);
  }

}
