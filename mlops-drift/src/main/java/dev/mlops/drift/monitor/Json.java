package dev.mlops.drift.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import dev.mlops.drift.internal.DriftJson;
import dev.mlops.metrics.MlopsException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The monitor's JSON through the one configured Jackson mapper of mlops-drift ({@link
 * DriftJson#MAPPER}) and its rule (thread-safe):
 *
 * <ul>
 *   <li>snake_case property names, map entries ordered by key, instants as ISO-8601 strings;
 *   <li>a non-finite number is never written as a string: a {@code double} property {@code x}
 *       that is NaN or infinite is written {@code "x": null} with {@code "x_non_finite": "NaN"}
 *       ({@code "Infinity"}, {@code "-Infinity"}) beside it; in maps and arrays it is {@code null};
 *       why a value is undefined is in the record's own {@code reason} (or documented on the
 *       field);
 *   <li>reading restores the value: {@code x_non_finite} gives back the NaN or infinity, a
 *       {@code null} number in a map or array reads as NaN.
 * </ul>
 */
final class Json {

  /** Suffix of the property that says which non-finite value a {@code null} number stands for. */
  static final String NON_FINITE = DriftJson.NON_FINITE;

  static final ObjectMapper MAPPER = DriftJson.MAPPER;

  private Json() {}

  /** Pretty JSON of a report value. */
  static String write(Object value, String what) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (IOException e) {
      throw new MlopsException(what + " could not be written as JSON", e);
    }
  }

  /** Reads JSON written by {@link #write}, restoring the non-finite numbers. */
  static <T> T read(String json, Class<T> type) {
    try {
      JsonNode tree = MAPPER.readTree(json);
      restore(tree);
      return MAPPER.treeToValue(tree, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("json must be a " + type.getSimpleName()
          + " written by toJson(): " + e.getMessage(), e);
    }
  }

  private static void restore(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> markers = new ArrayList<>();
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (name.endsWith(NON_FINITE) && o.get(name).isTextual()) {
          markers.add(name);
        }
      }
      for (String m : markers) {
        String field = m.substring(0, m.length() - NON_FINITE.length());
        o.set(field, DoubleNode.valueOf(DriftJson.parseNonFinite(o.get(m).asText())));
        o.remove(m);
      }
    }
    for (JsonNode child : node) {
      restore(child);
    }
  }


  /** The map of a JSON object's fields (for schema documentation tests). */
  static Map<String, JsonNode> fields(String json) {
    try {
      Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
      MAPPER.readTree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("json must be an object: " + e.getMessage(), e);
    }
  }
}
