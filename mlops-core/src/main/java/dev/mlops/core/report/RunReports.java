package dev.mlops.core.report;

import dev.mlops.core.pipeline.ChampionComparison;
import dev.mlops.core.pipeline.GateDecision;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.Provenance;
import dev.mlops.core.retraining.LoopEvent;
import dev.mlops.core.retraining.RetrainOutcome;
import dev.mlops.report.GateComparison;
import dev.mlops.report.GateRecord;
import dev.mlops.report.RunEvent;
import dev.mlops.report.RunReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mlops-core's results as parts of a {@link RunReport} (mlops-report): a pipeline run's ModelTest
 * report, gate decision and provenance; a retrain's gate decision with the champion and the
 * candidate side by side; the loop's events. Stateless and thread-safe.
 *
 * <p>Usage:
 * <pre>{@code
 * RunReport.Builder report = RunReport.builder("loan-default");
 * RunReports.addRun(report, "loan-default:1", run);
 * loopEvents.forEach(e -> RunReports.event(e, windowLabel).ifPresent(report::event));
 * HtmlReport.render(report.build()).writeTo(Path.of("report.html"));
 * }</pre>
 */
public final class RunReports {

  /** "window 3" as the loop writes a window in its reasons. */
  private static final Pattern WINDOW_NUMBER = Pattern.compile("\\bwindow (\\d{1,18})\\b");

  private RunReports() {}

  /**
   * Adds a pipeline run: its ModelTest report (expectations, metrics and charts), its gate decision
   * and its provenance.
   *
   * @param report the report being built
   * @param version the version the run's model was registered as, e.g. {@code "loan-default:1"}
   * @param run the run
   * @param champion the champion it was gated against (empty when none)
   * @return the report builder
   */
  public static RunReport.Builder addRun(RunReport.Builder report, String version, PipelineRun run, String champion) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(run, "run");
    report.modelTest(version + " on the held-out split", run.report());
    report.gate(gate("training of " + version, "", run.gate(), champion, version));
    report.provenance(provenance(run.provenance()));
    return report;
  }

  /**
   * A gate decision as the report shows it.
   *
   * @param label what was gated
   * @param window the window after which it ran (empty for the first training)
   * @param decision the decision
   * @param champion the champion's version label (empty when none)
   * @param candidate the candidate's version label
   * @return the record
   */
  public static GateRecord gate(String label, String window, GateDecision decision, String champion,
      String candidate) {
    Objects.requireNonNull(decision, "decision");
    return new GateRecord(label, window, decision.decision().name(), champion, candidate,
        decision.comparisons().stream().map(RunReports::comparison).toList(), decision.reasons());
  }

  /**
   * A retrain's gate decision as the report shows it, read from the outcome's metadata (the run
   * record's {@code gate.<metric>.*} entries).
   *
   * @param label what was gated
   * @param window the window after which the retrain ran
   * @param outcome the retrain's outcome
   * @param champion the champion's version label
   * @param candidate the candidate's version label (or "candidate" when it was not registered)
   * @return the record
   */
  public static GateRecord gate(String label, String window, RetrainOutcome outcome, String champion,
      String candidate) {
    Objects.requireNonNull(outcome, "outcome");
    return new GateRecord(label, window, outcome.promote() ? "PROMOTE" : "REJECT", champion, candidate,
        ChampionComparison.readFrom(outcome.metadata()).stream().map(RunReports::comparison).toList(),
        outcome.reasons());
  }

  /**
   * One row of the champion-versus-candidate table.
   *
   * @param c the gate's comparison
   * @return the row
   */
  public static GateComparison comparison(ChampionComparison c) {
    Objects.requireNonNull(c, "c");
    return new GateComparison(c.metric(), c.champion(), c.candidate(), c.difference(), c.lower(), c.upper(),
        c.pValue(), c.test(), c.passed() ? "pass" : "fail");
  }

  /**
   * A loop event as the report shows it. The loop counts windows by the monitor's sequence number;
   * the report names them by their period, so the event's own window ({@code "window 3"} in its
   * reason, detail {@code window}) is written with {@code window}'s label.
   *
   * @param event the loop's event
   * @param window the label of the window after which it happened, e.g. {@code "2012-09"}
   * @return the report's event (its text ends with the loop's label counts when the event has
   *     them); empty for kinds the report does not show (none today)
   */
  public static Optional<RunEvent> event(LoopEvent event, String window) {
    Objects.requireNonNull(window, "window");
    String own = event == null ? null : event.details().get("window");
    return event(event, window, n -> own != null && own.equals(Long.toString(n)) ? window : null);
  }

  /**
   * A loop event as the report shows it, every window its reason names ({@code "window 3"}) written
   * with the label {@code windowLabels} gives it.
   *
   * @param event the loop's event
   * @param window the label of the window after which it happened
   * @param windowLabels the label of a window from the monitor's sequence number, or {@code null}
   *     to keep {@code "window <n>"}
   * @return the report's event (its text ends with the loop's label counts when the event has
   *     them); empty for kinds the report does not show (none today)
   */
  public static Optional<RunEvent> event(LoopEvent event, String window, LongFunction<String> windowLabels) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(windowLabels, "windowLabels");
    RunEvent.Kind kind = switch (event.type()) {
      case DRIFT -> RunEvent.Kind.DRIFT;
      case TRAINED -> RunEvent.Kind.RETRAIN;
      case PROMOTED -> RunEvent.Kind.PROMOTION;
      case REJECTED -> RunEvent.Kind.REJECTION;
      case ROLLED_BACK -> RunEvent.Kind.ROLLBACK;
      case RETRAIN_FAILED -> RunEvent.Kind.RETRAIN_FAILED;
      default -> RunEvent.Kind.INFO;
    };
    String subject = event.version() > 0 ? event.model() + ":" + event.version() : "";
    return Optional.of(new RunEvent(window, kind, subject,
        relabel(event.reason(), windowLabels) + labelCounts(event.details())));
  }

  /** The loop's label join when the event records it: " (labels matched 980, unmatched 3, expired 17)". */
  private static String labelCounts(Map<String, String> details) {
    String matched = details.get("labels_matched");
    if (matched == null) {
      return "";
    }
    return " (labels matched " + matched + ", unmatched " + details.getOrDefault("labels_unmatched", "0")
        + ", expired " + details.getOrDefault("labels_expired", "0") + ")";
  }

  /** Writes each {@code "window <n>"} of a text with its label, where one is given. */
  static String relabel(String text, LongFunction<String> windowLabels) {
    Matcher m = WINDOW_NUMBER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String label = windowLabels.apply(Long.parseLong(m.group(1)));
      m.appendReplacement(out, Matcher.quoteReplacement(label == null || label.isBlank() ? m.group() : label));
    }
    return m.appendTail(out).toString();
  }

  /**
   * A run's provenance as report entries.
   *
   * @param p the provenance
   * @return key-value entries, in a stable order
   */
  public static Map<String, String> provenance(Provenance p) {
    Objects.requireNonNull(p, "p");
    Map<String, String> m = new LinkedHashMap<>();
    m.put("run id", p.runId());
    m.put("pipeline", p.pipeline());
    m.put("definition fingerprint", p.definitionFingerprint());
    m.put("data fingerprint", p.dataFingerprint());
    m.put("trainer", p.trainer() + " " + p.hyperparameters());
    m.put("seeds", p.seeds().toString());
    m.put("versions", p.versions().toString());
    m.put("gate", String.valueOf(p.decision()));
    return m;
  }

  /**
   * The rows a run read (history included), trained and tested on, from its run record's metadata.
   *
   * @param metadata a run record's metadata (e.g. a retrain outcome's)
   * @return e.g. {@code "read 11,539 rows, trained on 8,654, tested on 2,885"}, empty when not recorded
   */
  public static String rows(Map<String, String> metadata) {
    List<String> parts = new java.util.ArrayList<>();
    add(parts, metadata, "rows.read", "read %s rows");
    add(parts, metadata, "rows.train", "trained on %s");
    add(parts, metadata, "rows.test", "tested on %s");
    return String.join(", ", parts);
  }

  private static void add(List<String> parts, Map<String, String> metadata, String key, String format) {
    String v = metadata.get(key);
    if (v != null) {
      parts.add(String.format(format, String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(v))));
    }
  }
}
