package dev.mlops.drift.decision;

import java.util.Arrays;

/**
 * Binary logistic regression with an L2 penalty, as scikit-learn's {@code LogisticRegression(C)}:
 * it minimises {@code 0.5 |w|^2 + C sum_i logloss(y_i, b + w . x_i)} (the intercept {@code b} is
 * not penalised), by Newton's method with step halving. Small designs only (the Hessian is dense:
 * {@code (p + 1)^2} for {@code p} columns). Stateless.
 */
final class LogisticFit {

  /** Newton steps at most. */
  static final int MAX_ITERATIONS = 100;

  private LogisticFit() {}

  /**
   * The coefficients.
   *
   * @param x the design, {@code x[row][column]}, finite
   * @param y the labels, 0 or 1
   * @param c the inverse penalty strength, positive
   * @return {@code [b, w_1, ..., w_p]}
   */
  static double[] fit(double[][] x, int[] y, double c) {
    int p = x.length == 0 ? 0 : x[0].length;
    int m = p + 1;
    double[] theta = new double[m];
    double objective = objective(x, y, c, theta);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] g = new double[m];
      double[][] h = new double[m][m];
      for (int j = 1; j < m; j++) {
        g[j] = theta[j];
        h[j][j] = 1;
      }
      double[] row = new double[m];
      row[0] = 1;
      for (int i = 0; i < x.length; i++) {
        System.arraycopy(x[i], 0, row, 1, p);
        double s = sigmoid(dot(theta, row));
        double r = c * (s - y[i]);
        double w = c * s * (1 - s);
        for (int a = 0; a < m; a++) {
          g[a] += r * row[a];
          double wa = w * row[a];
          for (int b = 0; b <= a; b++) {
            h[a][b] += wa * row[b];
          }
        }
      }
      double[] step = solve(h, g);
      if (step == null) {
        break;
      }
      double t = 1;
      double[] next = new double[m];
      double value = Double.POSITIVE_INFINITY;
      for (int halving = 0; halving < 30; halving++) {
        for (int a = 0; a < m; a++) {
          next[a] = theta[a] - t * step[a];
        }
        value = objective(x, y, c, next);
        if (value <= objective) {
          break;
        }
        t /= 2;
      }
      if (!(value <= objective)) {
        break;
      }
      double moved = 0;
      for (int a = 0; a < m; a++) {
        moved = Math.max(moved, Math.abs(next[a] - theta[a]));
      }
      theta = next.clone();
      objective = value;
      if (moved < 1e-12) {
        break;
      }
    }
    return theta;
  }

  /** The penalised negative log-likelihood. */
  private static double objective(double[][] x, int[] y, double c, double[] theta) {
    double sum = 0;
    for (int j = 1; j < theta.length; j++) {
      sum += 0.5 * theta[j] * theta[j];
    }
    for (int i = 0; i < x.length; i++) {
      double v = theta[0];
      for (int j = 0; j < x[i].length; j++) {
        v += theta[j + 1] * x[i][j];
      }
      // log(1 + exp(v)) - y v, computed without overflow
      double softplus = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
      sum += c * (softplus - y[i] * v);
    }
    return sum;
  }

  /** The linear predictor of a design row. */
  static double predictor(double[] theta, double[] x) {
    double v = theta[0];
    for (int j = 0; j < x.length; j++) {
      v += theta[j + 1] * x[j];
    }
    return v;
  }

  static double sigmoid(double v) {
    return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Solves {@code h s = g} for a symmetric positive definite {@code h} given by its lower
   * triangle (Cholesky), or {@code null} if it is not positive definite.
   */
  private static double[] solve(double[][] h, double[] g) {
    int m = g.length;
    double[][] l = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b <= a; b++) {
        double s = h[a][b];
        for (int k = 0; k < b; k++) {
          s -= l[a][k] * l[b][k];
        }
        if (a == b) {
          if (!(s > 0)) {
            return null;
          }
          l[a][a] = Math.sqrt(s);
        } else {
          l[a][b] = s / l[b][b];
        }
      }
    }
    double[] z = Arrays.copyOf(g, m);
    for (int a = 0; a < m; a++) {
      for (int k = 0; k < a; k++) {
        z[a] -= l[a][k] * z[k];
      }
      z[a] /= l[a][a];
    }
    for (int a = m - 1; a >= 0; a--) {
      for (int k = a + 1; k < m; k++) {
        z[a] -= l[k][a] * z[k];
      }
      z[a] /= l[a][a];
    }
    return z;
  }
}
