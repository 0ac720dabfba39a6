package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The default profile stays within 64 KB per numeric feature; exact values are an opt-in. */
final class CompactProfileTest {

  private static double[] gaussian(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller: deterministic across JDKs
      x[i] = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
    return x;
  }

  @Test
  void defaultProfile_takesAtMost64KbPerNumericFeature_atAMillionRows() {
    double[] x = gaussian(1_000_000, 1);
    ReferenceProfile p = ReferenceProfile.builder().addColumn("x", x).build();
    NumericProfile f = (NumericProfile) p.feature("x").orElseThrow();
    assertThat(f.isExact()).isFalse();
    assertThat(f.count()).isEqualTo(1_000_000);
    assertThat(f.sizeInBytes()).isLessThanOrEqualTo(64 * 1024);
    assertThat(p.toBytes()).hasSize((int) p.sizeInBytes());
    assertThat(f.sample()).hasSize(ReferenceProfile.DEFAULT_EXACT_CAP);
    assertThat(f.normalizedRankError()).isLessThan(0.0075);
  }

  @Test
  void exactOptIn_keepsEveryValue_andShowsItsSize() {
    double[] x = gaussian(50_000, 2);
    ReferenceProfile p = ReferenceProfile.builder().exactValues().addColumn("x", x).build();
    NumericProfile f = (NumericProfile) p.feature("x").orElseThrow();
    assertThat(f.isExact()).isTrue();
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    assertThat(f.sortedValues()).containsExactly(sorted);
    assertThat(f.sizeInBytes()).isGreaterThan(8L * 50_000);
    assertThat(p.sizeInBytes()).isEqualTo(p.toBytes().length);
    assertThat(p.toString()).contains("bytes=" + p.sizeInBytes());
    assertThatThrownBy(() -> ReferenceProfile.builder().exactCap(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exact cap must be in [1, 2147483639]: 0");
  }

  @Test
  void sample_isAUniformSampleOfTheValues_andSurvivesBytesAndMerge() {
    double[] x = gaussian(100_000, 3);
    ReferenceProfile p = ReferenceProfile.builder().addColumn("x", x).build();
    NumericProfile f = (NumericProfile) p.feature("x").orElseThrow();
    double[] s = f.sample();
    assertThat(s).hasSize(4096).isSorted();
    // the sample's mean is within 4 standard errors of the population mean (sd 1 / sqrt(4096))
    assertThat(Arrays.stream(s).average().orElseThrow()).isCloseTo(f.mean(), offset(4 / 64.0));
    // every sampled value is one of the data's values
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    for (double v : s) {
      assertThat(Arrays.binarySearch(sorted, v)).isNotNegative();
    }
    ReferenceProfile back = ReferenceProfile.fromBytes(p.toBytes());
    assertThat(back).isEqualTo(p);
    // a merge of a low half and a high half draws from both in proportion to their counts
    double[] low = Arrays.copyOfRange(sorted, 0, 30_000);
    double[] high = Arrays.copyOfRange(sorted, 30_000, 100_000);
    ReferenceProfile a = ReferenceProfile.builder().addColumn("x", low).build();
    ReferenceProfile b = ReferenceProfile.builder().addColumn("x", high).build();
    NumericProfile m = (NumericProfile) a.merge(b).feature("x").orElseThrow();
    double[] ms = m.sample();
    assertThat(ms).hasSize(4096);
    long fromLow = Arrays.stream(ms).filter(v -> v <= low[low.length - 1]).count();
    // hypergeometric: 0.3 * 4096 = 1229 expected, standard deviation about 29
    assertThat(fromLow).isBetween(1229L - 120, 1229L + 120);
  }

  @Test
  void version1Bytes_areStillRead() {
    ReferenceProfile p = ReferenceProfile.builder().addColumn("x", gaussian(1000, 4)).build()
        .withoutChunks();
    // exact features are encoded alike in versions 1 to 4; version 3 adds the calibrations,
    // version 4 the chunks
    byte[] v1 = ProfileCalibrationTest.olderVersion(p.toBytes(), 1);
    assertThat(ReferenceProfile.fromBytes(v1)).isEqualTo(p);
  }

  @Test
  void addColumns_inParallel_equalsAddingTheColumnsOneByOne() {
    java.util.Map<String, double[]> cols = new java.util.LinkedHashMap<>();
    for (int j = 0; j < 12; j++) {
      cols.put("f" + j, gaussian(j % 2 == 0 ? 3000 : 9000, 10 + j));
    }
    ReferenceProfile.Builder one = ReferenceProfile.builder().categorical("f3");
    cols.forEach(one::addColumn);
    ReferenceProfile parallel = ReferenceProfile.builder().categorical("f3").addColumns(cols)
        .build();
    ReferenceProfile sequential = one.build();
    assertThat(parallel.featureNames()).isEqualTo(sequential.featureNames());
    for (String f : sequential.featureNames()) {
      FeatureProfile s = sequential.feature(f).orElseThrow();
      FeatureProfile p = parallel.feature(f).orElseThrow();
      assertThat(p.type()).as(f).isEqualTo(s.type());
      assertThat(p.count()).as(f).isEqualTo(s.count());
      if (s instanceof NumericProfile sn && sn.isExact()) {
        assertThat(p).as(f).isEqualTo(s);
      } else if (s instanceof NumericProfile sn) {
        // KLL compaction is randomised: the same count, moments and sample seed
        NumericProfile pn = (NumericProfile) p;
        assertThat(pn.mean()).as(f).isEqualTo(sn.mean());
        assertThat(pn.sample()).as(f).containsExactly(sn.sample());
      }
    }
  }
}
