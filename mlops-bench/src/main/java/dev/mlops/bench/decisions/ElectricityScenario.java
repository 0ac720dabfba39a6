package dev.mlops.bench.decisions;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A new user's path on an electricity-market-like stream ({@link ElectricityStream}), with the
 * defaults: 10,000 consecutive training rows profiled in time order (features, prediction and
 * label), replayed as live traffic in windows of 1,000 against their own profile; then the next
 * 12,000 rows (a real market change from live row 5,000, the imputed Victorian columns varying
 * from live row 7,424) with labels arriving for live windows 1-3 and 7-9 only. Requests carry a
 * {@code request_id} and a {@code ts} that are not features, declared with {@code ignoreFields}.
 * Stateless; the figures are a function of the seed.
 */
public final class ElectricityScenario {

  /** Reference (training) rows. */
  public static final int REFERENCE_ROWS = 10_000;
  /** Live rows. */
  public static final int LIVE_ROWS = 12_000;
  /** Rows per window. */
  public static final int WINDOW = 1_000;
  /** The first live row of the changed market. */
  public static final int CHANGE_LIVE_ROW = 5_000;

  private ElectricityScenario() {}

  /**
   * One window's decisions.
   *
   * @param records rows of the window
   * @param datasetDrift whether the window flags dataset drift
   * @param drifted the drifted features
   * @param findings the data-quality findings
   * @param prediction prediction drift status ({@code null} when none)
   * @param label label drift status ({@code null} when no label was joined)
   * @param labelReason the label verdict's reason ({@code null} when none)
   */
  public record WindowDecision(long records, boolean datasetDrift, List<String> drifted,
      List<String> findings, DriftStatus prediction, DriftStatus label, String labelReason) {

    static WindowDecision of(DriftReport r) {
      return new WindowDecision(r.records(), r.datasetDrift(),
          r.driftedFeatures().stream().map(FeatureDrift::feature).toList(),
          r.dataQuality().findings(),
          r.prediction() == null ? null : r.prediction().status(),
          r.label() == null ? null : r.label().status(),
          r.label() == null ? null : r.label().reason());
    }

    /** Whether anything is reported: dataset drift, a quality finding or prediction drift. */
    public boolean alarm() {
      return datasetDrift || !findings.isEmpty() || prediction == DriftStatus.DRIFT;
    }
  }

  /**
   * The outcome of one seed.
   *
   * @param own the training rows' windows against their own profile
   * @param closeAfterCountWindows what {@code closeWindow()} returned after the last count window
   *     closed on its own (empty expected)
   * @param latestAfterClose the latest report's window number and rows after that call
   * @param live the live windows
   * @param stuck the stationary live rows (windows 1-5) with {@code nswdemand} stuck at an imputed
   *     0.4229 from live row 2,000 (window 3)
   */
  public record Outcome(List<WindowDecision> own, Optional<DriftReport> closeAfterCountWindows,
      long[] latestAfterClose, List<WindowDecision> live, List<WindowDecision> stuck) {}

  /**
   * Runs one seed.
   *
   * @param seed the seed
   * @return the outcome
   */
  public static Outcome run(long seed) {
    ElectricityStream stream = new ElectricityStream(seed, REFERENCE_ROWS + CHANGE_LIVE_ROW);
    List<Map<String, Object>> reference = stream.next(REFERENCE_ROWS);
    List<Map<String, Object>> live = stream.next(LIVE_ROWS);
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    reference.forEach(b::add);
    ReferenceProfile profile = b.build();

    DriftMonitor own = monitor(profile);
    replay(own, reference, 0, w -> true, null);
    Optional<DriftReport> closed = own.closeWindow();
    DriftReport latest = own.latestReport().orElseThrow();
    List<WindowDecision> ownDecisions = own.history().stream().map(WindowDecision::of).toList();

    DriftMonitor liveMonitor = monitor(profile);
    replay(liveMonitor, live, REFERENCE_ROWS, w -> w <= 3 || (w >= 7 && w <= 9), null);
    List<WindowDecision> liveDecisions =
        liveMonitor.history().stream().map(WindowDecision::of).toList();

    DriftMonitor stuckMonitor = monitor(profile);
    replay(stuckMonitor, live.subList(0, CHANGE_LIVE_ROW), REFERENCE_ROWS, w -> true, 2_000);
    List<WindowDecision> stuck = stuckMonitor.history().stream().map(WindowDecision::of).toList();
    return new Outcome(ownDecisions, closed, new long[] {latest.window(), latest.records()},
        liveDecisions, stuck);
  }

  /**
   * The training rows and the stationary continuation (live windows 1-5) with Elec2's {@code date}
   * column (the day number over 944 days) left among the features, as a new user would: the
   * windows of each with dataset drift or a data-quality finding.
   *
   * @param seed the seed
   * @return {own, continuation} decisions
   */
  public static List<List<WindowDecision>> withDateFeature(long seed) {
    ElectricityStream stream = new ElectricityStream(seed, REFERENCE_ROWS + CHANGE_LIVE_ROW);
    List<Map<String, Object>> reference = dated(stream.next(REFERENCE_ROWS), 0);
    List<Map<String, Object>> live = dated(stream.next(CHANGE_LIVE_ROW), REFERENCE_ROWS);
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    reference.forEach(b::add);
    ReferenceProfile profile = b.build();
    List<List<WindowDecision>> out = new ArrayList<>();
    for (List<Map<String, Object>> rows : List.of(reference, live)) {
      DriftMonitor m = monitor(profile);
      rows.forEach(r -> m.record(r, null, null));
      out.add(m.history().stream().map(WindowDecision::of).toList());
    }
    return out;
  }

  private static List<Map<String, Object>> dated(List<Map<String, Object>> rows, long first) {
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = rows.get(i);
      r.remove(ReferenceProfile.PREDICTION);
      r.remove(ReferenceProfile.LABEL);
      r.put("date", Math.round((first + i) / ElectricityStream.PERIODS / 944.0 * 1e6) / 1e6);
    }
    return rows;
  }

  private static DriftMonitor monitor(ReferenceProfile profile) {
    return LabelRates.apply(DriftMonitor.builder(profile)
        .window(Window.tumblingCount(WINDOW))
        .ignoreFields("request_id", "ts")
        .history(64))
        .build();
  }

  /**
   * Records the rows as requests (features plus {@code request_id} and {@code ts}), the model's
   * P(up) as the prediction, and the label right after when {@code labelled} holds for the
   * row's window (numbered from 1); from row {@code stuckFrom} on, {@code nswdemand} is 0.4229.
   */
  private static void replay(DriftMonitor monitor, List<Map<String, Object>> rows, long firstRow,
      java.util.function.IntPredicate labelled, Integer stuckFrom) {
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      Map<String, Object> request = new LinkedHashMap<>(row);
      double p = (Double) request.remove(ReferenceProfile.PREDICTION);
      double label = (Double) request.remove(ReferenceProfile.LABEL);
      long t = firstRow + i;
      String id = "e" + t;
      request.put("request_id", id);
      request.put("ts", 862_358_400_000L + 1_800_000L * t);
      if (stuckFrom != null && i >= stuckFrom) {
        request.put("nswdemand", 0.4229);
      }
      monitor.record(request, Prediction.ofProbabilities(new double[] {1 - p, p}), id);
      if (labelled.test(i / WINDOW + 1)) {
        monitor.recordLabel(id, label);
      }
    }
    monitor.awaitEvaluation();
  }

  /**
   * The rows of each window's decisions, for logs.
   *
   * @param name a title
   * @param decisions the windows
   * @return one line per window
   */
  public static List<String> lines(String name, List<WindowDecision> decisions) {
    List<String> out = new ArrayList<>();
    for (int w = 0; w < decisions.size(); w++) {
      WindowDecision d = decisions.get(w);
      out.add(name + " window " + (w + 1) + " (" + d.records() + " rows): dataset drift "
          + d.datasetDrift() + " " + d.drifted() + "; prediction " + d.prediction() + "; label "
          + d.label() + (d.labelReason() == null ? "" : " (" + d.labelReason() + ")")
          + "; findings " + d.findings());
    }
    return out;
  }
}
