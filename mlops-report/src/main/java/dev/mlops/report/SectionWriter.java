package dev.mlops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one section's blocks as JSON for the page's script: paragraphs, tables (cells are text,
 * numbers, intervals or statuses) and charts. Used by the built-in sections and, as
 * {@link SectionContent}, by sections of your own. Not thread-safe.
 */
final class SectionWriter implements SectionContent {

  private final ObjectNode section;
  private final ArrayNode blocks;
  private ArrayNode grid;

  SectionWriter(ArrayNode sections, String id, String title) {
    section = sections.addObject();
    section.put("id", id).put("title", Objects.requireNonNull(title, "title"));
    blocks = section.putArray("blocks");
  }

  @Override
  public SectionWriter paragraph(String text) {
    endGrid();
    blocks.addObject().put("type", "text").put("text", Objects.requireNonNull(text, "text"));
    return this;
  }

  SectionWriter note(String text) {
    endGrid();
    blocks.addObject().put("type", "note").put("text", text);
    return this;
  }

  SectionWriter heading(String text) {
    endGrid();
    blocks.addObject().put("type", "heading").put("text", text);
    return this;
  }

  SectionWriter list(List<String> items) {
    endGrid();
    blocks.addObject().put("type", "list").set("items", Json.texts(items));
    return this;
  }

  @Override
  public SectionWriter table(List<String> columns, List<List<String>> rows) {
    Table t = table(columns);
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() != columns.size()) {
        throw new IllegalArgumentException("table row " + i + " must have " + columns.size() + " cells: "
            + rows.get(i).size());
      }
      ArrayNode row = t.rows.addArray();
      rows.get(i).forEach(c -> row.add(c == null ? "" : c));
    }
    return this;
  }

  /** A table whose cells the caller adds: text, numbers, intervals and statuses. */
  Table table(List<String> columns) {
    endGrid();
    ObjectNode block = blocks.addObject().put("type", "table");
    block.set("columns", Json.texts(columns));
    return new Table(block.putArray("rows"));
  }

  @Override
  public SectionWriter barChart(String title, List<String> categories, Map<String, double[]> series) {
    chart("bar", title, series(title, categories, series));
    return this;
  }

  @Override
  public SectionWriter lineChart(String title, List<String> x, Map<String, double[]> series) {
    chart("line", title, series(title, x, series));
    return this;
  }

  private static ObjectNode series(String title, List<String> categories, Map<String, double[]> series) {
    Objects.requireNonNull(title, "title");
    if (series.isEmpty()) {
      throw new IllegalArgumentException("chart " + title + " must have at least one series: " + series.keySet());
    }
    ObjectNode data = Json.object();
    data.set("categories", Json.texts(categories));
    ArrayNode s = data.putArray("series");
    series.forEach((name, values) -> {
      if (values.length != categories.size()) {
        throw new IllegalArgumentException("chart " + title + ": series " + name + " must have one value per category ("
            + categories.size() + "): " + values.length);
      }
      s.addObject().put("name", name).set("values", Json.nums(values));
    });
    return data;
  }

  /** Adds a chart; consecutive charts share a grid. */
  ObjectNode chart(String kind, String title, ObjectNode data) {
    if (grid == null) {
      grid = blocks.addObject().put("type", "grid").putArray("charts");
    }
    data.put("type", "chart").put("kind", kind).put("title", title);
    grid.add(data);
    return data;
  }

  /** Adds a block the page's script knows by its type (e.g. the drift explorer). */
  ObjectNode block(String type) {
    endGrid();
    return blocks.addObject().put("type", type);
  }

  private void endGrid() {
    grid = null;
  }

  /** Rows of a table. */
  static final class Table {
    private final ArrayNode rows;

    Table(ArrayNode rows) {
      this.rows = rows;
    }

    Row row() {
      return new Row(rows.addArray());
    }
  }

  /** One row: cells in column order. */
  static final class Row {
    private final ArrayNode cells;

    Row(ArrayNode cells) {
      this.cells = cells;
    }

    Row text(String text) {
      cells.add(text == null ? "" : text);
      return this;
    }

    Row number(double value) {
      cells.addObject().set("n", Json.num(value));
      return this;
    }

    Row count(long value) {
      cells.addObject().put("c", value);
      return this;
    }

    Row pValue(double value) {
      cells.addObject().set("p", Json.num(value));
      return this;
    }

    Row interval(double lower, double upper) {
      ObjectNode o = cells.addObject();
      o.putArray("ci").add(Json.num(lower)).add(Json.num(upper));
      return this;
    }

    Row status(String status) {
      cells.addObject().put("s", status);
      return this;
    }
  }
}
