package dev.mlops.drift.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one configured Jackson mapper of mlops-drift (its JSON rule is documented on the monitor's
 * JSON and in docs/drift-json.md): snake_case, map entries by key, instants as ISO-8601 strings, a
 * non-finite {@code double} property written as {@code null} with {@code <name>_non_finite} beside
 * it (never a string in its place), {@code null} in maps and arrays, and read back as NaN. Types
 * with their own documented JSON (a fairness window) say so with Jackson annotations. Not public
 * API. Thread-safe once configured.
 */
public final class DriftJson {

  /** Suffix of the property that says which non-finite value a {@code null} number stands for. */
  public static final String NON_FINITE = "_non_finite";

  /** The mapper: configured once, shared by every package of mlops-drift. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .registerModule(module());

  private DriftJson() {}

  /**
   * The non-finite value a {@code <name>_non_finite} marker names.
   *
   * @param s {@code "Infinity"}, {@code "-Infinity"} or anything else (NaN)
   * @return the value
   */
  public static double parseNonFinite(String s) {
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

}
