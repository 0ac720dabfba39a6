package dev.mlops.core.pipeline;

import dev.mlops.core.data.Table;
import java.util.SplittableRandom;

/** Small seeded synthetic tables for tests. */
final class TestData {

  private TestData() {}

  /**
   * n rows: x1, x2 ~ U(0, 1), colour in {red, green, blue}, y = 3 x1 - 2 x2 + (colour == red ? 1 : 0)
   * + N(0, 0.1); label = "yes" when y > 0.5 else "no".
   */
  static Table mixed(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    String[] colour = new String[n];
    double[] y = new double[n];
    String[] label = new String[n];
    String[] colours = {"red", "green", "blue"};
    for (int i = 0; i < n; i++) {
      x1[i] = rnd.nextDouble();
      x2[i] = rnd.nextDouble();
      colour[i] = colours[rnd.nextInt(3)];
      double noise = 0.1 * gaussian(rnd);
      y[i] = 3 * x1[i] - 2 * x2[i] + (colour[i].equals("red") ? 1 : 0) + noise;
      label[i] = y[i] > 0.5 ? "yes" : "no";
    }
    return Table.builder()
        .numeric("x1", x1)
        .numeric("x2", x2)
        .categorical("colour", colour)
        .numeric("y", y)
        .categorical("label", label)
        .build();
  }

  static double gaussian(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
