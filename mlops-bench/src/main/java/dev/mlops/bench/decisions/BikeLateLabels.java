package dev.mlops.bench.decisions;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real data, real label lag: bike sharing 2012 hour by hour through a default monitor on the 2011
 * profile, in weekly count windows (168 rows), the prediction a model of 2011 (the mean demand of
 * each hour of a working or free day), the true demand arriving 0, 24 (a day), 168 (a week) or 504
 * (three weeks) rows after its prediction. For each window, the realised MAE the monitor gives is
 * compared with the MAE of the window's own rows: as each report gives it at its close (on the
 * library before the twelfth session a label counted in the window open when it arrived), and
 * with {@code -Dattributed=true} as {@code DriftMonitor.labelledWindows()} gives it at the end
 * (every label credited to its prediction's window). A scratch probe (one pass, about a second):
 *
 * <pre>
 * java -Dattributed=true -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.BikeLateLabels
 * </pre>
 *
 * <p>The "before" run puts this class on the class path after an older library's jar and leaves
 * {@code attributed} unset, so that nothing of the newer API is called.
 */
public final class BikeLateLabels {

  private static final Logger LOG = LoggerFactory.getLogger(BikeLateLabels.class);
  private static final int WEEK = 168;

  private BikeLateLabels() {}

  /**
   * Runs the lags and logs one line each.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Path csv = BikeScenarios.locate();
    List<Map<String, Object>> y2011 = BikeScenarios.read(csv, 2011);
    List<Map<String, Object>> y2012 = BikeScenarios.read(csv, 2012);
    ReferenceProfile.Builder pb = ReferenceProfile.builder();
    y2011.forEach(pb::add);
    ReferenceProfile profile = pb.build();
    // the model: 2011's mean demand per hour of a working / free day
    double[] sum = new double[48];
    int[] count = new int[48];
    for (Map<String, Object> r : y2011) {
      int k = key(r);
      sum[k] += (Double) r.get(ReferenceProfile.LABEL);
      count[k]++;
    }
    boolean attributed = Boolean.getBoolean("attributed");
    int windows = y2012.size() / WEEK;
    for (int lag : new int[] {0, 24, WEEK, 3 * WEEK}) {
      DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(WEEK))
          .build();
      double[] own = new double[windows];
      ArrayDeque<Object[]> late = new ArrayDeque<>();
      int rows = windows * WEEK;
      for (int i = 0; i < rows; i++) {
        Map<String, Object> features = new LinkedHashMap<>(y2012.get(i));
        double label = (Double) features.remove(ReferenceProfile.LABEL);
        int k = key(features);
        double predicted = sum[k] / count[k];
        own[i / WEEK] += Math.abs(label - predicted) / WEEK;
        String id = Integer.toString(i);
        monitor.record(features, Prediction.ofValue(predicted), id);
        late.add(new Object[] {id, label});
        while (late.size() > lag) {
          Object[] l = late.poll();
          monitor.recordLabel((String) l[0], (Double) l[1]);
        }
      }
      while (!late.isEmpty()) {
        Object[] l = late.poll();
        monitor.recordLabel((String) l[0], (Double) l[1]);
      }
      monitor.awaitEvaluation();
      List<Double> reported = new ArrayList<>();
      for (DriftReport r : monitor.history()) {
        reported.add(r.performance().realised().getOrDefault("mae", Double.NaN));
      }
      String line = line("at the close", reported, own);
      if (attributed) {
        line += "; " + line("labelled windows", Attributed.mae(monitor), own);
      }
      LOG.info("bike 2012, weekly windows, labels {} rows late: {}", lag, line);
    }
  }

  /** The part that calls the twelfth session's API (loaded only when asked for). */
  private static final class Attributed {
    static List<Double> mae(DriftMonitor monitor) {
      List<Double> out = new ArrayList<>();
      for (dev.mlops.drift.monitor.LabelledWindow w : monitor.labelledWindows()) {
        out.add(w.realised().getOrDefault("mae", Double.NaN));
      }
      return out;
    }
  }

  private static int key(Map<String, Object> r) {
    return (int) (double) (Double) r.get("hr") + 24 * (int) (double) (Double) r.get("workingday");
  }

  /**
   * Windows with a realised MAE, the mean and largest |reported - own| over them, windows off by
   * more than 1e-9, and the mean own MAE over the same windows against the mean reported.
   */
  private static String line(String what, List<Double> reported, double[] own) {
    int n = 0;
    int off = 0;
    double diff = 0;
    double max = 0;
    double meanOwn = 0;
    double meanReported = 0;
    for (int w = 0; w < Math.min(reported.size(), own.length); w++) {
      double r = reported.get(w);
      if (Double.isNaN(r)) {
        continue;
      }
      n++;
      double d = Math.abs(r - own[w]);
      diff += d;
      max = Math.max(max, d);
      off += d > 1e-9 ? 1 : 0;
      meanOwn += own[w];
      meanReported += r;
    }
    return String.format(Locale.ROOT, "%s: %d of %d windows with a realised MAE, %d off their own"
        + " rows', mean |reported - own| %.2f, max %.2f (mean reported %.2f, own %.2f)", what, n,
        own.length, off, n == 0 ? Double.NaN : diff / n, max, n == 0 ? Double.NaN : meanReported / n,
        n == 0 ? Double.NaN : meanOwn / n);
  }
}
