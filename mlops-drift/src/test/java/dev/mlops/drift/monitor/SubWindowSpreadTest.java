package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spread of a window's mean shift from sub-window chunks. Truths from NumPy / SciPy 1.17.1
 * ({@code /tmp/electricity/spread_truth.py}) on the same 10,000 values: SplitMix64 of the row
 * index, {@code (z >>> 11) 2^-53 - 0.5} ({@code noise}), plus {@code 0.5 sin(2 pi i / 3000)}
 * ({@code wander}); 39 sub-chunks of 256 rows, {@code y_j = (mean_j - mean) / std}; the one-way
 * ANOVA of the first 36 as 9 windows of 4 ({@code F = 4 sum (wm - mean(wm))^2 / 8 / (sum (y -
 * wm)^2 / 27)}, {@code scipy.stats.f.sf(F, 8, 27)}); {@code sd = sqrt(sum (y - mean(y))^2 / 38 / 4
 * max(1, F)) sqrt((N + w) / N) sqrt(w / k)} for {@code N = 10,000}, {@code w = 1,024}, {@code k =
 * 1,000}.
 */
final class SubWindowSpreadTest {

  private static final int N = 10_000;

  private static double splitMix(long i) {
    long z = (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53 - 0.5;
  }

  private static ReferenceChunks chunks() {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (int i = 0; i < N; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      double u = splitMix(i);
      row.put("noise", u);
      row.put("wander", u + 0.5 * Math.sin(2 * Math.PI * i / 3000));
      b.add(row);
    }
    ReferenceChunks c = b.build().chunks().orElseThrow();
    assertThat(c.chunkRows()).isEqualTo(128);
    assertThat(c.count()).isEqualTo(79); // 78 full chunks and 16 rows
    return c;
  }

  /** Windows of 8 chunks (1,024 rows) standing for live windows of 1,000 rows. */
  private static ChunkCalibration.Values windows() {
    double factor = Math.sqrt((N + 1024.0) / (N - 1024.0)) * Math.sqrt(1024 / 1000.0);
    assertThat(factor).isCloseTo(1.1214454639877733, within(1e-12));
    return new ChunkCalibration.Values(new double[9], 1024, 8, factor, null);
  }

  @Test
  void exchangeableSubChunks_giveTheirSpreadWithTheirDegreesOfFreedom() {
    SubWindowSpread.Spread s = SubWindowSpread.of(chunks(), "noise", windows(),
        -0.0052672380423679135, 0.2889299958770621);

    assertThat(s.subChunks()).isEqualTo(39);
    assertThat(s.subChunkRows()).isEqualTo(256);
    assertThat(s.df()).isEqualTo(38);
    assertThat(s.f()).isCloseTo(1.0050323967714634, within(1e-9));
    assertThat(s.pValue()).isCloseTo(0.4551432547808527, within(1e-9));
    assertThat(s.sd()).isCloseTo(0.027699317229821916, within(1e-9));
    assertThat(s.used()).isTrue();
    assertThat(s.describe()).contains("from 39 sub-chunks of 256 rows");
  }

  @Test
  void windowsThatWander_keepTheirOwnSpread() {
    // a slow sine: the windows' means vary far more than their sub-chunks say
    SubWindowSpread.Spread s = SubWindowSpread.of(chunks(), "wander", windows(),
        0.030520960428243562, 0.4566423169071011);

    assertThat(s.f()).isCloseTo(6.463858591022564, within(1e-9));
    assertThat(s.pValue()).isCloseTo(0.00010425567128662593, within(1e-9));
    assertThat(s.sd()).isCloseTo(1.045613700777013, within(1e-9));
    assertThat(s.used()).isFalse();
    assertThat(s.describe()).contains("from the windows");
  }

  @Test
  void windowsOfOneChunk_haveNoSubChunks() {
    ChunkCalibration.Values one = new ChunkCalibration.Values(new double[9], 128, 1, 1.0, null);

    assertThat(SubWindowSpread.of(chunks(), "noise", one, 0, 1)).isNull();
  }
}
