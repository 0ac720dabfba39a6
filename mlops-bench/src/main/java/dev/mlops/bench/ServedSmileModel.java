package dev.mlops.bench;

import dev.mlops.core.train.FittedModel;
import smile.data.type.StructType;

/**
 * The Smile model a fitted model serves and the schema its formula is bound to, reached by
 * reflection, so that a benchmark's bare baseline runs on the very trees, memory and compiled code
 * the endpoint uses. The library deliberately never exposes them: a Smile {@code DataFrame} model
 * rebinds its formula to any new schema it sees, so a caller holding the model could make two
 * threads predicting on different frames see each other's binding. A benchmark only reads them.
 *
 * @param model the Smile model (e.g. a {@code RandomForest})
 * @param schema the one schema its formula is bound to (build tuples on it, never another)
 */
public record ServedSmileModel(Object model, StructType schema) {

  /**
   * Reads the served model and schema of a fitted model.
   *
   * @param fitted a fitted Smile model of the library
   * @return its Smile model and bound schema
   * @throws IllegalStateException if the fitted model holds no such fields
   */
  public static ServedSmileModel of(FittedModel fitted) {
    return new ServedSmileModel(field(fitted, "model"), (StructType) field(fitted, "schema"));
  }

  private static Object field(Object target, String name) {
    try {
      for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
          if (f.getName().equals(name)) {
            f.setAccessible(true);
            return f.get(target);
          }
        }
      }
      throw new NoSuchFieldException(name);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + target.getClass().getName() + "." + name, e);
    }
  }
}
