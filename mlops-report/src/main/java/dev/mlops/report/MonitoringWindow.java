package dev.mlops.report;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureQuantiles;
import dev.mlops.drift.monitor.LabelledWindow;
import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.FeatureProfile;
import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One monitoring window as the report shows it: the monitor's {@link DriftReport}, which model
 * served it and against which reference it was compared, the features' histograms against that
 * reference, performance with intervals, and (regression) a sample of predicted and actual values.
 *
 * <p>Raw values are summarised when the window is built (histograms, at most
 * {@link #MAX_SAMPLE_POINTS} points per window), so a report holds a bounded amount per window
 * whatever the traffic.
 *
 * <p>Usage:
 * <pre>{@code
 * MonitoringWindow w = MonitoringWindow.builder("2012-09", monitor.closeWindow())
 *     .servedBy("bike-demand:2")
 *     .reference("bike-demand:2", profile)   // for the histograms
 *     .values("temp", temps)                 // any feature, the label or the prediction
 *     .predictions(actual, predicted)        // regression: predicted vs actual, residuals
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not thread-safe.
 */
public final class MonitoringWindow {

  /** Points of predicted-versus-actual kept per window (every k-th row). */
  public static final int MAX_SAMPLE_POINTS = 1_000;

  private final String label;
  private final DriftReport report;
  private final String servedBy;
  private final String reference;
  private final List<FeatureHistogram> histograms;
  private final List<PerformancePoint> performance;
  private final double[] sampleActual;
  private final double[] samplePredicted;
  private final double[] residualQuantiles;
  private final long predictionCount;
  private final LabelledWindow labelled;

  private MonitoringWindow(Builder b, List<FeatureHistogram> histograms, List<PerformancePoint> performance) {
    this.label = b.label;
    this.report = b.report;
    this.servedBy = b.servedBy;
    this.reference = b.referenceLabel;
    this.histograms = List.copyOf(histograms);
    this.performance = List.copyOf(performance);
    this.labelled = b.labelled;
    int n = b.actual == null ? 0 : b.actual.length;
    int step = Math.max(1, (n + MAX_SAMPLE_POINTS - 1) / MAX_SAMPLE_POINTS);
    int kept = (n + step - 1) / step;
    sampleActual = new double[kept];
    samplePredicted = new double[kept];
    for (int i = 0, j = 0; i < n; i += step, j++) {
      sampleActual[j] = b.actual[i];
      samplePredicted[j] = b.predicted[i];
    }
    residualQuantiles = n == 0 ? new double[0] : residualQuantiles(b.actual, b.predicted);
    predictionCount = n;
  }

  /**
   * Starts a window.
   *
   * @param label the window's label as people say it, e.g. {@code "2012-09"} or {@code "month 9"}:
   *     it must name the window's period, since the timeline charts use it as their axis
   * @param report the monitor's report of the window
   * @return a builder
   * @throws IllegalArgumentException if the label is blank
   */
  public static Builder builder(String label, DriftReport report) {
    return new Builder(label, report);
  }

  /**
   * A window with the monitor's report only (no histograms unless the monitor sketched quantiles).
   *
   * @param label the window's label
   * @param report the monitor's report
   * @return the window
   */
  public static MonitoringWindow of(String label, DriftReport report) {
    return builder(label, report).build();
  }

  /** @return the window's label */
  public String label() {
    return label;
  }

  /** @return the monitor's report of the window */
  public DriftReport report() {
    return report;
  }

  /** @return the version that served the window (empty if not given) */
  public String servedBy() {
    return servedBy;
  }

  /** @return the label of the reference the window was compared with (empty if not given) */
  public String reference() {
    return reference;
  }

  /** @return the histograms of the window's features against the reference, in the order given */
  public List<FeatureHistogram> histograms() {
    return histograms;
  }

  /**
   * @return the window's labelled performance with the labels that arrived after it closed, if
   *     given ({@link Builder#labelled(LabelledWindow)})
   */
  public Optional<LabelledWindow> labelled() {
    return Optional.ofNullable(labelled);
  }

  /** @return the performance points of the window, realised and estimated */
  public List<PerformancePoint> performance() {
    return performance;
  }

  /** @return a copy of the sampled actual values (regression), empty without predictions */
  public double[] sampleActual() {
    return sampleActual.clone();
  }

  /** @return a copy of the sampled predicted values, aligned with {@link #sampleActual()} */
  public double[] samplePredicted() {
    return samplePredicted.clone();
  }

  /**
   * The residuals' (actual - predicted) 5th, 25th, 50th, 75th and 95th percentiles over every row
   * of the window (linear interpolation, as NumPy's default).
   *
   * @return a copy of the five quantiles, empty without predictions
   */
  public double[] residualQuantiles() {
    return residualQuantiles.clone();
  }

  /** @return the number of rows with a prediction and an actual value */
  public long predictionCount() {
    return predictionCount;
  }

  /**
   * The histogram of one feature.
   *
   * @param feature the feature (or {@code "prediction"} / {@code "label"})
   * @return the histogram, empty if the window has none for it
   */
  public Optional<FeatureHistogram> histogram(String feature) {
    return histograms.stream().filter(h -> h.feature().equals(feature)).findFirst();
  }

  @Override
  public String toString() {
    return "MonitoringWindow[" + label + ", records=" + report.records() + ", servedBy=" + servedBy + "]";
  }

  static double[] residualQuantiles(double[] actual, double[] predicted) {
    double[] r = new double[actual.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = actual[i] - predicted[i];
    }
    r = Arrays.stream(r).filter(Double::isFinite).sorted().toArray();
    double[] ranks = {0.05, 0.25, 0.5, 0.75, 0.95};
    double[] out = new double[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      if (r.length == 0) {
        out[i] = Double.NaN;
        continue;
      }
      double pos = ranks[i] * (r.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(lo + 1, r.length - 1);
      out[i] = r[lo] + (r[hi] - r[lo]) * (pos - lo);
    }
    return out;
  }

  /** Collects one window. Not thread-safe. */
  public static final class Builder {
    private final String label;
    private final DriftReport report;
    private String servedBy = "";
    private String referenceLabel = "";
    private ReferenceProfile profile;
    private final Map<String, Collection<?>> values = new LinkedHashMap<>();
    private double[] actual;
    private double[] predicted;
    private Evaluation realised;
    private LabelledWindow labelled;
    private final Map<String, PerformancePoint> estimates = new LinkedHashMap<>();

    private Builder(String label, DriftReport report) {
      Objects.requireNonNull(label, "label");
      if (label.isBlank()) {
        throw new IllegalArgumentException("window label must not be blank: '" + label + "'");
      }
      this.label = label;
      this.report = Objects.requireNonNull(report, "report");
    }

    /**
     * Names the version that served the window; a change between windows is marked on the charts.
     *
     * @param version e.g. {@code "loan-default:2"}
     * @return this builder
     */
    public Builder servedBy(String version) {
      this.servedBy = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Names the reference the window was compared with and gives its profile (for the histograms).
     * A change of reference between windows is drawn as a labelled band on the drift charts.
     *
     * @param label e.g. {@code "training data of loan-default:2"}
     * @param profile the reference profile (null: histograms only where the label is enough)
     * @return this builder
     */
    public Builder reference(String label, ReferenceProfile profile) {
      this.referenceLabel = Objects.requireNonNull(label, "label");
      this.profile = profile;
      return this;
    }

    /**
     * Gives the window's values of a feature (or of {@link ReferenceProfile#LABEL} /
     * {@link ReferenceProfile#PREDICTION}) for its histogram against the reference.
     *
     * @param feature the feature name
     * @param featureValues the values ({@code Number}, {@code String}, or {@code null} for missing)
     * @return this builder
     */
    public Builder values(String feature, Collection<?> featureValues) {
      values.put(Objects.requireNonNull(feature, "feature"), Objects.requireNonNull(featureValues, "featureValues"));
      return this;
    }

    /**
     * Gives the window's actual and predicted values (regression): predicted-versus-actual and the
     * residuals by window.
     *
     * @param actualValues the actual targets
     * @param predictedValues the predictions, aligned
     * @return this builder
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public Builder predictions(double[] actualValues, double[] predictedValues) {
      Objects.requireNonNull(actualValues, "actualValues");
      Objects.requireNonNull(predictedValues, "predictedValues");
      if (actualValues.length != predictedValues.length) {
        throw new IllegalArgumentException("actual and predicted values must have the same length: "
            + actualValues.length + " and " + predictedValues.length);
      }
      this.actual = actualValues.clone();
      this.predicted = predictedValues.clone();
      return this;
    }

    /**
     * Gives the window's labelled performance from the monitor ({@code
     * DriftMonitor.labelledWindows()}): its realised metrics, on every label of the window's
     * predictions known so far (those that arrived after the window closed too), replace the
     * report's, which has the labels that arrived by the close. A {@link #realised(Evaluation)}
     * still takes precedence.
     *
     * @param window the labelled window of this window's report
     * @return this builder
     * @throws IllegalArgumentException if it is another window's ({@code window()} differs from
     *     the report's)
     */
    public Builder labelled(LabelledWindow window) {
      Objects.requireNonNull(window, "window");
      if (window.window() != report.window()) {
        throw new IllegalArgumentException("labelled window must be the report's window "
            + report.window() + ": " + window.window());
      }
      this.labelled = window;
      return this;
    }

    /**
     * Gives the realised evaluation of the window's labelled rows: its metrics, with their confidence
     * intervals, replace the monitor's point values on the performance chart.
     *
     * @param evaluation the evaluation (mlops-metrics)
     * @return this builder
     */
    public Builder realised(Evaluation evaluation) {
      this.realised = Objects.requireNonNull(evaluation, "evaluation");
      return this;
    }

    /**
     * Gives a label-free estimate of a metric with its interval, replacing the monitor's (by default
     * the chart shows the monitor's estimates, with the accuracy's interval when the monitor has a
     * calibrated {@code performanceEstimator}).
     *
     * @param metric the metric's key
     * @param value the estimate
     * @param lower the interval's lower bound ({@code NaN} if none)
     * @param upper the interval's upper bound ({@code NaN} if none)
     * @return this builder
     */
    public Builder estimate(String metric, double value, double lower, double upper) {
      estimates.put(metric, new PerformancePoint(metric, true, value, lower, upper, report.records()));
      return this;
    }

    /**
     * Builds the window, summarising the values given.
     *
     * @return the window
     * @throws IllegalArgumentException if values were given for a feature the reference does not
     *     know, or histograms were asked for without a reference profile
     */
    public MonitoringWindow build() {
      List<FeatureHistogram> histograms = new ArrayList<>();
      if (!values.isEmpty() && profile == null) {
        throw new IllegalArgumentException("window " + label + ": values need a reference profile (reference(label, "
            + "profile)): " + values.keySet());
      }
      values.forEach((feature, v) -> {
        FeatureProfile p = profileOf(feature).orElseThrow(() -> new IllegalArgumentException("window " + label
            + ": feature must be in the reference profile: " + feature));
        FeatureHistogram h = p instanceof NumericProfile n ? Histograms.numeric(display(feature), n, v)
            : Histograms.categorical(display(feature), (CategoricalProfile) p, v);
        if (h != null) {
          histograms.add(h);
        }
      });
      if (profile != null) {
        for (FeatureQuantiles q : report.quantiles()) {
          if (values.containsKey(q.feature())) {
            continue;
          }
          profileOf(q.feature()).filter(NumericProfile.class::isInstance)
              .map(p -> Histograms.numeric(display(q.feature()), (NumericProfile) p, q))
              .ifPresent(histograms::add);
        }
      }
      return new MonitoringWindow(this, histograms, performance());
    }

    private List<PerformancePoint> performance() {
      Map<String, PerformancePoint> points = new LinkedHashMap<>();
      if (labelled != null) {
        labelled.realised().forEach((metric, value) ->
            points.put("r:" + metric, new PerformancePoint(metric, false, value, Double.NaN,
                Double.NaN, labelled.labelled())));
      } else {
        report.performance().realised().forEach((metric, value) ->
            points.put("r:" + metric, new PerformancePoint(metric, false, value, Double.NaN,
                Double.NaN, report.performance().labelled())));
      }
      if (realised != null) {
        realised.metrics().forEach((metric, v) -> {
          Interval ci = v.ci();
          double value = v.defined() ? v.value() : Double.NaN;
          boolean band = ci != null && Double.isFinite(ci.lower()) && Double.isFinite(ci.upper());
          points.put("r:" + metric.key(), new PerformancePoint(metric.key(), false, value,
              band ? ci.lower() : Double.NaN, band ? ci.upper() : Double.NaN, v.n()));
        });
      }
      report.performance().estimated().forEach((metric, value) ->
          points.put("e:" + metric, new PerformancePoint(metric, true, value, Double.NaN, Double.NaN,
              report.records())));
      // The monitor's calibrated estimator gives the accuracy's interval: the estimated band.
      AccuracyEstimate accuracy = report.performance().accuracyEstimate();
      if (accuracy != null && accuracy.rows() > 0 && Double.isFinite(accuracy.estimate())) {
        boolean band = Double.isFinite(accuracy.lower()) && Double.isFinite(accuracy.upper());
        points.put("e:" + Metric.ACCURACY.key(), new PerformancePoint(Metric.ACCURACY.key(), true,
            accuracy.estimate(), band ? accuracy.lower() : Double.NaN, band ? accuracy.upper() : Double.NaN,
            accuracy.rows()));
      }
      estimates.forEach((metric, p) -> points.put("e:" + metric, p));
      return new ArrayList<>(points.values());
    }

    private Optional<FeatureProfile> profileOf(String feature) {
      if (feature.equals(ReferenceProfile.LABEL)) {
        return profile.label();
      }
      if (feature.equals(ReferenceProfile.PREDICTION)) {
        return profile.prediction();
      }
      return profile.feature(feature);
    }
  }

  /** The name people read for the monitor's internal keys of the label and the prediction. */
  static String display(String feature) {
    if (feature.equals(ReferenceProfile.LABEL)) {
      return "label";
    }
    if (feature.equals(ReferenceProfile.PREDICTION)) {
      return "prediction";
    }
    return feature;
  }
}
