package dev.mlops.bench.decisions;

import dev.mlops.bench.decisions.SyntheticStream.Change;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.DriftThresholds;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Label and prediction drift on the synthetic AR(1) streams of {@link StreamScenarios}, each row
 * given a model's prediction and a label: false alarms on a stationary stream and the power to
 * see a change of the label alone (a concept shift: features and predictions unchanged) or of the
 * prediction (the features' mean shift). The label is {@code y = 0.6 x0 + 0.4 x2 + 0.6 u} with
 * {@code u} an AR(1) noise of the stream's {@code rho} and unit variance ({@code sd(y) =
 * sqrt(0.88)}); the model predicts {@code 0.6 x0 + 0.4 x2}. {@link Kind#BINARY}: the label is
 * {@code y > 0.3} (class 1 in about 37% of rows) and the prediction {@code P(1) = 1 / (1 +
 * exp(-(p - 0.3) / 0.35))}. The reference is the stream's first 20 windows (profile with the
 * label and the prediction, in time order), then the monitor (the defaults, or {@code -Drate} /
 * {@code -DlabelRate}) sees the live windows with every label joined. Stateless; every figure is
 * a function of the seed.
 */
public final class TargetScenarios {

  /** The label's and prediction's type. */
  public enum Kind {
    /** A regression: numeric label, value prediction. */
    REGRESSION,
    /** A binary classifier: 0/1 label, probability prediction. */
    BINARY
  }

  /** What changes at live window 6 (row 5,000 of the live stream). */
  public enum Shift {
    /** Nothing. */
    NONE,
    /** The label moves by 0.25 of its standard deviation; features and predictions do not. */
    LABEL_QUARTER_SD,
    /** The label moves by 0.5 of its standard deviation; features and predictions do not. */
    LABEL_HALF_SD,
    /** {@code x0} and {@code x1} move by 0.5 sd ({@link Change#MEAN_SHIFT}): the prediction by
     * 0.3, 0.42 of its sd, and the label with it. */
    FEATURES
  }

  /**
   * Label and prediction verdicts of one stream.
   *
   * @param windows live windows
   * @param label windows with label drift (by live window index from 0)
   * @param prediction windows with prediction drift
   * @param dataset windows with dataset drift
   */
  public record Flags(int windows, boolean[] label, boolean[] prediction, boolean[] dataset) {

    /** Count of true entries. */
    static int count(boolean[] b) {
      int n = 0;
      for (boolean x : b) {
        n += x ? 1 : 0;
      }
      return n;
    }
  }

  private TargetScenarios() {}

  /**
   * Runs one stream.
   *
   * @param kind regression or binary
   * @param shift what changes at live window 6
   * @param rho lag-one autocorrelation
   * @param windows live windows
   * @param seed the seed
   * @return the verdicts
   */
  public static Flags run(Kind kind, Shift shift, double rho, int windows, long seed) {
    return run(kind, shift, rho, windows, seed, StreamScenarios.FEATURES, null)[0];
  }

  /**
   * Runs one stream through one monitor per stated label/prediction rate (the same rows), the
   * profile and the monitors holding the first {@code features} numeric features only (the
   * label's and the prediction's verdicts do not depend on the features monitored; fewer make a
   * stream cheaper). {@code x0} and {@code x2} are always among them.
   *
   * @param kind regression or binary
   * @param shift what changes at live window 6
   * @param rho lag-one autocorrelation
   * @param windows live windows
   * @param seed the seed
   * @param features numeric features monitored, 3 to {@link StreamScenarios#FEATURES}
   * @param labelRates the label/prediction rates (dataset drift at the default), or null for
   *     one monitor as {@link LabelRates#apply} sets it
   * @return the verdicts, one per rate
   */
  public static Flags[] run(Kind kind, Shift shift, double rho, int windows, long seed,
      int features, double[] labelRates) {
    int w = StreamScenarios.WINDOW;
    long change = shift == Shift.NONE ? Long.MAX_VALUE
        : (long) (StreamScenarios.REFERENCE_WINDOWS + 5) * w;
    SyntheticStream stream = new SyntheticStream(StreamScenarios.FEATURES, rho,
        shift == Shift.FEATURES ? Change.MEAN_SHIFT : Change.NONE, change, seed);
    SplittableRandom noise = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
    double innovation = Math.sqrt(1 - rho * rho);
    double u = SyntheticStream.gaussian(noise);
    double labelShift = switch (shift) {
      case LABEL_QUARTER_SD -> 0.25 * Math.sqrt(0.88);
      case LABEL_HALF_SD -> 0.5 * Math.sqrt(0.88);
      default -> 0;
    };
    ReferenceProfile.Builder pb = ReferenceProfile.builder()
        .numeric(SyntheticStream.numericNames(features)).categorical("c");
    int refRows = StreamScenarios.REFERENCE_WINDOWS * w;
    for (int i = 0; i < refRows; i++) {
      Map<String, Object> row = kept(stream.next(), features);
      u = rho * u + innovation * SyntheticStream.gaussian(noise);
      double p = model(row);
      double y = p + 0.6 * u;
      Map<String, Object> r = new LinkedHashMap<>(row);
      r.put(ReferenceProfile.PREDICTION, kind == Kind.BINARY ? probability(p) : p);
      r.put(ReferenceProfile.LABEL, kind == Kind.BINARY ? (y > 0.3 ? 1.0 : 0.0) : y);
      pb.add(r);
    }
    ReferenceProfile profile = pb.build();
    int n = labelRates == null ? 1 : labelRates.length;
    DriftMonitor[] monitors = new DriftMonitor[n];
    for (int m = 0; m < n; m++) {
      DriftMonitor.Builder b = DriftMonitor.builder(profile).window(Window.tumblingCount(w))
          .history(windows);
      if (labelRates == null) {
        LabelRates.apply(b);
      } else {
        b.thresholds(DriftThresholds.calibrated(LabelRates.rate(), labelRates[m]));
      }
      monitors[m] = b.build();
    }
    for (long i = 0; i < (long) windows * w; i++) {
      Map<String, Object> row = kept(stream.next(), features);
      u = rho * u + innovation * SyntheticStream.gaussian(noise);
      double p = model(row);
      double y = p + 0.6 * u + (refRows + i >= change ? labelShift : 0);
      String id = "r" + i;
      Prediction pred = kind == Kind.BINARY
          ? Prediction.ofProbabilities(new double[] {1 - probability(p), probability(p)})
          : Prediction.ofValue(p);
      for (DriftMonitor monitor : monitors) {
        monitor.record(row, pred, id);
        monitor.recordLabel(id, kind == Kind.BINARY ? (y > 0.3 ? 1 : 0) : y);
      }
    }
    Flags[] out = new Flags[n];
    for (int m = 0; m < n; m++) {
      out[m] = flags(monitors[m].history(), seed);
    }
    return out;
  }

  /** The row with the first {@code features} numeric features and {@code c}. */
  private static Map<String, Object> kept(Map<String, Object> row, int features) {
    if (features >= StreamScenarios.FEATURES) {
      return row;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int j = 0; j < features; j++) {
      out.put("x" + j, row.get("x" + j));
    }
    out.put("c", row.get("c"));
    return out;
  }

  private static Flags flags(List<DriftReport> reports, long seed) {
    boolean[] label = new boolean[reports.size()];
    boolean[] prediction = new boolean[reports.size()];
    boolean[] dataset = new boolean[reports.size()];
    for (int k = 0; k < reports.size(); k++) {
      DriftReport r = reports.get(k);
      label[k] = drifted(r.label());
      prediction[k] = drifted(r.prediction());
      dataset[k] = r.datasetDrift();
    }
    if (Boolean.getBoolean("verbose") && !reports.isEmpty()) {
      DriftReport r = reports.get(0);
      System.err.println("seed " + seed + " label: " + (r.label() == null ? "-" : r.label().reason()));
      System.err.println("seed " + seed + " prediction: "
          + (r.prediction() == null ? "-" : r.prediction().reason()));
    }
    return new Flags(reports.size(), label, prediction, dataset);
  }

  private static double model(Map<String, Object> row) {
    return 0.6 * (Double) row.get("x0") + 0.4 * (Double) row.get("x2");
  }

  private static double probability(double p) {
    return 1 / (1 + Math.exp(-(p - 0.3) / 0.35));
  }

  private static boolean drifted(FeatureDrift f) {
    return f != null && f.status() == DriftStatus.DRIFT;
  }
}
