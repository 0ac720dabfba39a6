package dev.mlops.drift.internal;

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
import dev.mlops.metrics.MlopsException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one configured Jackson mapper of mlops-drift and its JSON rule (thread-safe once
 * configured); used by the monitor's reports and the fairness windows. Not API:
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
public final class DriftJson {

  /** Suffix of the property that says which non-finite value a {@code null} number stands for. */
  public static final String NON_FINITE = "_non_finite";

  /** The mapper (shared; never reconfigure it). */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .registerModule(module());

  private DriftJson() {}

  /**
   * Pretty JSON of a report value.
   *
   * @param value the value
   * @param what what it is, for the error message
   * @return the JSON document
   * @throws MlopsException if it cannot be written
   */
  public static String write(Object value, String what) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (IOException e) {
      throw new MlopsException(what + " could not be written as JSON", e);
    }
  }

  /**
   * Reads JSON written by {@link #write}, restoring the non-finite numbers.
   *
   * @param json the document
   * @param type the value's type
   * @param <T> the value's type
   * @return the value
   * @throws IllegalArgumentException if the document is not such a value
   */
  public static <T> T read(String json, Class<T> type) {
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
        o.set(field, DoubleNode.valueOf(parseNonFinite(o.get(m).asText())));
        o.remove(m);
      }
    }
    for (JsonNode child : node) {
      restore(child);
    }
  }

  private static double parseNonFinite(String s) {
    return switch (s) {
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.NaN;
    };
  }

  private static SimpleModule module() {
    SimpleModule m = new SimpleModule("mlops-drift-json");
    JsonSerializer<Double> number = writer((v, g) -> writeNumber(g, v));
    m.addSerializer(Double.class, number);
    m.addSerializer(Double.TYPE, number);
    m.addSerializer(double[].class, writer((v, g) -> {
      g.writeStartArray(v, v.length);
      for (double d : v) {
        writeNumber(g, d);
      }
      g.writeEndArray();
    }));
    JsonDeserializer<Double> nullIsNaN = new JsonDeserializer<>() {
      @Override
      public Double deserialize(JsonParser p, DeserializationContext c) throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? parseNonFinite(p.getText())
            : p.getDoubleValue();
      }

      @Override
      public Double getNullValue(DeserializationContext c) {
        return Double.NaN;
      }
    };
    m.addDeserializer(Double.class, nullIsNaN);
    m.addDeserializer(Double.TYPE, nullIsNaN);
    m.addDeserializer(double[].class, reader(p -> {
      List<Double> values = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        values.add(p.currentToken() == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue());
      }
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }));
    m.addSerializer(Instant.class, writer((v, g) -> g.writeString(v.toString())));
    m.addDeserializer(Instant.class, reader(p -> Instant.parse(p.getText())));
    m.setSerializerModifier(new BeanSerializerModifier() {
      @Override
      public List<BeanPropertyWriter> changeProperties(SerializationConfig config,
          BeanDescription bean, List<BeanPropertyWriter> properties) {
        List<BeanPropertyWriter> out = new ArrayList<>(properties.size());
        for (BeanPropertyWriter w : properties) {
          Class<?> t = w.getType().getRawClass();
          out.add(t == Double.TYPE || t == Double.class ? new NonFiniteBeside(w) : w);
        }
        return out;
      }
    });
    return m;
  }

  /** Writes a value to a generator. */
  @FunctionalInterface
  private interface Writing<T> {
    void write(T value, JsonGenerator g) throws IOException;
  }

  /** Reads a value from a parser at its first token. */
  @FunctionalInterface
  private interface Reading<T> {
    T read(JsonParser p) throws IOException;
  }

  private static <T> JsonSerializer<T> writer(Writing<T> writing) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T v, JsonGenerator g, SerializerProvider p) throws IOException {
        writing.write(v, g);
      }
    };
  }

  private static <T> JsonDeserializer<T> reader(Reading<T> reading) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
        return reading.read(p);
      }
    };
  }

  private static void writeNumber(JsonGenerator g, Double v) throws IOException {
    if (v == null || !Double.isFinite(v)) {
      g.writeNull();
    } else {
      g.writeNumber(v);
    }
  }

  private static String nonFiniteLabel(double v) {
    return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }

  /** Writes a non-finite double property as null with the {@code _non_finite} marker beside it. */
  private static final class NonFiniteBeside extends BeanPropertyWriter {
    NonFiniteBeside(BeanPropertyWriter base) {
      super(base);
    }

    @Override
    public void serializeAsField(Object bean, JsonGenerator g, SerializerProvider p)
        throws Exception {
      Object v = get(bean);
      if (v instanceof Double d && !Double.isFinite(d)) {
        g.writeNullField(getName());
        g.writeStringField(getName() + NON_FINITE, nonFiniteLabel(d));
        return;
      }
      super.serializeAsField(bean, g, p);
    }
  }

  /**
   * The map of a JSON object's fields (for schema documentation tests).
   *
   * @param json a JSON object
   * @return its fields in order
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static Map<String, JsonNode> fields(String json) {
    try {
      Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
      MAPPER.readTree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("json must be an object: " + e.getMessage(), e);
    }
  }
}
