package dev.mlops.drift.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.MonitorState;
import dev.mlops.drift.monitor.MonitorStateException;
import dev.mlops.drift.monitor.Performance;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ProfileFormatException;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.Metric;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The fuzz suite of mlops-drift's decoders ({@link ReferenceProfile#fromBytes}, {@link
 * DriftMonitor#restore} and {@link DriftMonitor#merge(byte[])}): mutated, truncated and forged
 * inputs, half of them with lengths and checksums recomputed so that they reach the structure.
 * Every input must give a result or the typed exception; times are reported by {@link Fuzz}. Runs
 * in its own surefire execution with {@code -Xmx256m}; tries per property: {@code -Dfuzz.tries}
 * (300 in {@code mvn verify}; see docs/fuzzing.md for a longer run).
 */
final class DriftDecodersFuzzTest {

  private static final Fuzz PROFILES = new Fuzz("drift-reference-profile");
  private static final Fuzz STATES = new Fuzz("drift-monitor-state");
  private static final List<byte[]> PROFILE_SEEDS = profiles();
  private static final ReferenceProfile MONITORED = monitoredProfile();
  private static final List<byte[]> STATE_SEEDS = states();

  /** The last state seed is of a multiclass monitor keeping probabilities; decoded by its twin. */
  private static final int MULTICLASS_SEED = STATE_SEEDS.size() - 1;

  static {
    // untimed: class loading and JIT compilation of the decoders are not an input's cost
    PROFILES.warmUp(PROFILE_SEEDS, 50, ReferenceProfile::fromBytes, ProfileFormatException.class);
    List<byte[]> binary = STATE_SEEDS.subList(0, MULTICLASS_SEED);
    STATES.warmUp(binary, 50, bytes -> monitor().restore(bytes), MonitorStateException.class);
    STATES.warmUp(binary, 50, bytes -> monitor().merge(bytes), MonitorStateException.class);
    List<byte[]> multiclass = List.of(STATE_SEEDS.get(MULTICLASS_SEED));
    STATES.warmUp(multiclass, 50, bytes -> multiclass().restore(bytes),
        MonitorStateException.class);
  }

  private static List<byte[]> profiles() {
    Random r = new Random(17);
    List<byte[]> out = new ArrayList<>();
    for (int cap : new int[] {100_000, 40}) {
      ReferenceProfile.Builder b = ReferenceProfile.builder().exactCap(cap).bins(7)
          .numeric("x", "y").categorical("city", "code");
      for (int i = 0; i < 300; i++) {
        Map<String, Object> row = new HashMap<>();
        row.put("x", r.nextGaussian());
        row.put("y", i % 5 == 0 ? Double.NaN : r.nextDouble() * 100);
        row.put("city", new String[] {"paris", "lyon", "nice"}[r.nextInt(3)]);
        row.put("code", Integer.toString(r.nextInt(4)));
        b.add(row);
      }
      out.add(b.build().toBytes());
    }
    // near the 1 MB: exact values of two features (about 0.8 MB)
    ReferenceProfile.Builder big = ReferenceProfile.builder().exactCap(100_000).bins(7)
        .numeric("x", "y").categorical("city");
    double[] x = new double[50_000];
    double[] y = new double[50_000];
    String[] city = new String[50_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
      y[i] = r.nextDouble() * 100;
      city[i] = "c" + r.nextInt(40);
    }
    out.add(big.addColumn("x", x).addColumn("y", y).addColumn("city", city).build().toBytes());
    return out;
  }

  private static ReferenceProfile monitoredProfile() {
    Random r = new Random(3);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x", "y").categorical("city");
    for (int i = 0; i < 300; i++) {
      b.add(Map.of("x", r.nextGaussian(), "y", r.nextGaussian(), "city", i % 2 == 0 ? "a" : "b"));
    }
    return b.build();
  }

  /** The decoding monitor watches group fairness, so the states' fairness part is decoded too. */
  private static DriftMonitor monitor() {
    return builder().fairness(SensitiveAttributes.builder("city", "band").minGroupSize(1).bootstrap(100)
        .build()).build();
  }

  /** A multiclass monitor with a realised metric: keeps the probabilities of pending predictions. */
  private static DriftMonitor multiclass() {
    return builder().classes(3).realisedMetrics(Metric.LOG_LOSS).build();
  }

  private static DriftMonitor.Builder builder() {
    return DriftMonitor.builder(MONITORED).quantileSketch(16).reservoirSize(100)
        .window(Window.tumblingCount(1_000_000));
  }

  private static List<byte[]> states() {
    Random r = new Random(5);
    DriftMonitor m = monitor();
    for (int i = 0; i < 400; i++) {
      if (i == 200) {
        m.closeWindow(); // fairness outcomes of a closed window and of the open one
      }
      m.record(Map.of("x", r.nextGaussian(), "y", r.nextGaussian() + 1, "city",
          i % 3 == 0 ? "c" : "a", "band", "b" + i % 4), Prediction.ofProbabilities(
          new double[] {0.3 + i % 2 * 0.4, 0.7 - i % 2 * 0.4}), "r" + i);
      if (i % 4 == 0) {
        m.recordLabel("r" + (i / 2), i % 2);
      }
    }
    // near the 1 MB: 16,000 predictions waiting for their label (ids of 40 characters);
    // without fairness, which restores into the fairness monitor as an empty fairness part
    DriftMonitor big = builder().build();
    for (int i = 0; i < 16_000; i++) {
      big.record(Map.of("x", r.nextGaussian(), "y", r.nextGaussian(), "city", "a"),
          Prediction.ofClass(i & 1), String.format("request-%032d", i));
    }
    // a MonitorState value (its fairness part: selections only, no outcome or pending prediction)
    MonitorState part = monitor().newState();
    for (int i = 0; i < 300; i++) {
      part.update(Map.of("x", r.nextGaussian(), "y", r.nextGaussian(), "city", i % 5 == 0 ? "c" : "b",
          "band", "b" + i % 3), i % 50 == 0 ? null : Prediction.ofClass(i % 2));
    }
    // class probabilities of 3,000 pending predictions (of 4,000 recorded; 1,000 labelled)
    DriftMonitor multi = multiclass();
    for (int i = 0; i < 4_000; i++) {
      double a = r.nextDouble();
      double b = (1 - a) * r.nextDouble();
      multi.record(Map.of("x", r.nextGaussian(), "y", r.nextGaussian(), "city", "a"),
          Prediction.ofProbabilities(new double[] {a, b, 1 - a - b}), "m" + i);
      if (i % 4 == 0) {
        multi.recordLabel("m" + i, i % 3);
      }
    }
    return List.of(m.snapshot(), monitor().snapshot(), big.snapshot(), part.toByteArray(),
        multi.snapshot());
  }

  /** Profile: header magic (4), version (2), payload length (4), payload, CRC-32C (4). */
  private static byte[] fixProfile(byte[] b) {
    if (b.length >= 14) {
      ByteBuffer.wrap(b).putInt(6, b.length - 14);
      CRC32C crc = new CRC32C();
      crc.update(b, 0, b.length - 4);
      ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
    }
    return b;
  }

  /** Monitor state: magic (4), version (4), payload length (4), payload, CRC-32 (8). */
  private static byte[] fixState(byte[] b) {
    if (b.length >= 20) {
      ByteBuffer.wrap(b).putInt(8, b.length - 20);
      CRC32 crc = new CRC32();
      crc.update(b, 0, b.length - 8);
      ByteBuffer.wrap(b).putLong(b.length - 8, crc.getValue());
    }
    return b;
  }

  @Property
  void mutatedProfiles_decodeOrFailTyped(@ForAll long seed, @ForAll boolean forged) {
    byte[] valid = PROFILE_SEEDS.get((int) Math.floorMod(seed, PROFILE_SEEDS.size()));
    byte[] input = Fuzz.mutate(valid, seed);
    if (forged) {
      fixProfile(input);
    }
    PROFILES.run(input, ReferenceProfile::fromBytes, ProfileFormatException.class);
  }

  @Property
  void mutatedMonitorStates_restoreAndMergeOrFailTyped(@ForAll long seed, @ForAll boolean forged) {
    int seedIndex = (int) Math.floorMod(seed, STATE_SEEDS.size());
    byte[] valid = STATE_SEEDS.get(seedIndex);
    byte[] input = Fuzz.mutate(valid, seed);
    if (forged) {
      fixState(input);
    }
    Supplier<DriftMonitor> decoding =
        seedIndex == MULTICLASS_SEED ? DriftDecodersFuzzTest::multiclass : DriftDecodersFuzzTest::monitor;
    boolean restore = (seed & 2) == 0;
    // a fresh monitor per decoding: the harness decodes a slow input twice, and merging the same
    // bytes twice into one monitor would (rightly) hold twice the rows
    DriftMonitor[] accepted = new DriftMonitor[1];
    STATES.run(input, bytes -> {
      DriftMonitor fresh = decoding.get();
      if (restore) {
        fresh.restore(bytes);
      } else {
        fresh.merge(bytes);
      }
      accepted[0] = fresh;
    }, MonitorStateException.class);
    if (accepted[0] == null) {
      return;
    }
    DriftMonitor m = accepted[0];
    // whatever was accepted must evaluate as a window: the same bytes as a MonitorState give a
    // report of exactly its rows with non-negative counts (a forged state once closed to nothing)
    MonitorState state = m.state(input);
    DriftReport alone = decoding.get().evaluate(state);
    assertSound(alone, state.rows(), input);
    if (seedIndex != MULTICLASS_SEED) { // the multiclass monitor watches no fairness
      FairnessWindow selections = alone.fairnessWindow().orElseThrow();
      assertThat(selections.rows() + selections.skipped())
          .as("fairness rows of an accepted MonitorState").isBetween(0L, state.rows());
    }
    // and the monitor's own open window closes to a report of those rows, unless the restored
    // window was already due (a forged row count beyond the window size) and closed on restore
    boolean closedOnRestore = m.latestReport().isPresent();
    Optional<DriftReport> closed = m.closeWindow();
    if (state.rows() > 0 && !closedOnRestore) {
      assertThat(closed).as("window of %s rows closed by closeWindow() after %s", state.rows(),
          restore ? "restore" : "merge").isPresent();
      assertSound(closed.orElseThrow(), state.rows(), input);
      FairnessWindow fairness = closed.orElseThrow().fairness();
      if (fairness != null) {
        assertThat(fairness.rows() + fairness.skipped()).as("fairness rows of an accepted state")
            .isBetween(0L, state.rows());
      }
    }
  }

  private static void assertSound(DriftReport r, long rows, byte[] input) {
    String what = "report of an accepted state of " + input.length + " bytes";
    assertThat(r.records()).as(what).isEqualTo(rows);
    assertThat(r.dataQuality().rows()).as(what).isEqualTo(rows);
    assertThat(r.features()).as(what).hasSize(MONITORED.features().size());
    Performance p = r.performance();
    assertThat(List.of(p.labelled(), p.pending(), p.expired(), p.unmatchedLabels(),
        r.dataQuality().labelsOutsideClasses(), r.dataQuality().nonFinitePredictions()))
        .as(what).allSatisfy(c -> assertThat(c).isNotNegative());
    assertThat(r.driftShare()).as(what).satisfiesAnyOf(
        d -> assertThat(d).isNaN(), d -> assertThat(d).isBetween(0.0, 1.0));
  }

  @AfterContainer
  static void report() {
    PROFILES.report();
    STATES.report();
  }
}
