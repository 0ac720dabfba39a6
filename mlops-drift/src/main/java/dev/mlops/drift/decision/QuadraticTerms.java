package dev.mlops.drift.decision;

import java.util.Arrays;

/**
 * The terms of {@link OutcomeModel}'s quadratic logistic model: the standardised features, then
 * products {@code z_a z_b} ({@code a <= b}) in the order of {@code a}, then {@code b}. Up to
 * {@value Extrapolation#MAX_PRODUCT_FEATURES} features every square and pairwise product (the
 * same terms, in the same order, as {@link Extrapolation.Form#QUADRATIC}); beyond, every square
 * and the {@value #MAX_PRODUCTS} pairwise products that most improve a linear logistic model of
 * the label, ranked by their score (Rao) statistic on the reference (twelfth session,
 * "relevance": before, beyond 6 features the form took squares only and could not hold an
 * interaction of two features). The score statistic of a product {@code t} against the fitted
 * linear model is {@code sum over classes of (sum_i (y_ic - p_ic) t_i)^2 / sum_i p_ic (1 - p_ic)
 * t_i^2}, one pass over the rows per product, no fit. Immutable and thread-safe.
 */
final class QuadraticTerms {

  /** Most pairwise products taken beyond {@value Extrapolation#MAX_PRODUCT_FEATURES} features. */
  static final int MAX_PRODUCTS = Extrapolation.MAX_PRODUCT_FEATURES
      * (Extrapolation.MAX_PRODUCT_FEATURES - 1) / 2;

  private final int width;
  private final int[] first;
  private final int[] second;

  private QuadraticTerms(int width, int[] first, int[] second) {
    this.width = width;
    this.first = first;
    this.second = second;
  }

  /** Every square and pairwise product of {@code width} features. */
  static QuadraticTerms all(int width) {
    int n = width * (width + 1) / 2;
    int[] a = new int[n];
    int[] b = new int[n];
    int k = 0;
    for (int i = 0; i < width; i++) {
      for (int j = i; j < width; j++) {
        a[k] = i;
        b[k++] = j;
      }
    }
    return new QuadraticTerms(width, a, b);
  }

  /**
   * The terms for {@code width} standardised features: all of them up to {@value
   * Extrapolation#MAX_PRODUCT_FEATURES} features, else the squares and the products of largest
   * score statistic against a linear model.
   *
   * @param width the number of features
   * @param z each row's standardised features ({@code null} rows are not used)
   * @param rows the rows the models are fitted on
   * @param y each row's class index
   * @param chances {@code chances[row][class]}: the linear model's chances of each class (binary:
   *     {@code chances[row][0]} is {@code P(y = 1)})
   * @return the terms
   */
  static QuadraticTerms select(int width, double[][] z, int[] rows, int[] y, double[][] chances) {
    if (width <= Extrapolation.MAX_PRODUCT_FEATURES) {
      return all(width);
    }
    int pairs = width * (width - 1) / 2;
    double[] statistic = new double[pairs];
    int[] pa = new int[pairs];
    int[] pb = new int[pairs];
    int k = 0;
    int classes = chances[rows[0]].length;
    for (int a = 0; a < width; a++) {
      for (int b = a + 1; b < width; b++) {
        double stat = 0;
        for (int c = 0; c < classes; c++) {
          double u = 0;
          double v = 0;
          for (int i : rows) {
            double t = z[i][a] * z[i][b];
            double p = chances[i][c];
            double target = classes == 1 ? y[i] : y[i] == c ? 1 : 0;
            u += (target - p) * t;
            v += p * (1 - p) * t * t;
          }
          stat += v > 0 ? u * u / v : 0;
        }
        statistic[k] = stat;
        pa[k] = a;
        pb[k++] = b;
      }
    }
    Integer[] order = new Integer[pairs];
    for (int i = 0; i < pairs; i++) {
      order[i] = i;
    }
    // largest statistic first; ties by position, so the choice does not depend on the sort
    Arrays.sort(order, (i, j) -> statistic[i] != statistic[j]
        ? Double.compare(statistic[j], statistic[i]) : Integer.compare(i, j));
    boolean[] taken = new boolean[pairs];
    for (int i = 0; i < Math.min(MAX_PRODUCTS, pairs); i++) {
      taken[order[i]] = true;
    }
    int n = width + Math.min(MAX_PRODUCTS, pairs);
    int[] first = new int[n];
    int[] second = new int[n];
    int m = 0;
    int q = 0;
    for (int a = 0; a < width; a++) {
      first[m] = a;
      second[m++] = a;
      for (int b = a + 1; b < width; b++) {
        if (taken[q++]) {
          first[m] = a;
          second[m++] = b;
        }
      }
    }
    return new QuadraticTerms(width, first, second);
  }

  /** The terms of a row's standardised features: themselves, then the chosen products. */
  double[] terms(double[] z) {
    double[] out = new double[width + first.length];
    System.arraycopy(z, 0, out, 0, width);
    for (int k = 0; k < first.length; k++) {
      out[width + k] = z[first[k]] * z[second[k]];
    }
    return out;
  }

  /** The number of product terms (squares included). */
  int products() {
    return first.length;
  }

  /** The chosen products as {@code "a*b"} feature indices (for reports and tests). */
  String describe() {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < first.length; k++) {
      if (first[k] != second[k]) {
        s.append(s.length() == 0 ? "" : ", ").append(first[k]).append('*').append(second[k]);
      }
    }
    return s.toString();
  }
}
