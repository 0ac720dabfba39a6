package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

final class ReferenceChunksTest {

  private static List<Map<String, Object>> rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("x", r.nextDouble() * 10);
      row.put("k", (double) r.nextInt(3)); // few distinct numbers: inferred categorical
      row.put("c", "cat" + r.nextInt(100)); // more categories than a chunk keeps
      rows.add(row);
    }
    return rows;
  }

  private static ReferenceProfile profile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    rows.forEach(b::add);
    return b.build();
  }

  @Test
  void chunksStayBounded_andDoubleInSize_asTheReferenceGrows() {
    ReferenceChunks small = profile(rows(1_000, 1)).chunks().orElseThrow();
    assertThat(small.chunkRows()).isEqualTo(64);
    assertThat(small.count()).isEqualTo(16); // 15 full chunks and the last 40 rows
    assertThat(small.rows(15)).isEqualTo(40);
    ReferenceChunks big = profile(rows(100_000, 2)).chunks().orElseThrow();
    assertThat(big.count()).isBetween(64, ReferenceChunks.MAX_CHUNKS);
    assertThat(big.chunkRows()).isEqualTo(1_024);
    assertThat(big.piece("x", 0).points()).hasSize(ReferenceChunks.POINTS);
    assertThat(big.piece("k", 0).categories()).containsOnlyKeys("0", "1", "2");
    assertThat(big.piece("c", 0).categories()).hasSize(ReferenceChunks.MAX_CATEGORIES);
    assertThat(big.piece("c", 0).count()).isEqualTo(1_024);
  }

  @Test
  void profilesDeclaredWithoutOrder_haveNoChunks_andMergesKeepChunksOnlyWhenBothSidesHaveThem() {
    ReferenceProfile cols = ReferenceProfile.builder().addColumn("x", new double[] {1, 2, 3})
        .build().withoutChunks();
    assertThat(cols.chunks()).isEmpty();
    ReferenceProfile a = profile(rows(640, 3));
    ReferenceProfile b = profile(rows(8_000, 4));
    ReferenceChunks merged = a.merge(b).chunks().orElseThrow();
    // 10 + 125 chunks of 64 rows: more than 128, so neighbours merge
    assertThat(merged.count()).isEqualTo(68);
    assertThat(merged.chunkRows()).isEqualTo(128);
    assertThat(merged.numeric("x", 0, merged.count()).count()).isEqualTo(8_640);
    assertThat(a.merge(a.withoutChunks()).chunks()).isEmpty();
  }

  @Test
  void aColumnOfAnotherLengthThanTheRows_isLeftOutOfTheChunks_theRowsKeepTheirOrder() {
    List<Map<String, Object>> rows = rows(1_000, 6);
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    rows.forEach(b::add);
    b.addColumn(ReferenceProfile.PREDICTION, new double[999]); // a held-out part's predictions
    ReferenceChunks c = b.build().chunks().orElseThrow();
    assertThat(c.columns()).containsExactly("x", "k", "c");
  }

  @Test
  void chunks_roundTripThroughBytes() {
    ReferenceProfile p = profile(rows(10_000, 5));
    byte[] bytes = p.toBytes();
    assertThat(bytes).hasSize((int) p.sizeInBytes());
    assertThat(ReferenceProfile.fromBytes(bytes)).isEqualTo(p);
  }

  @Test
  void forgedChunkCount_isRefusedWithATypedError() {
    ReferenceProfile p = ReferenceProfile.builder().numeric("x").add(Map.of("x", 1.5)).build();
    byte[] bytes = p.toBytes();
    // the chunks section: ... has chunks (1) | chunkRows i64 | n i32 | ...; n sits 4 + 8 + 4
    // bytes before the single row count, column count, column and piece: find it from the end
    // (then the estimate sample's and the calendar's flags, 1 byte each, false)
    int payloadEnd = bytes.length - 4 - 1 - 1;
    int pieceBytes = 8 + 8 + 8 + 4 + 8; // count, mean, m2, points, one point
    int columnBytes = 2 + 1 + 1 + pieceBytes; // name "x", kind, piece
    int n = payloadEnd - columnBytes - 4 - 8 - 4;
    assertThat(ByteBuffer.wrap(bytes).getInt(n)).isEqualTo(1);
    ByteBuffer.wrap(bytes).putInt(n, Integer.MAX_VALUE);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(bytes))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("invalid chunks header");
  }
}
