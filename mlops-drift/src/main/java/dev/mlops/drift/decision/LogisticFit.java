package dev.mlops.drift.decision;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

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
    int n = x.length;
    double[] theta = new double[m];
    // each row's linear predictor at theta, kept from the objective for the next gradient
    double[] v = new double[n];
    double[] trial = new double[n];
    double objective = objective(x, y, c, theta, v);
    double[][] rows = new double[ROWS][m];
    double[] r = new double[ROWS];
    double[] w = new double[ROWS];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] g = new double[m];
      double[][] h = new double[m][m];
      for (int j = 1; j < m; j++) {
        g[j] = theta[j];
        h[j][j] = 1;
      }
      // rows in order, ROWS at a time: each sum still adds its rows' terms one by one in order
      for (int first = 0; first < n; first += ROWS) {
        int count = Math.min(ROWS, n - first);
        for (int k = 0; k < count; k++) {
          rows[k][0] = 1;
          System.arraycopy(x[first + k], 0, rows[k], 1, p);
          double s = sigmoid(v[first + k]);
          r[k] = c * (s - y[first + k]);
          w[k] = c * s * (1 - s);
        }
        if (count == ROWS) {
          accumulate(rows, r, w, g, h);
        } else {
          for (int k = 0; k < count; k++) {
            double[] row = rows[k];
            for (int a = 0; a < m; a++) {
              g[a] += r[k] * row[a];
              double wa = w[k] * row[a];
              double[] ha = h[a];
              for (int b = 0; b <= a; b++) {
                ha[b] += wa * row[b];
              }
            }
          }
        }
      }
      double[] step = solve(h, g);
      if (step == null) {
        break;
      }
      double[] buffer = trial;
      Step s = halvingStep(theta, step, objective, coef -> objective(x, y, c, coef, buffer));
      if (s == null) {
        break;
      }
      theta = s.theta();
      objective = s.value();
      double[] kept = v;
      v = trial;
      trial = kept;
      if (s.moved() < 1e-12) {
        break;
      }
    }
    return theta;
  }

  /** A Newton step taken: the new coefficients, their objective and the largest move. */
  record Step(double[] theta, double value, double moved) {
  }

  /**
   * Newton's step with halving, shared with {@link MultinomialFit}: the first of {@code theta - t
   * step} for {@code t} = 1, 1/2, ... (30 tries) whose objective is at most {@code current}, or
   * {@code null} when none is.
   */
  static Step halvingStep(double[] theta, double[] step, double current,
      ToDoubleFunction<double[]> objective) {
    int m = theta.length;
    double t = 1;
    double[] next = new double[m];
    double value = Double.POSITIVE_INFINITY;
    for (int halving = 0; halving < 30; halving++) {
      for (int a = 0; a < m; a++) {
        next[a] = theta[a] - t * step[a];
      }
      value = objective.applyAsDouble(next);
      if (value <= current) {
        break;
      }
      t /= 2;
    }
    if (!(value <= current)) {
      return null;
    }
    double moved = 0;
    for (int a = 0; a < m; a++) {
      moved = Math.max(moved, Math.abs(next[a] - theta[a]));
    }
    return new Step(next, value, moved);
  }

  /** Rows accumulated together into the gradient and the Hessian. */
  private static final int ROWS = 4;

  /**
   * Adds {@value #ROWS} rows' terms to the gradient and the Hessian's lower triangle, each
   * element's terms in row order (so every sum is the one of adding the rows one at a time, with
   * a quarter of the loads and stores of the sums).
   */
  private static void accumulate(double[][] rows, double[] r, double[] w, double[] g,
      double[][] h) {
    double[] x0 = rows[0];
    double[] x1 = rows[1];
    double[] x2 = rows[2];
    double[] x3 = rows[3];
    double r0 = r[0];
    double r1 = r[1];
    double r2 = r[2];
    double r3 = r[3];
    for (int a = 0; a < g.length; a++) {
      g[a] = g[a] + r0 * x0[a] + r1 * x1[a] + r2 * x2[a] + r3 * x3[a];
      double w0 = w[0] * x0[a];
      double w1 = w[1] * x1[a];
      double w2 = w[2] * x2[a];
      double w3 = w[3] * x3[a];
      double[] ha = h[a];
      for (int b = 0; b <= a; b++) {
        ha[b] = ha[b] + w0 * x0[b] + w1 * x1[b] + w2 * x2[b] + w3 * x3[b];
      }
    }
  }

  /**
   * The penalised negative log-likelihood; each row's linear predictor is left in {@code v} (the
   * same sum as {@code theta . (1, x)}, which the next gradient takes from there).
   */
  private static double objective(double[][] x, int[] y, double c, double[] theta, double[] v) {
    double sum = 0;
    for (int j = 1; j < theta.length; j++) {
      sum += 0.5 * theta[j] * theta[j];
    }
    int n = x.length;
    int i = 0;
    // four rows' predictors at once: four independent sums, each over the columns in order
    for (; i + 4 <= n; i += 4) {
      double[] x0 = x[i];
      double[] x1 = x[i + 1];
      double[] x2 = x[i + 2];
      double[] x3 = x[i + 3];
      double v0 = theta[0];
      double v1 = v0;
      double v2 = v0;
      double v3 = v0;
      for (int j = 0; j < x0.length; j++) {
        double t = theta[j + 1];
        v0 += t * x0[j];
        v1 += t * x1[j];
        v2 += t * x2[j];
        v3 += t * x3[j];
      }
      v[i] = v0;
      v[i + 1] = v1;
      v[i + 2] = v2;
      v[i + 3] = v3;
    }
    for (; i < n; i++) {
      double vi = theta[0];
      for (int j = 0; j < x[i].length; j++) {
        vi += theta[j + 1] * x[i][j];
      }
      v[i] = vi;
    }
    for (i = 0; i < n; i++) {
      double vi = v[i];
      // log(1 + exp(v)) - y v, computed without overflow
      double softplus = vi > 0 ? vi + Math.log1p(Math.exp(-vi)) : Math.log1p(Math.exp(vi));
      sum += c * (softplus - y[i] * vi);
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

  /**
   * Solves {@code h s = g} for a symmetric positive definite {@code h} given by its lower
   * triangle (Cholesky), or {@code null} if it is not positive definite. Shared with {@link
   * MultinomialFit}.
   */
  static double[] solve(double[][] h, double[] g) {
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
