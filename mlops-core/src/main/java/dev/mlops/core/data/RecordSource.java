package dev.mlops.core.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Java objects (e.g. records) as a source, through a feature extractor that names each column and
 * how to read it from an object.
 *
 * <pre>{@code
 * record Ride(LocalDate day, int season, double temp, int count) {}
 * Source src = RecordSource.of(rides)
 *     .timestamp("day", r -> r.day().atStartOfDay(ZoneOffset.UTC).toInstant())
 *     .categorical("season", r -> Integer.toString(r.season()))
 *     .numeric("temp", Ride::temp)
 *     .numeric("count", Ride::count);
 * }</pre>
 *
 * <p>Immutable and thread-safe if the list is not modified; the extractors must be side-effect
 * free. The list is read on every {@link #read()}.
 *
 * @param <T> the object type
 */
public final class RecordSource<T> implements Source {

  private record Extractor<T>(Column column, ToDoubleFunction<T> number, Function<T, String> text) {}

  private final List<T> records;
  private final List<Extractor<T>> extractors;

  private RecordSource(List<T> records, List<Extractor<T>> extractors) {
    this.records = records;
    this.extractors = List.copyOf(extractors);
  }

  /**
   * A source over objects; add columns with {@link #numeric}, {@link #categorical} and {@link
   * #timestamp}.
   *
   * @param records the objects (not copied)
   * @param <T> the object type
   * @return the source, with no columns yet
   */
  public static <T> RecordSource<T> of(List<T> records) {
    return new RecordSource<>(Objects.requireNonNull(records, "records"), List.of());
  }

  private RecordSource<T> plus(Extractor<T> e) {
    for (Extractor<T> x : extractors) {
      if (x.column().name().equals(e.column().name())) {
        throw new IllegalArgumentException("column name must be unique: '" + e.column().name() + "'");
      }
    }
    List<Extractor<T>> l = new ArrayList<>(extractors);
    l.add(e);
    return new RecordSource<>(records, l);
  }

  /**
   * A numeric column ({@code NaN} = missing).
   *
   * @param name the column
   * @param value how to read it
   * @return a new source
   */
  public RecordSource<T> numeric(String name, ToDoubleFunction<T> value) {
    return plus(new Extractor<>(Column.numeric(name), Objects.requireNonNull(value, "value"), null));
  }

  /**
   * A categorical column ({@code null} = missing).
   *
   * @param name the column
   * @param value how to read it
   * @return a new source
   */
  public RecordSource<T> categorical(String name, Function<T, String> value) {
    return plus(new Extractor<>(Column.categorical(name), null, Objects.requireNonNull(value, "value")));
  }

  /**
   * A timestamp column ({@code null} = missing).
   *
   * @param name the column
   * @param value how to read it
   * @return a new source
   */
  public RecordSource<T> timestamp(String name, Function<T, Instant> value) {
    Objects.requireNonNull(value, "value");
    return plus(new Extractor<>(Column.timestamp(name), t -> {
      Instant i = value.apply(t);
      return i == null ? Double.NaN : i.toEpochMilli();
    }, null));
  }

  @Override
  public String describe() {
    return "records(" + records.size() + ")";
  }

  @Override
  public Table read() {
    if (extractors.isEmpty()) {
      throw new IllegalStateException("record source must have at least one column");
    }
    int n = records.size();
    Table.Builder b = Table.builder();
    for (Extractor<T> e : extractors) {
      if (e.text() != null) {
        String[] v = new String[n];
        for (int r = 0; r < n; r++) {
          v[r] = e.text().apply(records.get(r));
        }
        b.add(e.column(), null, v);
      } else {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
          v[r] = e.number().applyAsDouble(records.get(r));
        }
        b.add(e.column(), v, null);
      }
    }
    return b.build();
  }
}
