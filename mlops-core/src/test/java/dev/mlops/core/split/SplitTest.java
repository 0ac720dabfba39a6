package dev.mlops.core.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class SplitTest {

  private static Table table(int n) {
    double[] t = new double[n];
    String[] g = new String[n];
    String[] label = new String[n];
    for (int i = 0; i < n; i++) {
      t[i] = (n - i) / 2;          // descending time with ties in pairs
      g[i] = "g" + (i % 10);
      label[i] = i % 5 == 0 ? "rare" : "common";
    }
    return Table.builder().timestamp("t", t).categorical("g", g).categorical("label", label).build();
  }

  @Test
  void timeSplit_putsTheLatestRowsInTest_andKeepsTiesTogether() {
    Table data = table(101);
    SplitIndices s = Split.byTime("t").testFraction(0.2).apply(data, "label", 1);

    double maxTrain = Arrays.stream(s.train()).mapToDouble(i -> data.numeric(i, 0)).max().orElseThrow();
    double minTest = Arrays.stream(s.test()).mapToDouble(i -> data.numeric(i, 0)).min().orElseThrow();
    assertThat(maxTrain).isLessThan(minTest);
    assertThat(s.train().length + s.test().length).isEqualTo(101);
    assertThat(s.test().length).isBetween(20, 22);
  }

  @Test
  void stratifiedSplit_keepsTheClassShare() {
    Table data = table(200);
    SplitIndices s = Split.stratified().testFraction(0.25).apply(data, "label", 7);

    long rareInTest = Arrays.stream(s.test()).filter(i -> i % 5 == 0).count();
    assertThat(s.test()).hasSize(50);
    assertThat(rareInTest).isEqualTo(10);
  }

  @Test
  void groupSplit_neverSharesAGroup_andRandomSplitIsSeeded() {
    Table data = table(200);
    SplitIndices s = Split.byGroup("g").testFraction(0.3).apply(data, "label", 3);
    Set<String> trainGroups = new HashSet<>();
    for (int i : s.train()) {
      trainGroups.add(data.categorical(i, 1));
    }
    for (int i : s.test()) {
      assertThat(trainGroups).doesNotContain(data.categorical(i, 1));
    }
    assertThat(s.test()).hasSize(60);

    SplitIndices a = Split.random().apply(data, "label", 11);
    SplitIndices b = Split.random().apply(data, "label", 11);
    SplitIndices c = Split.random().apply(data, "label", 12);
    assertThat(a.test()).containsExactly(b.test()).hasSize(40);
    assertThat(c.test()).isNotEqualTo(a.test());
  }

  @Test
  void folds_partitionTheRows_andStratifiedFoldsBalanceClasses() {
    List<SplitIndices> folds = Folds.kFold(5, 23, 1);
    int[] all = folds.stream().flatMapToInt(f -> Arrays.stream(f.test())).sorted().toArray();
    assertThat(all).containsExactly(IntStream.range(0, 23).toArray());
    assertThat(folds).allSatisfy(f -> assertThat(f.train().length + f.test().length).isEqualTo(23));
    assertThat(folds).extracting(f -> f.test().length).containsOnly(4, 5);

    int[] labels = IntStream.range(0, 100).map(i -> i < 10 ? 1 : 0).toArray();
    assertThat(Folds.stratifiedKFold(5, labels, 2))
        .allSatisfy(f -> assertThat(Arrays.stream(f.test()).filter(i -> labels[i] == 1).count()).isEqualTo(2));
  }
}
