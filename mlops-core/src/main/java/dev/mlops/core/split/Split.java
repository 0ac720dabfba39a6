package dev.mlops.core.split;

import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How a pipeline holds out its test rows: random, stratified by the target, time-ordered, or
 * group-aware; seeded where randomness is involved.
 *
 * <pre>{@code
 * Split s = Split.byTime("dteday").testFraction(0.2);   // the latest 20% of rows are the test set
 * Split r = Split.random().testFraction(0.25);          // seeded by the pipeline's seed
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Split {

  private enum Kind { RANDOM, STRATIFIED, TIME, GROUP }

  private final Kind kind;
  private final String column;
  private final double testFraction;

  private Split(Kind kind, String column, double testFraction) {
    this.kind = kind;
    this.column = column;
    this.testFraction = testFraction;
  }

  /**
   * A seeded random split (default test fraction 0.2).
   *
   * @return the split
   */
  public static Split random() {
    return new Split(Kind.RANDOM, null, 0.2);
  }

  /**
   * A seeded split that keeps each target class's share in both parts (the pipeline's target;
   * default test fraction 0.2).
   *
   * @return the split
   */
  public static Split stratified() {
    return new Split(Kind.STRATIFIED, null, 0.2);
  }

  /**
   * A time-ordered split: rows sorted by a timestamp (or numeric) column, the latest ones are the
   * test set; ties at the boundary all go to the test set so no instant is in both.
   *
   * @param column the time column
   * @return the split
   */
  public static Split byTime(String column) {
    return new Split(Kind.TIME, Objects.requireNonNull(column, "column"), 0.2);
  }

  /**
   * A group-aware split: every row of a group (e.g. a customer id) lands on the same side;
   * groups are shuffled with the seed.
   *
   * @param column the group column
   * @return the split
   */
  public static Split byGroup(String column) {
    return new Split(Kind.GROUP, Objects.requireNonNull(column, "column"), 0.2);
  }

  /**
   * The share of rows (or groups) held out for testing.
   *
   * @param fraction in (0, 1)
   * @return a new split
   */
  public Split testFraction(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("test fraction must be in (0, 1): " + fraction);
    }
    return new Split(kind, column, fraction);
  }

  /**
   * Tells whether this split orders rows by a time column.
   *
   * @return true for {@link #byTime(String)}
   */
  public boolean isTimeOrdered() {
    return kind == Kind.TIME;
  }

  /**
   * The test fraction.
   *
   * @return the fraction
   */
  public double testFraction() {
    return testFraction;
  }

  /**
   * The time or group column, if any.
   *
   * @return the column or null
   */
  public String column() {
    return column;
  }

  /**
   * Splits a table.
   *
   * @param table the rows
   * @param target the target column (used by the stratified split)
   * @param seed the seed
   * @return the indices
   * @throws IllegalArgumentException if a column is missing, a time value is missing, or a part
   *     would be empty
   */
  public SplitIndices apply(Table table, String target, long seed) {
    int n = table.rowCount();
    SplitIndices s =
        switch (kind) {
          case RANDOM -> randomSplit(n, seed);
          case STRATIFIED -> stratifiedSplit(Labels.of(table, target), seed);
          case TIME -> timeSplit(table);
          case GROUP -> groupSplit(table, seed);
        };
    if (s.train().length == 0 || s.test().length == 0) {
      throw new IllegalArgumentException(
          "split " + this + " must leave rows on both sides: " + s.train().length + " train, "
              + s.test().length + " test of " + n + " rows");
    }
    return s;
  }

  private SplitIndices randomSplit(int n, long seed) {
    int[] perm = permutation(n, new SplittableRandom(seed));
    int nTest = (int) Math.round(n * testFraction);
    return sorted(Arrays.copyOfRange(perm, nTest, n), Arrays.copyOfRange(perm, 0, nTest));
  }

  private SplitIndices stratifiedSplit(int[] labels, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
    }
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (List<Integer> rows : byClass.values()) {
      int[] perm = permutation(rows.size(), rnd);
      int nTest = (int) Math.round(rows.size() * testFraction);
      for (int i = 0; i < perm.length; i++) {
        (i < nTest ? test : train).add(rows.get(perm[i]));
      }
    }
    return sorted(train.stream().mapToInt(Integer::intValue).toArray(), test.stream().mapToInt(Integer::intValue).toArray());
  }

  private SplitIndices timeSplit(Table table) {
    int c = table.indexOf(column);
    if (table.columns().get(c).type() == ColumnType.CATEGORICAL) {
      throw new IllegalArgumentException("time column must be a timestamp or numeric column: '" + column + "'");
    }
    int n = table.rowCount();
    double[] t = new double[n];
    for (int r = 0; r < n; r++) {
      t[r] = table.numeric(r, c);
      if (Double.isNaN(t[r])) {
        throw new IllegalArgumentException("time column '" + column + "' must have a value in every row: row " + r + " is missing");
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> t[i]).thenComparingInt(i -> i));
    int nTrain = n - (int) Math.round(n * testFraction);
    // Rows sharing the boundary instant go to the test side.
    while (nTrain > 0 && nTrain < n && t[order[nTrain - 1]] == t[order[nTrain]]) {
      nTrain--;
    }
    int[] train = new int[nTrain];
    int[] test = new int[n - nTrain];
    for (int i = 0; i < n; i++) {
      if (i < nTrain) {
        train[i] = order[i];
      } else {
        test[i - nTrain] = order[i];
      }
    }
    return sorted(train, test);
  }

  private SplitIndices groupSplit(Table table, long seed) {
    int c = table.indexOf(column);
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int r = 0; r < table.rowCount(); r++) {
      String g = table.columns().get(c).type() == ColumnType.CATEGORICAL
          ? table.categorical(r, c)
          : Double.toString(table.numeric(r, c));
      groups.computeIfAbsent(String.valueOf(g), k -> new ArrayList<>()).add(r);
    }
    List<List<Integer>> list = new ArrayList<>(groups.values());
    int[] perm = permutation(list.size(), new SplittableRandom(seed));
    int nTestGroups = (int) Math.round(list.size() * testFraction);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < perm.length; i++) {
      (i < nTestGroups ? test : train).addAll(list.get(perm[i]));
    }
    return sorted(train.stream().mapToInt(Integer::intValue).toArray(), test.stream().mapToInt(Integer::intValue).toArray());
  }

  static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  private static SplitIndices sorted(int[] train, int[] test) {
    Arrays.sort(train);
    Arrays.sort(test);
    return new SplitIndices(train, test);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + (column == null ? "" : "(" + column + ")")
        + "[test=" + testFraction + "]";
  }

  /** Integer class codes of a target column, for stratification. */
  static final class Labels {
    private Labels() {}

    static int[] of(Table table, String target) {
      int c = table.indexOf(target);
      int n = table.rowCount();
      Map<String, Integer> codes = new HashMap<>();
      int[] y = new int[n];
      for (int r = 0; r < n; r++) {
        String v = table.columns().get(c).type() == ColumnType.CATEGORICAL
            ? table.categorical(r, c)
            : Double.toString(table.numeric(r, c));
        y[r] = codes.computeIfAbsent(String.valueOf(v), k -> codes.size());
      }
      return y;
    }
  }
}
