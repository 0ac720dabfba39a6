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
        assertThat(f).startsWith("age and income look swapped: age's window is at normed "
            + "Wasserstein").contains("from income's reference and")
            .contains("a swap needs each under 0.75 of its own")));
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

  @Test
  void fieldsWhoseReferencesLookAlike_areNeverASwap_evenWhenOneDrifts() {
    // z and w drawn alike: a window of z shifted by 1 sd drifts, and it is as far from w's
    // reference as from its own, so nothing says it came from w (on the synthetic broken-pipeline
    // stream the rule before named such look-alike pairs, a0 and a1, in clean windows where one
    // drifted a little)
    SplittableRandom r = new SplittableRandom(5);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("z", "w");
    for (int i = 0; i < 5_000; i++) {
      b.add(Map.of("z", gaussian(r), "w", gaussian(r)));
    }
    DriftMonitor m = DriftMonitor.builder(b.build()).window(Window.tumblingCount(500))
        .history(10).build();
    for (int i = 0; i < 5_000; i++) {
      m.record(Map.of("z", gaussian(r) + (i >= 2_500 ? 1 : 0), "w", gaussian(r)), null, null);
    }
    List<DriftReport> reports = m.history();

    assertThat(reports.subList(5, 10)).allMatch(d -> d.feature("z").orElseThrow().drifted());
    assertThat(swaps(reports)).isZero();
  }

  /** Categories of {@code colour} (r 0.6, g 0.3, b 0.1) and {@code paint} (r 0.1, b 0.5, w 0.4). */
  private static String[] colours(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return new String[] {u < 0.6 ? "r" : u < 0.9 ? "g" : "b", v < 0.1 ? "r" : v < 0.6 ? "b" : "w"};
  }

  @Test
  void twoCategoricalFieldsWithOverlappingCategoriesExchanged_areNamedAsASwap() {
    SplittableRandom r = new SplittableRandom(7);
    ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("colour", "paint")
        .numeric("x");
    for (int i = 0; i < 5_000; i++) {
      String[] c = colours(r);
      b.add(Map.of("colour", c[0], "paint", c[1], "x", gaussian(r)));
    }
    DriftMonitor m = DriftMonitor.builder(b.build()).window(Window.tumblingCount(500))
        .history(10).build();
    for (int i = 0; i < 5_000; i++) {
      String[] c = colours(r);
      boolean swapped = i >= 2_500;
      m.record(Map.of("colour", swapped ? c[1] : c[0], "paint", swapped ? c[0] : c[1],
          "x", gaussian(r)), null, null);
    }
    List<DriftReport> reports = m.history();

    assertThat(swaps(reports.subList(0, 5))).isZero();
    assertThat(reports.subList(5, 10)).allSatisfy(d -> assertThat(d.dataQuality().findings())
        .anySatisfy(f -> assertThat(f).startsWith("colour and paint look swapped: colour's "
            + "window is at total variation").contains("category shares by name")));
  }

  /**
   * 200 features: 100 standard normal (every pair of them looks alike) and 100 each of its own
   * law ({@code f100 + k}: mean 10 k, sd 1 + k mod 5).
   */
  private static double wide(int f, SplittableRandom r) {
    double z = gaussian(r);
    return f < 100 ? z : 10 * (f - 100) + (1 + (f - 100) % 5) * z;
  }

  private static MonitorState wideWindow(DriftMonitor m, SplittableRandom r, boolean swapped) {
    MonitorState s = m.newState();
    List<String> names = m.featureNames();
    double[] values = new double[names.size()];
    double[] row = new double[200];
    for (int i = 0; i < 500; i++) {
      for (int f = 0; f < 200; f++) {
        row[f] = wide(f, r);
      }
      if (swapped) {
        double t = row[150];
        row[150] = row[170];
        row[170] = t;
      }
      for (int k = 0; k < values.length; k++) {
        values[k] = row[Integer.parseInt(names.get(k).substring(1))];
      }
      s.update(values, null);
    }
    return s;
  }

  private static List<String> swapFindings(DriftReport d) {
    return d.dataQuality().findings().stream().filter(f -> f.contains("look swapped")).toList();
  }

  @Test
  void aSwapAmong200Features_isNamed_andNoPairOfLookAlikesIs() {
    SplittableRandom r = new SplittableRandom(11);
    String[] names = new String[200];
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (int f = 0; f < 200; f++) {
      names[f] = "f" + f;
    }
    b.numeric(names);
    for (int f = 0; f < 200; f++) {
      double[] col = new double[3_000];
      for (int i = 0; i < col.length; i++) {
        col[i] = wide(f, r);
      }
      b.addColumn(names[f], col);
    }
    DriftMonitor m = DriftMonitor.builder(b.build()).window(Window.tumblingCount(500)).build();

    List<String> first = swapFindings(m.evaluate(wideWindow(m, r, true)));
    List<String> clean = swapFindings(m.evaluate(wideWindow(m, r, false)));
    List<String> again = swapFindings(m.evaluate(wideWindow(m, r, true)));

    assertThat(first).singleElement().satisfies(f -> assertThat(f)
        .startsWith("f150 and f170 look swapped: f150's window is at normed Wasserstein")
        .contains("each against the nearest of the reference's windows of"));
    assertThat(clean).isEmpty();
    // the second swapped window, after the look-alike pairs were set aside once
    assertThat(again).singleElement().satisfies(f -> assertThat(f)
        .startsWith("f150 and f170 look swapped"));
  }

  @Test
  void withoutSwapCheck_namesNoSwap_andKeepsEveryOtherVerdict() {
    ReferenceProfile profile = profile();
    DriftMonitor on = DriftMonitor.builder(profile).window(Window.tumblingCount(500)).build();
    DriftMonitor off = DriftMonitor.builder(profile).window(Window.tumblingCount(500))
        .withoutSwapCheck().build();
    SplittableRandom r = new SplittableRandom(2);
    MonitorState state = on.newState();
    for (int i = 0; i < 500; i++) {
      double[] v = row(r);
      state.update(Map.of("age", v[1], "income", v[0], "z", v[2]), null);
    }
    byte[] window = state.toByteArray();

    DriftReport withCheck = on.evaluate(on.state(window));
    DriftReport without = off.evaluate(off.state(window));

    assertThat(swaps(List.of(withCheck))).isEqualTo(1);
    assertThat(swaps(List.of(without))).isZero();
    assertThat(without.features()).isEqualTo(withCheck.features());
    assertThat(without.dataQuality().findings()).isEqualTo(withCheck.dataQuality().findings()
        .stream().filter(f -> !f.contains("look swapped")).toList());
  }

  @Test
  void withoutOrder_fieldsOfOneLaw_areNoSwap_andASwapOfDistinctFieldsStillIs() {
    // 30 standard normal fields and age/income, a profile without order (whole references):
    // before, a clean window named dozens of the normal pairs (each window is as near another
    // normal field's reference as its own, and nearer half the time)
    SplittableRandom r = new SplittableRandom(21);
    List<String> names = new java.util.ArrayList<>(List.of("age", "income"));
    for (int f = 0; f < 30; f++) {
      names.add("n" + f);
    }
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric(names.toArray(String[]::new));
    for (int i = 0; i < 5_000; i++) {
      b.add(wideRow(names, r, false));
    }
    DriftMonitor m = DriftMonitor.builder(b.build().withoutChunks())
        .window(Window.tumblingCount(1_000)).build();

    for (int w = 0; w < 3; w++) {
      MonitorState clean = m.newState();
      MonitorState swapped = m.newState();
      for (int i = 0; i < 1_000; i++) {
        clean.update(wideRow(names, r, false), null);
        swapped.update(wideRow(names, r, true), null);
      }
      assertThat(swapFindings(m.evaluate(clean))).isEmpty();
      assertThat(swapFindings(m.evaluate(swapped))).singleElement().satisfies(f -> assertThat(f)
          .startsWith("age and income look swapped").contains("against the whole references"));
    }
  }

  private static Map<String, Object> wideRow(List<String> names, SplittableRandom r,
      boolean swapped) {
    Map<String, Object> row = new java.util.HashMap<>();
    double[] v = row(r);
    row.put(swapped ? "income" : "age", v[0]);
    row.put(swapped ? "age" : "income", v[1]);
    for (int f = 2; f < names.size(); f++) {
      row.put(names.get(f), gaussian(r));
    }
    return row;
  }
}
