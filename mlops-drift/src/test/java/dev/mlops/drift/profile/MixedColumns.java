package dev.mlops.drift.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded ordered references of four numeric columns whose chunks test window forming: {@code ar}
 * (an AR(1) stream, continuous), {@code ties} (7 integers), {@code zeros} (signed zeros among few
 * values) and {@code gappy} (half-steps, missing in some rows, so its chunks hold unequal counts).
 */
public final class MixedColumns {

  private MixedColumns() {}

  /**
   * The profile of {@code rows} seeded rows.
   *
   * @param rows rows
   * @param seed the seed
   * @param present the share of rows holding a {@code gappy} value
   * @return the profile (with its chunks)
   */
  public static ReferenceProfile profile(int rows, long seed, double present) {
    SplittableRandom r = new SplittableRandom(seed);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("ties").numeric("zeros")
        .numeric("gappy").numeric("ar");
    double ar = 0;
    for (int i = 0; i < rows; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      ar = 0.95 * ar + 0.3 * r.nextGaussian();
      row.put("ar", ar);
      row.put("ties", (double) r.nextInt(7));
      row.put("zeros", new double[] {0.0, -0.0, 1.0, -1.0, 2.5}[r.nextInt(5)]);
      if (r.nextDouble() < present) {
        row.put("gappy", Math.rint(r.nextGaussian() * 4) / 2);
      }
      b.add(row);
    }
    return b.build();
  }
}
