package dev.mlops.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Finds the {@link ModelCodec} for a codec name: the built-in Smile codec, codecs passed in, then
 * codecs registered with {@link ServiceLoader}.
 *
 * <p>Thread-safe (stateless).
 */
public final class ModelCodecs {

  private ModelCodecs() {}

  /**
   * The built-in codec that reads Smile models through an {@link java.io.ObjectInputFilter}.
   *
   * @return the codec named {@code "smile"}
   */
  public static ModelCodec smile() {
    return new SmileModel.Codec();
  }

  /**
   * Finds a codec.
   *
   * @param name the codec name stored with the model
   * @param extra codecs to consider before the service loader
   * @return the codec
   * @throws IllegalArgumentException if none has that name
   */
  public static ModelCodec find(String name, List<ModelCodec> extra) {
    Objects.requireNonNull(name, "name");
    if (SmileModel.CODEC.equals(name)) {
      return smile();
    }
    for (ModelCodec c : extra) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    List<String> known = new ArrayList<>(List.of(SmileModel.CODEC));
    for (ModelCodec c : ServiceLoader.load(ModelCodec.class)) {
      if (c.name().equals(name)) {
        return c;
      }
      known.add(c.name());
    }
    throw new IllegalArgumentException(
        "model codec must be known: '" + name + "' (known: " + known + ")");
  }
}
