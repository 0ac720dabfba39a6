package dev.mlops.report;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.CostMetric;
import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.ModelComparison;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.modeltest.ModelTest;
import dev.mlops.metrics.modeltest.ModelTestReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded runs through a real {@link DriftMonitor}, for the report's tests: a loan-default classifier
 * whose traffic shifts in month 8 (rates up three points, a new {@code partner_app} channel), retrained
 * and promoted after month 9 with a new reference, a rejected retrain after month 11; and a bike-demand
 * regressor. Only mlops-metrics and mlops-drift are used (the Smile-free path).
 */
public final class SampleRuns {

  /**
   * A user-defined metric (mlops-metrics' {@code CustomMetric}, its shared test fixture): a missed
   * default costs 5, a false alarm 1; the mean cost per row. The sample run shows it wherever a
   * built-in metric shows.
   */
  public static final CustomMetric COST = CostMetric.COST;

  /** A feature name that would break a page that put text in as markup. */
  public static final String HOSTILE_FEATURE = "<img src=x onerror=alert(1)> \"quoted\" & 'single'";

  private SampleRuns() {}

  private static Map<String, Object> applicant(SplittableRandom r, boolean shifted) {
    Map<String, Object> row = new HashMap<>();
    row.put("income", Math.exp(10.5 + 0.4 * r.nextGaussian()));
    row.put("rate", 6 + (shifted ? 3 : 0) + r.nextGaussian());
    String[] channels = shifted ? new String[] {"branch", "web", "partner_app", "partner_app"}
        : new String[] {"branch", "web", "web", "broker"};
    row.put("channel", channels[r.nextInt(channels.length)]);
    row.put(HOSTILE_FEATURE, r.nextInt(3) == 0 ? "<b>x</b>" : "y");
    return row;
  }

  private static double risk(Map<String, Object> row) {
    double rate = (Double) row.get("rate");
    double logit = -2 + 0.5 * (rate - 6) - 0.8 * (Math.log((Double) row.get("income")) - 10.5)
        + ("partner_app".equals(row.get("channel")) ? 1.0 : 0);
    return 1 / (1 + Math.exp(-logit));
  }

  private static ReferenceProfile profile(List<Map<String, Object>> rows, double[] scores, double[] labels) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("income", "rate", ReferenceProfile.PREDICTION)
        .categorical("channel", HOSTILE_FEATURE, ReferenceProfile.LABEL);
    rows.forEach(b::add);
    b.addColumn(ReferenceProfile.PREDICTION, scores);
    b.addColumn(ReferenceProfile.LABEL, labels);
    return b.build();
  }

  /**
   * The classification run: 12 monthly windows of 400 rows, drift from month 8, a promotion after
   * month 9 and a rejection after month 11.
   *
   * @return the report
   */
  public static RunReport classification() {
    SplittableRandom r = new SplittableRandom(42);
    List<Map<String, Object>> history = new ArrayList<>();
    double[] scores = new double[3000];
    double[] labels = new double[3000];
    for (int i = 0; i < 3000; i++) {
      Map<String, Object> row = applicant(r, false);
      history.add(row);
      scores[i] = risk(row) * 0.8 + 0.1 * r.nextDouble();
      labels[i] = r.nextDouble() < risk(row) ? 1 : 0;
    }
    ReferenceProfile v1 = profile(history, scores, labels);
    RunReport.Builder report = RunReport.builder("loan-default: sample run")
        .description("A seeded sample run for the report's tests.")
        .generatedAt(Instant.parse("2026-12-06T08:00:00Z"))
        .modelTest("loan-default:1 on the held-out split", modelTest(r))
        .performanceMetrics("roc_auc", "accuracy", COST.key());
    int[] classes = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      classes[i] = (int) labels[i];
    }
    // The label-free accuracy estimate: the scores calibrated (isotonic) on the labelled history.
    DriftMonitor monitor = DriftMonitor.builder(v1).window(Window.tumblingCount(Integer.MAX_VALUE)).seed(7)
        .quantileSketch(200).performanceEstimator(scores, classes).build();
    String served = "loan-default:1";
    String reference = "training data of loan-default:1";
    int request = 0;
    for (int month = 1; month <= 12; month++) {
      boolean shifted = month >= 8;
      List<Object> rates = new ArrayList<>();
      List<Object> channels = new ArrayList<>();
      int[] y = new int[400];
      double[] s = new double[400];
      for (int i = 0; i < 400; i++) {
        Map<String, Object> row = applicant(r, shifted);
        double p = Math.min(0.99, risk(row) * (served.endsWith(":2") ? 1.0 : 0.8) + 0.1 * r.nextDouble());
        s[i] = p;
        y[i] = r.nextDouble() < risk(row) ? 1 : 0;
        monitor.record(row, Prediction.ofProbabilities(new double[] {1 - p, p}), "req-" + (++request));
        monitor.recordLabel("req-" + request, y[i]);
        rates.add(row.get("rate"));
        channels.add(row.get("channel"));
      }
      DriftReport window = monitor.closeWindow().orElseThrow();
      String label = "month " + month;
      report.window(MonitoringWindow.builder(label, window).servedBy(served).reference(reference, monitor.profile())
          .values("rate", rates).values("channel", channels)
          .realised(ClassificationEvaluation.binary(y, s).customMetrics(COST).bootstrap(200, 1).evaluate())
          .build());
      if (month == 9) {
        report.event(new RunEvent(label, RunEvent.Kind.RETRAIN, "loan-default:2", "two drifted windows in a row"));
        report.gate(gate(r, label, "PROMOTE", 0.64, 0.74));
        report.event(new RunEvent(label, RunEvent.Kind.PROMOTION, "loan-default:2", "beat the champion on roc_auc"));
        served = "loan-default:2";
        reference = "training data of loan-default:2";
        List<Map<String, Object>> recent = new ArrayList<>();
        double[] rs = new double[1500];
        double[] rl = new double[1500];
        for (int i = 0; i < 1500; i++) {
          Map<String, Object> row = applicant(r, true);
          recent.add(row);
          rs[i] = risk(row);
          rl[i] = r.nextDouble() < risk(row) ? 1 : 0;
        }
        monitor = monitor.withReference(profile(recent, rs, rl));
        report.event(new RunEvent(label, RunEvent.Kind.REFERENCE_CHANGE, "loan-default:2",
            "monitoring compares with the training data of loan-default:2"));
      }
      if (month == 11) {
        report.event(new RunEvent(label, RunEvent.Kind.RETRAIN, "loan-default:3", "two drifted windows in a row"));
        report.gate(gate(r, label, "REJECT", 0.74, 0.73));
        report.event(new RunEvent(label, RunEvent.Kind.REJECTION, "loan-default:3", "not better than the champion"));
      }
    }
    report.provenance("run id", "run-0001").provenance("seed", 42);
    return report.build();
  }

  private static ModelTestReport modelTest(SplittableRandom r) {
    List<double[]> rows = new ArrayList<>();
    int[] y = new int[600];
    for (int i = 0; i < 600; i++) {
      double x = r.nextGaussian();
      rows.add(new double[] {x});
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0;
    }
    return ModelTest.<double[]>forClassifier(row -> new double[] {1 / (1 + Math.exp(2 * row[0])),
            1 / (1 + Math.exp(-2 * row[0]))})
        .on(rows, y).classNames("repaid", "defaulted").bootstrap(200)
        .expect(Metric.ROC_AUC).atLeast(0.7)
        .expect(COST).atMost(1.0)
        .expect(Metric.ACCURACY).atLeast(0.99).asWarning()
        .expect(Metric.BRIER).atMost(0.3)
        .run();
  }

  private static GateRecord gate(SplittableRandom r, String window, String decision, double champion,
      double candidate) {
    int n = 500;
    int[] y = new int[n];
    double[] cand = new double[n];
    double[] champ = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(2);
      cand[i] = Math.min(1, Math.max(0, y[i] * (candidate - 0.5) * 1.2 + 0.5 * r.nextDouble() + 0.2));
      champ[i] = Math.min(1, Math.max(0, y[i] * (champion - 0.5) * 1.2 + 0.5 * r.nextDouble() + 0.2));
    }
    GateComparison auc = GateComparison.of(ModelComparison.delong(y, cand, champ),
        decision.equals("PROMOTE") ? "pass" : "fail");
    GateComparison cost = GateComparison.of(ModelComparison.pairedBootstrap(COST, y, cand, champ, 200, 5),
        decision.equals("PROMOTE") ? "pass" : "fail");
    return new GateRecord("retrain after " + window, window, decision, "loan-default:1",
        decision.equals("PROMOTE") ? "loan-default:2" : "loan-default:3", List.of(auc, cost),
        List.of(decision.equals("PROMOTE") ? "passed every expectation and beat the champion on roc_auc"
            : "roc_auc not better than the champion's"));
  }

  /**
   * The regression run: 6 windows of 300 rows of a demand model whose demand grows 60% from window 4.
   *
   * @return the report
   */
  public static RunReport regression() {
    SplittableRandom r = new SplittableRandom(11);
    List<Map<String, Object>> history = new ArrayList<>();
    double[] target = new double[2000];
    double[] predicted = new double[2000];
    for (int i = 0; i < 2000; i++) {
      double temp = 0.5 + 0.2 * r.nextGaussian();
      history.add(Map.of("temp", temp, "season", "s" + (1 + r.nextInt(4))));
      target[i] = Math.max(0, 200 + 300 * temp + 40 * r.nextGaussian());
      predicted[i] = 200 + 300 * temp;
    }
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("temp", ReferenceProfile.PREDICTION,
        ReferenceProfile.LABEL).categorical("season");
    history.forEach(b::add);
    b.addColumn(ReferenceProfile.PREDICTION, predicted);
    b.addColumn(ReferenceProfile.LABEL, target);
    ReferenceProfile profile = b.build();
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(Integer.MAX_VALUE)).seed(3).build();
    RunReport.Builder report = RunReport.builder("bike-demand: sample run")
        .generatedAt(Instant.parse("2026-12-06T08:00:00Z"))
        .evaluation("bike-demand:1 on the held-out split", RegressionEvaluation.of(target, predicted));
    int request = 0;
    for (int w = 1; w <= 6; w++) {
      double growth = w >= 4 ? 1.6 : 1.0;
      double[] actual = new double[300];
      double[] pred = new double[300];
      List<Object> temps = new ArrayList<>();
      List<Object> labels = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        double temp = 0.5 + 0.2 * r.nextGaussian();
        pred[i] = 200 + 300 * temp;
        actual[i] = Math.max(0, growth * (200 + 300 * temp) + 40 * r.nextGaussian());
        monitor.record(Map.of("temp", temp, "season", "s" + (1 + r.nextInt(4))), Prediction.ofValue(pred[i]),
            "r" + (++request));
        monitor.recordLabel("r" + request, actual[i]);
        temps.add(temp);
        labels.add(actual[i]);
      }
      report.window(MonitoringWindow.builder("2012-0" + w, monitor.closeWindow().orElseThrow()).servedBy("bike-demand:1")
          .reference("training data of bike-demand:1", profile).values("temp", temps)
          .values(ReferenceProfile.LABEL, labels).predictions(actual, pred)
          .realised(RegressionEvaluation.builder(actual, pred).bootstrap(200, 1).evaluate()).build());
    }
    return report.build();
  }

  /**
   * Two weeks of two uniform features against 4,000 reference rows; week 2 narrows {@code x} around
   * the same centre (standard deviation x 0.9): its calibrated distance stays below its threshold and
   * only its scale check fires.
   *
   * @return the report
   */
  public static RunReport narrowedSpread() {
    SplittableRandom random = new SplittableRandom(5);
    ReferenceProfile.Builder reference = ReferenceProfile.builder().numeric("x", "y");
    for (int i = 0; i < 4_000; i++) {
      reference.add(Map.of("x", random.nextDouble(), "y", random.nextDouble()));
    }
    DriftMonitor monitor = DriftMonitor.builder(reference.build())
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    RunReport.Builder report = RunReport.builder("narrowed spread");
    for (int week = 1; week <= 2; week++) {
      for (int i = 0; i < 1_000; i++) {
        double u = random.nextDouble();
        double x = week == 2 ? 0.5 + 0.9 * (u - 0.5) : u;
        monitor.record(Map.of("x", x, "y", random.nextDouble()), null, null);
      }
      report.window(MonitoringWindow.builder("week " + week, monitor.closeWindow().orElseThrow())
          .build());
    }
    return report.build();
  }
}
