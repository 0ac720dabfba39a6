package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Two numeric fields exchanged upstream are named as a swap ({@link SwapCheck}), a clean window
 * or a real drift of one field is not.
 */
final class SwapCheckTest {

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** {@code age} about N(40, 10), {@code income} about N(3, 1), {@code z} N(0, 1). */
  private static double[] row(SplittableRandom r) {
    return new double[] {40 + 10 * gaussian(r), 3 + gaussian(r), gaussian(r)};
  }

  private static ReferenceProfile profile() {
    SplittableRandom r = new SplittableRandom(1);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("age", "income", "z");
    for (int i = 0; i < 5_000; i++) {
      double[] v = row(r);
      b.add(Map.of("age", v[0], "income", v[1], "z", v[2]));
    }
    return b.build();
  }

  /** Five windows of 500 rows, each row as {@code (age, income, z)} after {@code map}. */
  private static List<DriftReport> windows(java.util.function.UnaryOperator<double[]> map) {
    DriftMonitor m = DriftMonitor.builder(profile()).window(Window.tumblingCount(500)).history(5)
        .build();
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 2_500; i++) {
      double[] v = map.apply(row(r));
      m.record(Map.of("age", v[0], "income", v[1], "z", v[2]), null, null);
    }
    return m.history();
  }

  private static long swaps(List<DriftReport> reports) {
    return reports.stream().filter(d -> d.dataQuality().findings().stream()
        .anyMatch(f -> f.contains("look swapped"))).count();
  }

  @Test
  void twoFieldsExchanged_areNamedAsASwapInEveryWindow() {
    List<DriftReport> r = windows(v -> new double[] {v[1], v[0], v[2]});

    assertThat(r).hasSize(5);
    assertThat(r).allSatisfy(d -> assertThat(d.dataQuality().findings()).anySatisfy(f ->
        assertThat(f).startsWith("age and income look swapped: each window passes the other's "
            + "reference (age's window at normed Wasserstein").contains("from income's reference")
            .contains("inside the other's scale band")));
    // a data-quality finding of the report's text and JSON
    assertThat(r.get(0).toText()).contains("age and income look swapped");
    assertThat(r.get(0).toJson()).contains("age and income look swapped");
  }

  @Test
  void cleanWindows_andADriftOfOneField_areNoSwap() {
    assertThat(swaps(windows(v -> v))).isZero();
    // age moves to income's distribution, income stays: drift of age, no swap
    List<DriftReport> drift = windows(v -> new double[] {3 + (v[0] - 40) / 10, v[1], v[2]});
    assertThat(drift).allMatch(d -> d.feature("age").orElseThrow().drifted());
    assertThat(swaps(drift)).isZero();
  }
}
