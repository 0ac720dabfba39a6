package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Segments' runs joined in order give the longest runs the one-pass builder measures. */
final class ColumnRunsTest {

  private static final String[] CODES = {"a", "b", "c"};

  /**
   * Rows with long runs: a numeric code held for stretches (with missing and infinite values
   * inside), a categorical code likewise, a number that is rarely repeated.
   */
  private static List<Map<String, Object>> rows(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    double code = 0;
    String cat = "a";
    for (int i = 0; i < n; i++) {
      if (r.nextInt(40) == 0) {
        code = r.nextInt(4);
      }
      if (r.nextInt(25) == 0) {
        cat = CODES[r.nextInt(3)];
      }
      Map<String, Object> row = new LinkedHashMap<>();
      int k = r.nextInt(30);
      row.put("code", k == 0 ? null : k == 1 ? Double.NaN : k == 2 ? Double.POSITIVE_INFINITY
          : code);
      row.put("cat", r.nextInt(20) == 0 ? null : cat);
      row.put("x", (double) r.nextInt(50));
      rows.add(row);
    }
    return rows;
  }

  @Test
  void segmentsJoinedInOrder_haveTheBuildersLongestRuns_whereverTheyAreCut() {
    for (long seed = 1; seed <= 20; seed++) {
      List<Map<String, Object>> rows = rows(seed, 3_000);
      ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("cat");
      rows.forEach(b::add);
      ReferenceProfile whole = b.build();
      SplittableRandom r = new SplittableRandom(seed * 31);
      // cuts anywhere, including inside runs and next to each other
      List<Integer> cuts = new ArrayList<>(List.of(0));
      while (cuts.get(cuts.size() - 1) < rows.size()) {
        cuts.add(Math.min(rows.size(), cuts.get(cuts.size() - 1) + r.nextInt(400)));
      }
      ColumnRuns joined = ColumnRuns.empty();
      for (int i = 0; i + 1 < cuts.size(); i++) {
        ChunkSegment s = ChunkSegment.startingAt(0, Set.of("cat"));
        rows.subList(cuts.get(i), cuts.get(i + 1)).forEach(s::add);
        joined = joined.then(s.runs());
      }
      for (String f : List.of("code", "cat", "x")) {
        FeatureProfile p = whole.feature(f).orElseThrow();
        assertThat(joined.longestRun(f)).as("seed %d, %s", seed, f).isEqualTo(p.longestRun());
        assertThat(joined.longestRunValue(f)).as("seed %d, %s", seed, f)
            .contains(p.longestRunValue());
      }
    }
  }

  @Test
  void runsAcrossTheCut_join_andTiesKeepTheEarlierRun() {
    ChunkSegment left = ChunkSegment.startingAt(0, Set.of());
    ChunkSegment right = ChunkSegment.startingAt(0, Set.of());
    for (double v : new double[] {1, 1, 1, 2, 2}) {
      left.add(Map.of("v", v));
    }
    for (double v : new double[] {2, 3, 3, 3}) {
      right.add(Map.of("v", v));
    }
    ColumnRuns runs = left.runs().then(right.runs());
    // 1 x3, 2 x3 (joined across the cut), 3 x3: the first of the ties
    assertThat(runs.longestRun("v")).isEqualTo(3);
    assertThat(runs.longestRunValue("v")).contains("1");
    ChunkSegment more = ChunkSegment.startingAt(0, Set.of());
    more.add(Map.of("v", 3.0));
    assertThat(runs.then(more.runs()).longestRunValue("v")).contains("3");
    assertThat(ColumnRuns.empty().then(runs)).isEqualTo(runs);
    assertThat(runs.longestRun("absent")).isZero();

    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (double v : new double[] {5, 1, 1, 2, 2}) {
      b.add(Map.of("v", v));
    }
    ReferenceProfile p = b.build();
    ReferenceProfile applied = runs.then(more.runs()).applyTo(p);
    assertThat(applied.feature("v").orElseThrow().longestRun()).isEqualTo(4);
    assertThat(applied.feature("v").orElseThrow().longestRunValue()).isEqualTo("3");
    assertThat(p.feature("v").orElseThrow().longestRun()).isEqualTo(2); // unchanged
  }
}
