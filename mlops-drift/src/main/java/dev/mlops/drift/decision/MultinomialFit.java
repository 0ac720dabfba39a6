package dev.mlops.drift.decision;

import java.util.Arrays;

/**
 * Multinomial logistic regression with an L2 penalty, as scikit-learn's {@code
 * LogisticRegression(C, multi_class='multinomial')} (its default lbfgs solver): it minimises
 * {@code 0.5 |W|^2 + C sum_i -log softmax(b + W x_i)[y_i]} over one weight row and one
 * intercept per class (the intercepts are not penalised), by Newton's method with step halving.
 * The softmax is unchanged when every intercept moves by the same amount; of those equal fits the
 * one whose intercepts sum to 0 is returned (the one scikit-learn's solvers reach from zero).
 * Small designs only (the Hessian is dense: {@code (K (p + 1))^2} for {@code K} classes and
 * {@code p} columns). Stateless.
 */
final class MultinomialFit {

  /** Newton steps at most. */
  static final int MAX_ITERATIONS = 100;

  private MultinomialFit() {}

  /**
   * The coefficients.
   *
   * @param x the design, {@code x[row][column]}, finite
   * @param y each row's class, in {@code [0, classes)}
   * @param classes the number of classes, at least 2
   * @param c the inverse penalty strength, positive
   * @return {@code theta[k] = [b_k, w_k1, ..., w_kp]} for class {@code k}
   */
  static double[][] fit(double[][] x, int[] y, int classes, double c) {
    int p = x.length == 0 ? 0 : x[0].length;
    int q = p + 1;
    int m = classes * q;
    double[] theta = new double[m];
    double objective = objective(x, y, classes, c, theta);
    double[] row = new double[q];
    row[0] = 1;
    double[] prob = new double[classes];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] g = new double[m];
      double[][] h = new double[m][m];
      for (int k = 0; k < classes; k++) {
        for (int j = 1; j < q; j++) {
          g[k * q + j] = theta[k * q + j];
          h[k * q + j][k * q + j] = 1;
        }
      }
      for (int i = 0; i < x.length; i++) {
        System.arraycopy(x[i], 0, row, 1, p);
        softmax(theta, row, classes, prob);
        for (int k = 0; k < classes; k++) {
          double r = c * (prob[k] - (y[i] == k ? 1 : 0));
          for (int a = 0; a < q; a++) {
            g[k * q + a] += r * row[a];
          }
          for (int l = 0; l <= k; l++) {
            double w = c * prob[k] * ((k == l ? 1 : 0) - prob[l]);
            for (int a = 0; a < q; a++) {
              double wa = w * row[a];
              double[] hka = h[k * q + a];
              int lq = l * q;
              // the lower triangle only: every column of an earlier class's block, the diagonal
              // block up to its diagonal (the loop's bound, not a test, so the JIT vectorises it)
              int end = l < k ? q : a + 1;
              for (int b = 0; b < end; b++) {
                hka[lq + b] += wa * row[b];
              }
            }
          }
        }
      }
      // the intercepts' common shift leaves the loss unchanged (h is singular along it, and g is
      // orthogonal to it): adding u u' for that direction u makes h definite and the step keeps
      // the intercepts' sum
      double u = 1.0 / classes;
      for (int k = 0; k < classes; k++) {
        for (int l = 0; l <= k; l++) {
          h[k * q][l * q] += u;
        }
      }
      double[] step = LogisticFit.solve(h, g);
      if (step == null) {
        break;
      }
      LogisticFit.Step s = LogisticFit.halvingStep(theta, step, objective,
          coef -> objective(x, y, classes, c, coef));
      if (s == null) {
        break;
      }
      theta = s.theta();
      objective = s.value();
      if (s.moved() < 1e-12) {
        break;
      }
    }
    double[][] out = new double[classes][];
    for (int k = 0; k < classes; k++) {
      out[k] = Arrays.copyOfRange(theta, k * q, (k + 1) * q);
    }
    return out;
  }

  /** The class probabilities of a design row (its leading 1 included) under flat coefficients. */
  private static void softmax(double[] theta, double[] row, int classes, double[] out) {
    int q = row.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      double v = 0;
      for (int a = 0; a < q; a++) {
        v += theta[k * q + a] * row[a];
      }
      out[k] = v;
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      out[k] = Math.exp(out[k] - max);
      sum += out[k];
    }
    for (int k = 0; k < classes; k++) {
      out[k] /= sum;
    }
  }

  /**
   * The probability of class {@code k} for a design row (without its leading 1).
   *
   * @param theta the coefficients of {@link #fit}
   * @param x the row's terms
   * @param k the class
   * @return {@code softmax(b + W x)[k]}
   */
  static double probability(double[][] theta, double[] x, int k) {
    double max = Double.NEGATIVE_INFINITY;
    double[] v = new double[theta.length];
    for (int l = 0; l < theta.length; l++) {
      v[l] = LogisticFit.predictor(theta[l], x);
      max = Math.max(max, v[l]);
    }
    double sum = 0;
    for (int l = 0; l < theta.length; l++) {
      sum += Math.exp(v[l] - max);
    }
    return Math.exp(v[k] - max) / sum;
  }

  /** The penalised negative log-likelihood. */
  private static double objective(double[][] x, int[] y, int classes, double c, double[] theta) {
    int q = theta.length / classes;
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      for (int j = 1; j < q; j++) {
        sum += 0.5 * theta[k * q + j] * theta[k * q + j];
      }
    }
    double[] v = new double[classes];
    for (int i = 0; i < x.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        double s = theta[k * q];
        for (int j = 1; j < q; j++) {
          s += theta[k * q + j] * x[i][j - 1];
        }
        v[k] = s;
        max = Math.max(max, s);
      }
      double z = 0;
      for (int k = 0; k < classes; k++) {
        z += Math.exp(v[k] - max);
      }
      sum += c * (max + Math.log(z) - v[y[i]]);
    }
    return sum;
  }
}
