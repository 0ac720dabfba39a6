package dev.mlops.metrics.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.metrics.MlopsException;

/**
 * The one configured Jackson mapper of mlops-metrics and its number rule: snake_case names, strict
 * duplicate detection on read, and every non-finite number written as JSON {@code null} (never the
 * string {@code "NaN"}), the reason being written beside it by the caller. Not API. Thread-safe.
 */
public final class Json {

  /** The module's mapper (immutable once built; share it, never reconfigure it). */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private Json() {}

  /**
   * Puts a number, or {@code null} when it is NaN or infinite.
   *
   * @param node the object
   * @param field the field name
   * @param value the number
   */
  public static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  /**
   * Reads a number written by {@link #number}: {@code null} (or a missing field) is NaN.
   *
   * @param node the object
   * @param field the field name
   * @return the number, NaN for null
   * @throws IllegalArgumentException if the field holds something else than a number or null
   */
  public static double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number or null: " + v);
    }
    return v.doubleValue();
  }

  /**
   * Writes a tree as compact JSON.
   *
   * @param node the tree
   * @param what what is written, for the error message
   * @return the JSON text
   * @throws MlopsException if Jackson fails
   */
  public static String write(JsonNode node, String what) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new MlopsException(what + " could not be written as JSON", e);
    }
  }

  /**
   * Parses JSON text.
   *
   * @param json the text
   * @param what what is read, for the error message
   * @return the tree
   * @throws IllegalArgumentException if the text is not valid JSON (or repeats a field)
   */
  public static JsonNode read(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " must be valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
