package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Interval;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import dev.mlops.metrics.modeltest.ExpectationResult.SliceOutcome;
import java.util.Locale;

/** Renders a {@link ModelTestReport} as text for logs and test output (package-private). */
final class ReportText {

  private static final String NL = System.lineSeparator();

  private ReportText() {}

  static String summary(ModelTestReport report) {
    return (report.passed() ? "PASSED" : "FAILED") + ": "
        + report.withStatus(Status.PASSED).size() + " passed, "
        + report.withStatus(Status.FAILED).size() + " failed, "
        + report.withStatus(Status.WARNED).size() + " warned, "
        + report.withStatus(Status.UNDEFINED).size() + " undefined; n=" + report.n();
  }

  static String render(ModelTestReport report) {
    StringBuilder text = new StringBuilder();
    text.append("ModelTest of a ").append(report.kind() == MetricKind.CLASSIFICATION ? "classifier" : "regressor")
        .append(" on ").append(report.n()).append(" rows (seed ").append(report.seed()).append("): ")
        .append(summary(report)).append(NL);
    for (ExpectationResult e : report.expectations()) {
      text.append(String.format(Locale.ROOT, "  %-11s %s", "[" + e.status() + "]", e.name()));
      if (e.warning()) {
        text.append(" (warning)");
      }
      text.append(NL).append("              ").append(e.reason()).append("  [");
      if (e.ci() != null) {
        text.append(interval(e.ci())).append("; ");
      }
      text.append("n=").append(e.n()).append("]").append(NL);
      for (SliceOutcome slice : e.slices()) {
        text.append(String.format(Locale.ROOT, "              slice %-16s n=%-7d %-9s %s%n", "'" + slice.key() + "'",
            slice.n(), slice.skipped() ? "SKIPPED" : slice.status().toString(), slice.reason()));
      }
      if (!e.failingRows().isEmpty()) {
        text.append("              failing rows (first ").append(e.failingRows().size()).append(" of ")
            .append(e.failedRows()).append("):").append(NL);
        for (RowFinding row : e.failingRows()) {
          text.append("                row ").append(row.index()).append(": ").append(row.detail()).append("  <- ")
              .append(row.row()).append(NL);
        }
      }
    }
    report.evaluation().ifPresent(evaluation -> text.append(NL).append(evaluation.toText()));
    return text.toString();
  }

  static String interval(Interval ci) {
    return Format.number(ci.level() * 100) + "% CI [" + Format.number(ci.lower()) + ", "
        + Format.number(ci.upper()) + "] " + ci.method();
  }
}
