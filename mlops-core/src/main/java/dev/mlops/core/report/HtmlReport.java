package dev.mlops.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.FeatureProfile;
import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.modeltest.ExpectationResult;
import dev.mlops.metrics.modeltest.ModelTestReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A self-contained, single-file HTML report of a model run: the ModelTest pass/fail table, headline
 * metrics, ROC and precision-recall curves, the confusion matrix as a heat map, the calibration curve
 * (classification) or residual plot (regression), per-feature drift (reference versus current
 * histograms, drift score per window over time), data-quality findings, the gate decision and the
 * provenance of the run.
 *
 * <p>Usage:
 * <pre>{@code
 * HtmlReport.builder()
 *     .title("loan-default v3")
 *     .expectation(new HtmlReport.Expectation("roc_auc >= 0.80", "PASSED", 0.86, 0.84, 0.88, ">= 0.80", 1200, ""))
 *     .rocCurve(fpr, tpr, 0.86)
 *     .confusionMatrix(new long[][] {{900, 40}, {120, 140}}, List.of("repaid", "defaulted"))
 *     .driftScore("interest_rate", "window 7", 0.42, 0.1, true)
 *     .gate("PROMOTE", List.of("roc_auc improved by 0.031 (p = 0.004)"))
 *     .build()
 *     .writeTo(Path.of("target/report.html"));
 * }</pre>
 *
 * <p>With the mlops-java result types it is one call each:
 * <pre>{@code
 * HtmlReport.Builder report = HtmlReport.builder().title("loan-default")
 *     .modelTest(run.report())                      // expectations table + evaluation charts
 *     .gate(run.gate().decision().name(), run.gate().reasons());
 * for (DriftReport window : monitor.history()) {
 *   report.drift("window " + window.window(), window);  // drift scores, dataset drift, performance, data quality
 * }
 * report.build().writeTo(Path.of("report.html"));
 * }</pre>
 *
 * <p>The plain-value methods (arrays, strings, numbers and the small records nested here) let it be
 * fed from any other model library or monitoring tool as well.
 *
 * <p><b>Charts.</b> The charts are drawn by <a href="https://echarts.apache.org">Apache ECharts</a>
 * 5.3.1, read from the {@code org.webjars.npm:echarts} WebJar on the classpath and inlined into the
 * file, rendered as SVG. ECharts was chosen because it is a well-kept Apache Software Foundation
 * project, one library covers every chart needed here (line, bar, scatter and heat map with a visual
 * map), and inlined it works with no network access, so the report can be archived and opened years
 * later. No hand-drawn SVG to maintain, no server.
 *
 * <p><b>Safety.</b> Every text (feature names, category values, reasons, provenance) is escaped for
 * HTML; chart data is written as JSON with Jackson, escaped so that nothing in it can close the
 * {@code <script>} element it lives in, and parsed with {@code JSON.parse}. Non-finite numbers are
 * written as {@code null} (a gap in the chart), never as invalid JSON.
 *
 * <p><b>Thread-safety.</b> {@code HtmlReport} is immutable and thread-safe; its {@link Builder} is
 * not thread-safe.
 */
public final class HtmlReport {

  /** Where the inlined chart library is read from on the classpath. */
  static final String ECHARTS_RESOURCE = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  /** Residual plots keep at most this many points (every k-th row), to keep the file small. */
  static final int MAX_SCATTER_POINTS = 2_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] PALETTE = {"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de",
      "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"};

  private final String title;
  private final String html;
  private final int chartCount;

  private HtmlReport(String title, String html, int chartCount) {
    this.title = title;
    this.html = html;
    this.chartCount = chartCount;
  }

  /**
   * Starts a report.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the report's title */
  public String title() {
    return title;
  }

  /** @return the number of charts in the report */
  public int chartCount() {
    return chartCount;
  }

  /** @return the complete HTML document */
  public String toHtml() {
    return html;
  }

  /**
   * Writes the report to a file (UTF-8), creating parent directories; the file is written to a
   * temporary sibling first and moved into place, so a reader never sees half a report.
   *
   * @param file the target file
   * @return the absolute path written
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writeTo(Path file) {
    Objects.requireNonNull(file, "file");
    Path target = file.toAbsolutePath();
    try {
      Path parent = target.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
          + Thread.currentThread().getId() + ".tmp");
      try {
        Files.writeString(tmp, html, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the HTML report to " + target, e);
    }
  }

  @Override
  public String toString() {
    return "HtmlReport[title=" + title + ", charts=" + chartCount + ", bytes=" + html.length() + "]";
  }

  /**
   * One row of the model-test table.
   *
   * @param name what was expected, e.g. {@code "roc_auc >= 0.80"}
   * @param status PASSED, FAILED, WARNED or UNDEFINED (any text is shown; these four are coloured)
   * @param observed the observed value ({@code NaN} if undefined)
   * @param ciLower the lower confidence bound ({@code NaN} if none)
   * @param ciUpper the upper confidence bound ({@code NaN} if none)
   * @param threshold the threshold as text, e.g. {@code ">= 0.80"}
   * @param n the sample size
   * @param reason a one-line reason (may be empty)
   */
  public record Expectation(String name, String status, double observed, double ciLower, double ciUpper,
      String threshold, long n, String reason) {
    /**
     * Validates the row.
     *
     * @throws NullPointerException if {@code name} or {@code status} is null
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Expectation {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      threshold = threshold == null ? "" : threshold;
      reason = reason == null ? "" : reason;
      if (n < 0) {
        throw new IllegalArgumentException("expectation n must not be negative: " + n);
      }
    }
  }

  /**
   * Reference versus current distribution of one feature, drawn as overlaid histograms.
   *
   * @param feature the feature name
   * @param window the label of the current window compared
   * @param test the test used, e.g. {@code "ks"} (may be empty)
   * @param statistic the test statistic or distance ({@code NaN} if none)
   * @param pValue the p-value ({@code NaN} if none)
   * @param threshold the decision threshold ({@code NaN} if none)
   * @param status OK, DRIFT, INSUFFICIENT_DATA or ERROR (any text is shown)
   * @param bins the bin or category labels
   * @param referenceShare the reference's share of rows per bin (0..1)
   * @param currentShare the current window's share of rows per bin (0..1)
   */
  public record FeatureComparison(String feature, String window, String test, double statistic, double pValue,
      double threshold, String status, List<String> bins, double[] referenceShare, double[] currentShare) {
    /**
     * Validates the comparison.
     *
     * @throws NullPointerException if a name, the bins or a share array is null
     * @throws IllegalArgumentException if the arrays do not match the bins, or a share is outside [0, 1]
     */
    public FeatureComparison {
      Objects.requireNonNull(feature, "feature");
      window = window == null ? "" : window;
      test = test == null ? "" : test;
      status = status == null ? "" : status;
      bins = List.copyOf(bins);
      referenceShare = referenceShare.clone();
      currentShare = currentShare.clone();
      if (referenceShare.length != bins.size() || currentShare.length != bins.size()) {
        throw new IllegalArgumentException("feature " + feature + ": share arrays must have one value per bin ("
            + bins.size() + "): reference " + referenceShare.length + ", current " + currentShare.length);
      }
      checkShares(feature, "referenceShare", referenceShare);
      checkShares(feature, "currentShare", currentShare);
    }

    /**
     * Compares live values of a feature with its reference profile: numeric values are counted in
     * the reference's bins (open outer bins, so values outside the training range show), categorical
     * values per reference category plus one bin for other and unseen categories. Missing values
     * ({@code null}, NaN) are left out of both sides' shares. No test result is attached; see
     * {@link #withTest}.
     *
     * @param window the label of the current window
     * @param reference the feature's reference profile
     * @param currentValues the live values of the feature ({@code Number}, {@code String} or {@code null})
     * @return the comparison
     */
    public static FeatureComparison of(String window, FeatureProfile reference, Collection<?> currentValues) {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(currentValues, "currentValues");
      List<String> bins = new ArrayList<>();
      double[] ref;
      double[] cur;
      if (reference instanceof NumericProfile numeric) {
        double[] edges = numeric.binEdges();
        long[] counts = numeric.binCounts();
        for (int i = 0; i < counts.length; i++) {
          bins.add(binLabel(edges[i], edges[i + 1]));
        }
        ref = shares(counts);
        long[] current = new long[counts.length];
        for (Object v : currentValues) {
          if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            current[numeric.binIndex(n.doubleValue())]++;
          }
        }
        cur = shares(current);
      } else {
        CategoricalProfile categorical = (CategoricalProfile) reference;
        bins.addAll(categorical.categories());
        bins.add("(other)");
        long[] counts = java.util.Arrays.copyOf(categorical.counts(), bins.size());
        counts[bins.size() - 1] = categorical.other();
        ref = shares(counts);
        long[] current = new long[bins.size()];
        for (Object v : currentValues) {
          if (v == null || v instanceof Double d && d.isNaN()) {
            continue;
          }
          int i = categorical.indexOf(CategoricalProfile.key(v));
          current[i < 0 ? bins.size() - 1 : i]++;
        }
        cur = shares(current);
      }
      return new FeatureComparison(reference.name(), window, "", Double.NaN, Double.NaN, Double.NaN, "", bins, ref, cur);
    }

    /**
     * Compares live values with the reference profile as {@link #of(String, FeatureProfile, Collection)}
     * and attaches the monitor's verdict for the feature.
     *
     * @param window the label of the current window
     * @param reference the feature's reference profile
     * @param currentValues the live values
     * @param drift the monitor's verdict for this feature in this window
     * @return the comparison
     */
    public static FeatureComparison of(String window, FeatureProfile reference, Collection<?> currentValues,
        FeatureDrift drift) {
      Objects.requireNonNull(drift, "drift");
      return of(window, reference, currentValues).withTest(drift.test(), drift.statistic(), drift.pValue(),
          drift.threshold(), drift.status().name());
    }

    /**
     * Returns this comparison with a drift test's outcome attached.
     *
     * @param test the test's name
     * @param statistic the statistic or distance
     * @param pValue the p-value ({@code NaN} if none)
     * @param threshold the decision threshold
     * @param status the verdict, e.g. OK or DRIFT
     * @return a new comparison
     */
    public FeatureComparison withTest(String test, double statistic, double pValue, double threshold, String status) {
      return new FeatureComparison(feature, window, test, statistic, pValue, threshold, status, bins, referenceShare,
          currentShare);
    }

    private static String binLabel(double lo, double hi) {
      if (lo == Double.NEGATIVE_INFINITY) {
        return "< " + shortNumber(hi);
      }
      if (hi == Double.POSITIVE_INFINITY) {
        return ">= " + shortNumber(lo);
      }
      return "[" + shortNumber(lo) + ", " + shortNumber(hi) + ")";
    }

    private static String shortNumber(double v) {
      return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static double[] shares(long[] counts) {
      long total = 0;
      for (long c : counts) {
        total += c;
      }
      double[] out = new double[counts.length];
      for (int i = 0; i < counts.length && total > 0; i++) {
        out[i] = (double) counts[i] / total;
      }
      return out;
    }

    private static void checkShares(String feature, String what, double[] shares) {
      for (int i = 0; i < shares.length; i++) {
        if (!(shares[i] >= 0 && shares[i] <= 1)) {
          throw new IllegalArgumentException("feature " + feature + ": " + what + "[" + i + "] must be in [0, 1]: "
              + shares[i]);
        }
      }
    }

    /** @return a copy of the reference's share of rows per bin */
    @Override
    public double[] referenceShare() {
      return referenceShare.clone();
    }

    /** @return a copy of the current window's share of rows per bin */
    @Override
    public double[] currentShare() {
      return currentShare.clone();
    }
  }

  /**
   * A data-quality finding.
   *
   * @param severity e.g. {@code "WARN"} or {@code "FAIL"}
   * @param feature the feature concerned (may be empty for dataset-level findings)
   * @param kind the kind of finding, e.g. {@code "unseen categories"}
   * @param detail what was observed, e.g. {@code "partner_app: 31% of rows"}
   */
  public record Finding(String severity, String feature, String kind, String detail) {
    /** Replaces null fields by empty strings. */
    public Finding {
      severity = severity == null ? "" : severity;
      feature = feature == null ? "" : feature;
      kind = kind == null ? "" : kind;
      detail = detail == null ? "" : detail;
    }
  }

  private record MetricRow(String name, double value, double lower, double upper, long n) {}

  private record Curve(double[] x, double[] y, double area) {}

  private record GateEntry(String label, String decision, List<String> reasons) {}

  private record Table(String heading, List<String> columns, List<List<String>> rows) {}

  private record Point(String series, String window, double value, double threshold, boolean flagged) {}

  /**
   * Collects the parts of a report. Every part is optional; sections without data say so. Not
   * thread-safe.
   */
  public static final class Builder {
    private String title = "mlops-java model report";
    private String summary = "";
    private Instant generatedAt;
    private final List<MetricRow> metrics = new ArrayList<>();
    private final List<Expectation> expectations = new ArrayList<>();
    private Curve roc;
    private Curve pr;
    private double prevalence = Double.NaN;
    private long[][] confusion;
    private List<String> classNames;
    private double[] calibrationPredicted;
    private double[] calibrationObserved;
    private long[] calibrationCounts;
    private double[] residualActual;
    private double[] residualPredicted;
    private final List<FeatureComparison> comparisons = new ArrayList<>();
    private final List<Point> driftScores = new ArrayList<>();
    private final List<Point> datasetDrift = new ArrayList<>();
    private final List<Point> performance = new ArrayList<>();
    private final Set<String> windows = new LinkedHashSet<>();
    private final Map<String, List<String>> events = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<GateEntry> gates = new ArrayList<>();
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private final List<Table> tables = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the title.
     *
     * @param title the title shown at the top and in the browser tab
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Sets a short summary paragraph shown under the title.
     *
     * @param summary plain text
     * @return this builder
     */
    public Builder summary(String summary) {
      this.summary = Objects.requireNonNull(summary, "summary");
      return this;
    }

    /**
     * Sets the generation time shown in the header (default: the time of {@link #build()}).
     *
     * @param generatedAt the instant
     * @return this builder
     */
    public Builder generatedAt(Instant generatedAt) {
      this.generatedAt = Objects.requireNonNull(generatedAt, "generatedAt");
      return this;
    }

    /**
     * Adds a headline metric.
     *
     * @param name the metric name
     * @param value the value ({@code NaN} shows as "undefined")
     * @return this builder
     */
    public Builder metric(String name, double value) {
      return metric(name, value, Double.NaN, Double.NaN, -1);
    }

    /**
     * Adds a headline metric with its confidence interval and sample size.
     *
     * @param name the metric name
     * @param value the value
     * @param lower the lower confidence bound ({@code NaN} if none)
     * @param upper the upper confidence bound ({@code NaN} if none)
     * @param n the sample size (negative if unknown)
     * @return this builder
     */
    public Builder metric(String name, double value, double lower, double upper, long n) {
      metrics.add(new MetricRow(Objects.requireNonNull(name, "name"), value, lower, upper, n));
      return this;
    }

    /**
     * Adds a ModelTest report: one table row per expectation (status, observed value, confidence
     * interval, threshold, sample size, reason), then its underlying evaluation as by
     * {@link #evaluation(Evaluation)}.
     *
     * @param report the report
     * @return this builder
     */
    public Builder modelTest(ModelTestReport report) {
      Objects.requireNonNull(report, "report");
      for (ExpectationResult e : report.expectations()) {
        Interval ci = e.ci();
        expectation(new Expectation(e.name(), e.status().name(), e.observed(),
            ci == null ? Double.NaN : ci.lower(), ci == null ? Double.NaN : ci.upper(),
            e.threshold().toString(), e.n(), e.reason()));
      }
      report.evaluation().ifPresent(this::evaluation);
      return this;
    }

    /**
     * Adds every metric of an evaluation (with its confidence interval and sample size; undefined
     * metrics show as undefined) and its charts: for a binary classifier the ROC and
     * precision-recall curves, confusion matrix and calibration curve; for a regressor the residual
     * plot.
     *
     * @param evaluation a {@link ClassificationEvaluation} or {@link RegressionEvaluation}
     * @return this builder
     */
    public Builder evaluation(Evaluation evaluation) {
      Objects.requireNonNull(evaluation, "evaluation");
      evaluation.metrics().forEach((metric, value) -> {
        Interval ci = value.ci();
        metric(metric.key(), value.defined() ? value.value() : Double.NaN,
            ci == null ? Double.NaN : ci.lower(), ci == null ? Double.NaN : ci.upper(), value.n());
      });
      if (evaluation instanceof ClassificationEvaluation c) {
        c.rocCurve().ifPresent(r -> rocCurve(r.fpr(), r.tpr(), defined(c, dev.mlops.metrics.Metric.ROC_AUC)));
        c.precisionRecallCurve().ifPresent(p -> precisionRecallCurve(p.precision(), p.recall(),
            defined(c, dev.mlops.metrics.Metric.AVERAGE_PRECISION), defined(c, dev.mlops.metrics.Metric.PREVALENCE)));
        confusionMatrix(c.confusionMatrix().counts(), c.classNames());
        c.reliabilityCurve().ifPresent(r -> calibrationCurve(r.meanPredicted(), r.fractionPositive(), r.counts()));
      } else if (evaluation instanceof RegressionEvaluation r) {
        double[] predicted = r.predicted();
        double[] residuals = r.residuals();
        double[] actual = new double[predicted.length];
        for (int i = 0; i < actual.length; i++) {
          actual[i] = predicted[i] + residuals[i];
        }
        if (actual.length > 0) {
          residuals(actual, predicted);
        }
      }
      return this;
    }

    private static double defined(Evaluation e, dev.mlops.metrics.Metric metric) {
      if (!e.has(metric)) {
        return Double.NaN;
      }
      MetricValue v = e.metric(metric);
      return v.defined() ? v.value() : Double.NaN;
    }

    /**
     * Adds a row to the model-test table.
     *
     * @param expectation the row
     * @return this builder
     */
    public Builder expectation(Expectation expectation) {
      expectations.add(Objects.requireNonNull(expectation, "expectation"));
      return this;
    }

    /**
     * Sets the ROC curve.
     *
     * @param fpr false-positive rates, in curve order
     * @param tpr true-positive rates, same length
     * @param auc the area under the curve, shown in the legend ({@code NaN} if unknown)
     * @return this builder
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold values outside [0, 1]
     */
    public Builder rocCurve(double[] fpr, double[] tpr, double auc) {
      roc = curve("roc", "fpr", fpr, "tpr", tpr, auc);
      return this;
    }

    /**
     * Sets the precision-recall curve.
     *
     * @param precision precision values, in curve order
     * @param recall recall values, same length
     * @param averagePrecision the average precision, shown in the legend ({@code NaN} if unknown)
     * @param prevalence the share of positives (the no-skill line; {@code NaN} to omit it)
     * @return this builder
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold values outside [0, 1]
     */
    public Builder precisionRecallCurve(double[] precision, double[] recall, double averagePrecision,
        double prevalence) {
      pr = curve("precision-recall", "recall", recall, "precision", precision, averagePrecision);
      this.prevalence = prevalence;
      return this;
    }

    /**
     * Sets the confusion matrix, drawn as a heat map.
     *
     * @param counts {@code counts[actual][predicted]}, square
     * @param classNames one name per class
     * @return this builder
     * @throws IllegalArgumentException if the matrix is not square, does not match the class names, or has a
     *     negative count
     */
    public Builder confusionMatrix(long[][] counts, List<String> classNames) {
      Objects.requireNonNull(counts, "counts");
      List<String> names = List.copyOf(classNames);
      if (counts.length == 0 || counts.length != names.size()) {
        throw new IllegalArgumentException("confusion matrix must have one row per class (" + names.size() + "): "
            + counts.length);
      }
      long[][] copy = new long[counts.length][];
      for (int i = 0; i < counts.length; i++) {
        if (counts[i].length != counts.length) {
          throw new IllegalArgumentException("confusion matrix row " + i + " must have " + counts.length
              + " columns: " + counts[i].length);
        }
        for (int j = 0; j < counts[i].length; j++) {
          if (counts[i][j] < 0) {
            throw new IllegalArgumentException("confusion matrix count [" + i + "][" + j + "] must not be negative: "
                + counts[i][j]);
          }
        }
        copy[i] = counts[i].clone();
      }
      this.confusion = copy;
      this.classNames = names;
      return this;
    }

    /**
     * Sets the calibration (reliability) curve.
     *
     * @param meanPredicted mean predicted probability per bin
     * @param fractionPositive observed fraction of positives per bin
     * @param counts rows per bin (may be null)
     * @return this builder
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold values outside [0, 1]
     */
    public Builder calibrationCurve(double[] meanPredicted, double[] fractionPositive, long[] counts) {
      curve("calibration", "meanPredicted", meanPredicted, "fractionPositive", fractionPositive, Double.NaN);
      if (counts != null && counts.length != meanPredicted.length) {
        throw new IllegalArgumentException("calibration counts must have one value per bin (" + meanPredicted.length
            + "): " + counts.length);
      }
      calibrationPredicted = meanPredicted.clone();
      calibrationObserved = fractionPositive.clone();
      calibrationCounts = counts == null ? null : counts.clone();
      return this;
    }

    /**
     * Sets the data of a residual plot (regression): residual = actual - predicted against predicted.
     *
     * @param actual the actual targets
     * @param predicted the predictions, same length
     * @return this builder
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public Builder residuals(double[] actual, double[] predicted) {
      Objects.requireNonNull(actual, "actual");
      Objects.requireNonNull(predicted, "predicted");
      if (actual.length == 0 || actual.length != predicted.length) {
        throw new IllegalArgumentException("residuals: actual and predicted must have the same non-zero length: "
            + actual.length + " and " + predicted.length);
      }
      residualActual = actual.clone();
      residualPredicted = predicted.clone();
      return this;
    }

    /**
     * Adds a reference-versus-current comparison of one feature (overlaid histograms).
     *
     * @param comparison the comparison
     * @return this builder
     */
    public Builder featureComparison(FeatureComparison comparison) {
      comparisons.add(Objects.requireNonNull(comparison, "comparison"));
      return this;
    }

    /**
     * Adds one monitoring window: per feature (and the prediction) its drift score, the dataset-level
     * share of drifted features, realised and estimated performance, and the data-quality findings.
     *
     * <p>The drift score plotted is the monitor's effect size (normed Wasserstein distance for a
     * numeric feature, Jensen-Shannon distance for a categorical one), which is on the same scale
     * whatever test decided, with the minimum effect size of the monitor's combined rule (or the
     * distance threshold of a distance test) as the threshold line. Points are red where the monitor
     * judged the feature drifted.
     *
     * @param window the window label
     * @param report the monitor's report of that window
     * @return this builder
     */
    public Builder drift(String window, DriftReport report) {
      return drift(window, report, null);
    }

    /**
     * As {@link #drift(String, DriftReport)}, plotting only the named performance metrics (realised,
     * and estimated where the monitor estimates them).
     *
     * @param window the window label
     * @param report the monitor's report of that window
     * @param performanceMetrics metric keys to plot, e.g. {@code Set.of("roc_auc", "accuracy")}; null for all
     * @return this builder
     */
    public Builder drift(String window, DriftReport report, java.util.Set<String> performanceMetrics) {
      Objects.requireNonNull(report, "report");
      window(window);
      List<FeatureDrift> all = new ArrayList<>(report.features());
      if (report.prediction() != null) {
        all.add(report.prediction());
      }
      for (FeatureDrift f : all) {
        String name = f.feature().equals(ReferenceProfile.PREDICTION) ? "prediction" : f.feature();
        double threshold = f.minEffectSize() > 0 ? f.minEffectSize()
            : Double.isNaN(f.pValue()) ? f.threshold() : Double.NaN;
        driftScore(name, window, f.effectSize(), threshold, f.drifted());
      }
      datasetDrift(window, report.driftShare(), report.driftShareThreshold());
      report.performance().realised().forEach((metric, value) -> {
        if (performanceMetrics == null || performanceMetrics.contains(metric)) {
          performance(window, metric, value);
        }
      });
      report.performance().estimated().forEach((metric, value) -> {
        if (performanceMetrics == null || performanceMetrics.contains(metric)) {
          performance(window, metric + " (estimated)", value);
        }
      });
      for (String text : report.dataQuality().findings()) {
        int colon = text.indexOf(':');
        String feature = colon > 0 && report.feature(text.substring(0, colon)).isPresent() ? text.substring(0, colon) : "";
        finding(new Finding("WARN", feature, "window " + window, text));
      }
      return this;
    }

    /**
     * Adds one point of a feature's drift score over time.
     *
     * @param feature the feature
     * @param window the window label (windows are shown in the order first seen)
     * @param score the drift score (a distance, statistic or p-value, as the monitor decides)
     * @param threshold the threshold the score is compared with ({@code NaN} if none)
     * @param drifted whether the window was judged drifted for this feature (drawn in red)
     * @return this builder
     */
    public Builder driftScore(String feature, String window, double score, double threshold, boolean drifted) {
      driftScores.add(new Point(Objects.requireNonNull(feature, "feature"), window(window), score, threshold, drifted));
      return this;
    }

    /**
     * Adds one point of the dataset-level drift over time: the share of drifted features.
     *
     * @param window the window label
     * @param driftedShare share of features drifted, 0..1
     * @param threshold the share from which the dataset counts as drifted
     * @return this builder
     */
    public Builder datasetDrift(String window, double driftedShare, double threshold) {
      datasetDrift.add(new Point("drifted share", window(window), driftedShare, threshold, driftedShare >= threshold));
      return this;
    }

    /**
     * Adds one point of realised model performance over time (e.g. when delayed labels arrive).
     *
     * @param window the window label
     * @param metric the metric name (one line per metric)
     * @param value the value
     * @return this builder
     */
    public Builder performance(String window, String metric, double value) {
      performance.add(new Point(Objects.requireNonNull(metric, "metric"), window(window), value, Double.NaN, false));
      return this;
    }

    /**
     * Marks an event (e.g. "v2 promoted") on the timeline charts at a window.
     *
     * @param window the window label
     * @param text what happened
     * @return this builder
     */
    public Builder event(String window, String text) {
      events.computeIfAbsent(window(window), w -> new ArrayList<>()).add(Objects.requireNonNull(text, "text"));
      return this;
    }

    /**
     * Adds a data-quality finding.
     *
     * @param finding the finding
     * @return this builder
     */
    public Builder finding(Finding finding) {
      findings.add(Objects.requireNonNull(finding, "finding"));
      return this;
    }

    /**
     * Adds a gate decision (a report may hold several, e.g. the first training and each retrain;
     * the header shows the last).
     *
     * @param decision e.g. {@code "PROMOTE"} or {@code "REJECT"}
     * @param reasons the reasons, one line each
     * @return this builder
     */
    public Builder gate(String decision, List<String> reasons) {
      return gate("", decision, reasons);
    }

    /**
     * Adds a labelled gate decision.
     *
     * @param label what was gated, e.g. {@code "retrain after month 9: loan-default:2"}
     * @param decision e.g. {@code "PROMOTE"} or {@code "REJECT"}
     * @param reasons the reasons, one line each
     * @return this builder
     */
    public Builder gate(String label, String decision, List<String> reasons) {
      gates.add(new GateEntry(Objects.requireNonNull(label, "label"), Objects.requireNonNull(decision, "decision"),
          List.copyOf(reasons)));
      return this;
    }

    /**
     * Adds a provenance entry (run id, data fingerprint, seed, versions...); a repeated key replaces
     * the earlier value.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder provenance(String key, String value) {
      provenance.put(Objects.requireNonNull(key, "key"), String.valueOf(value));
      return this;
    }

    /**
     * Adds provenance entries in the map's iteration order.
     *
     * @param entries the entries
     * @return this builder
     */
    public Builder provenance(Map<String, ?> entries) {
      entries.forEach((k, v) -> provenance(k, String.valueOf(v)));
      return this;
    }

    /**
     * Adds a table of your own (e.g. a per-window log of live traffic), shown after the drift section.
     *
     * @param heading the table's heading
     * @param columns the column names
     * @param rows the rows, each with one cell per column
     * @return this builder
     * @throws IllegalArgumentException if a row does not have one cell per column
     */
    public Builder table(String heading, List<String> columns, List<List<String>> rows) {
      Objects.requireNonNull(heading, "heading");
      List<String> cols = List.copyOf(columns);
      List<List<String>> copy = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        List<String> row = rows.get(i);
        if (row.size() != cols.size()) {
          throw new IllegalArgumentException("table " + heading + ": row " + i + " must have " + cols.size()
              + " cells: " + row.size());
        }
        copy.add(row.stream().map(c -> c == null ? "" : c).toList());
      }
      tables.add(new Table(heading, cols, List.copyOf(copy)));
      return this;
    }

    /**
     * Renders the report.
     *
     * @return the immutable report
     * @throws IllegalStateException if the chart library is not on the classpath
     */
    public HtmlReport build() {
      Instant at = generatedAt == null ? Instant.now() : generatedAt;
      Renderer renderer = new Renderer(this, at);
      String html = renderer.render();
      return new HtmlReport(title, html, renderer.charts.size());
    }

    private String window(String window) {
      Objects.requireNonNull(window, "window");
      windows.add(window);
      return window;
    }

    private static Curve curve(String what, String xName, double[] x, String yName, double[] y, double area) {
      Objects.requireNonNull(x, xName);
      Objects.requireNonNull(y, yName);
      if (x.length == 0 || x.length != y.length) {
        throw new IllegalArgumentException(what + " curve: " + xName + " and " + yName
            + " must have the same non-zero length: " + x.length + " and " + y.length);
      }
      checkUnit(what, xName, x);
      checkUnit(what, yName, y);
      return new Curve(x.clone(), y.clone(), area);
    }

    private static void checkUnit(String what, String name, double[] values) {
      for (int i = 0; i < values.length; i++) {
        if (!(values[i] >= 0 && values[i] <= 1)) {
          throw new IllegalArgumentException(what + " curve: " + name + "[" + i + "] must be in [0, 1]: " + values[i]);
        }
      }
    }
  }

  /** Turns a builder's parts into the document. */
  private static final class Renderer {
    private final Builder b;
    private final Instant at;
    private final List<ObjectNode> charts = new ArrayList<>();
    private final StringBuilder body = new StringBuilder(64 * 1024);

    Renderer(Builder b, Instant at) {
      this.b = b;
      this.at = at;
    }

    String render() {
      header();
      modelTest();
      evaluation();
      drift();
      tables();
      dataQuality();
      gate();
      provenance();
      ArrayNode specs = NODES.arrayNode();
      charts.forEach(specs::add);
      StringBuilder doc = new StringBuilder(body.length() + 1_100_000);
      doc.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<meta name=\"generator\" content=\"mlops-java HtmlReport\">\n")
          .append("<title>").append(Html.escape(b.title)).append("</title>\n<style>").append(CSS).append("</style>\n")
          .append("</head>\n<body data-charts-expected=\"").append(charts.size()).append("\">\n")
          .append(body)
          .append("<script type=\"application/json\" id=\"mlops-chart-data\">").append(scriptSafeJson(specs))
          .append("</script>\n<script>").append(echarts()).append("</script>\n<script>").append(BOOT)
          .append("</script>\n</body>\n</html>\n");
      return doc.toString();
    }

    private void header() {
      body.append("<header><h1>").append(Html.escape(b.title)).append("</h1>\n<p class=\"meta\">generated ")
          .append(Html.escape(at.toString())).append(" by mlops-java</p>\n");
      if (!b.summary.isEmpty()) {
        body.append("<p class=\"summary\">").append(Html.escape(b.summary)).append("</p>\n");
      }
      body.append("<div class=\"badges\">");
      if (!b.expectations.isEmpty()) {
        long failed = b.expectations.stream().filter(e -> e.status().equalsIgnoreCase("FAILED")).count();
        badge(failed == 0 ? "ok" : "bad", "model test", failed == 0
            ? "all " + b.expectations.size() + " expectations met"
            : failed + " of " + b.expectations.size() + " expectations failed");
      }
      if (!b.gates.isEmpty()) {
        String last = b.gates.get(b.gates.size() - 1).decision();
        badge(last.equalsIgnoreCase("PROMOTE") ? "ok" : "bad", "gate", last);
      }
      if (!b.datasetDrift.isEmpty()) {
        long drifted = b.datasetDrift.stream().filter(Point::flagged).count();
        badge(drifted == 0 ? "ok" : "warn", "drift", drifted + " of " + b.datasetDrift.size() + " windows drifted");
      }
      if (!b.findings.isEmpty()) {
        badge("warn", "data quality", b.findings.size() + " finding" + (b.findings.size() == 1 ? "" : "s"));
      }
      body.append("</div></header>\n");
    }

    private void badge(String kind, String label, String text) {
      body.append("<span class=\"badge ").append(kind).append("\"><b>").append(Html.escape(label)).append("</b> ")
          .append(Html.escape(text)).append("</span>");
    }

    private void modelTest() {
      section("Model test");
      if (b.expectations.isEmpty() && b.metrics.isEmpty()) {
        empty("No model test in this run.");
      }
      if (!b.expectations.isEmpty()) {
        body.append("<table class=\"data\"><thead><tr><th>expectation</th><th>status</th><th>observed</th>")
            .append("<th>confidence interval</th><th>threshold</th><th>n</th><th>reason</th></tr></thead><tbody>\n");
        for (Expectation e : b.expectations) {
          body.append("<tr><td>").append(Html.escape(e.name())).append("</td><td><span class=\"status ")
              .append(statusClass(e.status())).append("\">").append(Html.escape(e.status())).append("</span></td><td class=\"num\">")
              .append(fmt(e.observed())).append("</td><td class=\"num\">").append(interval(e.ciLower(), e.ciUpper()))
              .append("</td><td>").append(Html.escape(e.threshold())).append("</td><td class=\"num\">").append(e.n())
              .append("</td><td>").append(Html.escape(e.reason())).append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
      }
      if (!b.metrics.isEmpty()) {
        body.append("<h3>Metrics on the test set</h3><table class=\"data narrow\"><thead><tr><th>metric</th><th>value</th>")
            .append("<th>confidence interval</th><th>n</th></tr></thead><tbody>\n");
        for (MetricRow m : b.metrics) {
          body.append("<tr><td>").append(Html.escape(m.name())).append("</td><td class=\"num\">").append(fmt(m.value()))
              .append("</td><td class=\"num\">").append(interval(m.lower(), m.upper())).append("</td><td class=\"num\">")
              .append(m.n() < 0 ? "" : Long.toString(m.n())).append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
      }
      body.append("</section>\n");
    }

    private void evaluation() {
      boolean any = b.roc != null || b.pr != null || b.confusion != null || b.calibrationPredicted != null
          || b.residualActual != null;
      section("Evaluation");
      if (!any) {
        empty("No evaluation curves in this run.");
        body.append("</section>\n");
        return;
      }
      body.append("<div class=\"grid\">");
      if (b.roc != null) {
        ObjectNode o = xyChart("ROC curve", "false-positive rate", "true-positive rate", 0, 1, 0, 1);
        ArrayNode series = o.putArray("series");
        series.add(lineSeries("model" + area("AUC", b.roc.area()), b.roc.x(), b.roc.y(), PALETTE[0], false));
        series.add(lineSeries("chance", new double[] {0, 1}, new double[] {0, 1}, "#999999", true));
        chart("roc", "ROC curve", o, b.roc.x().length);
      }
      if (b.pr != null) {
        ObjectNode o = xyChart("Precision-recall curve", "recall", "precision", 0, 1, 0, 1);
        ArrayNode series = o.putArray("series");
        ObjectNode s = lineSeries("model" + area("AP", b.pr.area()), b.pr.x(), b.pr.y(), PALETTE[1], false);
        s.put("step", "end");
        series.add(s);
        if (Double.isFinite(b.prevalence)) {
          series.add(lineSeries("no skill", new double[] {0, 1}, new double[] {b.prevalence, b.prevalence},
              "#999999", true));
        }
        chart("pr", "Precision-recall curve", o, b.pr.x().length);
      }
      if (b.confusion != null) {
        confusionChart();
      }
      if (b.calibrationPredicted != null) {
        ObjectNode o = xyChart("Calibration", "mean predicted probability", "fraction of positives", 0, 1, 0, 1);
        ArrayNode series = o.putArray("series");
        ObjectNode s = lineSeries("model", b.calibrationPredicted, b.calibrationObserved, PALETTE[3], false);
        if (b.calibrationCounts != null) {
          ArrayNode data = NODES.arrayNode();
          for (int i = 0; i < b.calibrationPredicted.length; i++) {
            data.add(NODES.arrayNode().add(num(b.calibrationPredicted[i])).add(num(b.calibrationObserved[i]))
                .add(b.calibrationCounts[i]));
          }
          s.set("data", data);
        }
        series.add(s);
        series.add(lineSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1}, "#999999", true));
        chart("calibration", "Calibration curve", o, b.calibrationPredicted.length);
      }
      if (b.residualActual != null) {
        residualChart();
      }
      body.append("</div></section>\n");
    }

    private void confusionChart() {
      int k = b.confusion.length;
      ObjectNode o = base("Confusion matrix (rows: actual, columns: predicted)");
      ArrayNode names = NODES.arrayNode();
      b.classNames.forEach(names::add);
      ObjectNode x = o.putObject("xAxis");
      x.put("type", "category").put("name", "predicted").put("nameLocation", "middle").put("nameGap", 28);
      x.set("data", names);
      ObjectNode y = o.putObject("yAxis");
      y.put("type", "category").put("name", "actual").put("inverse", true);
      y.set("data", names.deepCopy());
      o.putObject("grid").put("left", 90).put("right", 30).put("top", 50).put("bottom", 90);
      long max = 1;
      ArrayNode data = NODES.arrayNode();
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          data.add(NODES.arrayNode().add(j).add(i).add(b.confusion[i][j]));
          max = Math.max(max, b.confusion[i][j]);
        }
      }
      ObjectNode vm = o.putObject("visualMap");
      vm.put("min", 0).put("max", max).put("calculable", false).put("orient", "horizontal").put("left", "center")
          .put("bottom", 5);
      vm.putObject("inRange").putArray("color").add("#f2f6fc").add("#5470c6");
      ObjectNode s = o.putArray("series").addObject();
      s.put("type", "heatmap").put("name", "rows");
      s.putObject("label").put("show", true);
      s.set("data", data);
      o.putObject("tooltip").put("position", "top");
      chart("confusion", "Confusion matrix", o, k * k);
    }

    private void residualChart() {
      int n = b.residualActual.length;
      int step = Math.max(1, (n + MAX_SCATTER_POINTS - 1) / MAX_SCATTER_POINTS);
      ArrayNode data = NODES.arrayNode();
      double minX = Double.POSITIVE_INFINITY;
      double maxX = Double.NEGATIVE_INFINITY;
      int points = 0;
      for (int i = 0; i < n; i += step) {
        double p = b.residualPredicted[i];
        double r = b.residualActual[i] - p;
        if (Double.isFinite(p) && Double.isFinite(r)) {
          data.add(NODES.arrayNode().add(round(p)).add(round(r)));
          minX = Math.min(minX, p);
          maxX = Math.max(maxX, p);
          points++;
        }
      }
      String title = "Residuals (actual - predicted)" + (step > 1 ? ", " + points + " of " + n + " rows shown" : "");
      ObjectNode o = base(title);
      ObjectNode x = o.putObject("xAxis");
      x.put("type", "value").put("name", "predicted").put("nameLocation", "middle").put("nameGap", 28).put("scale", true);
      ObjectNode y = o.putObject("yAxis");
      y.put("type", "value").put("name", "residual").put("scale", true);
      ArrayNode series = o.putArray("series");
      ObjectNode s = series.addObject();
      s.put("type", "scatter").put("name", "rows").put("symbolSize", 3);
      s.putObject("itemStyle").put("color", PALETTE[0]).put("opacity", 0.5);
      s.set("data", data);
      if (points > 0) {
        series.add(lineSeries("zero", new double[] {minX, maxX}, new double[] {0, 0}, "#ee6666", true));
      }
      o.putObject("tooltip").put("trigger", "item");
      chart("residuals", title, o, points);
    }

    private void drift() {
      section("Drift");
      boolean any = !b.datasetDrift.isEmpty() || !b.performance.isEmpty() || !b.driftScores.isEmpty()
          || !b.comparisons.isEmpty();
      if (!any) {
        empty("No monitoring data in this run.");
        body.append("</section>\n");
        return;
      }
      List<String> windows = new ArrayList<>(b.windows);
      if (!b.events.isEmpty()) {
        body.append("<ul class=\"events\">");
        b.events.forEach((w, texts) -> texts.forEach(t -> body.append("<li><b>").append(Html.escape(w))
            .append("</b>: ").append(Html.escape(t)).append("</li>")));
        body.append("</ul>\n");
      }
      body.append("<div class=\"grid\">");
      if (!b.datasetDrift.isEmpty()) {
        timeline("dataset-drift", "Share of drifted features per window", "share", windows, b.datasetDrift, true);
      }
      if (!b.performance.isEmpty()) {
        timeline("performance", "Realised performance per window", "value", windows, b.performance, false);
      }
      body.append("</div>\n");
      Set<String> features = new LinkedHashSet<>();
      b.comparisons.forEach(c -> features.add(c.feature()));
      b.driftScores.forEach(p -> features.add(p.series()));
      if (!features.isEmpty()) {
        body.append("<h3>Per feature</h3>\n");
        if (!b.comparisons.isEmpty()) {
          body.append("<table class=\"data\"><thead><tr><th>feature</th><th>window</th><th>test</th><th>statistic</th>")
              .append("<th>p-value</th><th>threshold</th><th>status</th></tr></thead><tbody>\n");
          for (FeatureComparison c : b.comparisons) {
            body.append("<tr><td>").append(Html.escape(c.feature())).append("</td><td>").append(Html.escape(c.window()))
                .append("</td><td>").append(Html.escape(c.test())).append("</td><td class=\"num\">").append(fmt(c.statistic()))
                .append("</td><td class=\"num\">").append(fmtP(c.pValue())).append("</td><td class=\"num\">")
                .append(fmt(c.threshold())).append("</td><td><span class=\"status ").append(statusClass(c.status()))
                .append("\">").append(Html.escape(c.status())).append("</span></td></tr>\n");
          }
          body.append("</tbody></table>\n");
        }
        body.append("<div class=\"grid\">");
        for (String feature : features) {
          for (FeatureComparison c : b.comparisons) {
            if (c.feature().equals(feature)) {
              histogram(c);
            }
          }
          List<Point> points = b.driftScores.stream().filter(p -> p.series().equals(feature)).toList();
          if (!points.isEmpty()) {
            timeline("drift-" + feature, feature + ": drift score per window", "score", windows, points, true);
          }
        }
        body.append("</div>\n");
      }
      body.append("</section>\n");
    }

    private void histogram(FeatureComparison c) {
      String title = c.feature() + ": reference vs " + (c.window().isEmpty() ? "current" : c.window());
      ObjectNode o = base(title);
      ArrayNode bins = NODES.arrayNode();
      c.bins().forEach(bins::add);
      ObjectNode x = o.putObject("xAxis");
      x.put("type", "category");
      x.putObject("axisLabel").put("rotate", c.bins().size() > 6 ? 30 : 0).put("fontSize", 10);
      x.set("data", bins);
      ObjectNode y = o.putObject("yAxis");
      y.put("type", "value").put("name", "share of rows");
      o.putObject("tooltip").put("trigger", "axis");
      o.putObject("grid").put("left", 60).put("right", 20).put("top", 60).put("bottom", 70);
      ArrayNode series = o.putArray("series");
      series.add(barSeries("reference", c.referenceShare(), "#b0b7c3"));
      series.add(barSeries("current", c.currentShare(),
          c.status().equalsIgnoreCase("DRIFT") ? "#ee6666" : PALETTE[0]));
      chart("hist-" + c.feature(), title, o, c.bins().size());
    }

    private void timeline(String id, String title, String yName, List<String> windows, List<Point> points,
        boolean withThreshold) {
      ObjectNode o = base(title);
      ArrayNode categories = NODES.arrayNode();
      windows.forEach(categories::add);
      ObjectNode x = o.putObject("xAxis");
      x.put("type", "category");
      x.putObject("axisLabel").put("fontSize", 10);
      x.set("data", categories);
      ObjectNode y = o.putObject("yAxis");
      y.put("type", "value").put("name", yName);
      if (withThreshold) {
        // From zero and high enough to show the threshold line, so a score is seen against it.
        double top = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
          top = Math.max(top, Double.isFinite(p.value()) ? p.value() : top);
          top = Math.max(top, Double.isFinite(p.threshold()) ? p.threshold() : top);
        }
        y.put("min", 0);
        if (Double.isFinite(top) && top > 0) {
          y.put("max", niceCeiling(top * 1.1));
        }
      } else {
        y.put("scale", true);
      }
      o.putObject("tooltip").put("trigger", "axis");
      o.putObject("grid").put("left", 60).put("right", 20).put("top", 60).put("bottom", 40);
      ArrayNode series = o.putArray("series");
      Map<String, List<Point>> bySeries = new LinkedHashMap<>();
      points.forEach(p -> bySeries.computeIfAbsent(p.series(), s -> new ArrayList<>()).add(p));
      int colour = 0;
      int count = 0;
      for (Map.Entry<String, List<Point>> e : bySeries.entrySet()) {
        ObjectNode s = series.addObject();
        s.put("type", "line").put("name", e.getKey()).put("connectNulls", true).put("symbolSize", 7);
        s.putObject("itemStyle").put("color", PALETTE[colour++ % PALETTE.length]);
        ArrayNode data = s.putArray("data");
        Map<String, Point> byWindow = new LinkedHashMap<>();
        e.getValue().forEach(p -> byWindow.put(p.window(), p));
        double threshold = Double.NaN;
        for (String w : windows) {
          Point p = byWindow.get(w);
          if (p == null) {
            data.addNull();
            continue;
          }
          ObjectNode d = data.addObject();
          d.set("value", num(p.value()));
          if (p.flagged()) {
            d.putObject("itemStyle").put("color", "#ee6666");
          }
          if (Double.isFinite(p.threshold())) {
            threshold = p.threshold();
          }
          count++;
        }
        ObjectNode markLine = s.putObject("markLine");
        markLine.put("symbol", "none").put("silent", true);
        ArrayNode lines = markLine.putArray("data");
        if (withThreshold && Double.isFinite(threshold)) {
          ObjectNode line = lines.addObject();
          line.put("yAxis", threshold).put("name", "threshold");
          line.putObject("lineStyle").put("color", "#ee6666").put("type", "dashed");
          line.putObject("label").put("formatter", "threshold " + fmt(threshold)).put("position", "insideEndTop");
        }
        if (colour == 1) {
          for (Map.Entry<String, List<String>> ev : b.events.entrySet()) {
            ObjectNode line = lines.addObject();
            line.put("xAxis", ev.getKey());
            line.putObject("lineStyle").put("color", "#3ba272").put("type", "solid");
            line.putObject("label").put("formatter", String.join("; ", ev.getValue())).put("position", "insideEndTop")
                .put("fontSize", 10);
          }
        }
      }
      chart(id, title, o, count);
    }

    private void tables() {
      for (Table t : b.tables) {
        section(t.heading());
        body.append("<table class=\"data\"><thead><tr>");
        t.columns().forEach(c -> body.append("<th>").append(Html.escape(c)).append("</th>"));
        body.append("</tr></thead><tbody>\n");
        for (List<String> row : t.rows()) {
          body.append("<tr>");
          row.forEach(c -> body.append("<td>").append(Html.escape(c)).append("</td>"));
          body.append("</tr>\n");
        }
        body.append("</tbody></table>\n</section>\n");
      }
    }

    private void dataQuality() {
      section("Data quality");
      if (b.findings.isEmpty()) {
        empty("No data-quality findings.");
      } else {
        body.append("<table class=\"data\"><thead><tr><th>severity</th><th>feature</th><th>finding</th><th>detail</th>")
            .append("</tr></thead><tbody>\n");
        for (Finding f : b.findings) {
          body.append("<tr><td><span class=\"status ").append(statusClass(f.severity())).append("\">")
              .append(Html.escape(f.severity())).append("</span></td><td>").append(Html.escape(f.feature()))
              .append("</td><td>").append(Html.escape(f.kind())).append("</td><td>").append(Html.escape(f.detail()))
              .append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
      }
      body.append("</section>\n");
    }

    private void gate() {
      section(b.gates.size() > 1 ? "Gate decisions" : "Gate decision");
      if (b.gates.isEmpty()) {
        empty("No gate decision in this run.");
      }
      for (GateEntry g : b.gates) {
        body.append("<p class=\"decision ").append(g.decision().equalsIgnoreCase("PROMOTE") ? "ok" : "bad")
            .append("\">").append(Html.escape(g.decision()));
        if (!g.label().isEmpty()) {
          body.append(" <span class=\"gate-label\">").append(Html.escape(g.label())).append("</span>");
        }
        body.append("</p>\n<ul>");
        g.reasons().forEach(r -> body.append("<li>").append(Html.escape(r)).append("</li>"));
        body.append("</ul>\n");
      }
      body.append("</section>\n");
    }

    private void provenance() {
      section("Provenance");
      if (b.provenance.isEmpty()) {
        empty("No provenance recorded.");
      } else {
        body.append("<table class=\"data narrow\"><tbody>\n");
        b.provenance.forEach((k, v) -> body.append("<tr><th>").append(Html.escape(k)).append("</th><td><code>")
            .append(Html.escape(v)).append("</code></td></tr>\n"));
        body.append("</tbody></table>\n");
      }
      body.append("</section>\n");
    }

    private void section(String heading) {
      body.append("<section><h2>").append(Html.escape(heading)).append("</h2>\n");
    }

    private void empty(String text) {
      body.append("<p class=\"empty\">").append(Html.escape(text)).append("</p>\n");
    }

    private void chart(String key, String title, ObjectNode option, int points) {
      String id = "chart-" + charts.size();
      ObjectNode spec = NODES.objectNode();
      spec.put("id", id).put("kind", key).put("points", points);
      spec.set("option", option);
      charts.add(spec);
      body.append("<div class=\"chart\" id=\"").append(id).append("\" data-kind=\"").append(Html.escape(key))
          .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\"></div>\n");
    }

    private static ObjectNode base(String title) {
      ObjectNode o = NODES.objectNode();
      o.put("animation", false);
      ObjectNode t = o.putObject("title");
      t.put("text", title).put("left", "center");
      t.putObject("textStyle").put("fontSize", 13);
      o.putObject("legend").put("top", 26).put("type", "scroll");
      return o;
    }

    private static ObjectNode xyChart(String title, String xName, String yName, double xMin, double xMax, double yMin,
        double yMax) {
      ObjectNode o = base(title);
      ObjectNode x = o.putObject("xAxis");
      x.put("type", "value").put("name", xName).put("nameLocation", "middle").put("nameGap", 28)
          .put("min", xMin).put("max", xMax);
      ObjectNode y = o.putObject("yAxis");
      y.put("type", "value").put("name", yName).put("min", yMin).put("max", yMax);
      o.putObject("grid").put("left", 60).put("right", 30).put("top", 60).put("bottom", 50);
      o.putObject("tooltip").put("trigger", "item");
      return o;
    }

    private static ObjectNode lineSeries(String name, double[] x, double[] y, String color, boolean dashed) {
      ObjectNode s = NODES.objectNode();
      s.put("type", "line").put("name", name).put("showSymbol", false);
      s.putObject("lineStyle").put("color", color).put("type", dashed ? "dashed" : "solid").put("width", dashed ? 1 : 2);
      s.putObject("itemStyle").put("color", color);
      ArrayNode data = s.putArray("data");
      for (int i = 0; i < x.length; i++) {
        data.add(NODES.arrayNode().add(num(x[i])).add(num(y[i])));
      }
      return s;
    }

    private static ObjectNode barSeries(String name, double[] values, String color) {
      ObjectNode s = NODES.objectNode();
      s.put("type", "bar").put("name", name).put("barGap", "-100%");
      s.putObject("itemStyle").put("color", color).put("opacity", 0.65);
      ArrayNode data = s.putArray("data");
      for (double v : values) {
        data.add(num(v));
      }
      return s;
    }

    private static String area(String name, double value) {
      return Double.isFinite(value) ? " (" + name + " " + String.format(Locale.ROOT, "%.3f", value) + ")" : "";
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode num(double value) {
    return Double.isFinite(value) ? NODES.numberNode(round(value)) : NODES.nullNode();
  }

  private static double round(double value) {
    // Six significant digits are plenty on screen and keep the file small.
    if (value == 0 || !Double.isFinite(value)) {
      return value;
    }
    return Double.parseDouble(String.format(Locale.ROOT, "%.6g", value));
  }

  /** The smallest multiple of half a power of ten at or above {@code x} (0.4125 -> 0.45, 2.3 -> 2.5). */
  static double niceCeiling(double x) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(x)));
    return round(Math.ceil(x / magnitude * 2) / 2 * magnitude);
  }

  static String scriptSafeJson(Object value) {
    try {
      ObjectMapper mapper = JSON.copy();
      mapper.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise chart data", e);
    }
  }

  private static volatile String echartsSource;

  static String echarts() {
    String js = echartsSource;
    if (js == null) {
      ClassLoader loader = HtmlReport.class.getClassLoader();
      try (InputStream in = loader.getResourceAsStream(ECHARTS_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the chart library is not on the classpath: " + ECHARTS_RESOURCE
              + " (dependency org.webjars.npm:echarts:5.3.1)");
        }
        js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + ECHARTS_RESOURCE, e);
      }
      // Defensive: a literal "</script" inside the library would end the inline script element early.
      js = js.replace("</script", "<\\/script");
      echartsSource = js;
    }
    return js;
  }

  private static String fmt(double value) {
    if (Double.isNaN(value)) {
      return "&ndash;";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+&infin;" : "&minus;&infin;";
    }
    double abs = Math.abs(value);
    if (abs != 0 && (abs < 1e-3 || abs >= 1e6)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static String fmtP(double p) {
    if (Double.isNaN(p)) {
      return "&ndash;";
    }
    return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
  }

  private static String interval(double lower, double upper) {
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      return "&ndash;";
    }
    return "[" + fmt(lower) + ", " + fmt(upper) + "]";
  }

  private static String statusClass(String status) {
    return switch (status.toUpperCase(Locale.ROOT)) {
      case "PASSED", "OK", "PROMOTE", "INFO" -> "ok";
      case "FAILED", "DRIFT", "FAIL", "ERROR", "REJECT" -> "bad";
      case "WARNED", "WARN", "WARNING", "INSUFFICIENT_DATA", "UNDEFINED" -> "warn";
      default -> "neutral";
    };
  }

  private static final String CSS = """
      :root{--ok:#2e7d32;--bad:#c62828;--warn:#b26a00;--muted:#666;--line:#e3e6ea}
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0 auto;
      max-width:1240px;padding:16px 24px;color:#1d2330;background:#fff}
      h1{margin:0 0 4px;font-size:24px}h2{font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px;
      margin-top:28px}h3{font-size:15px}
      .meta{color:var(--muted);margin:0 0 8px;font-size:13px}.summary{max-width:900px}
      .badges{display:flex;gap:8px;flex-wrap:wrap}.badge{border-radius:12px;padding:4px 12px;font-size:13px;
      border:1px solid var(--line)}.badge.ok{background:#e8f5e9}.badge.bad{background:#ffebee}
      .badge.warn{background:#fff4e0}
      table.data{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}table.narrow{width:auto}
      table.data th,table.data td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;
      vertical-align:top}table.data td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      .status{font-weight:600;font-size:12px}.status.ok{color:var(--ok)}.status.bad{color:var(--bad)}
      .status.warn{color:var(--warn)}.status.neutral{color:var(--muted)}
      .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
      .chart{height:340px;border:1px solid var(--line);border-radius:6px}
      .chart[data-chart-rendered=false]{color:var(--bad);padding:8px}
      .empty{color:var(--muted);font-style:italic}.decision{font-size:20px;font-weight:700}
      .decision.ok{color:var(--ok)}.gate-label{font-size:14px;font-weight:400;color:var(--muted)}.decision.bad{color:var(--bad)}.events{font-size:13px}
      code{font-size:12px;word-break:break-all}
      """;

  /**
   * Renders every chart from the JSON specs. Each chart element gets {@code data-chart-rendered} and
   * {@code data-chart-points}; the body gets {@code data-charts-rendered}, so a browser test (or a
   * person with the developer tools open) can tell a drawn chart from a failed one.
   */
  private static final String BOOT = """
      (function () {
        var specs = JSON.parse(document.getElementById('mlops-chart-data').textContent);
        var instances = [];
        var rendered = 0;
        specs.forEach(function (spec) {
          var el = document.getElementById(spec.id);
          try {
            var chart = echarts.init(el, null, {renderer: 'svg'});
            chart.setOption(spec.option);
            instances.push(chart);
            el.setAttribute('data-chart-rendered', 'true');
            el.setAttribute('data-chart-points', String(spec.points));
            rendered++;
          } catch (e) {
            el.setAttribute('data-chart-rendered', 'false');
            el.textContent = 'This chart could not be drawn: ' + e;
            console.error('mlops report: chart ' + spec.id + ' failed: ' + e);
          }
        });
        document.body.setAttribute('data-charts-rendered', String(rendered));
        window.addEventListener('resize', function () {
          instances.forEach(function (c) { c.resize(); });
        });
      })();
      """;
}
