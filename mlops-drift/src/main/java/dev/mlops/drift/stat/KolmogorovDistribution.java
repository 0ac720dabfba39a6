package dev.mlops.drift.stat;

/**
 * Survival function of the two-sided one-sample Kolmogorov-Smirnov statistic D_n, following the
 * algorithm selection of SciPy's {@code scipy.stats._ksstats._kolmogn} (Simard and L'Ecuyer 2011).
 * Used for the asymptotic two-sample p-value ({@code kstwo.sf(d, round(en))}).
 */
final class KolmogorovDistribution {

  private static final double PI_SQUARED = Math.PI * Math.PI;
  private static final double PI_FOUR = PI_SQUARED * PI_SQUARED;
  private static final double PI_SIX = PI_FOUR * PI_SQUARED;
  private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
  private static final double SQRT3 = Math.sqrt(3);
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final double MIN_LOG = -708;
  private static final double EP128 = Math.scalb(1.0, 128);
  private static final double EM128 = Math.scalb(1.0, -128);
  private static final double[] STIRLING = {
    -2.955065359477124183e-2, 6.4102564102564102564e-3,
    -1.9175269175269175269e-3, 8.4175084175084175084e-4,
    -5.952380952380952381e-4, 7.9365079365079365079e-4,
    -2.7777777777777777778e-3, 8.3333333333333333333e-2
  };
  private static final int SMIRNOV_MAX_COMPUTE_N = 1_000_000;

  private KolmogorovDistribution() {}

  /** P(D_n >= x) for integer {@code n >= 1} (passed as a double, as SciPy's round(en)). */
  static double sf(double nd, double x) {
    if (Double.isNaN(nd) || Double.isNaN(x) || nd < 1 || nd != Math.rint(nd)) {
      return Double.NaN;
    }
    if (x >= 1.0) {
      return 0.0;
    }
    if (x <= 0.0) {
      return 1.0;
    }
    int n = nd > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) nd;
    double t = nd * x;
    if (t <= 1.0) {
      if (t <= 0.5) {
        return 1.0;
      }
      double prob;
      if (n <= 140) {
        prob = 1.0;
        for (int i = 1; i <= n; i++) {
          prob *= i * (1.0 / n) * (2 * t - 1);
        }
      } else {
        prob = Math.exp(logNFactorialDivNPowN(nd) + nd * Math.log(2 * t - 1));
      }
      return clip(1.0 - prob);
    }
    if (t >= nd - 1) {
      return clip(2 * Math.pow(1.0 - x, nd));
    }
    if (x >= 0.5) {
      return clip(2 * smirnovSf(n, x));
    }
    double nxsquared = t * x;
    if (n <= 140) {
      if (nxsquared <= 4) {
        // SciPy: Durbin matrix up to 0.754693, Pomeranz up to 4; both exact, Durbin used for both.
        return clip(1.0 - durbinMatrixCdf(n, x));
      }
      return clip(2 * smirnovSf(n, x));
    }
    if (nxsquared >= 370.0) {
      return 0.0;
    }
    if (nxsquared >= 2.2) {
      return clip(2 * smirnovSf(n, x));
    }
    double cdf;
    if (nxsquared >= 18.0) {
      cdf = 1.0;
    } else if (n <= 100000 && nd * Math.pow(x, 1.5) <= 1.4) {
      cdf = durbinMatrixCdf(n, x);
    } else {
      cdf = pelzGoodCdf(nd, x);
    }
    return clip(1.0 - cdf);
  }

  /** x * sum_j A_j, every term from j = 0 (SciPy's order), stopping when the rest is negligible. */
  static double lowerSumScan(int n, double x, int nTerms) {
    double logx = Math.log(x);
    double sum = 0;
    LogBinomial logBinom = new LogBinomial(n, 0);
    for (int j = 0; j < nTerms; j++) {
      if (j > 0) {
        logBinom.up(j);
      }
      double logTerm = logTerm(n, x, j, logBinom.value, logx);
      if (Double.isNaN(logTerm)) {
        break;
      }
      double term = Math.exp(logTerm);
      sum += term;
      if (term != 0.0) {
        if (4.0 * (nTerms - j) * term < Math.ulp(1.0) * sum && j != nTerms - 1) {
          break;
        }
      } else if (j > n / 2) {
        break;
      }
    }
    return sum;
  }

  /**
   * The same sum for large n, from the largest term outwards. The terms A_j are unimodal in j
   * (numerically log-concave), so once a side's terms fall below eps * sum / (4 * remaining) the
   * rest of that side is negligible; this skips the long head and tail of negligible terms.
   */
  static double lowerSumFromMode(int n, double x, int nTerms) {
    double logx = Math.log(x);
    // Locate the largest term by ternary search on an lgamma-based log term (accuracy irrelevant).
    int lo = 0;
    int hi = nTerms - 1;
    while (hi - lo > 2) {
      int m1 = lo + (hi - lo) / 3;
      int m2 = hi - (hi - lo) / 3;
      if (approxLogTerm(n, x, m1, logx) < approxLogTerm(n, x, m2, logx)) {
        lo = m1;
      } else {
        hi = m2;
      }
    }
    int mode = lo;
    for (int j = lo + 1; j <= hi; j++) {
      if (approxLogTerm(n, x, j, logx) > approxLogTerm(n, x, mode, logx)) {
        mode = j;
      }
    }
    double logBinomMode = logBinomial(n, mode);
    double eps = Math.ulp(1.0);
    // Upwards from the mode (inclusive).
    double up = 0;
    LogBinomial logBinom = new LogBinomial(n, logBinomMode);
    double prev = Double.POSITIVE_INFINITY;
    for (int j = mode; j < nTerms; j++) {
      if (j > mode) {
        logBinom.up(j);
      }
      double lt = logTerm(n, x, j, logBinom.value, logx);
      if (Double.isNaN(lt)) {
        break;
      }
      double term = Math.exp(lt);
      up += term;
      if (term <= prev && 4.0 * (nTerms - j) * term < eps * up) {
        break;
      }
      prev = term;
    }
    // Downwards from mode - 1.
    double down = 0;
    logBinom = new LogBinomial(n, logBinomMode);
    prev = Double.POSITIVE_INFINITY;
    for (int j = mode - 1; j >= 0; j--) {
      logBinom.down(j);
      double term = Math.exp(logTerm(n, x, j, logBinom.value, logx));
      down += term;
      if (term <= prev && 4.0 * (j + 1) * term < eps * (up + down)) {
        break;
      }
      prev = term;
    }
    return up + down;
  }

  /**
   * log C(n, j) stepped from one j to the next, summed with Kahan compensation (it grows to about
   * n, so plain summation would lose the small steps).
   */
  private static final class LogBinomial {
    private final int n;
    private double value;
    private double comp;

    /** Starts at a known log C(n, j). */
    LogBinomial(int n, double start) {
      this.n = n;
      this.value = start;
    }

    /** From j - 1 to j: C(n, j) = C(n, j - 1) (n - j + 1) / j. */
    void up(int j) {
      add(Math.log((double) (n - j + 1) / j));
    }

    /** From j + 1 to j: C(n, j) = C(n, j + 1) (j + 1) / (n - j). */
    void down(int j) {
      add(-Math.log((double) (n - j) / (j + 1)));
    }

    private void add(double step) {
      double y = step - comp;
      double t = value + y;
      comp = (t - value) - y;
      value = t;
    }
  }

  /** log(x * A_j), A_j = C(n, j) (1 - x - j/n)^(n - j) (x + j/n)^(j - 1); NaN when 1 - x - j/n <= 0. */
  private static double logTerm(int n, double x, int j, double logBinom, double logx) {
    double lower = ((double) (n - j) / n) - x;
    if (lower <= 0) {
      return Double.NaN;
    }
    double upper = x + (double) j / n;
    return logBinom + (n - j) * Math.log(lower) + (j - 1) * Math.log(upper) + logx;
  }

  private static double approxLogTerm(int n, double x, int j, double logx) {
    double lt = logTerm(n, x, j, logBinomial(n, j), logx);
    return Double.isNaN(lt) ? Double.NEGATIVE_INFINITY : lt;
  }

  /**
   * log C(n, k) accurate to a few ulps of its value: the entropy form {@code -k log(k/n) - (n-k)
   * log1p(-k/n)} plus Stirling's corrections, which avoids the cancellation of lgamma differences.
   */
  static double logBinomial(int n, int k) {
    if (k == 0 || k == n) {
      return 0.0;
    }
    int m = Math.min(k, n - k);
    if (m < 30) {
      double r = 0;
      for (int i = 1; i <= m; i++) {
        r += Math.log((double) (n - m + i) / i);
      }
      return r;
    }
    double dn = n;
    double dk = k;
    double dm = n - k;
    double entropy = -dk * Math.log(dk / dn) - dm * Math.log1p(-dk / dn);
    double lead = 0.5 * Math.log(dn / (2 * Math.PI * dk * dm));
    return entropy + lead + stirlingCorrection(dn) - stirlingCorrection(dk) - stirlingCorrection(dm);
  }

  /** lgamma(m + 1) - (m log m - m + 0.5 log(2 pi m)) for m >= 30. */
  private static double stirlingCorrection(double m) {
    double r = 1.0 / m;
    double r2 = r * r;
    return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)));
  }

  private static double clip(double p) {
    return Math.min(1.0, Math.max(0.0, p));
  }

  private static double logNFactorialDivNPowN(double n) {
    double rn = 1.0 / n;
    double r = rn / n;
    double poly = 0;
    for (double c : STIRLING) {
      poly = poly * r + c;
    }
    return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
  }

  /** Pr(D_n <= d) by the Durbin matrix method (Marsaglia, Tsang and Wang 2003). */
  static double durbinMatrixCdf(int n, double d) {
    if (d >= 1.0) {
      return 1.0;
    }
    double nd = n * d;
    if (nd <= 0.5) {
      return 0.0;
    }
    int k = (int) Math.ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;
    double[][] hm = new double[m][m];
    double[] v = new double[m];
    double[] w = new double[m];
    double fac = 1.0;
    for (int j = 1; j <= m; j++) {
      w[j - 1] = fac;
      fac /= j;
      v[j - 1] = (1.0 - Math.pow(h, j)) * fac;
    }
    double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
    v[m - 1] = (1.0 + tt) * fac;
    for (int i = 1; i < m; i++) {
      for (int r = i - 1; r < m; r++) {
        hm[r][i] = w[r - i + 1];
      }
    }
    for (int r = 0; r < m; r++) {
      hm[r][0] = v[r];
    }
    for (int c = 0; c < m; c++) {
      hm[m - 1][c] = v[m - 1 - c];
    }
    double[][] pw = new double[m][m];
    for (int i = 0; i < m; i++) {
      pw[i][i] = 1.0;
    }
    int nn = n;
    int expnt = 0;
    int hexpnt = 0;
    while (nn > 0) {
      if (nn % 2 == 1) {
        pw = multiply(pw, hm);
        expnt += hexpnt;
      }
      hm = multiply(hm, hm);
      hexpnt *= 2;
      if (Math.abs(hm[k - 1][k - 1]) > EP128) {
        for (double[] row : hm) {
          for (int c = 0; c < m; c++) {
            row[c] /= EP128;
          }
        }
        hexpnt += 128;
      }
      nn /= 2;
    }
    double p = pw[k - 1][k - 1];
    for (int i = 1; i <= n; i++) {
      p = i * p / n;
      if (Math.abs(p) < EM128) {
        p *= EP128;
        expnt -= 128;
      }
    }
    if (expnt != 0) {
      p = Math.scalb(p, expnt);
    }
    return clip(p);
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int m = a.length;
    double[][] c = new double[m][m];
    for (int i = 0; i < m; i++) {
      double[] ci = c[i];
      for (int k = 0; k < m; k++) {
        double aik = a[i][k];
        if (aik == 0.0) {
          continue;
        }
        double[] bk = b[k];
        for (int j = 0; j < m; j++) {
          ci[j] += aik * bk[j];
        }
      }
    }
    return c;
  }

  /** Pelz-Good approximation of Pr(D_n <= x). */
  static double pelzGoodCdf(double n, double x) {
    if (x <= 0.0) {
      return 0.0;
    }
    if (x >= 1.0) {
      return 1.0;
    }
    double z = Math.sqrt(n) * x;
    double zsquared = z * z;
    double zthree = zsquared * z;
    double zfour = zsquared * zsquared;
    double zsix = zfour * zsquared;
    double qlog = -PI_SQUARED / 8 / zsquared;
    if (qlog < MIN_LOG) {
      return 0.0;
    }
    double q = Math.exp(qlog);
    double k1a = -zsquared;
    double k1b = PI_SQUARED / 4;
    double k2a = 6 * zsix + 2 * zfour;
    double k2b = (2 * zfour - 5 * zsquared) * PI_SQUARED / 4;
    double k2c = PI_FOUR * (1 - 2 * zsquared) / 16;
    double k3d = PI_SIX * (5 - 30 * zsquared) / 64;
    double k3c = PI_FOUR * (-60 * zsquared + 212 * zfour) / 16;
    double k3b = PI_SQUARED * (135 * zfour - 96 * zsix) / 4;
    double k3a = -30 * zsix - 90 * Math.pow(z, 8);
    double[] kk = new double[4];
    int maxk = (int) Math.ceil(16 * z / Math.PI);
    for (int k = maxk; k > 0; k--) {
      double mm = 2 * k - 1;
      double msquared = mm * mm;
      double mfour = msquared * msquared;
      double msix = mfour * msquared;
      double qpower = Math.pow(q, 8 * k);
      double c0 = 1.0;
      double c1 = k1a + k1b * msquared;
      double c2 = k2a + k2b * msquared + k2c * mfour;
      double c3 = k3a + k3b * msquared + k3c * mfour + k3d * msix;
      kk[0] = kk[0] * qpower + c0;
      kk[1] = kk[1] * qpower + c1;
      kk[2] = kk[2] * qpower + c2;
      kk[3] = kk[3] * qpower + c3;
    }
    double[] div = {z, 6 * zfour, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
    for (int i = 0; i < 4; i++) {
      kk[i] = kk[i] * q * SQRT2PI / div[i];
    }
    double q2 = Math.exp(-PI_SQUARED / 2 / zsquared);
    double k2extra = 0;
    double k3extra = 0;
    double sqrt3z = SQRT3 * z;
    for (int k = maxk; k > 0; k--) {
      double ksq = (double) k * k;
      double qp = Math.pow(q2, ksq);
      double kspi = Math.PI * k;
      k2extra += ksq * qp;
      k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
    }
    kk[2] += k2extra * PI_SQUARED * SQRT2PI / (-36 * zthree);
    kk[3] += k3extra * PI_SQUARED * SQRT2PI / (216 * zsix);
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += kk[i] / Math.pow(n, i / 2.0);
    }
    return sum;
  }

  /**
   * One-sided Smirnov survival function P(D_n^+ >= x) by the Birnbaum-Tingey sum, evaluated term
   * by term in log space (SciPy's {@code smirnov}; SciPy uses double-double arithmetic).
   */
  static double smirnovSf(int n, double x) {
    if (!(n > 0 && x >= 0.0 && x <= 1.0)) {
      return Double.NaN;
    }
    if (n == 1) {
      return 1 - x;
    }
    if (x == 0.0) {
      return 1.0;
    }
    if (x == 1.0) {
      return 0.0;
    }
    double nx = n * x;
    int nxfl = (int) Math.floor(nx);
    double alpha = nx - nxfl;
    if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
      double cdf = x * Math.pow(1 + x, n - 1);
      return 1 - cdf;
    }
    if (-2 * n * x * x < -708.39641853226408) {
      return 0.0;
    }
    if (nxfl >= n - 1) {
      return Math.pow(1 - x, n);
    }
    if (n > SMIRNOV_MAX_COMPUTE_N) {
      double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
      return logp < -Math.log(2) ? Math.exp(logp) : 1 + Math.expm1(logp);
    }
    int n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1);
    if (alpha == 0) {
      n1mxfl -= 1;
    }
    int nTerms = n1mxfl + 1;
    double sum;
    if (nTerms <= 20_000) {
      sum = lowerSumScan(n, x, nTerms);
    } else {
      sum = lowerSumFromMode(n, x, nTerms);
    }
    return clip(sum);
  }
}
