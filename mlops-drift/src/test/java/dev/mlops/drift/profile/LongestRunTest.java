package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A profile keeps each column's longest constant run (in the order rows were added) and its value. */
final class LongestRunTest {

  private static ReferenceProfile profile(double[] x, String[] c) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x").categorical("c");
    for (int i = 0; i < x.length; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("x", x[i]);
      row.put("c", c[i]);
      b.add(row);
    }
    return b.build();
  }

  @Test
  void rowsAndColumns_giveTheLongestRunAndItsValue_missingValuesNeitherCountingNorBreakingIt() {
    double[] x = {1, 2, 2, Double.NaN, 2, 3, 3, 1};
    String[] c = {"a", "b", "b", "b", null, "a", "a", "b"};

    ReferenceProfile rows = profile(x, c);
    ReferenceProfile columns = ReferenceProfile.builder().numeric("x").categorical("c")
        .addColumn("x", x).addColumn("c", c).build();

    for (ReferenceProfile p : new ReferenceProfile[] {rows, columns}) {
      assertThat(p.feature("x").orElseThrow().longestRun()).isEqualTo(3);
      assertThat(p.feature("x").orElseThrow().longestRunValue()).isEqualTo("2");
      assertThat(p.feature("c").orElseThrow().longestRun()).isEqualTo(3);
      assertThat(p.feature("c").orElseThrow().longestRunValue()).isEqualTo("b");
    }
  }

  @Test
  void anInferredCategoricalColumn_keysItsRunLikeItsCategories() {
    ReferenceProfile p = ReferenceProfile.builder()
        .addColumn("holiday", new double[] {0, 0, 0, 0, 1, 1, 0, 0}).build();

    assertThat(p.feature("holiday").orElseThrow().type()).isEqualTo(FeatureType.CATEGORICAL);
    assertThat(p.feature("holiday").orElseThrow().longestRun()).isEqualTo(4);
    assertThat(p.feature("holiday").orElseThrow().longestRunValue()).isEqualTo("0");
  }

  @Test
  void theRun_survivesTheBinaryFormat_andAMergeKeepsTheLongerPartsRun() {
    ReferenceProfile first = profile(new double[] {5, 5, 1}, new String[] {"a", "b", "c"});
    ReferenceProfile second = profile(new double[] {7, 7, 7, 7, 2}, new String[] {"z", "z", "y", "x", "w"});

    ReferenceProfile read = ReferenceProfile.fromBytes(second.toBytes());
    assertThat(read.feature("x").orElseThrow().longestRun()).isEqualTo(4);
    assertThat(read.feature("x").orElseThrow().longestRunValue()).isEqualTo("7");

    ReferenceProfile merged = first.merge(second);
    assertThat(merged.feature("x").orElseThrow().longestRun()).isEqualTo(4);
    assertThat(merged.feature("x").orElseThrow().longestRunValue()).isEqualTo("7");
    assertThat(merged.feature("c").orElseThrow().longestRun()).isEqualTo(2);
    assertThat(merged.feature("c").orElseThrow().longestRunValue()).isEqualTo("z");
  }
}
