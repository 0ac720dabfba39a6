package dev.mlops.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link RunReport} rendered into one self-contained HTML file: the page's template, styles and
 * script come from classpath resources ({@code dev/mlops/report/report.html}, {@code report.css},
 * {@code report.js}), the report's data is embedded as JSON, and the chart library
 * (<a href="https://echarts.apache.org">Apache ECharts</a>, from the {@code org.webjars.npm:echarts}
 * WebJar) is inlined, so the file opens offline, makes no network request and can be archived.
 *
 * <p>Usage:
 * <pre>{@code
 * HtmlReport.render(runReport).writeTo(Path.of("report.html"));
 * }</pre>
 *
 * <p><b>Safety.</b> All text reaches the page as JSON data, escaped so that nothing in it can close
 * the script element it sits in, and is put into the page with {@code textContent}: a feature
 * called {@code <img onerror=...>} stays text. Numbers that are not finite are written as
 * {@code null} (a gap in a chart, a dash in a table).
 *
 * <p>Immutable and thread-safe.
 */
public final class HtmlReport {

  private final String title;
  private final String html;
  private final int sections;

  private HtmlReport(String title, String html, int sections) {
    this.title = title;
    this.html = html;
    this.sections = sections;
  }

  /**
   * Renders a report.
   *
   * @param report the report
   * @return the rendered page
   * @throws IllegalStateException if a template or the chart library is missing from the classpath
   */
  public static HtmlReport render(RunReport report) {
    Objects.requireNonNull(report, "report");
    ObjectNode doc = ReportDocument.of(report);
    String html = Templates.fill(Templates.resource("report.html"), Map.of(
        "title", escape(report.title()),
        "css", Templates.resource("report.css"),
        "data", Json.scriptSafe(doc),
        "echarts", Templates.echarts(),
        "script", Templates.resource("report.js")));
    return new HtmlReport(report.title(), html, doc.get("sections").size());
  }

  /** @return the report's title */
  public String title() {
    return title;
  }

  /** @return the number of sections rendered */
  public int sectionCount() {
    return sections;
  }

  /** @return the complete HTML document */
  public String toHtml() {
    return html;
  }

  /**
   * The report's data as the page receives it (JSON), for tests and tools.
   *
   * @return the data
   */
  public JsonNode data() {
    int start = html.indexOf("<script type=\"application/json\" id=\"mlops-report-data\">");
    int from = html.indexOf('>', start) + 1;
    try {
      return Json.read(html.substring(from, html.indexOf("</script>", from)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report's data back", e);
    }
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
    return "HtmlReport[" + title + ", sections=" + sections + ", bytes=" + html.length() + "]";
  }

  /** Escapes text for HTML element content. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
