package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Segments of a reference sampled apart and merged give the one builder's estimate sample. */
final class SampleSegmentTest {

  /** Row i: two features, a score and a 0/1 label; every seventh row has no label. */
  private static Map<String, Object> row(SplittableRandom r, int i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", r.nextDouble());
    m.put("b", i % 11 == 0 ? null : r.nextDouble() * 3);
    m.put(ReferenceProfile.PREDICTION, r.nextDouble());
    m.put(ReferenceProfile.LABEL, i % 7 == 0 ? null : r.nextInt(2));
    return m;
  }

  @Test
  void segmentsMergedInAnyOrder_equalTheBuildersSample_whateverTheSplit() {
    int n = 13_000;
    SplittableRandom r = new SplittableRandom(3);
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (int i = 0; i < n; i++) {
      rows.add(row(r, i));
      b.add(rows.get(i));
    }
    EstimateSample whole = b.build().estimateSample().orElseThrow();
    assertThat(whole.rows()).isEqualTo(EstimateSample.CAPACITY);
    assertThat(whole.offered()).isEqualTo(n - (n + 6) / 7);

    int[][] splits = {{0, n}, {0, 1, 4_000, 4_001, n}, {0, 6_500, 12_999, n}};
    for (int[] cut : splits) {
      EstimateSample merged = null;
      for (int s = cut.length - 2; s >= 0; s--) {  // the last segment first
        SampleSegment segment = SampleSegment.startingAt(cut[s]);
        rows.subList(cut[s], cut[s + 1]).forEach(segment::add);
        EstimateSample part = segment.build().orElse(null);
        merged = part == null ? merged : merged == null ? part : merged.merge(part);
      }
      assertThat(merged).as("cut at %s", java.util.Arrays.toString(cut)).isEqualTo(whole);
    }
    // a segment numbered from another first row keeps other rows
    SampleSegment shifted = SampleSegment.startingAt(1);
    rows.forEach(shifted::add);
    assertThat(shifted.build()).isPresent().get().isNotEqualTo(whole);
  }

  @Test
  void aSegmentWithoutScoredRows_hasNoSample_andANegativeFirstRowIsRefused() {
    SampleSegment s = SampleSegment.startingAt(5);
    s.add(Map.of("a", 1.0, ReferenceProfile.PREDICTION, 0.3));
    assertThat(s.build()).isEmpty();
    assertThatThrownBy(() -> SampleSegment.startingAt(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segment's first row must not be negative: -1");
  }
}
