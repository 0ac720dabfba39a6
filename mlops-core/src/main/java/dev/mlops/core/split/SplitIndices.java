package dev.mlops.core.split;

/**
 * The rows of a train/test split, as 0-based row indices of the split table.
 *
 * <p>Immutable and thread-safe: the arrays are copied in and accessors return copies.
 *
 * @param train training rows, ascending
 * @param test test rows, ascending
 */
public record SplitIndices(int[] train, int[] test) {

  /**
   * Copies the arrays.
   */
  public SplitIndices {
    train = train.clone();
    test = test.clone();
  }

  /**
   * A copy of the training rows.
   *
   * @return the indices
   */
  @Override
  public int[] train() {
    return train.clone();
  }

  /**
   * A copy of the test rows.
   *
   * @return the indices
   */
  @Override
  public int[] test() {
    return test.clone();
  }
}
