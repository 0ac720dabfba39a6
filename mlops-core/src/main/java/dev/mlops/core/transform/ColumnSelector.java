package dev.mlops.core.transform;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the columns a transform applies to, resolved against the columns present when the
 * transform is fitted (so {@code numeric()} after a one-hot step includes the indicator columns).
 *
 * <p>Immutable and thread-safe.
 */
public final class ColumnSelector {

  private final String description;
  private final ColumnType type;
  private final List<String> names;
  private final List<String> except;

  private ColumnSelector(String description, ColumnType type, List<String> names, List<String> except) {
    this.description = description;
    this.type = type;
    this.names = names;
    this.except = except;
  }

  /**
   * Every numeric column.
   *
   * @return the selector
   */
  public static ColumnSelector numeric() {
    return new ColumnSelector("numeric()", ColumnType.NUMERIC, null, List.of());
  }

  /**
   * Every categorical column.
   *
   * @return the selector
   */
  public static ColumnSelector categorical() {
    return new ColumnSelector("categorical()", ColumnType.CATEGORICAL, null, List.of());
  }

  /**
   * The named columns; fitting fails if one is absent.
   *
   * @param names column names
   * @return the selector
   */
  public static ColumnSelector named(String... names) {
    for (String n : names) {
      Objects.requireNonNull(n, "column name");
    }
    return new ColumnSelector("named" + List.of(names), null, List.of(names), List.of());
  }

  /**
   * This selection without the named columns.
   *
   * @param names columns to leave out
   * @return a new selector
   */
  public ColumnSelector except(String... names) {
    List<String> e = new ArrayList<>(except);
    e.addAll(List.of(names));
    return new ColumnSelector(description + ".except" + List.of(names), type, this.names, List.copyOf(e));
  }

  List<String> resolve(List<Column> layout) {
    List<String> out = new ArrayList<>();
    if (names != null) {
      for (String n : names) {
        if (layout.stream().noneMatch(c -> c.name().equals(n))) {
          throw new IllegalArgumentException(
              "transformed column must exist: '" + n + "' (columns: "
                  + layout.stream().map(Column::name).toList() + ")");
        }
        if (!except.contains(n)) {
          out.add(n);
        }
      }
      return out;
    }
    for (Column c : layout) {
      if (c.type() == type && !except.contains(c.name())) {
        out.add(c.name());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return description;
  }
}
