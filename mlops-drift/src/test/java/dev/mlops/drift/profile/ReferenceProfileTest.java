package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected numbers from NumPy 2.4 with {@code x = gen(1000, 7919, 10007, 3, -1, 20)} where {@code
 * gen(n,a,m,scale,shift,r) = np.floor((((np.arange(1,n+1)*a) % m)/m*scale+shift)*r)/r}: {@code
 * x.mean(), x.std()}, edges {@code np.quantile(x, np.arange(1,10)/10)}, counts {@code
 * np.bincount(np.searchsorted(edges, x, side='right'))}.
 */
final class ReferenceProfileTest {

  static double[] gen(int n, long a, long m, double scale, double shift, int roundTo) {
    double[] x = new double[n];
    for (long i = 1; i <= n; i++) {
      double v = ((i * a) % m) / (double) m * scale + shift;
      x[(int) i - 1] = roundTo > 0 ? Math.floor(v * roundTo) / roundTo : v;
    }
    return x;
  }

  private static final double[] X = gen(1000, 7919, 10007, 3, -1, 20);

  @Test
  void numericProfile_hasNumpyMomentsQuantileEdgesAndBinCounts() {
    NumericProfile p = (NumericProfile) ReferenceProfile.builder().addColumn("x", X).build()
        .feature("x").orElseThrow();
    assertThat(p.type()).isEqualTo(FeatureType.NUMERIC);
    assertThat(p.count()).isEqualTo(1000);
    assertThat(p.mean()).isCloseTo(0.47670000000000007, offset(1e-14));
    assertThat(p.std()).isCloseTo(0.8651977288458402, offset(1e-14));
    assertThat(p.min()).isEqualTo(-1.0);
    assertThat(p.max()).isEqualTo(1.95);
    assertThat(p.isExact()).isTrue();
    double[] expectedEdges = {-0.7, -0.4099999999999995, -0.1, 0.18000000000000113, 0.475,
        0.7699999999999989, 1.0649999999999977, 1.3600000000000023, 1.6550000000000011};
    double[] edges = p.binEdges();
    assertThat(edges).hasSize(11);
    assertThat(edges[0]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(edges[10]).isEqualTo(Double.POSITIVE_INFINITY);
    for (int i = 0; i < 9; i++) {
      assertThat(edges[i + 1]).isCloseTo(expectedEdges[i], offset(1e-12));
    }
    assertThat(p.binCounts()).containsExactly(99, 101, 99, 101, 100, 100, 100, 100, 100, 100);
    double[] sorted = X.clone();
    Arrays.sort(sorted);
    assertThat(p.sortedValues()).containsExactly(sorted);
    assertThat(p.binIndex(-5)).isZero();
    assertThat(p.binIndex(99)).isEqualTo(9);
    assertThat(p.binIndex(-0.7)).isEqualTo(1);
    assertThat(p.binIndex(Double.NaN)).isEqualTo(-1);
  }

  @Test
  void rowsAndColumns_giveTheSameProfile() {
    ReferenceProfile.Builder rows = ReferenceProfile.builder();
    for (double v : X) {
      rows.add(Map.of("x", v));
    }
    NumericProfile byRows = (NumericProfile) rows.build().feature("x").orElseThrow();
    NumericProfile byColumn = (NumericProfile) ReferenceProfile.builder().addColumn("x", X).build()
        .feature("x").orElseThrow();
    assertThat(byRows.sortedValues()).containsExactly(byColumn.sortedValues());
    assertThat(byRows.binEdges()).containsExactly(byColumn.binEdges());
    assertThat(byRows.binCounts()).containsExactly(byColumn.binCounts());
    // Welford (rows) and a two-pass per chunk (columns) may differ in the last bits
    assertThat(byRows.mean()).isCloseTo(byColumn.mean(), offset(1e-15));
    assertThat(byRows.std()).isCloseTo(byColumn.std(), offset(1e-15));
  }

  @Test
  void missingAndNonFiniteValues_areCountedAndExcluded() {
    Map<String, Object> nullRow = new HashMap<>();
    nullRow.put("x", null);
    ReferenceProfile profile = ReferenceProfile.builder()
        .numeric("x")
        .add(Map.of("x", 1.0, "c", "a"))
        .add(nullRow)
        .add(Map.of("x", Double.NaN))
        .add(Map.of("x", Double.POSITIVE_INFINITY, "late", 3))
        .add(Map.of("x", 3.0))
        .build();
    NumericProfile x = (NumericProfile) profile.feature("x").orElseThrow();
    assertThat(x.count()).isEqualTo(2);
    assertThat(x.missing()).isEqualTo(2);
    assertThat(x.nonFinite()).isEqualTo(1);
    assertThat(x.mean()).isEqualTo(2.0);
    assertThat(x.total()).isEqualTo(5);
    CategoricalProfile c = (CategoricalProfile) profile.feature("c").orElseThrow();
    assertThat(c.missing()).isEqualTo(4); // absent from four rows
    FeatureProfile late = profile.feature("late").orElseThrow();
    assertThat(late.missing()).isEqualTo(4); // three rows before it appeared, one after
    assertThat(profile.rows()).isEqualTo(5);
  }

  @Test
  void numericWithFewDistinctValues_isInferredCategorical_unlessDeclared() {
    double[] codes = {1, 2, 2, 3, 3, 3, 4, 5, 5, 5};
    double[] six = {1, 2, 3, 4, 5, 6};
    ReferenceProfile p = ReferenceProfile.builder()
        .numeric("declared")
        .addColumn("codes", codes)
        .addColumn("six", six)
        .addColumn("declared", codes)
        .addColumn("names", new String[] {"b", "a", null, "b"})
        .build();
    CategoricalProfile c = (CategoricalProfile) p.feature("codes").orElseThrow();
    assertThat(c.inferred()).isTrue();
    assertThat(c.frequencies()).containsExactly(
        Map.entry("3", 3L), Map.entry("5", 3L), Map.entry("2", 2L), Map.entry("1", 1L),
        Map.entry("4", 1L));
    assertThat(p.feature("six").orElseThrow().type()).isEqualTo(FeatureType.NUMERIC);
    assertThat(p.feature("declared").orElseThrow().type()).isEqualTo(FeatureType.NUMERIC);
    CategoricalProfile names = (CategoricalProfile) p.feature("names").orElseThrow();
    assertThat(names.frequencies()).containsExactly(Map.entry("b", 2L), Map.entry("a", 1L));
    assertThat(names.missing()).isEqualTo(1);
    assertThat(CategoricalProfile.key(3.0)).isEqualTo("3");
    assertThat(CategoricalProfile.key(2.5)).isEqualTo("2.5");
    assertThat(c.indexOf(CategoricalProfile.key(5))).isEqualTo(1);
  }

  @Test
  void categoriesBeyondTopK_goToOther() {
    String[] v = {"a", "a", "a", "b", "b", "c", "d", null};
    CategoricalProfile p = (CategoricalProfile) ReferenceProfile.builder().topK(2)
        .addColumn("v", v).build().feature("v").orElseThrow();
    assertThat(p.categories()).containsExactly("a", "b");
    assertThat(p.counts()).containsExactly(3, 2);
    assertThat(p.other()).isEqualTo(2);
    assertThat(p.count()).isEqualTo(7);
    assertThat(p.missing()).isEqualTo(1);
  }

  @Test
  void constantFeature_getsBelowEqualAndAboveBins() {
    NumericProfile p = (NumericProfile) ReferenceProfile.builder().numeric("k")
        .addColumn("k", new double[] {4, 4, 4, 4}).build().feature("k").orElseThrow();
    assertThat(p.std()).isZero();
    assertThat(p.binCount()).isEqualTo(3);
    assertThat(p.binCounts()).containsExactly(0, 4, 0);
    assertThat(p.binIndex(3.9)).isZero();
    assertThat(p.binIndex(4)).isEqualTo(1);
    assertThat(p.binIndex(4.1)).isEqualTo(2);
  }

  @Test
  void featureWithNoValidValue_isDefined() {
    NumericProfile p = (NumericProfile) ReferenceProfile.builder().numeric("e")
        .addColumn("e", new double[] {Double.NaN, Double.NaN}).build().feature("e").orElseThrow();
    assertThat(p.count()).isZero();
    assertThat(p.missing()).isEqualTo(2);
    assertThat(p.mean()).isNaN();
    assertThat(p.binCounts()).containsExactly(0);
    assertThat(p.sortedValues()).isEmpty();
  }

  @Test
  void wrongValueType_namesFeatureRowAndValue() {
    ReferenceProfile.Builder b = ReferenceProfile.builder().add(Map.of("x", 1.0));
    assertThatThrownBy(() -> b.add(Map.of("x", "oops")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 'x' is numeric")
        .hasMessageContaining("row 1")
        .hasMessageContaining("'oops'");
    ReferenceProfile.Builder c = ReferenceProfile.builder().categorical("d");
    assertThatThrownBy(() -> c.add(Map.of("d", java.time.LocalDate.of(2026, 1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 'd' row 0")
        .hasMessageContaining("java.time.LocalDate");
    assertThatThrownBy(() -> ReferenceProfile.builder().bins(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bins must be in [1, 10000]: 0");
  }

  @Test
  void predictionAndLabel_arePartOfTheProfileButNotFeatures() {
    ReferenceProfile p = ReferenceProfile.builder()
        .addColumn("x", X)
        .addColumn(ReferenceProfile.PREDICTION, X)
        .addColumn(ReferenceProfile.LABEL, new double[] {0, 1, 1, 0})
        .build();
    assertThat(p.featureNames()).containsExactly("x");
    assertThat(p.prediction()).isPresent();
    assertThat(p.label().orElseThrow().type()).isEqualTo(FeatureType.CATEGORICAL);
    assertThat(ReferenceProfile.fromBytes(p.toBytes()).label()).isEqualTo(p.label());
  }

  @Test
  void mergeOfPartialProfiles_equalsTheProfileOfTheUnion_belowTheCap() {
    double[] first = Arrays.copyOfRange(X, 0, 400);
    double[] second = Arrays.copyOfRange(X, 400, 1000);
    String[] cats = {"a", "b", "a", "c", null, "a"};
    ReferenceProfile a = ReferenceProfile.builder().addColumn("x", first)
        .addColumn("c", Arrays.copyOfRange(cats, 0, 2)).build();
    ReferenceProfile b = ReferenceProfile.builder().addColumn("x", second)
        .addColumn("c", Arrays.copyOfRange(cats, 2, 6)).build();
    ReferenceProfile union = ReferenceProfile.builder().addColumn("x", X).addColumn("c", cats)
        .build();
    ReferenceProfile merged = a.merge(b);
    NumericProfile m = (NumericProfile) merged.feature("x").orElseThrow();
    NumericProfile u = (NumericProfile) union.feature("x").orElseThrow();
    assertThat(m.sortedValues()).containsExactly(u.sortedValues());
    assertThat(m.binEdges()).containsExactly(u.binEdges());
    assertThat(m.binCounts()).containsExactly(u.binCounts());
    assertThat(m.count()).isEqualTo(u.count());
    assertThat(m.mean()).isCloseTo(u.mean(), offset(1e-14));
    assertThat(m.std()).isCloseTo(u.std(), offset(1e-14));
    assertThat(merged.feature("c")).isEqualTo(union.feature("c"));
  }

  @Test
  void mergeOfInferredCategoricalAndNumericParts_isNumericLikeTheUnion() {
    double[] low = {1, 2, 2, 3};
    double[] high = {4, 5, 6, 7, 8, 9, 10};
    ReferenceProfile a = ReferenceProfile.builder().addColumn("v", low).build();
    assertThat(a.feature("v").orElseThrow().type()).isEqualTo(FeatureType.CATEGORICAL);
    ReferenceProfile b = ReferenceProfile.builder().addColumn("v", high).build();
    double[] all = new double[11];
    System.arraycopy(low, 0, all, 0, 4);
    System.arraycopy(high, 0, all, 4, 7);
    ReferenceProfile union = ReferenceProfile.builder().addColumn("v", all).build();
    NumericProfile merged = (NumericProfile) a.merge(b).feature("v").orElseThrow();
    NumericProfile u = (NumericProfile) union.feature("v").orElseThrow();
    assertThat(merged.sortedValues()).containsExactly(u.sortedValues());
    assertThat(merged.binCounts()).containsExactly(u.binCounts());
    assertThat(merged.mean()).isCloseTo(u.mean(), offset(1e-14));
  }

  @Test
  void mergeOfDeclaredAndInferredCategorical_staysCategorical() {
    ReferenceProfile a = ReferenceProfile.builder().categorical("code")
        .addColumn("code", new double[] {1, 2, 2}).build();
    ReferenceProfile b = ReferenceProfile.builder()
        .addColumn("code", new double[] {2, 3, 3, 3}).build();
    assertThat(b.feature("code").orElseThrow().inferred()).isTrue();
    CategoricalProfile m = (CategoricalProfile) a.merge(b).feature("code").orElseThrow();
    assertThat(m.inferred()).isFalse();
    assertThat(m.frequencies())
        .containsExactly(Map.entry("2", 3L), Map.entry("3", 3L), Map.entry("1", 1L));
  }

  @Test
  void mergeAboveTheCap_staysWithinTheSketchRankError() {
    double[] big = gen(30_000, 7919, 100003, 1, 0, 0);
    ReferenceProfile a = ReferenceProfile.builder().exactCap(1000)
        .addColumn("x", Arrays.copyOfRange(big, 0, 12_000)).build();
    ReferenceProfile b = ReferenceProfile.builder().exactCap(1000)
        .addColumn("x", Arrays.copyOfRange(big, 12_000, 30_000)).build();
    NumericProfile m = (NumericProfile) a.merge(b).feature("x").orElseThrow();
    assertThat(m.isExact()).isFalse();
    assertThat(m.count()).isEqualTo(30_000);
    double eps = m.normalizedRankError();
    assertThat(eps).isBetween(0.0, 0.02);
    double[] sorted = big.clone();
    Arrays.sort(sorted);
    for (double r : new double[] {0.1, 0.25, 0.5, 0.75, 0.9}) {
      double q = m.quantile(r);
      int rank = Arrays.binarySearch(sorted, q);
      double trueRank = (rank >= 0 ? rank : -rank - 1) / 30_000.0;
      assertThat(trueRank).as("rank of quantile %s", r).isCloseTo(r, offset(2 * eps));
    }
    long[] counts = m.binCounts();
    assertThat(Arrays.stream(counts).sum()).isEqualTo(30_000);
    for (long c : counts) {
      assertThat((double) c / 30_000).isCloseTo(0.1, offset(2 * eps));
    }
    assertThatThrownBy(m::sortedValues).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exact cap");
  }

  @Test
  void mergeOfDifferentSchemas_isRejected() {
    ReferenceProfile a = ReferenceProfile.builder().addColumn("x", X).build();
    ReferenceProfile b = ReferenceProfile.builder().addColumn("y", X).build();
    assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same features");
    ReferenceProfile c = ReferenceProfile.builder().bins(5).addColumn("x", X).build();
    assertThatThrownBy(() -> a.merge(c)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same configuration");
  }

  static ReferenceProfile sample() {
    Map<String, Object> row = new LinkedHashMap<>();
    ReferenceProfile.Builder b = ReferenceProfile.builder().exactCap(500);
    for (int i = 0; i < 800; i++) {
      row.put("x", X[i]);
      row.put("small", X[i] * 2);
      row.put("season", i % 3 == 0 ? "winter" : "summer");
      row.put("flag", i % 2);
      b.add(row);
    }
    return b.addColumn("exact", Arrays.copyOf(X, 100)).build();
  }

  @Test
  void roundTrip_throughBytesAndFiles_isLossless(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    ReferenceProfile p = sample();
    assertThat(((NumericProfile) p.feature("x").orElseThrow()).isExact()).isFalse();
    ReferenceProfile back = ReferenceProfile.fromBytes(p.toBytes());
    assertThat(back.allProfiles()).containsExactlyElementsOf(p.allProfiles());
    assertThat(back).isEqualTo(p);
    assertThat(back.allProfiles()).hasSize(5);
    java.nio.file.Path file = dir.resolve("profile.bin");
    p.writeTo(file);
    assertThat(ReferenceProfile.readFrom(file)).isEqualTo(p);
    assertThat(back.merge(back).rows()).isEqualTo(1600);
  }

  @Test
  void exactValues_areEncodedAsBigEndianDoublesInOrder_acrossBlockBoundaries() throws java.io.IOException {
    // 20,000 values: more than one 8,192-value block of the encoder.
    double[] values = gen(20_000, 7919, 100_003, 5, -2, 0);
    ReferenceProfile p = ReferenceProfile.builder().exactValues().addColumn("v", values).build();
    byte[] bytes = p.toBytes();

    double[] sorted = values.clone();
    Arrays.sort(sorted);
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(expected);
    out.writeInt(sorted.length);
    for (double v : sorted) {
      out.writeDouble(v);
    }
    byte[] run = expected.toByteArray();
    int at = -1;
    for (int i = 0; i + run.length <= bytes.length && at < 0; i++) {
      if (Arrays.equals(bytes, i, i + run.length, run, 0, run.length)) {
        at = i;
      }
    }
    assertThat(at).as("offset of the length-prefixed sorted values").isPositive();
    assertThat(ReferenceProfile.fromBytes(bytes)).isEqualTo(p);
  }

  @Test
  void everySingleByteCorruption_isRejectedWithATypedError() {
    byte[] bytes = sample().toBytes();
    for (int i = 0; i < bytes.length; i += Math.max(1, bytes.length / 400)) {
      byte[] bad = bytes.clone();
      bad[i] ^= 0x5A;
      assertThatThrownBy(() -> ReferenceProfile.fromBytes(bad))
          .as("flipped byte %d", i)
          .isInstanceOf(ProfileFormatException.class)
          .isInstanceOf(dev.mlops.metrics.MlopsException.class);
    }
  }

  @Test
  void truncatedNewerOrForeignBytes_areRejectedWithClearMessages() {
    byte[] bytes = sample().toBytes();
    for (int len : new int[] {0, 3, 13, bytes.length / 2, bytes.length - 1}) {
      assertThatThrownBy(() -> ReferenceProfile.fromBytes(Arrays.copyOf(bytes, len)))
          .isInstanceOf(ProfileFormatException.class)
          .hasMessageContaining("truncated");
    }
    byte[] newer = bytes.clone();
    newer[5] = 11; // version u16 at offset 4..5
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(newer))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("version 11 is newer");
    byte[] foreign = "{\"not\": \"a profile\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(foreign))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void featuresKeepTheirFirstSeenOrder() {
    ReferenceProfile p = ReferenceProfile.builder().categorical("z")
        .add(Map.of("b", 1.5)).addColumn("a", X).build();
    assertThat(p.featureNames()).isEqualTo(List.of("z", "b", "a"));
  }
}
