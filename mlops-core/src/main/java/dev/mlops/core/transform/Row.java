package dev.mlops.core.transform;

/** One row flowing through the fitted steps: a numeric and a categorical slot per column. */
final class Row {
  final double[] num;
  final String[] cat;

  Row(int width) {
    num = new double[width];
    cat = new String[width];
  }
}
