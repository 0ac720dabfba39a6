package dev.mlops.metrics.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class GroupCodesTest {

  @Test
  void keyFunction_numbersGroupsInOrderOfFirstAppearance() {
    GroupCodes g = GroupCodes.of(List.of(3, 1, 3, 7), k -> "k" + k);
    assertThat(g.groupNames()).containsExactly("k3", "k1", "k7");
    assertThat(g.rows()).isEqualTo(4);
    assertThat(g.groupOf(2)).isEqualTo("k3");
    assertThat(g.groupOf(3)).isEqualTo("k7");
    assertThatThrownBy(() -> g.groupOf(4)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void givenCodes_areCheckedOnce_namingTheFirstBadRow_andCopied() {
    assertThatThrownBy(() -> GroupCodes.of(new int[] {0, 1, -1, 9}, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("group code must be in [0, 2): row 2 has -1");
    assertThatThrownBy(() -> GroupCodes.of(new int[] {0}, List.of("a", "a")))
        .hasMessage("group names must be unique: [a, a]");
    int[] codes = {0, 1, 1};
    GroupCodes g = GroupCodes.of(codes, List.of("a", "b"));
    codes[1] = 0;
    assertThat(g.groupOf(1)).isEqualTo("b");
  }

  @Test
  void builderIntCodes_areCheckedWhenEvaluated_soACodeChangedAfterAddingIsRefused() {
    int[] codes = {0, 1, 1};
    GroupFairness.Builder b = GroupFairness.builder().predictions(new int[] {0, 1, 1}).attribute("g", codes,
        List.of("a", "b"));
    codes[2] = 2;
    assertThatThrownBy(b::evaluate).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group code must be in [0, 2): row 2 has 2");
  }

  @Test
  void encodedAttribute_givesTheSameEvaluationAsEveryOtherForm_withAndWithoutLabels() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 2_000;
    int[] y = new int[n];
    int[] p = new int[n];
    int[] codes = new int[n];
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      codes[i] = random.nextInt(5);
      names[i] = "g" + codes[i];
      y[i] = random.nextInt(2);
      p[i] = random.nextDouble() < 0.3 + 0.1 * codes[i] ? 1 : 0;
    }
    GroupCodes encoded = GroupCodes.of(names);
    for (int[] labels : new int[][] {y, null}) {
      GroupFairness.Builder once = GroupFairness.builder().predictions(p).attribute("g", encoded).bootstrap(0, 0.95, 1);
      GroupFairness.Builder strings = GroupFairness.builder().predictions(p).attribute("g", names).bootstrap(0, 0.95, 1);
      if (labels != null) {
        once.labels(labels);
        strings.labels(labels);
      }
      assertThat(once.evaluate()).isEqualTo(strings.evaluate());
    }
  }

  @Test
  void moreThan256Groups_areCountedExactly() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 20_000;
    int groups = 300;
    int[] y = new int[n];
    int[] p = new int[n];
    int[] codes = new int[n];
    long[] expected = new long[4 * groups];
    for (int i = 0; i < n; i++) {
      codes[i] = random.nextInt(groups);
      y[i] = random.nextInt(2);
      p[i] = random.nextInt(2);
      expected[4 * codes[i] + 2 * y[i] + p[i]]++;
    }
    List<String> names = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      names.add("g" + g);
    }
    assertThat(GroupCounts.count(GroupCodes.of(codes, names), y, p)).containsExactly(expected);
    assertThat(GroupCounts.count(GroupCodes.borrow(codes, names), y, p)).containsExactly(expected);
    int[] bad = p.clone();
    bad[n - 3] = 2;
    assertThatThrownBy(() -> GroupCounts.count(GroupCodes.of(codes, names), y, bad))
        .hasMessage("predicted must be 0 or 1: predicted[" + (n - 3) + "] = 2");
    int[] badCodes = codes.clone();
    badCodes[n - 5] = groups;
    assertThatThrownBy(() -> GroupCounts.count(GroupCodes.borrow(badCodes, names), y, p))
        .hasMessage("group code must be in [0, 300): row " + (n - 5) + " has 300");
    assertThatThrownBy(() -> GroupFairness.builder().predictions(new int[] {0, 1, 1}).labels(new int[] {1, 0, 2})
        .attribute("g", GroupCodes.of(new String[] {"a", "b", "a"})).evaluate())
        .hasMessage("labels must be 0 or 1: labels[2] = 2");
  }

  @Test
  void encodedAndBorrowedCodes_countEveryCell_withAndWithoutLabels() {
    // rows (code, label, decision); cell 4 * code + 2 * label + decision, counted by hand
    int[] codes = {0, 2, 1, 2, 2, 0, 1, 2, 0, 2};
    int[] y = {1, 0, 1, 1, 0, 0, 0, 1, 1, 0};
    int[] p = {1, 1, 0, 1, 0, 0, 1, 1, 0, 1};
    List<String> names = List.of("a", "b", "c");
    long[] labelled = {1, 0, 1, 1, 0, 1, 1, 0, 1, 2, 0, 2};
    long[] unlabelled = {2, 1, 0, 0, 1, 1, 0, 0, 1, 4, 0, 0};
    for (GroupCodes g : List.of(GroupCodes.of(codes, names), GroupCodes.borrow(codes, names))) {
      assertThat(GroupCounts.count(g, y, p)).containsExactly(labelled);
      assertThat(GroupCounts.count(g, null, p)).containsExactly(unlabelled);
    }
  }

  @Test
  void borrowedCodes_outOfRangeAnywhere_areRefusedNamingTheRow_beforeABadLabel() {
    List<String> names = List.of("a", "b", "c");
    int[] y = {0, 1, 0, 1};
    int[] p = {1, 1, 0, 0};
    // 3: just past the last group; 256 and 1027 would wrap onto group 0's cells; -1 and MIN_VALUE negative
    for (int bad : new int[] {3, 255, 256, 1027, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      int[] codes = {0, 2, bad, 1};
      for (int[] labels : new int[][] {y, null}) {
        assertThatThrownBy(() -> GroupCounts.count(GroupCodes.borrow(codes, names), labels, p))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("group code must be in [0, 3): row 2 has " + bad);
      }
      int[] badLabels = {0, 1, 0, 7};
      assertThatThrownBy(() -> GroupCounts.count(GroupCodes.borrow(codes, names), badLabels, p))
          .hasMessage("group code must be in [0, 3): row 2 has " + bad);
    }
    int[] codes = {0, 2, 1, 1};
    assertThatThrownBy(() -> GroupCounts.count(GroupCodes.borrow(codes, names), new int[] {0, 1, 0, 7}, p))
        .hasMessage("labels must be 0 or 1: labels[3] = 7");
    assertThatThrownBy(() -> GroupCounts.count(GroupCodes.borrow(codes, names), null, new int[] {0, 1, -1, 1}))
        .hasMessage("predicted must be 0 or 1: predicted[2] = -1");
  }

  @Test
  void encodedCodes_decodeToTheCodesGiven_andIntersectionsKeepTheirGroups() {
    int[] codes = {2, 0, 1, 2};
    GroupCodes g = GroupCodes.of(codes, List.of("a", "b", "c"));
    assertThat(g.codes()).containsExactly(2, 0, 1, 2);
    assertThat(g.groupOf(0)).isEqualTo("c");
    GroupCodes both = g.intersect(GroupCodes.of(new String[] {"x", "y", "x", "x"}));
    assertThat(both.groupNames()).containsExactly("c & x", "a & y", "b & x");
    assertThat(both.codes()).containsExactly(0, 1, 2, 0);
    assertThat(both.groupOf(3)).isEqualTo("c & x");
  }
}
