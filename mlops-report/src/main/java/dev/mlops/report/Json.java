package dev.mlops.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The report's one JSON mapper and node helpers. Numbers that are not finite are written as
 * {@code null} (a gap in a chart, a dash in a table), never as strings. Thread-safe.
 */
final class Json {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Escapes {@code <}, {@code >}, {@code &}, {@code '} and U+2028/9, so the JSON can sit in a script element. */
  private static final ObjectMapper SCRIPT_SAFE = scriptSafeMapper();

  private Json() {}

  private static ObjectMapper scriptSafeMapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    return mapper;
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** A number rounded to six significant digits, or null when not finite. */
  static JsonNode num(double value) {
    return Double.isFinite(value) ? NODES.numberNode(round(value)) : NODES.nullNode();
  }

  static ArrayNode nums(double[] values) {
    ArrayNode a = array();
    for (double v : values) {
      a.add(num(v));
    }
    return a;
  }

  static ArrayNode nums(long[] values) {
    ArrayNode a = array();
    for (long v : values) {
      a.add(v);
    }
    return a;
  }

  static ArrayNode texts(Collection<String> values) {
    ArrayNode a = array();
    values.forEach(a::add);
    return a;
  }

  static double round(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value;
    }
    return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", value));
  }

  /** Parses JSON with the report's mapper (its script-safe escapes change only how it writes). */
  static JsonNode read(String json) throws JsonProcessingException {
    return SCRIPT_SAFE.readTree(json);
  }

  static String scriptSafe(JsonNode node) {
    try {
      return SCRIPT_SAFE.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the report's data", e);
    }
  }
}
