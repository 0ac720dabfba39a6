package dev.mlops.bench;

import dev.mlops.core.data.Table;
import java.util.SplittableRandom;

/**
 * Seeded regression data the serving benchmarks train on: standard Gaussian features {@code f0},
 * {@code f1}, ... and {@code y = sum of w_j * f_j + f0 * f1 + noise}, with {@code w_j = 2} for
 * every {@code strongEvery}-th feature (from {@code f0}) and 0.5 for the others, noise standard
 * Gaussian. The draws come from the caller's generator, row by row, so the caller can go on drawing
 * request rows from it.
 *
 * @param names the feature names {@code f0, f1, ...}, interned (as the keys of rows built from
 *     literals or parsed from JSON are)
 * @param columns the feature values, one array per feature
 * @param y the target
 */
public record SyntheticRegression(String[] names, double[][] columns, double[] y) {

  /**
   * Draws the data.
   *
   * @param random the generator to draw from
   * @param features how many features
   * @param rows how many rows
   * @param strongEvery which features get weight 2 (every this many, from the first)
   * @return the data
   */
  public static SyntheticRegression draw(SplittableRandom random, int features, int rows, int strongEvery) {
    String[] names = new String[features];
    for (int j = 0; j < features; j++) {
      names[j] = ("f" + j).intern();
    }
    double[][] x = new double[features][rows];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      double v = 0;
      for (int j = 0; j < features; j++) {
        x[j][i] = random.nextGaussian();
        v += (j % strongEvery == 0 ? 2.0 : 0.5) * x[j][i];
      }
      y[i] = v + x[0][i] * x[1][i] + random.nextGaussian();
    }
    return new SyntheticRegression(names, x, y);
  }

  /**
   * The data as a table: the features, then {@code y}.
   *
   * @return the table
   */
  public Table table() {
    Table.Builder table = Table.builder();
    for (int j = 0; j < names.length; j++) {
      table.numeric(names[j], columns[j]);
    }
    return table.numeric("y", y).build();
  }
}
