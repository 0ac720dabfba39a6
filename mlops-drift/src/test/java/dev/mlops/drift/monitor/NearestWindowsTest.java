package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pruned searches of {@link NearestWindows} give the plain loops' results bit for bit
 * ({@code Math.min} over every walk, as {@link SwapCheck} computed them before), and the cheap
 * look-alike test never claims what the exact medians deny.
 */
final class NearestWindowsTest {

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** Ascending points of a seeded law: {@code location + scale * N(0, 1)}, some on a grid. */
  private static double[] points(SplittableRandom r, int n, double location, double scale,
      boolean grid) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double x = location + scale * gaussian(r);
      v[i] = grid ? Math.round(x * 2) / 2.0 : x;
    }
    Arrays.sort(v);
    return v;
  }

  private static double[] weights(SplittableRandom r, int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1 + r.nextInt(20);
    }
    return w;
  }

  /** A set of windows: some of one law (look-alikes), the rest moved or scaled. */
  private static NearestWindows windows(SplittableRandom r, int count, double location,
      double scale, boolean grid) {
    NearestWindows.Points[] w = new NearestWindows.Points[count];
    for (int i = 0; i < count; i++) {
      int n = 20 + r.nextInt(100);
      double shift = r.nextInt(3) == 0 ? scale * gaussian(r) : 0;
      w[i] = NearestWindows.Points.of(points(r, n, location + shift, scale, grid), weights(r, n));
    }
    return new NearestWindows(w);
  }

  private static double plainNearest(NearestWindows.Points p, NearestWindows to, int self,
      int gap) {
    double best = Double.POSITIVE_INFINITY;
    NearestWindows.Points[] w = to.windows();
    for (int j = 0; j < w.length; j++) {
      if (self < 0 || Math.abs(self - j) >= gap) {
        best = Math.min(best, SwapCheck.w1(p.values(), p.weights(), w[j].values(),
            w[j].weights()));
      }
    }
    return best;
  }

  @Test
  void nearestAndNearestUnder_equalThePlainLoops_bitForBit() {
    SplittableRandom r = new SplittableRandom(20261207);
    int checked = 0;
    for (int c = 0; c < 200; c++) {
      double location = c % 4 == 0 ? 1e6 * gaussian(r) : gaussian(r);
      double scale = Math.exp(gaussian(r));
      boolean grid = c % 3 == 0;
      NearestWindows to = windows(r, 1 + r.nextInt(40), location, scale, grid);
      assertThat(to.regular()).isTrue();
      NearestWindows.Points p = NearestWindows.Points.of(
          points(r, 30 + r.nextInt(300), location + 0.3 * scale * gaussian(r), scale, grid),
          null);

      double plain = plainNearest(p, to, -1, 0);
      assertThat(to.nearest(p, -1, 0)).isEqualTo(plain);
      int self = r.nextInt(to.windows().length);
      int gap = 1 + r.nextInt(5);
      assertThat(to.nearest(to.windows()[self], self, gap))
          .isEqualTo(plainNearest(to.windows()[self], to, self, gap));

      for (double f : new double[] {0.5, 0.999999, 1, 1.000001, 2}) {
        double norm = plain / scale;
        double bar = norm * f;
        double under = to.nearestUnder(p, scale, bar);
        if (norm < bar) {
          assertThat(under).isEqualTo(norm);
          checked++;
        } else {
          assertThat(under).isEqualTo(Double.POSITIVE_INFINITY);
        }
      }
    }
    assertThat(checked).isGreaterThan(300);
  }

  @Test
  void medianNearestAtMost_isNeverTrue_whenTheExactMedianIsAbove_andFindsLookAlikes() {
    SplittableRandom r = new SplittableRandom(7);
    int shown = 0;
    for (int c = 0; c < 60; c++) {
      boolean alike = c % 2 == 0;
      NearestWindows a = windows(r, 5 + r.nextInt(30), 0, 1, false);
      NearestWindows b = windows(r, 5 + r.nextInt(30), alike ? 0 : 3, alike ? 1 : 2, false);
      double[] exact = new double[a.windows().length];
      for (int i = 0; i < exact.length; i++) {
        exact[i] = plainNearest(a.windows()[i], b, -1, 0);
      }
      Arrays.sort(exact);
      int n = exact.length;
      double median = n % 2 == 1 ? exact[n / 2] : (exact[n / 2 - 1] + exact[n / 2]) / 2;
      for (double limit : new double[] {median * 0.9, median, median * 1.1, median * 3}) {
        if (a.medianNearestAtMost(b, limit)) {
          assertThat(median).isLessThanOrEqualTo(limit);
          shown++;
        }
      }
    }
    assertThat(shown).isGreaterThan(30);
  }

  /**
   * Windows whose points weigh alike (a profile's chunk windows: equal weights, some not a power
   * of two; grids with ties; locations up to 1e6), where the searches decide and skip by the
   * paired distance (samples of the windows' size, three times it, or any).
   */
  private static NearestWindows uniformWindows(SplittableRandom r, int count, int n,
      double location, double scale, boolean grid, double weight) {
    NearestWindows.Points[] w = new NearestWindows.Points[count];
    for (int i = 0; i < count; i++) {
      double shift = r.nextInt(3) == 0 ? 0.2 * scale * gaussian(r) : 0;
      double[] weights = new double[n];
      Arrays.fill(weights, weight);
      w[i] = NearestWindows.Points.of(points(r, n, location + shift, scale, grid),
          r.nextBoolean() ? weights : null);
    }
    return new NearestWindows(w);
  }

  /** {@code medianNearestAtMost} as it decided with walks alone. */
  private static boolean walkedMedianNearestAtMost(NearestWindows from, NearestWindows to,
      double limit) {
    int n = from.windows().length;
    if (n == 0 || !(limit >= 0)) {
      return false;
    }
    int within = 0;
    for (NearestWindows.Points p : from.windows()) {
      NearestWindows.Points[] w = to.windows();
      int best = 0;
      for (int j = 1; j < w.length; j++) {
        if (Math.abs(w[j].mean() - p.mean()) < Math.abs(w[best].mean() - p.mean())) {
          best = j;
        }
      }
      if (NearestWindows.lowerBound(p, w[best]) <= limit
          && NearestWindows.walk(p, w[best], limit) <= limit) {
        within++;
      }
    }
    return within >= n / 2 + 1;
  }

  @Test
  void closestMean_bySearch_isTheScansLowestIndex_amongTiesToo() {
    // means 1, 3, 1, 5, 3, 2, 3, -0.0, 0.0 (single points: the mean is the point)
    double[] means = {1, 3, 1, 5, 3, 2, 3, -0.0, 0.0};
    NearestWindows.Points[] w = new NearestWindows.Points[means.length];
    for (int i = 0; i < means.length; i++) {
      w[i] = NearestWindows.Points.of(new double[] {means[i]}, null);
    }
    NearestWindows windows = new NearestWindows(w);
    SplittableRandom r = new SplittableRandom(77);
    double[] probes = {2, 4, 0, -0.0, 1, 3, 6, -1, 2.5, 1.5, 4.000000000000001};
    for (double x : probes) {
      assertThat(windows.closestMean(NearestWindows.Points.of(new double[] {x}, null)))
          .as("mean %s", x).isEqualTo(scanClosest(w, x));
    }
    for (int c = 0; c < 2_000; c++) {
      double x = r.nextInt(13) * 0.5 - 1 + (c % 5 == 0 ? 1e-9 * gaussian(r) : 0);
      assertThat(windows.closestMean(NearestWindows.Points.of(new double[] {x}, null)))
          .isEqualTo(scanClosest(w, x));
    }
    assertThat(windows.closestMean(NearestWindows.Points.of(new double[] {4}, null)))
        .isEqualTo(1); // 3 (indices 1, 4, 6) and 5 (index 3) are 1 away: the first, 1
  }

  private static int scanClosest(NearestWindows.Points[] w, double x) {
    int best = 0;
    for (int j = 1; j < w.length; j++) {
      if (Math.abs(w[j].mean() - x) < Math.abs(w[best].mean() - x)) {
        best = j;
      }
    }
    return best;
  }

  @Test
  void pointsOfEqualWeights_giveTheWalksResults_bitForBit() {
    SplittableRandom r = new SplittableRandom(1212);
    int paired = 0;
    int decided = 0;
    for (int c = 0; c < 150; c++) {
      double location = c % 4 == 0 ? 1e6 * gaussian(r) : gaussian(r);
      double scale = Math.exp(gaussian(r));
      boolean grid = c % 3 == 0;
      int n = 8 + r.nextInt(300);
      double weight = new double[] {1, 2, 3, 1.7}[c % 4];
      NearestWindows to = uniformWindows(r, 2 + r.nextInt(60), n, location, scale, grid, weight);
      NearestWindows.Points p = to.windows()[r.nextInt(to.windows().length)];
      int qn = c % 3 == 0 ? n : c % 3 == 1 ? 3 * n : 5 + r.nextInt(2000);
      NearestWindows.Points q = NearestWindows.Points.of(
          points(r, qn, location + 0.1 * scale * gaussian(r), scale, grid), null);
      assertThat(NearestWindows.pairable(q, to.windows()[0])).isTrue();
      paired++;

      double plain = plainNearest(q, to, -1, 0);
      assertThat(to.nearest(q, -1, 0)).isEqualTo(plain);
      int self = r.nextInt(to.windows().length);
      int gap = 1 + r.nextInt(3);
      assertThat(to.nearest(to.windows()[self], self, gap))
          .isEqualTo(plainNearest(to.windows()[self], to, self, gap));
      for (double f : new double[] {0.5, 0.999999, 1, 1.000001, 2}) {
        double norm = plain / scale;
        double under = to.nearestUnder(q, scale, norm * f);
        assertThat(under).isEqualTo(norm < norm * f ? norm : Double.POSITIVE_INFINITY);
      }
      // a walk's own distance against the paired one: within the slack
      double walked = NearestWindows.walk(q, p, Double.POSITIVE_INFINITY);
      assertThat(Math.abs(NearestWindows.paired(q, p) - walked))
          .isLessThanOrEqualTo(1e-12 * (q.magnitude() + p.magnitude()));

      NearestWindows other = uniformWindows(r, 2 + r.nextInt(40), n,
          location + (c % 2 == 0 ? 0 : scale * gaussian(r)), scale, grid, weight);
      double[] nearestOf = new double[other.windows().length];
      for (int i = 0; i < nearestOf.length; i++) {
        nearestOf[i] = plainNearest(other.windows()[i], to, -1, 0);
      }
      Arrays.sort(nearestOf);
      double median = nearestOf[nearestOf.length / 2];
      for (double limit : new double[] {median * 0.5, median * 0.999, median, median * 1.001,
          median * 2, median * 4}) {
        boolean walkedAnswer = walkedMedianNearestAtMost(other, to, limit);
        assertThat(other.medianNearestAtMost(to, limit)).isEqualTo(walkedAnswer);
        decided += walkedAnswer ? 1 : 0;
      }
    }
    assertThat(paired).isEqualTo(150);
    assertThat(decided).isGreaterThan(100);
  }

  /**
   * The search that takes the paired distance of every window first and then walks the few whose
   * paired distance can still be the nearest (a column's own spread): the least walk bit for bit,
   * also among windows whose paired distances tie exactly (copies) or lie within rounding of each
   * other (a point moved by a few ulps), of equal and unequal sizes, with and without a gap,
   * beside windows whose points weigh differently.
   */
  @Test
  void nearest_amongTiesAndNearTies_isTheLeastWalk_bitForBit() {
    SplittableRandom r = new SplittableRandom(14_2026);
    int cases = 0;
    for (int c = 0; c < 120; c++) {
      double location = c % 4 == 0 ? 1e6 * gaussian(r) : gaussian(r);
      double scale = Math.exp(gaussian(r));
      boolean grid = c % 3 == 0;
      int n = 8 + r.nextInt(200);
      NearestWindows base = uniformWindows(r, 3 + r.nextInt(30), n, location, scale, grid, 1);
      NearestWindows.Points[] w = base.windows();
      NearestWindows.Points[] more = new NearestWindows.Points[w.length * 3];
      for (int i = 0; i < w.length; i++) {
        double[] near = w[i].values().clone();
        int k = r.nextInt(near.length);
        double ulps = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(4));
        double moved = near[k] + ulps * Math.ulp(near[k]);
        if ((k == 0 || near[k - 1] <= moved) && (k == near.length - 1 || moved <= near[k + 1])) {
          near[k] = moved;
        }
        more[3 * i] = w[i];
        more[3 * i + 1] = NearestWindows.Points.of(w[i].values().clone(), null);
        more[3 * i + 2] = NearestWindows.Points.of(near, null);
      }
      if (c % 3 == 1) {
        // a window whose points weigh differently (a short last chunk): walked, never paired
        int k = r.nextInt(more.length);
        more[k] = NearestWindows.Points.of(more[k].values(), weights(r, more[k].values().length));
      }
      NearestWindows to = new NearestWindows(more);
      int qn = c % 2 == 0 ? n : 5 + r.nextInt(600);
      NearestWindows.Points q = NearestWindows.Points.of(
          points(r, qn, location + 0.05 * scale * gaussian(r), scale, grid), null);
      assertThat(to.nearest(q, -1, 0)).isEqualTo(plainNearest(q, to, -1, 0));
      for (int gap : new int[] {1, 2, 4}) {
        int self = r.nextInt(more.length);
        assertThat(to.nearest(more[self], self, gap))
            .isEqualTo(plainNearest(more[self], to, self, gap));
      }
      cases++;
    }
    assertThat(cases).isEqualTo(120);
  }

  /**
   * A seeded wide stream (an ordered profile of 10,000 rows: 18 standard normal features, 9 of
   * their own location and scale, 9 log-normal ones): for every ordered pair of columns, the
   * look-alike test at the swap check's limit (twice the other column's own spread) and at half
   * of it, screened by the columns' integer grids, gives the walks' answer.
   */
  @Test
  void lookAlikeTest_onEveryPairOfAWideStream_isTheWalksAnswer() {
    SplittableRandom r = new SplittableRandom(14_14);
    int features = 36;
    String[] names = new String[features];
    dev.mlops.drift.profile.ReferenceProfile.Builder b =
        dev.mlops.drift.profile.ReferenceProfile.builder();
    for (int f = 0; f < features; f++) {
      names[f] = "f" + f;
    }
    b.numeric(names);
    for (int f = 0; f < features; f++) {
      double location = f < 18 ? 0 : 10 * gaussian(r);
      double scale = f < 18 ? 1 : Math.exp(gaussian(r));
      double[] col = new double[10_000];
      for (int i = 0; i < col.length; i++) {
        double z = gaussian(r);
        col[i] = location + scale * (f >= 27 ? Math.exp(0.5 * z) : z);
      }
      b.addColumn(names[f], col);
    }
    SwapWindows windows = new SwapWindows(b.build().chunks().orElseThrow());
    int m = windows.chunksPer(1_000);
    NearestWindows[] search = new NearestWindows[features];
    double[] noise = new double[features];
    for (int f = 0; f < features; f++) {
      search[f] = windows.search(names[f], m);
      NearestWindows.Points[] w = search[f].windows();
      double[] own = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        own[i] = search[f].nearest(w[i], i, m);
      }
      Arrays.sort(own);
      noise[f] = own[own.length / 2];
    }
    int alike = 0;
    int pairs = 0;
    for (int a = 0; a < features; a++) {
      for (int c = 0; c < features; c++) {
        if (a == c) {
          continue;
        }
        for (double f : new double[] {1, 0.5}) {
          double limit = f * 2 * noise[c] * (1 - NearestWindows.SLACK);
          boolean walked = walkedMedianNearestAtMost(search[a], search[c], limit);
          assertThat(search[a].medianNearestAtMost(search[c], limit))
              .as("f%d against f%d, limit %s", a, c, limit).isEqualTo(walked);
          alike += walked && f == 1 ? 1 : 0;
        }
        pairs++;
      }
    }
    assertThat(pairs).isEqualTo(features * (features - 1));
    assertThat(alike).isGreaterThanOrEqualTo(18 * 17); // the standard normal ones, at least
  }

  @Test
  void aStoppedWalk_isAboveItsStop_andAWalkWithinItsStop_isTheFullDistance() {
    SplittableRandom r = new SplittableRandom(3);
    for (int c = 0; c < 100; c++) {
      double[] a = points(r, 50 + r.nextInt(50), 0, 1, c % 2 == 0);
      double[] b = points(r, 50 + r.nextInt(50), gaussian(r), 1, c % 2 == 0);
      double[] w = weights(r, b.length);
      double full = ChunkCalibration.weightedDistance(a, null, b, w);
      assertThat(ChunkCalibration.weightedDistance(a, null, b, w, Double.POSITIVE_INFINITY))
          .isEqualTo(full);
      assertThat(ChunkCalibration.weightedDistance(a, null, b, w, full)).isEqualTo(full);
      assertThat(ChunkCalibration.weightedDistance(a, null, b, w, full / 2))
          .isGreaterThan(full / 2).isLessThanOrEqualTo(full);
    }
  }

  @Test
  void pointsWithANonFiniteValueOrNoWeight_areNotRegular() {
    assertThat(NearestWindows.Points.of(new double[] {0, Double.NaN}, null).regular()).isFalse();
    assertThat(NearestWindows.Points.of(new double[] {Double.NEGATIVE_INFINITY, 0}, null)
        .regular()).isFalse();
    assertThat(NearestWindows.Points.of(new double[] {0, 1}, new double[] {0, 0}).regular())
        .isFalse();
    assertThat(NearestWindows.Points.of(new double[0], null).regular()).isFalse();
    assertThat(new NearestWindows(new NearestWindows.Points[0]).regular()).isFalse();
    NearestWindows.Points p = NearestWindows.Points.of(new double[] {1, 2, 3}, null);
    assertThat(p.regular()).isTrue();
    assertThat(p.mean()).isEqualTo(2.0);
  }
}
