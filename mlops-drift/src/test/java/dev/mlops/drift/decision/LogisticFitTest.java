package dev.mlops.drift.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class LogisticFitTest {

  private static final int[] LABELS = {0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0,
      0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0};

  /** {@code x0 = 2 sin(1.3 i) + 0.1 i, x1 = cos(0.7 i) + 0.005 i^2}, i = 0..39. */
  private static double[][] rows() {
    double[][] x = new double[LABELS.length][2];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = Math.sin(i * 1.3) * 2 + 0.1 * i;
      x[i][1] = Math.cos(i * 0.7) + 0.05 * i * i / 10;
    }
    return x;
  }

  @Test
  void coefficients_areScikitLearnsLogisticRegression_withItsL2PenaltyAndFreeIntercept() {
    // LogisticRegression(C=c, solver='newton-cholesky', tol=1e-14).fit(x, y): intercept_, coef_
    double[] c1 = LogisticFit.fit(rows(), LABELS, 1.0);
    assertThat(c1[0]).isCloseTo(0.09594990828061871, within(1e-9));
    assertThat(c1[1]).isCloseTo(1.150886967572604, within(1e-9));
    assertThat(c1[2]).isCloseTo(-1.3003593495306849, within(1e-9));

    double[] c01 = LogisticFit.fit(rows(), LABELS, 0.1);
    assertThat(c01[0]).isCloseTo(0.08193765942145692, within(1e-9));
    assertThat(c01[1]).isCloseTo(0.4676840350416583, within(1e-9));
    assertThat(c01[2]).isCloseTo(-0.6065229989358488, within(1e-9));
  }

  @Test
  void quadraticTerms_areScikitLearnsPolynomialFeaturesOfTheStandardisedRows() {
    double[][] x = rows();
    double[] chance = new double[x.length];
    // the form's terms of StandardScaler().fit_transform(x), in PolynomialFeatures(2,
    // include_bias=False) order (x0, x1, x0^2, x0 x1, x1^2), fitted as LogisticRegression(C=1,
    // solver='newton-cholesky', tol=1e-14)
    double[][] design = new double[x.length][];
    Extrapolation quadratic = Extrapolation.shape(x, chance, Extrapolation.Form.QUADRATIC);
    for (int i = 0; i < x.length; i++) {
      design[i] = quadratic.terms(quadratic.standardised(x[i]));
    }
    double[] theta = LogisticFit.fit(design, LABELS, 1.0);
    double[] sklearn = {-0.8408825161840021, 1.2424752395004197, -1.9725507842269947,
        0.25002547413986753, -0.3201997752041042, 0.1095737234348543};
    for (int k = 0; k < sklearn.length; k++) {
      assertThat(theta[k]).as("coefficient %d", k).isCloseTo(sklearn[k], within(1e-8));
    }
  }

  /**
   * The fit that accumulates four rows at a time and keeps the objective's predictors gives the
   * coefficients of the row-by-row fit of main 3eddb5d bit for bit (1,003 rows: the last three
   * go one by one).
   */
  @Test
  void coefficients_areTheRowByRowFitsBits() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(31);
    int n = 1003;
    int p = 7;
    double[][] x = new double[n][p];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double l = 0.3;
      for (int j = 0; j < p; j++) {
        x[i][j] = r.nextGaussian();
        l += (j % 3 - 1) * x[i][j];
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-l)) ? 1 : 0;
    }
    long[][] expected = {
        {0x3fd670645620891dL, 0xbfee951a913d32c0L, 0xbfb3bd8aefcac1c3L, 0x3ff02d59738d2295L,
            0xbfeac0f66ce497c8L, 0x3f85f046aba3733fL, 0x3ff172ec9cad3e40L, 0xbfe9ff685ab52b12L},
        {0x3fd4ce0e0ac57746L, 0xbfeab32f797551c3L, 0xbfb1c3cf618a0862L, 0x3fec251b3a38f021L,
            0xbfe760db19bbc9d5L, 0x3f7d10de703c078eL, 0x3fee7907996d57f9L, 0xbfe6ae4ce516b37eL}};
    double[] c = {1, 0.1};
    for (int k = 0; k < c.length; k++) {
      double[] theta = LogisticFit.fit(x, y, c[k]);
      long[] bits = new long[theta.length];
      for (int j = 0; j < theta.length; j++) {
        bits[j] = Double.doubleToRawLongBits(theta[j]);
      }
      assertThat(bits).as("C = %s", c[k]).isEqualTo(expected[k]);
    }
  }
}
