package dev.mlops.metrics.internal;

/**
 * The scores of a binary problem split by label, each side in row order. Not API.
 *
 * @param positives the scores of the rows labelled 1
 * @param negatives the scores of the other rows
 */
record ClassScores(double[] positives, double[] negatives) {

  /** Splits {@code scores} by {@code labels} (0/1, validated). */
  static ClassScores of(int[] labels, double[] scores) {
    int m = 0;
    for (int y : labels) {
      m += y;
    }
    double[] pos = new double[m];
    double[] neg = new double[labels.length - m];
    int pi = 0;
    int ni = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 1) {
        pos[pi++] = scores[i];
      } else {
        neg[ni++] = scores[i];
      }
    }
    return new ClassScores(pos, neg);
  }
}
