package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Regressor;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data of the regression tests on integer rows: rows 0 to 9, their targets and the linear
 * model p = 10 + 5 t (python: {@code t=np.arange(10.); y=np.array(TARGETS); p=10+5*t}).
 */
final class LinearRows {

  static final double[] TARGETS = {12, 14, 21, 24, 31, 33, 41, 44, 50, 58};
  static final Regressor<Integer> LINEAR = t -> 10 + 5.0 * t;

  private LinearRows() {}

  /** The rows 0 to 9. */
  static List<Integer> tens() {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(i);
    }
    return rows;
  }
}
