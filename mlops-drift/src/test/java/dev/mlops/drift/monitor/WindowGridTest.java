package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The integer grid's first look at a paired distance ({@link WindowGrid}) decides only what the
 * paired distance itself decides, and on look-alike windows decides most.
 */
final class WindowGridTest {

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static NearestWindows.Points window(SplittableRandom r, int n, double location,
      double scale, boolean grid) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double x = location + scale * gaussian(r);
      v[i] = grid ? Math.round(x * 4) / 4.0 : x;
    }
    Arrays.sort(v);
    return NearestWindows.Points.of(v, null);
  }

  private static NearestWindows.Points[] windows(SplittableRandom r, int count, int n,
      double location, double scale, boolean grid) {
    NearestWindows.Points[] w = new NearestWindows.Points[count];
    for (int i = 0; i < count; i++) {
      w[i] = window(r, n, location, scale, grid);
    }
    return w;
  }

  /** The paired distance's own decision, as {@link NearestWindows#settled} takes it. */
  private static int byPaired(NearestWindows.Points a, NearestWindows.Points b, double limit) {
    return NearestWindows.settled(a, b, limit);
  }

  @Test
  void theGridsDecision_isThePairedDistances_atLimitsOnEitherSideAndAtIt() {
    SplittableRandom r = new SplittableRandom(1408);
    int decided = 0;
    int checked = 0;
    for (int c = 0; c < 200; c++) {
      // locations up to 1e6 (a coarse grid), scales across binades, ties on a grid
      double location = c % 5 == 0 ? 1e6 * gaussian(r) : gaussian(r);
      double scale = Math.exp(2 * gaussian(r));
      int n = 8 + r.nextInt(c % 7 == 0 ? 1_200 : 600);
      NearestWindows.Points[] a = windows(r, 4, n, location, scale, c % 3 == 0);
      // the other column: one law, or moved; its magnitude in the same or a neighbouring binade
      double factor = new double[] {1, 0.9, 1.1, 2.1, 0.45, 5}[c % 6];
      NearestWindows.Points[] b = windows(r, 4, n, factor * location, factor * scale,
          c % 3 == 0);
      WindowGrid ga = WindowGrid.of(a);
      WindowGrid gb = WindowGrid.of(b);
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < b.length; j++) {
          double d = NearestWindows.paired(a[i], b[j]);
          double slack = NearestWindows.SLACK * (a[i].magnitude() + b[j].magnitude());
          for (double f : new double[] {0, 0.5, 0.9, 0.99, 1 - 1e-9, 1, 1 + 1e-9, 1.01, 1.1, 2}) {
            double limit = d * f;
            int grid = ga.settled(i, gb, j, limit, slack);
            checked++;
            if (grid != 0) {
              decided++;
              assertThat(grid).as("case %d, limit %s x the paired distance", c, f)
                  .isEqualTo(byPaired(a[i], b[j], limit));
            }
          }
        }
      }
    }
    assertThat(checked).isEqualTo(200 * 16 * 10);
    assertThat(decided).isGreaterThan(checked / 3);
  }

  @Test
  void onWindowsOfOneLaw_theGridSettlesMostLookAlikeChecks_asThePairedDistanceDoes() {
    // 512 points a window, as the swap check's windows of 8 chunks; the limit 1.4 times the
    // paired distance (the look-alike test's typical margin on one law)
    SplittableRandom r = new SplittableRandom(5);
    NearestWindows.Points[] a = windows(r, 30, 512, 0, 1, false);
    NearestWindows.Points[] b = windows(r, 30, 512, 0, 1, false);
    WindowGrid ga = WindowGrid.of(a);
    WindowGrid gb = WindowGrid.of(b);
    int settled = 0;
    for (int i = 0; i < a.length; i++) {
      double d = NearestWindows.paired(a[i], b[i]);
      double slack = NearestWindows.SLACK * (a[i].magnitude() + b[i].magnitude());
      int grid = ga.settled(i, gb, i, 1.4 * d, slack);
      if (grid != 0) {
        settled++;
        assertThat(grid).isEqualTo(-1);
      }
      assertThat(ga.settled(i, gb, i, 0.7 * d, slack)).isEqualTo(1);
    }
    assertThat(settled).isEqualTo(a.length);
  }

  @Test
  void windowsThatAreNotUniform_orTooLong_orOfOtherSizes_areLeftToThePairedDistance() {
    SplittableRandom r = new SplittableRandom(9);
    double[] weights = new double[50];
    Arrays.fill(weights, 1);
    weights[3] = 2;
    NearestWindows.Points weighted = NearestWindows.Points.of(
        window(r, 50, 0, 1, false).values(), weights);
    NearestWindows.Points[] a = {weighted, window(r, 2_000, 0, 1, false),
        window(r, 50, 0, 1, false)};
    NearestWindows.Points[] b = {window(r, 50, 0, 1, false), window(r, 2_000, 0, 1, false),
        window(r, 60, 0, 1, false)};
    WindowGrid ga = WindowGrid.of(a);
    WindowGrid gb = WindowGrid.of(b);
    for (int i = 0; i < 3; i++) {
      assertThat(ga.settled(i, gb, i, 1e9, 0)).isZero();
      assertThat(ga.settled(i, gb, i, 0, 0)).isZero();
    }
    // columns whose magnitudes lie two binades apart share no step
    NearestWindows.Points[] small = {window(r, 50, 0, 1, false)};
    NearestWindows.Points[] large = {window(r, 50, 0, 40, false)};
    assertThat(WindowGrid.of(small).settled(0, WindowGrid.of(large), 0, 1e9, 0)).isZero();
  }
}
