package dev.mlops.drift.decision;

/**
 * Where the estimator's own chance is scored on a held-out tail ({@link Extrapolation}), the
 * reference row whose calibrated score and correction stand for a tail row's (thirteenth
 * session, "beyond"). Beyond the reference a tree model's probability stays at its edge leaves'
 * value, and the local correction at the reference's outermost rows' value: the estimator's own
 * chance of a row beyond is its chance at the edge. A held-out tail row's own score, though, was
 * given by a model that saw rows like it (the model was trained on the whole reference, tails
 * included), so scoring the own chance with it measured how well the model knows its tails, not
 * how well a flat continuation predicts rows beyond; on CheckerStreams' three-class streams the
 * own chance then won the tails and rows 3-4 sd beyond were estimated 0.15-0.23 low, where the
 * linear multinomial continuation it lost to was within 0.03. The tail row's score is therefore
 * taken from the rest's row nearest to it with the held-out feature brought to the tail's edge
 * (Euclidean over the standardised features), which is what a model that never saw the tail gives
 * there under a flat continuation. Stateless.
 */
final class TailEdge {

  private TailEdge() {}

  /**
   * For each tail row (in row order), the nearest row of the rest that predicts the same class
   * (its calibrated chance is of that class being right); the nearest of any class when none
   * does.
   *
   * @param design each row's standardised features ({@code null} for rows not fitted on)
   * @param rows the rows fitted on, ascending
   * @param tail whether each row is in the held-out tail
   * @param predicted each row's predicted class
   * @param j the held-out feature
   * @param edgeZ the tail's edge, standardised
   * @param size the number of tail rows
   * @return the nearest rest row's index, per tail row in row order
   */
  static int[] nearest(double[][] design, int[] rows, boolean[] tail, int[] predicted, int j,
      double edgeZ, int size) {
    int[] rest = new int[rows.length - size];
    int r = 0;
    for (int i : rows) {
      if (!tail[i]) {
        rest[r++] = i;
      }
    }
    int[] out = new int[size];
    int m = 0;
    for (int i : rows) {
      if (!tail[i]) {
        continue;
      }
      int best = nearest(design, rest, design[i], j, edgeZ, predicted, predicted[i]);
      out[m++] = best >= 0 ? best : nearest(design, rest, design[i], j, edgeZ, predicted, -1);
    }
    return out;
  }

  /**
   * The rest row nearest to {@code q} with feature {@code j} at {@code edgeZ}, among those
   * predicting {@code cls} ({@code -1}: any); {@code -1} when there is none.
   */
  private static int nearest(double[][] design, int[] rest, double[] q, int j, double edgeZ,
      int[] predicted, int cls) {
    int best = -1;
    double bestD = Double.POSITIVE_INFINITY;
    for (int t : rest) {
      if (cls >= 0 && predicted[t] != cls) {
        continue;
      }
      double[] z = design[t];
      double d = 0;
      for (int k = 0; k < q.length && d < bestD; k++) {
        double e = (k == j ? edgeZ : q[k]) - z[k];
        d += e * e;
      }
      if (d < bestD) {
        bestD = d;
        best = t;
      }
    }
    return best;
  }
}
