package dev.mlops.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The one JSON rule of mlops-core, in one configured mapper: field names in snake_case, unknown
 * fields ignored on reading (a newer writer may add some), and non-finite numbers written as JSON
 * {@code null} — never as the strings {@code "NaN"} or {@code "Infinity"} — with, where the value
 * is undefined, the reason in a field beside it ({@code <field>_reason}). Every {@code toJson()} of
 * the module writes through {@link #MAPPER}. Reading a {@code null} into a primitive fails (a
 * decoder that accepts a missing number reads it into a boxed type and says what null means), and
 * so does a document with a repeated key. The registry's checksummed documents, the label store's
 * JSON lines and every {@code toJson()} / reader of mlops-core use this one mapper.
 *
 * <p>Thread-safe: the mapper is configured once and never changed.
 */
public final class CoreJson {

  /** The module's mapper. Do not reconfigure it. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // a document with a repeated key is ambiguous (and could hide a second value from a checksum)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      // a null (a non-finite number) read into a primitive must fail, never become 0
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .addModule(new SimpleModule("mlops-core-numbers")
          .addSerializer(Double.class, new FiniteOrNull())
          .addSerializer(double.class, new FiniteOrNull()))
      .build();

  private CoreJson() {}

  /**
   * Puts a number, or null with the reason beside it ({@code <field>_reason}) when it is not finite.
   *
   * @param node the object
   * @param field the field name
   * @param value the number
   * @param reason why a non-finite value is undefined (e.g. {@code "only one class in the data"})
   */
  public static void number(ObjectNode node, String field, double value, String reason) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
      node.put(field + "_reason", reason);
    }
  }

  /**
   * Adds a number to an array, or null when it is not finite.
   *
   * @param array the array
   * @param value the number
   */
  public static void add(ArrayNode array, double value) {
    if (Double.isFinite(value)) {
      array.add(value);
    } else {
      array.addNull();
    }
  }

  /**
   * Reads a number written by {@link #number}: NaN for null or absent.
   *
   * @param node the object
   * @param field the field name
   * @return the number, or NaN
   */
  public static double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  /** Writes finite doubles as numbers and NaN or infinities as null. */
  private static final class FiniteOrNull extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    FiniteOrNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (Double.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }
}
