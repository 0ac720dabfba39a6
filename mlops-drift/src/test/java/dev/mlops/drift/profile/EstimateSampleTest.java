package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The profile's estimate sample: rows and columns line up, bounded, persisted and merged. */
final class EstimateSampleTest {

  /** Row i: x0 = i, x1 = -i, score (i mod 100) / 100, label i mod 2. */
  private static Map<String, double[]> columns(int n) {
    double[] x0 = new double[n];
    double[] x1 = new double[n];
    double[] score = new double[n];
    double[] label = new double[n];
    for (int i = 0; i < n; i++) {
      x0[i] = i;
      x1[i] = -i;
      score[i] = (i % 100) / 100.0;
      label[i] = i % 2;
    }
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("x0", x0);
    m.put("x1", x1);
    m.put(ReferenceProfile.PREDICTION, score);
    m.put(ReferenceProfile.LABEL, label);
    return m;
  }

  private static void assertRowsLineUp(EstimateSample s) {
    double[][] v = s.featureRows();
    double[] score = s.scores();
    int[] y = s.outcomes();
    int x0 = s.features().indexOf("x0");
    int x1 = s.features().indexOf("x1");
    for (int r = 0; r < s.rows(); r++) {
      int i = (int) v[r][x0];
      assertThat(v[r][x1]).isEqualTo(-i);
      assertThat(score[r]).isEqualTo((i % 100) / 100.0);
      assertThat(y[r]).isEqualTo(i % 2);
    }
  }

  private static Set<Double> indices(EstimateSample s) {
    Set<Double> out = new HashSet<>();
    int x0 = s.features().indexOf("x0");
    for (double[] row : s.featureRows()) {
      out.add(row[x0]);
    }
    return out;
  }

  @Test
  void columnsOfEqualLength_lineUpIntoRows_andTheSampleIsBoundedToTheSameRowsAsRowByRow() {
    Map<String, double[]> c = columns(25_000);
    EstimateSample byColumns = ReferenceProfile.builder().addColumns(c).build()
        .estimateSample().orElseThrow();
    assertThat(byColumns.topLabel()).isFalse();
    assertThat(byColumns.rows()).isEqualTo(EstimateSample.CAPACITY);
    assertThat(byColumns.offered()).isEqualTo(25_000);
    assertThat(byColumns.features()).containsExactly("x0", "x1");
    assertRowsLineUp(byColumns);

    ReferenceProfile.Builder rows = ReferenceProfile.builder();
    for (int i = 0; i < 25_000; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : c.entrySet()) {
        row.put(e.getKey(), e.getValue()[i]);
      }
      rows.add(row);
    }
    EstimateSample byRows = rows.build().estimateSample().orElseThrow();
    assertRowsLineUp(byRows);
    assertThat(indices(byRows)).isEqualTo(indices(byColumns));
  }

  @Test
  void predictionsOfAnotherLength_giveNoSample_andAConfidenceColumnIsNotProfiled() {
    Map<String, double[]> c = columns(1_000);
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    b.addColumn("x0", c.get("x0"));
    b.addColumn(ReferenceProfile.LABEL, c.get(ReferenceProfile.LABEL));
    b.addColumn(ReferenceProfile.PREDICTION, new double[] {0.2, 0.7});   // a held-out part
    assertThat(b.build().estimateSample()).isEmpty();

    ReferenceProfile top = ReferenceProfile.builder()
        .categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL)
        .addColumn("x0", c.get("x0"))
        .addColumn(ReferenceProfile.PREDICTION, new String[] {"a", "b", "a"})
        .addColumn(ReferenceProfile.LABEL, new String[] {"a", "a", "a"})
        .addColumn(ReferenceProfile.CONFIDENCE, new double[] {0.9, 0.6, 0.8})
        .build();
    assertThat(top.feature(ReferenceProfile.CONFIDENCE)).isEmpty();
    EstimateSample s = top.estimateSample().orElseThrow();
    assertThat(s.topLabel()).isTrue();
    assertThat(s.rows()).isEqualTo(3);
    // each row's confidence as score, whether its class was the label as outcome
    Map<Double, Integer> byScore = new LinkedHashMap<>();
    for (int r = 0; r < 3; r++) {
      byScore.put(s.scores()[r], s.outcomes()[r]);
    }
    assertThat(byScore).containsEntry(0.9, 1).containsEntry(0.6, 0).containsEntry(0.8, 1);
  }

  @Test
  void sample_roundTripsThroughBytes_version5IsStillRead_andAForgedRowCountIsRefused() {
    ReferenceProfile p = ReferenceProfile.builder().addColumns(columns(500)).build();
    assertThat(p.estimateSample()).isPresent();
    byte[] bytes = p.toBytes();
    assertThat(bytes.length).isEqualTo(p.sizeInBytes());
    assertThat(ReferenceProfile.fromBytes(bytes)).isEqualTo(p);
    assertThatThrownBy(() -> ProfileCodec.encode(p, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("estimate sample needs format version 6");
    ReferenceProfile old = p.withoutEstimateSample();
    assertThat(ReferenceProfile.fromBytes(ProfileCodec.encode(old, 5))).isEqualTo(old);

    // the sample's row count sits after: topLabel (1), offered (8), count (4), "x0", "x1"; the
    // calendar's flag (1 byte, false) follows the sample
    int rows = (int) (bytes.length - 4 - 1 - p.estimateSample().orElseThrow().sizeInBytes()
        + 1 + 8 + 4 + 4 + 4);
    assertThat(ByteBuffer.wrap(bytes).getInt(rows)).isEqualTo(500);
    ByteBuffer.wrap(bytes).putInt(rows, Integer.MAX_VALUE);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(bytes))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("estimate sample rows must be in [0, 10000]");
  }

  @Test
  void merge_keepsTheSmallestKeysOfBothSides_andSamplesOfDifferentKindsAreDropped() {
    EstimateSample a = ReferenceProfile.builder().addColumns(columns(8_000)).build()
        .estimateSample().orElseThrow();
    EstimateSample b = ReferenceProfile.builder().addColumns(columns(6_000)).build()
        .estimateSample().orElseThrow();
    EstimateSample m = a.merge(b);
    assertThat(m.offered()).isEqualTo(14_000);
    assertThat(m.rows()).isEqualTo(EstimateSample.CAPACITY);
    assertRowsLineUp(m);
    // row i of each side has key mix(i): both sides' rows of the 10,000 smallest keys are kept
    assertThat(indices(m)).isSubsetOf(indices(a)).isNotEmpty();

    EstimateSample top = EstimateSample.of(List.of("x0"), new double[][] {{1}}, new double[] {0.7},
        new int[] {1}, true);
    assertThatThrownBy(() -> a.merge(top)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same kind to merge: binary vs top-label");
    assertThatThrownBy(() -> EstimateSample.of(List.of("x0"), new double[][] {{1}},
        new double[] {1.5}, new int[] {1}, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("score must be in [0, 1]: 1.5 at row 0");
  }
}
