package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.HexFormat;
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

  /** Version-7 bytes (main 3eddb5d): x0 = 0..3, predicted 2 0 1 2, labels 2 1 1 0, top-label. */
  private static final String VERSION_7 = "4d4c52500007000001a30000000a00001000000003e80000000301000e5f5f70726564696374696f6e5f"
      + "5f0000000000000000000000000000000000000000030001320000000000000002000130000000000000"
      + "000100013100000000000000010000000000000000010001320100095f5f6c6162656c5f5f0000000000"
      + "000000000000000000000000000000030001310000000000000002000130000000000000000100013200"
      + "000000000000010000000000000000020001310100027830010000000000000000000000000000000000"
      + "000004000130000000000000000100013100000000000000010001320000000000000001000133000000"
      + "00000000010100000000000000003ff00000000000004000000000000000400800000000000000000000"
      + "00000001000130000000000001010000000000000004000000010002783000000004910a2dec89025cc1"
      + "3fe199999999999a003ff0000000000000975835de1c9756ce3fe6666666666666014000000000000000"
      + "e220a8397b1dcdaf3feccccccccccccd0100000000000000001d0b14e4db018fed3fe333333333333300"
      + "40080000000000000013f13164";

  /** The rows of {@link #VERSION_7}, built by today's builder (which keeps the classes). */
  private static ReferenceProfile threeClasses() {
    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL);
    String[] pred = {"2", "0", "1", "2"};
    String[] lab = {"2", "1", "1", "0"};
    double[] conf = {0.9, 0.55, 0.7, 0.6};
    for (int i = 0; i < 4; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("x0", (double) i);
      row.put(ReferenceProfile.PREDICTION, pred[i]);
      row.put(ReferenceProfile.LABEL, lab[i]);
      row.put(ReferenceProfile.CONFIDENCE, conf[i]);
      b.add(row);
    }
    return b.build().withoutChunks();
  }

  /** Each kept row's x0 with its predicted class and label, as text. */
  private static Map<Double, String> classesByRow(EstimateSample s) {
    Map<Double, String> out = new LinkedHashMap<>();
    int[] p = s.predictedClasses();
    int[] y = s.labelClasses();
    for (int r = 0; r < s.rows(); r++) {
      out.put(s.featureRows()[r][0], (p[r] < 0 ? "?" : s.classes().get(p[r])) + "/"
          + (y[r] < 0 ? "?" : s.classes().get(y[r])));
    }
    return out;
  }

  @Test
  void topLabelRows_keepTheirPredictedClassAndLabel_andRoundTripThroughTheCurrentVersion() {
    ReferenceProfile p = threeClasses();
    EstimateSample s = p.estimateSample().orElseThrow();
    assertThat(s.classes()).containsExactly("0", "1", "2");
    assertThat(classesByRow(s)).containsOnly(Map.entry(0.0, "2/2"), Map.entry(1.0, "0/1"),
        Map.entry(2.0, "1/1"), Map.entry(3.0, "2/0"));
    byte[] bytes = p.toBytes();
    assertThat(ByteBuffer.wrap(bytes).getShort(4)).isEqualTo((short) 10);
    assertThat(bytes.length).isEqualTo(p.sizeInBytes());
    assertThat(ReferenceProfile.fromBytes(bytes)).isEqualTo(p);
    assertThatThrownBy(() -> ProfileCodec.encode(p, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("classes need format version 8: 7");

    // the same rows given as columns, and as a held-out split scored apart
    ReferenceProfile byColumns = ReferenceProfile.builder()
        .categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL)
        .addColumn("x0", new double[] {0, 1, 2, 3})
        .addColumn(ReferenceProfile.PREDICTION, new String[] {"2", "0", "1", "2"})
        .addColumn(ReferenceProfile.LABEL, new String[] {"2", "1", "1", "0"})
        .addColumn(ReferenceProfile.CONFIDENCE, new double[] {0.9, 0.55, 0.7, 0.6})
        .build();
    assertThat(byColumns.estimateSample()).contains(s);
    EstimateSample apart = EstimateSample.topLabel(List.of("x0"),
        new double[][] {{0}, {1}, {2}, {3}}, new double[] {0.9, 0.55, 0.7, 0.6},
        new int[] {2, 0, 1, 2}, new int[] {2, 1, 1, 0});
    assertThat(apart).isEqualTo(s);
    assertThat(apart.outcomes()).containsExactly(s.outcomes());
  }

  @Test
  void version7Bytes_areStillRead_withTheClassesUnknown() {
    ReferenceProfile old = ReferenceProfile.fromBytes(HexFormat.of().parseHex(VERSION_7));
    EstimateSample s = old.estimateSample().orElseThrow();
    EstimateSample now = threeClasses().estimateSample().orElseThrow();
    assertThat(s.topLabel()).isTrue();
    assertThat(s.classes()).isEmpty();
    assertThat(s.predictedClasses()).containsOnly(-1);
    assertThat(s.labelClasses()).containsOnly(-1);
    assertThat(s.scores()).containsExactly(now.scores());
    assertThat(s.outcomes()).containsExactly(now.outcomes());
    assertThat(s.featureRows()).isDeepEqualTo(now.featureRows());
    // written again, it is version 8 and reads back equal; merged with a sample that knows its
    // classes, the old rows stay unknown
    assertThat(ReferenceProfile.fromBytes(old.toBytes())).isEqualTo(old);
    assertThat(ReferenceProfile.fromBytes(ProfileCodec.encode(old, 7))).isEqualTo(old);
    EstimateSample later = EstimateSample.topLabel(List.of("x0"), new double[][] {{9}},
        new double[] {0.8}, new int[] {3}, new int[] {3});
    EstimateSample merged = s.merge(later);
    assertThat(merged.classes()).containsExactly("3");
    assertThat(classesByRow(merged)).containsEntry(9.0, "3/3").containsEntry(0.0, "?/?");
  }

  @Test
  void merge_unitesTheClasses_inTheirOrder_whateverTheSide() {
    EstimateSample a = EstimateSample.topLabel(List.of("x0"), new double[][] {{0}, {1}},
        new double[] {0.9, 0.6}, new int[] {10, 2}, new int[] {10, 3});
    EstimateSample b = EstimateSample.of(List.of("x0"), new double[][] {{5}},
        new double[] {0.7}, new int[] {1}, true);
    ReferenceProfile named = ReferenceProfile.builder()
        .categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL)
        .addColumn("x0", new double[] {7, 8})
        .addColumn(ReferenceProfile.PREDICTION, new String[] {"cat", "2.0"})
        .addColumn(ReferenceProfile.LABEL, new String[] {"dog", "2"})
        .addColumn(ReferenceProfile.CONFIDENCE, new double[] {0.5, 0.8})
        .build();
    EstimateSample c = named.estimateSample().orElseThrow();
    assertThat(c.classes()).containsExactly("2", "cat", "dog");
    EstimateSample abc = a.merge(b).merge(c);
    assertThat(abc.classes()).containsExactly("2", "3", "10", "cat", "dog");
    assertThat(c.merge(b).merge(a).classes()).isEqualTo(abc.classes());
    assertThat(classesByRow(abc)).containsEntry(0.0, "10/10").containsEntry(1.0, "2/3")
        .containsEntry(5.0, "?/?").containsEntry(7.0, "cat/dog").containsEntry(8.0, "2/2");
    assertThat(ReferenceProfile.fromBytes(named.withEstimateSample(abc).toBytes())
        .estimateSample()).contains(abc);
  }

  /**
   * Version-8 bytes (main 2b08451, before the samples kept categorical values): x0 = 0..3, plan
   * A B A C (categorical), P(1) 0.9 0.3 0.6 0.2, labels 1 1 0 0.
   */
  private static final String VERSION_8 = "4d4c52500008000002400000000a00001000000003e800000004010004706c616e"
      + "0000000000000000000000000000000000000000030001410000000000000002000142000000000000000100014300"
      + "000000000000010000000000000000010001410100095f5f6c6162656c5f5f00000000000000000000000000000000"
      + "000000000200013000000000000000020001310000000000000002000000000000000002000131010002783001000000"
      + "000000000000000000000000000000000400013000000000000000010001310000000000000001000132000000000000"
      + "000100013300000000000000010100000000000000003ff0000000000000400000000000000040080000000000000000"
      + "00000000000100013001000e5f5f70726564696374696f6e5f5f01000000000000000000000000000000000000000400"
      + "03302e3200000000000000010003302e3300000000000000010003302e3600000000000000010003302e390000000000"
      + "000001013fc999999999999a3fd33333333333333fe33333333333333feccccccccccccd00000000000000010003302e"
      + "3900000000000100000000000000000400000002000278300004706c616e00000004910a2dec89025cc13fd333333333"
      + "3333013ff00000000000007ff8000000000000975835de1c9756ce3fe33333333333330040000000000000007ff80000"
      + "00000000e220a8397b1dcdaf3feccccccccccccd0100000000000000007ff80000000000001d0b14e4db018fed3fc999"
      + "999999999a0040080000000000007ff80000000000000000000000161efc24";

  /** The rows of {@link #VERSION_8}, built by today's builder (which keeps plan's levels). */
  private static ReferenceProfile withPlan() {
    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .categorical("plan", ReferenceProfile.LABEL);
    String[] plan = {"A", "B", "A", "C"};
    double[] p = {0.9, 0.3, 0.6, 0.2};
    String[] y = {"1", "1", "0", "0"};
    for (int i = 0; i < 4; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("x0", (double) i);
      row.put("plan", plan[i]);
      row.put(ReferenceProfile.PREDICTION, p[i]);
      row.put(ReferenceProfile.LABEL, y[i]);
      b.add(row);
    }
    return b.build().withoutChunks();
  }

  /** Each kept row's x0 with its plan, as text. */
  private static Map<Double, String> planByRow(EstimateSample s) {
    Map<Double, String> out = new LinkedHashMap<>();
    int j = s.features().indexOf("plan");
    for (int r = 0; r < s.rows(); r++) {
      out.put(s.featureRows()[r][0], String.valueOf(s.categoryRows()[r][j]));
    }
    return out;
  }

  @Test
  void categoricalValues_areKept_andRoundTripThroughVersion9_notThroughVersion8() {
    ReferenceProfile p = withPlan();
    EstimateSample s = p.estimateSample().orElseThrow();
    assertThat(s.features()).containsExactly("x0", "plan");
    assertThat(s.hasCategories()).isTrue();
    assertThat(planByRow(s)).containsOnly(Map.entry(0.0, "A"), Map.entry(1.0, "B"),
        Map.entry(2.0, "A"), Map.entry(3.0, "C"));
    for (double[] row : s.featureRows()) {
      assertThat(row[1]).isNaN();
    }
    byte[] bytes = p.toBytes();
    assertThat(ByteBuffer.wrap(bytes).getShort(4)).isEqualTo((short) 10);
    assertThat(bytes.length).isEqualTo(p.sizeInBytes());
    assertThat(ReferenceProfile.fromBytes(bytes)).isEqualTo(p);
    assertThatThrownBy(() -> ProfileCodec.encode(p, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("categorical values need format version 9: 8");
    // the same rows as columns, and scored apart with their levels
    ReferenceProfile byColumns = ReferenceProfile.builder()
        .categorical("plan", ReferenceProfile.LABEL)
        .addColumn("x0", new double[] {0, 1, 2, 3})
        .addColumn("plan", new String[] {"A", "B", "A", "C"})
        .addColumn(ReferenceProfile.PREDICTION, new double[] {0.9, 0.3, 0.6, 0.2})
        .addColumn(ReferenceProfile.LABEL, new String[] {"1", "1", "0", "0"})
        .build();
    assertThat(byColumns.estimateSample()).contains(s);
    EstimateSample apart = EstimateSample.of(List.of("x0", "plan"),
        new double[][] {{0, Double.NaN}, {1, Double.NaN}, {2, Double.NaN}, {3, Double.NaN}},
        new String[][] {{null, "A"}, {null, "B"}, {null, "A"}, {null, "C"}},
        new double[] {0.9, 0.3, 0.6, 0.2}, new int[] {1, 1, 0, 0}, false);
    assertThat(apart).isEqualTo(s);
  }

  @Test
  void version8Bytes_areStillRead_withoutCategories_asTheSameRows() throws java.io.IOException {
    ReferenceProfile old = ReferenceProfile.fromBytes(HexFormat.of().parseHex(VERSION_8));
    EstimateSample s = old.estimateSample().orElseThrow();
    EstimateSample now = withPlan().estimateSample().orElseThrow();

    assertThat(s.hasCategories()).isFalse();
    for (String[] row : s.categoryRows()) {
      assertThat(row).containsOnlyNulls();
    }
    assertThat(s).isEqualTo(now.withoutCategories());
    assertThat(ReferenceProfile.fromBytes(old.toBytes())).isEqualTo(old);
    assertThat(ReferenceProfile.fromBytes(ProfileCodec.encode(old, 8))).isEqualTo(old);
    // merged with a sample that keeps its levels, the old rows' plan stays unknown
    EstimateSample later = EstimateSample.of(List.of("plan", "x1"),
        new double[][] {{Double.NaN, 5}}, new String[][] {{"D", null}}, new double[] {0.4},
        new int[] {1}, false);
    EstimateSample merged = s.merge(later);
    assertThat(merged.features()).containsExactly("x0", "plan", "x1");
    assertThat(merged.rows()).isEqualTo(5);
    int d = 0;
    for (String[] row : merged.categoryRows()) {
      assertThat(row[0]).isNull();
      assertThat(row[2]).isNull();
      d += "D".equals(row[1]) ? 1 : 0;
      assertThat(row[1]).isIn(null, "D");
    }
    assertThat(d).isEqualTo(1);
    assertThat(EstimateSample.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(
        bytesOf(merged)))).categoryRows()).isDeepEqualTo(merged.categoryRows());
  }

  private static byte[] bytesOf(EstimateSample s) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try {
      EstimateSample.write(new java.io.DataOutputStream(b), s);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  @Test
  void forgedLevels_areRefused_withTheFieldAndValue() {
    byte[] bytes = withPlan().toBytes();
    // the tail: ... column count i32 | column i32 | level count i32 | "A" "B" "C" (3 bytes
    // each) | 4 rows x i32 | origin (20) | calendar flag (1) | CRC (4)
    int codes = bytes.length - 4 - 1 - EstimateSampleCodec.ORIGIN_BYTES - 4 * 4;
    int levels = codes - 3 * 3;
    int count = levels - 4;
    assertThat(ByteBuffer.wrap(bytes).getInt(count)).isEqualTo(3);
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes, b -> b.putInt(codes, 3))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("must have a level of categorical column 1 in [-1, 3): 3");
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes, b -> b.put(levels + 2, (byte) 'D'))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("levels must be distinct and in order: 'B' after 'D'");
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes, b -> b.putInt(count - 4, 7))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("categorical columns must be features in ascending order: 7");
  }

  /** The profile's bytes with the CRC recomputed after {@code edit}. */
  private static byte[] forged(byte[] bytes, java.util.function.Consumer<ByteBuffer> edit) {
    byte[] out = bytes.clone();
    edit.accept(ByteBuffer.wrap(out));
    CRC32C crc = new CRC32C();
    crc.update(out, 0, out.length - 4);
    ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
    return out;
  }

  @Test
  void forgedClasses_areRefused_withTheFieldAndValue() {
    ReferenceProfile p = threeClasses();
    byte[] bytes = p.toBytes();
    // the tail: ... class count i32 | "0" "1" "2" (3 bytes each) | 4 rows x (i32, i32) |
    // categorical column count i32 (0) | origin (20) | calendar flag (1) | CRC (4)
    int end = bytes.length - 4 - 1 - EstimateSampleCodec.ORIGIN_BYTES - 4;
    int rows = end - 4 * 8;
    int count = rows - 3 * 3 - 4;
    assertThat(ByteBuffer.wrap(bytes).getInt(count)).isEqualTo(3);
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes,
        b -> b.putInt(count, Integer.MAX_VALUE))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("estimate sample class count must be in [0, 8] for 4 top-label rows:"
            + " 2147483647");
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes, b -> b.putInt(count, 8))))
        .isInstanceOf(ProfileFormatException.class);
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes, b -> b.putInt(rows, 3))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("must have classes in [-1, 3): predicted 3");
    // a label equal to the predicted class contradicts a wrong row, another one a right row
    EstimateSample s = p.estimateSample().orElseThrow();
    int predicted = s.predictedClasses()[0];
    int contradicting = s.outcomes()[0] == 1 ? (predicted + 1) % 3 : predicted;
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes,
        b -> b.putInt(rows + 4, contradicting))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("row 0 has outcome " + s.outcomes()[0] + " but predicted class "
            + predicted + " and label " + contradicting);
    // the names out of order ("1" before "0")
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes,
        b -> b.put(count + 4 + 2, (byte) '1'))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("classes must be distinct and in order: '1' after '1'");
    // a binary sample naming classes (the class count before the categorical column count)
    ReferenceProfile binary = ReferenceProfile.builder().addColumns(columns(10)).build()
        .withoutChunks();
    byte[] bb = binary.toBytes();
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bb,
        b -> b.putInt(bb.length - 4 - 1 - EstimateSampleCodec.ORIGIN_BYTES - 4 - 4, 1))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("class count must be in [0, 0] for 10 binary rows: 1");
  }
}
