package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ChunkSegmentTest {

  /** Rows of an AR(1) numeric column, a categorical column and an inferred 0/1 column. */
  private static List<Map<String, Object>> rows(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    double s = 0;
    for (int i = 0; i < n; i++) {
      s = 0.9 * s + rnd.nextDouble() - 0.5;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("x", s);
      row.put("colour", "c" + rnd.nextInt(4));
      row.put("flag", (double) (i / 700 % 2));
      row.put(ReferenceProfile.LABEL, i % 3 == 0 ? null : s * 2);
      out.add(row);
    }
    return out;
  }

  @Test
  void chunkRowsFor_followsTheHalvingSchedule() {
    assertThat(ChunkSegment.chunkRowsFor(0)).isEqualTo(64);
    assertThat(ChunkSegment.chunkRowsFor(8_191)).isEqualTo(64);
    assertThat(ChunkSegment.chunkRowsFor(8_192)).isEqualTo(128);
    assertThat(ChunkSegment.chunkRowsFor(16_383)).isEqualTo(128);
    assertThat(ChunkSegment.chunkRowsFor(16_384)).isEqualTo(256);
    assertThat(ChunkSegment.chunkRowsFor(32_768)).isEqualTo(512);
    for (int n : new int[] {100, 8_191, 8_192, 20_000}) {
      ReferenceProfile.Builder b = ReferenceProfile.builder();
      rows(n, 1L).forEach(b::add);
      assertThat(b.build().chunks().orElseThrow().chunkRows())
          .as("%d rows", n).isEqualTo(ChunkSegment.chunkRowsFor(n));
    }
  }

  @Test
  void segmentsConcatenated_equalTheChunksOfTheWholeReference_acrossHalvings() {
    List<Map<String, Object>> all = rows(20_000, 7L); // halvings at rows 8,192 and 16,384
    ReferenceProfile.Builder whole = ReferenceProfile.builder().categorical("colour");
    all.forEach(whole::add);
    ReferenceProfile profile = whole.build();
    long size = ChunkSegment.chunkRowsFor(all.size());
    assertThat(size).isEqualTo(256);

    ReferenceChunks merged = null;
    int[] cuts = {0, 7 * 256, 40 * 256, 66 * 256, all.size()};
    for (int k = 0; k + 1 < cuts.length; k++) {
      ChunkSegment segment = ChunkSegment.startingAt(cuts[k], Set.of("colour"));
      all.subList(cuts[k], cuts[k + 1]).forEach(segment::add);
      ReferenceChunks part = segment.build(profile, all.size());
      merged = merged == null ? part : merged.merge(part);
    }

    assertThat(merged).isEqualTo(profile.chunks().orElseThrow());
    assertThat(profile.withoutChunks().withChunks(merged)).isEqualTo(profile);
  }

  @Test
  void aSegmentThatDoesNotStartAChunk_isRefused() {
    ReferenceProfile.Builder whole = ReferenceProfile.builder();
    List<Map<String, Object>> all = rows(1_000, 3L);
    all.forEach(whole::add);
    ReferenceProfile profile = whole.build();

    assertThatThrownBy(() -> ChunkSegment.startingAt(100, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segment's first row must start a chunk of 64 rows: 100");
    assertThatThrownBy(() -> ChunkSegment.startingAt(-1, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segment's first row must not be negative: -1");
    ChunkSegment tooLong = ChunkSegment.startingAt(960, Set.of());
    all.subList(0, 100).forEach(tooLong::add);
    assertThatThrownBy(() -> tooLong.build(profile, 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end within the 1000 rows: rows 960..1060");
    assertThatThrownBy(() -> profile.withChunks(ChunkSegment.startingAt(0, Set.of())
        .add(Map.of("other", 1.0)).build(ReferenceProfile.builder().add(Map.of("other", 1.0))
            .build(), 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chunked column must be in the profile: other");
  }
}
