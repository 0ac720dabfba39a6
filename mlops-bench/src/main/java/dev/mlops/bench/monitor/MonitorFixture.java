package dev.mlops.bench.monitor;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.SplittableRandom;

/** Seeded Gaussian data for the monitor benchmarks. */
final class MonitorFixture {

  private MonitorFixture() {}

  static String[] names(int features) {
    String[] names = new String[features];
    for (int f = 0; f < features; f++) {
      names[f] = "f" + f;
    }
    return names;
  }

  /** A profile of {@code features} numeric columns of {@code rows} N(0, 1) values. */
  static ReferenceProfile profile(int features, int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] names = names(features);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric(names);
    for (String name : names) {
      double[] col = new double[rows];
      for (int i = 0; i < rows; i++) {
        col[i] = gaussian(r);
      }
      b.addColumn(name, col);
    }
    return b.build();
  }

  /** {@code n} rows of {@code features} N(0, 1) values. */
  static double[][] rows(int n, int features, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] rows = new double[n][features];
    for (double[] row : rows) {
      for (int f = 0; f < features; f++) {
        row[f] = gaussian(r);
      }
    }
    return rows;
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
