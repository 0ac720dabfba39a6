package dev.mlops.bench.decisions;

/**
 * The importance-weighted accuracy estimate of {@link WeightedEstimate}: per window, a ridge
 * logistic regression of "window row (1) vs estimate sample row (0)" on the standardised features
 * ({@code squares}: and their squares) gives each sample row the weight {@code w = exp(eta)}; the
 * estimate is the self-normalised weighted mean of the sample rows' correctness, its interval
 * {@code est +- 1.96 sqrt(est (1 - est) (1 / ess + 1 / n))} with the Kish effective sample size.
 *
 * <p>Stateless.
 */
final class ImportanceWeights {

  /** The ridge penalty on the weight model's slopes (standardised features). */
  static final double RIDGE = 1.0;

  private ImportanceWeights() {}

  /**
   * The weighted estimate of one window: {estimate, lower, upper, Kish effective sample size}.
   *
   * @param sampleZ the estimate sample's rows, standardised
   * @param correct each sample row's correctness (0 or 1, or its outcome)
   * @param window the window's rows, standardised by the sample
   * @param squares whether the weight model also has the squares
   * @return the estimate
   */
  static double[] estimate(double[][] sampleZ, double[] correct, double[][] window,
      boolean squares) {
    int ns = sampleZ.length;
    int nw = window.length;
    double[][] x = new double[ns + nw][];
    double[] y = new double[ns + nw];
    for (int i = 0; i < ns; i++) {
      x[i] = design(sampleZ[i], squares);
    }
    for (int i = 0; i < nw; i++) {
      x[ns + i] = design(window[i], squares);
      y[ns + i] = 1;
    }
    double[] beta = logistic(x, y, RIDGE);
    double[] eta = new double[ns];
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < ns; i++) {
      eta[i] = dot(beta, x[i]);
      top = Math.max(top, eta[i]);
    }
    double sw = 0;
    double sw2 = 0;
    double swc = 0;
    for (int i = 0; i < ns; i++) {
      double wi = Math.exp(eta[i] - top);
      sw += wi;
      sw2 += wi * wi;
      swc += wi * correct[i];
    }
    double est = swc / sw;
    double ess = sw * sw / sw2;
    double se = Math.sqrt(Math.max(est * (1 - est), 1e-4) * (1 / ess + 1.0 / nw));
    return new double[] {est, Math.max(0, est - 1.96 * se), Math.min(1, est + 1.96 * se), ess};
  }

  private static double[] design(double[] z, boolean squares) {
    int d = z.length;
    double[] out = new double[1 + d + (squares ? d : 0)];
    out[0] = 1;
    for (int j = 0; j < d; j++) {
      out[1 + j] = z[j];
      if (squares) {
        out[1 + d + j] = z[j] * z[j];
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  /** Ridge logistic regression by Newton's method (no penalty on the intercept, column 0). */
  static double[] logistic(double[][] x, double[] y, double ridge) {
    int d = x[0].length;
    double[] beta = new double[d];
    for (int iter = 0; iter < 50; iter++) {
      double[] g = new double[d];
      double[][] h = new double[d][d];
      for (int i = 0; i < x.length; i++) {
        double p = 1 / (1 + Math.exp(-dot(beta, x[i])));
        double r = y[i] - p;
        double v = p * (1 - p);
        for (int a = 0; a < d; a++) {
          g[a] += r * x[i][a];
          double va = v * x[i][a];
          for (int b = 0; b <= a; b++) {
            h[a][b] += va * x[i][b];
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          h[b][a] = h[a][b];
        }
        if (a > 0) {
          g[a] -= ridge * beta[a];
          h[a][a] += ridge;
        }
      }
      double[] step = solve(h, g);
      double change = 0;
      for (int a = 0; a < d; a++) {
        beta[a] += step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < 1e-8) {
        break;
      }
    }
    return beta;
  }

  /** Solves {@code h s = g} for a symmetric positive definite {@code h} (Cholesky). */
  private static double[] solve(double[][] h, double[] g) {
    int d = g.length;
    double[][] l = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = h[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j][j];
      }
    }
    double[] u = new double[d];
    for (int i = 0; i < d; i++) {
      double s = g[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * u[k];
      }
      u[i] = s / l[i][i];
    }
    double[] out = new double[d];
    for (int i = d - 1; i >= 0; i--) {
      double s = u[i];
      for (int k = i + 1; k < d; k++) {
        s -= l[k][i] * out[k];
      }
      out[i] = s / l[i][i];
    }
    return out;
  }
}
