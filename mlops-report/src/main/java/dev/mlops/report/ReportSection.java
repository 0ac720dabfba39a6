package dev.mlops.report;

import java.util.List;

/**
 * A section of your own in the report (a fairness table, a business KPI, a traffic log): it writes
 * paragraphs, tables and charts through {@link SectionContent}, which the report renders like its
 * built-in sections (same styles, same chart checks, same escaping).
 *
 * <p>Usage:
 * <pre>{@code
 * ReportSection approvals = new ReportSection() {
 *   public String title() { return "Approval rate by region"; }
 *   public void writeTo(SectionContent out) {
 *     out.paragraph("Share of applications approved, per region.");
 *     out.barChart("approval rate", List.of("north", "south"), Map.of("approved", new double[] {0.61, 0.58}));
 *   }
 * };
 * RunReport.builder().section(approvals);
 * }</pre>
 *
 * <p>Implementations are called once, on the thread that renders the report.
 */
public interface ReportSection {

  /**
   * The section's heading.
   *
   * @return the heading (plain text)
   */
  String title();

  /**
   * Writes the section's content.
   *
   * @param out where to write
   */
  void writeTo(SectionContent out);

  /**
   * A section holding one table.
   *
   * @param title the heading
   * @param columns the column names
   * @param rows the rows, each with one cell per column
   * @return the section
   * @throws IllegalArgumentException if a row does not have one cell per column
   */
  static ReportSection table(String title, List<String> columns, List<List<String>> rows) {
    List<String> cols = List.copyOf(columns);
    List<List<String>> copy = new java.util.ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() != cols.size()) {
        throw new IllegalArgumentException("table " + title + ": row " + i + " must have " + cols.size()
            + " cells: " + rows.get(i).size());
      }
      copy.add(rows.get(i).stream().map(c -> c == null ? "" : c).toList());
    }
    return new ReportSection() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public void writeTo(SectionContent out) {
        out.table(cols, copy);
      }
    };
  }
}
