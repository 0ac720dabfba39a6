package dev.mlops.metrics.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One sensitive attribute of a dataset encoded once: the group code of every row and the name of
 * every code. Encoding (mapping keys to codes, or checking and copying given codes) happens here,
 * once per dataset; each {@link GroupFairness} evaluation that takes the encoded attribute ({@link
 * GroupFairness.Builder#attribute(String, GroupCodes)}) then only counts — the way to evaluate
 * several models, thresholds or label sets of one large dataset.
 *
 * <pre>{@code
 * GroupCodes region = GroupCodes.of(applicants, Applicant::region);   // once per dataset
 * for (int[] decisions : decisionsOfEachModel) {
 *   FairnessEvaluation e = GroupFairness.builder().predictions(decisions).labels(repaid)
 *       .attribute("region", region).evaluate();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe (the codes are copied in and never handed out).
 */
public final class GroupCodes {

  /** Groups an attribute may have: 4 count cells each must index an array. */
  static final int MAX_GROUPS = 1 << 28;

  /** Encoded: each row's code times 4 (its group's first cell in a count table); borrowed: the caller's codes. */
  private final int[] values;
  private final List<String> names;
  private final boolean encoded;

  private GroupCodes(int[] values, List<String> names, boolean encoded) {
    if (names.size() > MAX_GROUPS) {
      throw new IllegalArgumentException("groups must be at most " + MAX_GROUPS + ": " + names.size());
    }
    this.values = values;
    this.names = names;
    this.encoded = encoded;
  }

  /**
   * Encodes group codes given by the caller (copied, then checked once).
   *
   * @param codes the group code of each row, in [0, groupNames.size())
   * @param groupNames the name of each code, unique
   * @return the encoded attribute
   * @throws NullPointerException if an argument or a name is null
   * @throws IllegalArgumentException if names repeat or a code is outside [0, groupNames.size()),
   *     naming the first such row
   */
  public static GroupCodes of(int[] codes, List<String> groupNames) {
    GroupCodes borrowed = borrow(codes, groupNames);
    int[] cells = codes.clone();
    checkRange(cells, borrowed.names.size());
    for (int i = 0; i < cells.length; i++) {
      cells[i] <<= 2;
    }
    return new GroupCodes(cells, borrowed.names, true);
  }

  /**
   * The caller's codes, not copied and not checked yet: the builder's {@code int[]} form, checked
   * when it is evaluated (so a code changed in between is still caught).
   */
  static GroupCodes borrow(int[] codes, List<String> groupNames) {
    Objects.requireNonNull(codes, "codes");
    List<String> names = List.copyOf(Objects.requireNonNull(groupNames, "groupNames"));
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("group names must be unique: " + names);
    }
    return new GroupCodes(codes, names, false);
  }

  private static void checkRange(int[] codes, int groups) {
    int last = groups - 1;
    int outOfRange = 0; // negative once any code is below 0 or above the last (reduction only: vectorised)
    for (int code : codes) {
      outOfRange |= code | (last - code);
    }
    if (outOfRange < 0) {
      for (int i = 0; i < codes.length; i++) {
        if (codes[i] < 0 || codes[i] > last) {
          throw new IllegalArgumentException("group code must be in [0, " + groups + "): row " + i + " has "
              + codes[i]);
        }
      }
    }
  }

  /**
   * Encodes one group name per row (codes in order of first appearance).
   *
   * @param groupOfRow the group of each row ({@code null} is a group named "null")
   * @return the encoded attribute
   * @throws NullPointerException if the array is null
   */
  public static GroupCodes of(String[] groupOfRow) {
    Objects.requireNonNull(groupOfRow, "groupOfRow");
    return of(Arrays.asList(groupOfRow), Function.identity());
  }

  /**
   * Encodes a key function of the rows (any type; the key's {@code String.valueOf} names the group;
   * codes in order of first appearance).
   *
   * @param rows the rows, in the order of the decisions to evaluate
   * @param key the attribute of a row
   * @param <T> the row type
   * @return the encoded attribute
   * @throws NullPointerException if an argument is null
   */
  public static <T> GroupCodes of(List<T> rows, Function<? super T, ?> key) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(key, "key");
    Map<String, Integer> codeOf = new HashMap<>();
    List<String> names = new ArrayList<>();
    int[] cells = new int[rows.size()];
    int i = 0;
    for (T row : rows) {
      cells[i++] = codeOf.computeIfAbsent(String.valueOf(key.apply(row)), group -> {
        names.add(group);
        return names.size() - 1;
      }) << 2;
    }
    return new GroupCodes(cells, List.copyOf(names), true);
  }

  /**
   * Returns the number of rows.
   *
   * @return the rows encoded
   */
  public int rows() {
    return values.length;
  }

  /**
   * Returns the group names in code order.
   *
   * @return the name of each code
   */
  public List<String> groupNames() {
    return names;
  }

  /**
   * Returns the group of one row.
   *
   * @param row the row index
   * @return its group's name
   * @throws IndexOutOfBoundsException if the row is not in [0, rows())
   */
  public String groupOf(int row) {
    Objects.checkIndex(row, values.length);
    return names.get(encoded ? values[row] >> 2 : values[row]);
  }

  /**
   * The group code of every row, every one in [0, groupNames().size()): borrowed codes are checked
   * (and not copied: never to be written), encoded ones decoded into a new array.
   *
   * @throws IllegalArgumentException naming the first row whose borrowed code is out of range
   */
  int[] codes() {
    if (!encoded) {
      checkRange(values, names.size());
      return values;
    }
    int[] codes = new int[values.length];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = values[i] >> 2;
    }
    return codes;
  }

  /** Whether {@link #values()} are checked codes times 4 (else the caller's codes, unchecked). */
  boolean encoded() {
    return encoded;
  }

  /** The array held (never to be written): codes times 4 if {@link #encoded()}, else the caller's codes. */
  int[] values() {
    return values;
  }

  /** The intersection with another attribute of the same rows: groups {@code "a & b"}, in order of first appearance. */
  GroupCodes intersect(GroupCodes other) {
    if (other.values.length != values.length) {
      throw new IllegalArgumentException("intersected attributes must have one value per row each: "
          + values.length + " and " + other.values.length);
    }
    int[] mine = codes();
    int[] theirs = other.codes();
    long width = other.names.size();
    Map<Long, Integer> codeOf = new HashMap<>();
    List<String> both = new ArrayList<>();
    int[] out = new int[mine.length];
    for (int i = 0; i < mine.length; i++) {
      int a = mine[i];
      int b = theirs[i];
      out[i] = codeOf.computeIfAbsent(a * width + b, pair -> {
        both.add(names.get(a) + " & " + other.names.get(b));
        return both.size() - 1;
      }) << 2;
    }
    return new GroupCodes(out, List.copyOf(both), true);
  }
}
