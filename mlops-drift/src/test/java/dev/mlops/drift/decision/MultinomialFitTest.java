package dev.mlops.drift.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class MultinomialFitTest {

  private static final int[] LABELS = {0, 1, 1, 0, 2, 0, 1, 1, 2, 2, 0, 1, 1, 0, 1, 1, 1, 2, 2, 2,
      1, 1, 2, 0, 1, 1, 1, 2, 2, 1, 1, 1, 2, 1, 1, 1, 1, 0, 2, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1,
      1, 0, 1, 1, 1, 2, 0, 1, 1};

  /**
   * {@code x0 = 2 sin(1.3 i) + 0.05 i, x1 = cos(0.7 i) + 0.02 i, x2 = ((37 i) mod 17) / 8 - 1},
   * i = 0..59; the labels drawn from a softmax by {@code u = ((7919 i) mod 101) / 101}.
   */
  private static double[][] rows() {
    double[][] x = new double[LABELS.length][3];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = Math.sin(i * 1.3) * 2 + 0.05 * i;
      x[i][1] = Math.cos(i * 0.7) + 0.02 * i;
      x[i][2] = ((i * 37) % 17) / 8.0 - 1;
    }
    return x;
  }

  @Test
  void coefficients_areScikitLearnsMultinomialLogisticRegression() {
    // LogisticRegression(multi_class='multinomial', C=c, solver='newton-cg', tol=1e-12,
    // max_iter=100000).fit(x, y): intercept_ (summing to 0), coef_; scikit-learn 1.2.1. Its
    // default lbfgs agrees with these to 6e-6, newton-cg stops at about 1e-6 of its optimum.
    double[][] c1 = MultinomialFit.fit(rows(), LABELS, 3, 1.0);
    double[][] sk1 = {
        {0.2952623769815362, -0.44216645814737665, -0.04936017577081803, -0.3912938700754712},
        {-0.29528464125851, 1.3124064108171576, -0.6653890613113909, -0.49960180168380747},
        {2.2264276973690262e-05, -0.8702399526697802, 0.7147492370822097, 0.8908956717592783}};
    assertClose(c1, sk1, 2e-6);

    double[][] c01 = MultinomialFit.fit(rows(), LABELS, 3, 0.1);
    double[][] sk01 = {
        {0.004394351900456446, -0.29031177773653327, -0.05710536732360654, -0.13936831207677694},
        {-0.01043586276422469, 0.7149684692146899, -0.16076750510162138, -0.1206828283047145},
        {0.006041510863768719, -0.4246566914781565, 0.21787287242522793, 0.2600511403814914}};
    assertClose(c01, sk01, 2e-6);
  }

  @Test
  void probabilities_areScikitLearnsPredictProba() {
    double[][] theta = MultinomialFit.fit(rows(), LABELS, 3, 1.0);
    double[] row5 = rows()[5];
    // predict_proba(x[5:6]) of the newton-cg fit above
    double[] sklearn = {0.21347285712670652, 0.5940748495400565, 0.19245229333323685};
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      double p = MultinomialFit.probability(theta, row5, k);
      assertThat(p).as("class %d", k).isCloseTo(sklearn[k], within(1e-6));
      sum += p;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void twoClasses_matchTheBinaryFitSplitInHalves() {
    // with two classes the multinomial fit is the binary one with half the coefficients each side
    // (w_1 = -w_0 minimises 0.5 |w_0|^2 + 0.5 |w_1|^2 for w_1 - w_0 = w), at twice the penalty
    int[] y = new int[LABELS.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = LABELS[i] == 1 ? 1 : 0;
    }
    double[][] m = MultinomialFit.fit(rows(), y, 2, 1.0);
    double[] b = LogisticFit.fit(rows(), y, 2.0);
    for (int j = 0; j < b.length; j++) {
      assertThat(m[1][j] - m[0][j]).as("coefficient %d", j).isCloseTo(b[j], within(1e-9));
      assertThat(m[1][j] + m[0][j]).isCloseTo(0, within(1e-9));
    }
  }

  private static void assertClose(double[][] actual, double[][] expected, double tol) {
    for (int k = 0; k < expected.length; k++) {
      for (int j = 0; j < expected[k].length; j++) {
        assertThat(actual[k][j]).as("class %d coefficient %d", k, j)
            .isCloseTo(expected[k][j], within(tol));
      }
    }
  }
}
