package dev.mlops.report;

import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.modeltest.ModelTestReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to a model, as one typed value: ModelTest reports, evaluations, the monitoring
 * windows with their drift reports, gate decisions (champion versus candidate), loop events and
 * provenance, plus sections of your own. Render it with {@link HtmlReport#render(RunReport)}.
 *
 * <p>Usage with mlops-metrics and mlops-drift only (no mlops-core, no Smile):
 * <pre>{@code
 * RunReport.Builder run = RunReport.builder("loan-default")
 *     .modelTest("release test", modelTestReport);
 * for (DriftReport window : monitor.history()) {
 *   run.window(MonitoringWindow.of("window " + window.window(), window));
 * }
 * HtmlReport.render(run.build()).writeTo(Path.of("report.html"));
 * }</pre>
 *
 * <p>Immutable and thread-safe (the sections you add must be, too, if you render from several
 * threads); the {@link Builder} is not thread-safe.
 */
public final class RunReport {

  /**
   * A ModelTest report with a label.
   *
   * @param label what was tested, e.g. {@code "loan-default:1 on the held-out split"}
   * @param report the report
   */
  public record TestEntry(String label, ModelTestReport report) {
    /**
     * Validates the entry.
     *
     * @throws NullPointerException if a component is null
     */
    public TestEntry {
      Checks.nonNull("label", label, "report", report);
    }
  }

  /**
   * An evaluation with a label.
   *
   * @param label what was evaluated
   * @param evaluation the evaluation
   */
  public record EvaluationEntry(String label, Evaluation evaluation) {
    /**
     * Validates the entry.
     *
     * @throws NullPointerException if a component is null
     */
    public EvaluationEntry {
      Checks.nonNull("label", label, "evaluation", evaluation);
    }
  }

  private final String title;
  private final String description;
  private final Instant generatedAt;
  private final List<TestEntry> modelTests;
  private final List<EvaluationEntry> evaluations;
  private final List<MonitoringWindow> windows;
  private final List<GateRecord> gates;
  private final List<RunEvent> events;
  private final Map<String, String> provenance;
  private final List<ReportSection> sections;
  private final java.util.Set<String> performanceMetrics;

  private RunReport(Builder b) {
    performanceMetrics = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(b.performanceMetrics));
    title = b.title;
    description = b.description;
    generatedAt = b.generatedAt == null ? Instant.now() : b.generatedAt;
    modelTests = List.copyOf(b.modelTests);
    evaluations = List.copyOf(b.evaluations);
    windows = List.copyOf(b.windows);
    gates = List.copyOf(b.gates);
    events = List.copyOf(b.events);
    provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.provenance));
    sections = List.copyOf(b.sections);
  }

  /**
   * Starts a report.
   *
   * @param title the title (the model's name, typically)
   * @return a builder
   * @throws IllegalArgumentException if the title is blank
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** @return the title */
  public String title() {
    return title;
  }

  /** @return the description shown under the title (may be empty) */
  public String description() {
    return description;
  }

  /** @return when the report was made */
  public Instant generatedAt() {
    return generatedAt;
  }

  /** @return the ModelTest reports, in the order added */
  public List<TestEntry> modelTests() {
    return modelTests;
  }

  /** @return the evaluations, in the order added */
  public List<EvaluationEntry> evaluations() {
    return evaluations;
  }

  /** @return the monitoring windows, in time order */
  public List<MonitoringWindow> windows() {
    return windows;
  }

  /** @return the gate decisions, in time order */
  public List<GateRecord> gates() {
    return gates;
  }

  /** @return the events, in time order */
  public List<RunEvent> events() {
    return events;
  }

  /** @return the provenance entries, in the order added */
  public Map<String, String> provenance() {
    return provenance;
  }

  /** @return the metric keys charted over time (empty: chosen as {@link Builder#performanceMetrics} says) */
  public java.util.Set<String> performanceMetrics() {
    return performanceMetrics;
  }

  /** @return the sections of your own, in the order added */
  public List<ReportSection> sections() {
    return sections;
  }

  /**
   * The run's story in numbers, as the top of the report tells it.
   *
   * @return the summary
   */
  public RunSummary summary() {
    return RunSummary.of(this);
  }

  @Override
  public String toString() {
    return "RunReport[" + title + ", tests=" + modelTests.size() + ", windows=" + windows.size() + ", gates="
        + gates.size() + ", events=" + events.size() + "]";
  }

  /** Collects a report. Every part is optional. Not thread-safe. */
  public static final class Builder {
    private final String title;
    private String description = "";
    private Instant generatedAt;
    private final List<TestEntry> modelTests = new ArrayList<>();
    private final List<EvaluationEntry> evaluations = new ArrayList<>();
    private final List<MonitoringWindow> windows = new ArrayList<>();
    private final List<GateRecord> gates = new ArrayList<>();
    private final List<RunEvent> events = new ArrayList<>();
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private final List<ReportSection> sections = new ArrayList<>();
    private final java.util.Set<String> performanceMetrics = new java.util.LinkedHashSet<>();

    private Builder(String title) {
      Objects.requireNonNull(title, "title");
      if (title.isBlank()) {
        throw new IllegalArgumentException("report title must not be blank: '" + title + "'");
      }
      this.title = title;
    }

    /**
     * Sets the description shown under the title.
     *
     * @param text plain text
     * @return this builder
     */
    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Sets the generation time (default: when {@link #build()} is called).
     *
     * @param at the instant
     * @return this builder
     */
    public Builder generatedAt(Instant at) {
      this.generatedAt = Objects.requireNonNull(at, "at");
      return this;
    }

    /**
     * Adds a ModelTest report: its expectations table, then its evaluation's metrics and charts.
     *
     * @param label what was tested
     * @param report the report
     * @return this builder
     */
    public Builder modelTest(String label, ModelTestReport report) {
      modelTests.add(new TestEntry(label, report));
      return this;
    }

    /**
     * Adds an evaluation: its metrics with intervals and its charts (ROC, precision-recall,
     * confusion matrix and calibration for a classifier; predicted versus actual and residuals for
     * a regressor). User-defined metrics show like built-in ones.
     *
     * @param label what was evaluated
     * @param evaluation the evaluation
     * @return this builder
     */
    public Builder evaluation(String label, Evaluation evaluation) {
      evaluations.add(new EvaluationEntry(label, evaluation));
      return this;
    }

    /**
     * Adds a monitoring window (in time order).
     *
     * @param window the window
     * @return this builder
     * @throws IllegalArgumentException if a window with the same label was added before
     */
    public Builder window(MonitoringWindow window) {
      Objects.requireNonNull(window, "window");
      for (MonitoringWindow w : windows) {
        if (w.label().equals(window.label())) {
          throw new IllegalArgumentException("window label must be unique: " + window.label());
        }
      }
      windows.add(window);
      return this;
    }

    /**
     * Adds a gate decision (in time order).
     *
     * @param gate the decision
     * @return this builder
     */
    public Builder gate(GateRecord gate) {
      gates.add(Objects.requireNonNull(gate, "gate"));
      return this;
    }

    /**
     * Adds an event (in time order).
     *
     * @param event the event
     * @return this builder
     */
    public Builder event(RunEvent event) {
      events.add(Objects.requireNonNull(event, "event"));
      return this;
    }

    /**
     * Adds a provenance entry; a repeated key replaces the earlier value.
     *
     * @param key e.g. {@code "data fingerprint"}
     * @param value the value ({@code null} shows as "null")
     * @return this builder
     */
    public Builder provenance(String key, Object value) {
      provenance.put(Objects.requireNonNull(key, "key"), String.valueOf(value));
      return this;
    }

    /**
     * Adds provenance entries in the map's order.
     *
     * @param entries the entries
     * @return this builder
     */
    public Builder provenance(Map<String, ?> entries) {
      entries.forEach(this::provenance);
      return this;
    }

    /**
     * Names the metrics charted over time, e.g. {@code "roc_auc", "accuracy"} (user-defined metric
     * keys alike). Default: the metrics the monitor reported, realised or estimated; without any,
     * the first four of the windows' evaluations.
     *
     * @param keys metric keys
     * @return this builder
     */
    public Builder performanceMetrics(String... keys) {
      for (String k : keys) {
        performanceMetrics.add(Objects.requireNonNull(k, "metric key"));
      }
      return this;
    }

    /**
     * Adds a section of your own, rendered after the built-in ones.
     *
     * @param section the section
     * @return this builder
     */
    public Builder section(ReportSection section) {
      sections.add(Objects.requireNonNull(section, "section"));
      return this;
    }

    /**
     * Builds the report.
     *
     * @return the immutable report
     */
    public RunReport build() {
      return new RunReport(this);
    }
  }
}
