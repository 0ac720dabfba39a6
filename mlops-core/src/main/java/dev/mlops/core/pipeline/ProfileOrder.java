package dev.mlops.core.pipeline;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import dev.mlops.core.split.Split;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * In which order a pipeline gives its training rows to the model's reference profile. A profile
 * built from rows in time order keeps that order as chunks ({@code ReferenceProfile.chunks()}), and
 * a drift monitor on it calibrates its thresholds on consecutive reference windows of its own size,
 * which holds on autocorrelated and seasonal data; a profile built without an order calibrates by
 * resampling, rows taken as independent, and flags drift in most windows of autocorrelated data.
 *
 * <pre>{@code
 * Pipeline.builder("bike-demand").split(Split.byTime("dteday"))   // auto: profiled in dteday order
 * Pipeline.builder("churn").profileOrder(ProfileOrder.byColumn("event_time"))
 * Pipeline.builder("iris").profileOrder(ProfileOrder.none())      // rows exchangeable, by columns
 * }</pre>
 *
 * <p>Ordering is never wrong for exchangeable rows (consecutive windows of shuffled rows vary as
 * resampled ones do); it costs a row-by-row pass over the training split instead of a column pass.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProfileOrder {

  private enum Kind { AUTO, NONE, TABLE, COLUMN }

  private static final ProfileOrder AUTO = new ProfileOrder(Kind.AUTO, null, ProfilePredictions.defaults());
  private static final ProfileOrder NONE = new ProfileOrder(Kind.NONE, null, ProfilePredictions.defaults());
  private static final ProfileOrder TABLE = new ProfileOrder(Kind.TABLE, null, ProfilePredictions.defaults());

  private final Kind kind;
  private final String column;
  private final ProfilePredictions predictions;

  private ProfileOrder(Kind kind, String column, ProfilePredictions predictions) {
    this.kind = kind;
    this.column = column;
    this.predictions = predictions;
  }

  /**
   * The default: the order the pipeline knows. By the split's column for {@link
   * Split#byTime(String)}; in table order for a run that holds out the last rows ({@link
   * RunOptions#withHoldoutLast(int)}) or refits a selected run (those take the table as time
   * ordered); by the table's timestamp column when it has exactly one; otherwise no order (the
   * profile is built by columns).
   *
   * @return the automatic order
   */
  public static ProfileOrder auto() {
    return AUTO;
  }

  /**
   * No order: the profile is built by columns and thresholds are calibrated by resampling.
   *
   * @return the order
   */
  public static ProfileOrder none() {
    return NONE;
  }

  /**
   * The rows in the order the source gives them (which the caller says is time order).
   *
   * @return the order
   */
  public static ProfileOrder tableOrder() {
    return TABLE;
  }

  /**
   * The rows sorted by a numeric or timestamp column (ties keep the table order). The column need
   * not be a model input; every row must have a value.
   *
   * @param column the time column
   * @return the order
   * @throws NullPointerException if {@code column} is null
   * @throws IllegalArgumentException if {@code column} is blank
   */
  public static ProfileOrder byColumn(String column) {
    Objects.requireNonNull(column, "column");
    if (column.isBlank()) {
      throw new IllegalArgumentException("profile order column must not be blank: '" + column + "'");
    }
    return new ProfileOrder(Kind.COLUMN, column, ProfilePredictions.defaults());
  }

  /**
   * This order with another choice of the predictions the ordered rows hold (default {@link
   * ProfilePredictions#outOfFold(int, int) out-of-fold, 5 folds of 4 interleaved blocks}). Without an order
   * ({@link #none()}, or {@link #auto()} finding none) the profile holds the held-out predictions
   * whatever the choice.
   *
   * @param choice the predictions
   * @return the order with that choice
   * @throws NullPointerException if {@code choice} is null
   */
  public ProfileOrder withPredictions(ProfilePredictions choice) {
    Objects.requireNonNull(choice, "choice");
    return new ProfileOrder(kind, column, choice);
  }

  /**
   * Which predictions the ordered rows hold.
   *
   * @return the choice
   */
  public ProfilePredictions predictions() {
    return predictions;
  }

  /**
   * The column of {@link #byColumn(String)}.
   *
   * @return the column, empty for the other orders
   */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }

  /** The automatic order with the default predictions (left out of the definition fingerprint). */
  boolean isDefault() {
    return kind == Kind.AUTO && predictions.isDefault();
  }

  /**
   * The order of the training rows for this run.
   *
   * @param train the training split, in table order
   * @param split the pipeline's split
   * @param lastRows rows held out at the end of the table (0 when the split holds out)
   * @return the resolved order: the row indices in profile order and how they were ordered, or
   *     {@code null} for no order
   * @throws IllegalArgumentException if the order column is missing, categorical or has a missing
   *     value
   */
  Resolved resolve(Table train, Split split, int lastRows) {
    return switch (kind) {
      case NONE -> null;
      case TABLE -> inTableOrder(train, "table order");
      case COLUMN -> sortedBy(train, column);
      case AUTO -> {
        if (split.isTimeOrdered() && train.has(split.column())) {
          yield sortedBy(train, split.column());
        }
        if (lastRows > 0) {
          yield inTableOrder(train, "table order (the last " + lastRows + " rows held out)");
        }
        List<Column> times = train.columns().stream()
            .filter(c -> c.type() == ColumnType.TIMESTAMP).toList();
        yield times.size() == 1 ? sortedBy(train, times.get(0).name()) : null;
      }
    };
  }

  /**
   * Training rows in profile order.
   *
   * @param rows the row indices of the training split, in profile order
   * @param description how they were ordered, e.g. {@code "by dteday"}
   * @param timeColumn the timestamp column whose calendar the profile records (the order column,
   *     or in table order the table's only timestamp column), null for none
   */
  record Resolved(int[] rows, String description, String timeColumn) {}

  private static Resolved inTableOrder(Table train, String description) {
    List<Column> times = train.columns().stream()
        .filter(c -> c.type() == ColumnType.TIMESTAMP).toList();
    return new Resolved(IntStream.range(0, train.rowCount()).toArray(), description,
        times.size() == 1 ? times.get(0).name() : null);
  }

  private static Resolved sortedBy(Table train, String column) {
    if (!train.has(column)) {
      throw new IllegalArgumentException("profile order column must exist in the table: '" + column
          + "' (columns: " + train.names() + ")");
    }
    int c = train.indexOf(column);
    if (train.columns().get(c).type() == ColumnType.CATEGORICAL) {
      throw new IllegalArgumentException(
          "profile order column must be a timestamp or numeric column: '" + column + "'");
    }
    double[] t = train.numericColumn(column);
    for (int r = 0; r < t.length; r++) {
      if (Double.isNaN(t[r])) {
        throw new IllegalArgumentException("profile order column '" + column
            + "' must have a value in every row: row " + r + " is missing");
      }
    }
    Integer[] order = IntStream.range(0, t.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> t[i]));
    return new Resolved(Arrays.stream(order).mapToInt(Integer::intValue).toArray(), "by " + column,
        train.columns().get(c).type() == ColumnType.TIMESTAMP ? column : null);
  }

  @Override
  public String toString() {
    String order = switch (kind) {
      case AUTO -> "auto";
      case NONE -> "none";
      case TABLE -> "table order";
      case COLUMN -> "by " + column;
    };
    return predictions.isDefault() ? order : order + ", " + predictions;
  }
}
