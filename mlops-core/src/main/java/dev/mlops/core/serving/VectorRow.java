package dev.mlops.core.serving;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A request row given as parallel feature names and numbers, seen as an unmodifiable
 * {@code Map<String, Object>} of {@code Double} values: what a vector request means wherever a row
 * is needed (validation that refuses it, models or listeners that read rows by name). Lookups are
 * linear in the number of features. Not a copy: the values array must not change while in use.
 */
final class VectorRow extends AbstractMap<String, Object> {

  private final List<String> names;
  private final double[] values;

  VectorRow(List<String> names, double[] values) {
    this.names = names;
    this.values = values;
  }

  @Override
  public Object get(Object key) {
    int i = names.indexOf(key);
    return i < 0 ? null : Double.valueOf(values[i]);
  }

  @Override
  public boolean containsKey(Object key) {
    return names.indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < values.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (i >= values.length) {
              throw new NoSuchElementException();
            }
            Map.Entry<String, Object> e = new SimpleImmutableEntry<>(names.get(i), values[i]);
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  /** Checks a vector request's shape: non-null, one value per name. */
  static void check(List<String> names, double[] values) {
    Objects.requireNonNull(names, "featureNames must not be null");
    Objects.requireNonNull(values, "values must not be null");
    if (names.size() != values.length) {
      throw new IllegalArgumentException(
          "values must hold one value per feature name (" + names.size() + "): " + values.length);
    }
  }
}
