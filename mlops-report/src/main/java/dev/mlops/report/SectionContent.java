package dev.mlops.report;

import java.util.List;
import java.util.Map;

/**
 * What a {@link ReportSection} can write. All text is plain text (escaped by the report); numbers
 * that are not finite show as gaps. Not thread-safe: used by one section while it renders.
 */
public interface SectionContent {

  /**
   * Adds a paragraph.
   *
   * @param text plain text
   * @return this
   */
  SectionContent paragraph(String text);

  /**
   * Adds a table.
   *
   * @param columns the column names
   * @param rows the rows, each with one cell per column
   * @return this
   * @throws IllegalArgumentException if a row does not have one cell per column
   */
  SectionContent table(List<String> columns, List<List<String>> rows);

  /**
   * Adds a bar chart: one group of bars per category, one bar per series, side by side.
   *
   * @param title the chart's title
   * @param categories the categories, in display order
   * @param series the series by name, each with one value per category
   * @return this
   * @throws IllegalArgumentException if a series does not have one value per category, or there is no series
   */
  SectionContent barChart(String title, List<String> categories, Map<String, double[]> series);

  /**
   * Adds a line chart over ordered categories (e.g. windows).
   *
   * @param title the chart's title
   * @param x the x-axis labels, in order
   * @param series the series by name, each with one value per label
   * @return this
   * @throws IllegalArgumentException if a series does not have one value per label, or there is no series
   */
  SectionContent lineChart(String title, List<String> x, Map<String, double[]> series);
}
