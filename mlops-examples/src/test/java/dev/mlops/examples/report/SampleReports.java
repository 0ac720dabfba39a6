package dev.mlops.examples.report;

import dev.mlops.core.report.HtmlReport;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reports with every kind of chart, for the browser check. The values are shaped like a real run's
 * (curves monotone, shares summing to one) and include a hostile feature name to prove escaping.
 */
final class SampleReports {

  static final String HOSTILE_FEATURE = "<img src=x onerror=alert(1)> \"quoted\" & 'single'";

  private SampleReports() {}

  static HtmlReport classification() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 50;
    double[] fpr = new double[n];
    double[] tpr = new double[n];
    double[] recall = new double[n];
    double[] precision = new double[n];
    for (int i = 0; i < n; i++) {
      double t = i / (n - 1.0);
      fpr[i] = t;
      tpr[i] = Math.pow(t, 0.3);
      recall[i] = t;
      precision[i] = Math.max(0.17, 1 - 0.8 * Math.pow(t, 0.7) + 0.02 * random.nextDouble());
      precision[i] = Math.min(1, precision[i]);
    }
    HtmlReport.Builder b = common(HtmlReport.builder().title("loan-default: sample report"))
        .expectation(new HtmlReport.Expectation("roc_auc >= 0.75", "PASSED", 0.81, 0.78, 0.84, ">= 0.75", 1200, ""))
        .expectation(new HtmlReport.Expectation("recall[defaulted] >= 0.60", "FAILED", 0.52, 0.47, 0.57, ">= 0.60",
            1200, "observed 0.52 below 0.60"))
        .expectation(new HtmlReport.Expectation("log_loss <= 0.45", "WARNED", 0.46, 0.44, 0.48, "<= 0.45", 1200,
            "warning only"))
        .metric("roc_auc", 0.81, 0.78, 0.84, 1200)
        .metric("accuracy", 0.86, 0.84, 0.88, 1200)
        .rocCurve(fpr, tpr, 0.77)
        .precisionRecallCurve(precision, recall, 0.52, 0.17)
        .confusionMatrix(new long[][] {{940, 56}, {112, 92}}, List.of("repaid", "defaulted"))
        .calibrationCurve(new double[] {0.05, 0.15, 0.25, 0.35, 0.5, 0.7},
            new double[] {0.04, 0.16, 0.22, 0.41, 0.47, 0.75}, new long[] {520, 300, 180, 110, 60, 30});
    return b.build();
  }

  static HtmlReport regression() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 5_000;
    double[] actual = new double[n];
    double[] predicted = new double[n];
    for (int i = 0; i < n; i++) {
      predicted[i] = 400 * random.nextDouble();
      actual[i] = Math.max(0, predicted[i] + (20 + 0.2 * predicted[i]) * (random.nextDouble() - 0.5) * 2);
    }
    return common(HtmlReport.builder().title("bike-demand: sample report"))
        .expectation(new HtmlReport.Expectation("rmse <= 80", "PASSED", 61.2, 58.0, 64.9, "<= 80", 1700, ""))
        .metric("rmse", 61.2, 58.0, 64.9, 1700)
        .metric("r2", 0.88, Double.NaN, Double.NaN, 1700)
        .residuals(actual, predicted)
        .build();
  }

  private static HtmlReport.Builder common(HtmlReport.Builder b) {
    b.summary("A sample report with every chart kind.").generatedAt(Instant.parse("2026-11-30T08:00:00Z"));
    b.featureComparison(new HtmlReport.FeatureComparison("interest_rate", "month 9", "wasserstein (normed)", 1.83,
        Double.NaN, 0.1, "DRIFT", List.of("(-inf, 5.5]", "(5.5, 6.5]", "(6.5, 7.5]", "(7.5, 8.5]", "(8.5, +inf)"),
        new double[] {0.2, 0.3, 0.3, 0.15, 0.05}, new double[] {0.0, 0.02, 0.08, 0.3, 0.6}));
    b.featureComparison(new HtmlReport.FeatureComparison(HOSTILE_FEATURE, "month 9", "jensen-shannon", 0.04,
        Double.NaN, 0.1, "OK", List.of("a", "b", "<c>"), new double[] {0.5, 0.3, 0.2}, new double[] {0.45, 0.35, 0.2}));
    for (int w = 1; w <= 12; w++) {
      String window = "month " + w;
      boolean drifted = w >= 9;
      b.driftScore("interest_rate", window, drifted ? 1.8 : 0.05, 0.1, drifted);
      b.driftScore(HOSTILE_FEATURE, window, 0.03, 0.1, false);
      b.datasetDrift(window, drifted ? 0.5 : 0.0, 0.5);
      b.performance(window, "roc_auc", drifted && w < 11 ? 0.71 : 0.8);
    }
    b.event("month 10", "v2 promoted");
    b.table("Live traffic", List.of("window", "rows", "served by", "drifted features"),
        List.of(List.of("month 9", "600", "loan-default:1", "interest_rate, channel"),
            List.of("month 10", "600", "loan-default:2", "interest_rate")));
    b.finding(new HtmlReport.Finding("WARN", "channel", "unseen categories", "partner_app: 30% of rows"));
    b.gate("PROMOTE", List.of("roc_auc 0.80 vs champion 0.71: +0.09 (DeLong p = 1.2e-5)"));
    b.provenance("run id", "run-0001").provenance("data fingerprint", "sha256:0123abcd").provenance("seed", "42");
    return b;
  }
}
