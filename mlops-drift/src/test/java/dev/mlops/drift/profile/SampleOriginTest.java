package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** What an estimate sample's rows are: said, persisted from format 10, merged truthfully. */
final class SampleOriginTest {

  /**
   * Version-9 bytes (main 8d4a2b7, before samples kept their origin): x0 = 0..3, plan A B A C
   * (categorical), P(1) 0.9 0.3 0.6 0.2, labels 1 1 0 0, as {@link #withPlan()} builds them.
   */
  private static final String VERSION_9 = "4d4c52500009000002650000000a00001000000003e800000004010004706c616e000000000000000000000000000000"
      + "000000000003000141000000000000000200014200000000000000010001430000000000000001000000000000000001"
      + "0001410100095f5f6c6162656c5f5f000000000000000000000000000000000000000002000130000000000000000200"
      + "013100000000000000020000000000000000020001310100027830010000000000000000000000000000000000000004"
      + "000130000000000000000100013100000000000000010001320000000000000001000133000000000000000101000000"
      + "00000000003ff000000000000040000000000000004008000000000000000000000000000100013001000e5f5f707265"
      + "64696374696f6e5f5f0100000000000000000000000000000000000000040003302e3200000000000000010003302e33"
      + "00000000000000010003302e3600000000000000010003302e390000000000000001013fc999999999999a3fd3333333"
      + "3333333fe33333333333333feccccccccccccd00000000000000010003302e3900000000000100000000000000000400"
      + "000002000278300004706c616e00000004910a2dec89025cc13fd3333333333333013ff00000000000007ff800000000"
      + "0000975835de1c9756ce3fe33333333333330040000000000000007ff8000000000000e220a8397b1dcdaf3feccccccc"
      + "cccccd0100000000000000007ff80000000000001d0b14e4db018fed3fc999999999999a0040080000000000007ff800"
      + "000000000000000000000000010000000100000003000141000142000143000000010000000000000000000000020047"
      + "c27cc2";

  /** The rows of {@link #VERSION_9}, built by today's builder. */
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

  /** 3 training rows' out-of-fold scores (2 folds) and 1 held-out row. */
  private static final SampleOrigin SAID = SampleOrigin.outOfFold(3, 2).withAligned(true)
      .plus(SampleOrigin.heldOut(1));

  @Test
  void version9Bytes_areStillRead_withTheOriginUnknown_andRewrittenAsVersion10() {
    ReferenceProfile old = ReferenceProfile.fromBytes(HexFormat.of().parseHex(VERSION_9));
    EstimateSample s = old.estimateSample().orElseThrow();

    assertThat(s.origin()).isEqualTo(SampleOrigin.unknown(4));
    assertThat(s.origin().describe()).isEqualTo("origin unknown");
    assertThat(old).isEqualTo(withPlan());
    assertThat(s.hasCategories()).isTrue();
    byte[] now = old.toBytes();
    assertThat(ByteBuffer.wrap(now).getShort(4)).isEqualTo((short) 10);
    assertThat(now).hasSize(VERSION_9.length() / 2 + EstimateSampleCodec.ORIGIN_BYTES);
    assertThat(ReferenceProfile.fromBytes(now)).isEqualTo(old);
  }

  @Test
  void origin_roundTripsInVersion10_andOlderLayoutsReadItAsUnknown() {
    ReferenceProfile p = withPlan();
    ReferenceProfile said = p.withEstimateSample(p.estimateSample().orElseThrow().withOrigin(SAID));
    byte[] bytes = said.toBytes();

    assertThat(bytes).hasSize((int) said.sizeInBytes());
    ReferenceProfile back = ReferenceProfile.fromBytes(bytes);
    assertThat(back).isEqualTo(said).isNotEqualTo(p);
    assertThat(back.estimateSample().orElseThrow().origin()).isEqualTo(SAID);
    assertThat(SAID.describe())
        .isEqualTo("3 training rows' out-of-fold scores (2 folds, aligned with the deployed model)"
            + " and 1 held-out row");
    // the same bytes as main's version 9 but for the version and the 20 origin bytes
    assertThat(ReferenceProfile.fromBytes(ProfileCodec.encode(said, 9))).isEqualTo(p);
    assertThat(HexFormat.of().formatHex(ProfileCodec.encode(said, 9))).isEqualTo(VERSION_9);
  }

  @Test
  void merge_addsTheCounts_andSaysWhenOriginsOrFoldsDiffer() {
    EstimateSample oof = sample(0, 300).withOrigin(SampleOrigin.outOfFold(300, 5));
    EstimateSample heldOut = sample(300, 100).withOrigin(SampleOrigin.heldOut(100));
    EstimateSample byHand = sample(400, 50);
    EstimateSample tenFolds = sample(450, 200).withOrigin(SampleOrigin.outOfFold(200, 10));

    assertThat(oof.merge(heldOut).origin()).isEqualTo(new SampleOrigin(100, 300, 5, 0));
    assertThat(oof.merge(heldOut).origin().describe())
        .isEqualTo("300 training rows' out-of-fold scores (5 folds) and 100 held-out rows");
    assertThat(heldOut.merge(byHand).origin().describe())
        .isEqualTo("100 held-out rows and 50 rows of unknown origin");
    assertThat(oof.merge(heldOut).merge(byHand).origin().describe()).isEqualTo(
        "300 training rows' out-of-fold scores (5 folds), 100 held-out rows and 50 rows of unknown"
            + " origin");
    assertThat(oof.merge(tenFolds).origin()).isEqualTo(new SampleOrigin(0, 500, -1, 0));
    assertThat(oof.merge(tenFolds).origin().describe())
        .isEqualTo("500 training rows' out-of-fold scores (folds differ: merged samples)");
    assertThat(oof.merge(oof).origin()).isEqualTo(SampleOrigin.outOfFold(600, 5));
    // lean's alignment of out-of-fold scores with the deployed model, said and merged
    EstimateSample aligned = sample(650, 100)
        .withOrigin(SampleOrigin.outOfFold(100, 5).withAligned(true));
    assertThat(aligned.origin().describe())
        .isEqualTo("100 training rows' out-of-fold scores (5 folds, aligned with the deployed model)");
    assertThat(aligned.merge(oof).origin().describe()).isEqualTo("400 training rows' out-of-fold"
        + " scores (5 folds, 100 of them aligned with the deployed model)");
    assertThatThrownBy(() -> SampleOrigin.heldOut(3).withAligned(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sample origin has no out-of-fold rows to align: 3 held-out rows");
    assertThat(byHand.merge(byHand).origin().describe()).isEqualTo("origin unknown");
    // what the merge keeps is counted over the union's population
    assertThat(oof.merge(byHand).offered()).isEqualTo(oof.merge(byHand).origin().rows());
  }

  @Test
  void withOrigin_mustCountTheOfferedRows() {
    EstimateSample s = sample(0, 10);
    assertThat(s.origin()).isEqualTo(SampleOrigin.unknown(10));
    assertThatThrownBy(() -> s.withOrigin(SampleOrigin.heldOut(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("estimate sample origin must count the 10 offered rows: 9 (9 held-out rows)");
    assertThatThrownBy(() -> SampleOrigin.outOfFold(10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sample origin folds must be in [2, 10] (or -1: mixed) for 10 out-of-fold"
            + " rows: 1");
    assertThatThrownBy(() -> new SampleOrigin(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("held-out rows must not be negative: -1");
    assertThatThrownBy(() -> new SampleOrigin(3, 0, 5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sample origin folds must be 0 without out-of-fold rows: 5");
    assertThatThrownBy(() -> new SampleOrigin(Long.MAX_VALUE, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sample origin rows must not overflow");
    assertThatThrownBy(() -> s.withOrigin(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void forgedOriginBytes_areRefused_withTheFieldAndValue() {
    ReferenceProfile p = withPlan();
    byte[] bytes = p.withEstimateSample(p.estimateSample().orElseThrow().withOrigin(SAID))
        .toBytes();
    // the tail: ... held-out i64 | out-of-fold i64 | folds i32 | calendar flag (1) | CRC (4)
    int at = bytes.length - 4 - 1 - EstimateSampleCodec.ORIGIN_BYTES;
    assertThat(ByteBuffer.wrap(bytes).getLong(at)).isEqualTo(1);
    assertThat(ByteBuffer.wrap(bytes).getLong(at + 8)).isEqualTo(3);
    assertThat(ByteBuffer.wrap(bytes).getInt(at + 16)).isEqualTo(2);
    assertThat(ByteBuffer.wrap(bytes).getLong(at + 20)).isEqualTo(3);

    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes, b -> b.putLong(at, 5))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("estimate sample origin held-out rows must be in [0, 4] (the rows"
            + " offered): 5");
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes, b -> b.putLong(at, -1))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("held-out rows must be in [0, 4] (the rows offered): -1");
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes,
        b -> b.putLong(at + 8, Long.MAX_VALUE))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("estimate sample origin out-of-fold rows must be in [0, 3] (the 4"
            + " rows offered less 1 held out): " + Long.MAX_VALUE);
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes,
        b -> b.putInt(at + 16, 7))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("estimate sample origin folds must be in [2, 3] (or -1: mixed) for 3"
            + " out-of-fold rows: 7");
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes,
        b -> b.putInt(at + 16, Integer.MIN_VALUE))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("folds must be in [2, 3] (or -1: mixed) for 3 out-of-fold rows: "
            + Integer.MIN_VALUE);
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(forged(bytes,
        b -> b.putLong(at + 20, 4))))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("estimate sample origin aligned rows must be in [0, 3] (the"
            + " out-of-fold rows): 4");
  }

  /** Rows {@code from} .. {@code from + n - 1} of one feature, by hand (origin unknown). */
  private static EstimateSample sample(int from, int n) {
    double[][] x = new double[n][1];
    double[] score = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = from + i;
      score[i] = ((from + i) % 10) / 10.0;
      y[i] = (from + i) % 2;
    }
    return EstimateSample.of(List.of("x"), x, score, y, false);
  }

  private static byte[] forged(byte[] bytes, java.util.function.Consumer<ByteBuffer> edit) {
    byte[] out = bytes.clone();
    edit.accept(ByteBuffer.wrap(out));
    CRC32C crc = new CRC32C();
    crc.update(out, 0, out.length - 4);
    ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
    return out;
  }
}
