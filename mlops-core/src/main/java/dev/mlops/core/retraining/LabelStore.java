package dev.mlops.core.retraining;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.internal.CoreJson;
import dev.mlops.metrics.MlopsException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labelled rows a retraining loop learns from, in arrival order: request rows joined with their
 * delayed labels, after the training history the store was seeded with. Bounded by a number of rows
 * and optionally by age (the oldest go first). A store {@linkplain Builder#persistTo persisted} to a
 * file appends every row as one JSON line and reloads them at {@link Builder#build()}, so a
 * restarted service keeps its labelled traffic (the file is compacted when it holds twice the bound).
 *
 * <pre>{@code
 * LabelStore store = LabelStore.builder().maxRows(50_000).maxAge(Duration.ofDays(400))
 *     .persistTo(registryRoot.resolve("labelled-rows").resolve("bike-demand.jsonl"))
 *     .build();
 * }</pre>
 *
 * <p>Row values are kept as given (numbers, strings, null); after a reload, numbers are doubles.
 * Thread-safe (one lock).
 */
public final class LabelStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LabelStore.class);
  private static final ObjectMapper JSON = CoreJson.MAPPER;

  /** One labelled row. */
  private record Entry(Map<String, ?> row, double label, Instant at, boolean history) {}

  private final int maxRows;
  private final Duration maxAge;
  private final Path file;
  private final ArrayDeque<Entry> rows = new ArrayDeque<>();
  private BufferedWriter writer;
  private long linesInFile;

  private LabelStore(Builder b) {
    this.maxRows = b.maxRows;
    this.maxAge = b.maxAge;
    this.file = b.file;
  }

  /**
   * Starts a store definition.
   *
   * @return a builder (default 50,000 rows, no age bound, in memory only)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Seeds an empty store with the model's training history (oldest first): the first retrain then
   * learns from the history plus the labelled traffic, and history ages out as traffic arrives. A
   * store that already holds rows (reloaded after a restart) is left as it is.
   *
   * @param history the labelled training rows
   * @param at the time to record them at (for the age bound)
   * @return true if the store was seeded, false if it already held rows
   * @throws NullPointerException if an argument is null
   */
  public boolean seed(TrainingData history, Instant at) {
    Objects.requireNonNull(history, "history must not be null");
    Objects.requireNonNull(at, "seed time must not be null");
    synchronized (rows) {
      if (!rows.isEmpty()) {
        return false;
      }
      double[] y = history.labels();
      for (int i = 0; i < y.length; i++) {
        add(new Entry(history.rows().get(i), y[i], at, true));
      }
      trim(at);
      flush();
      return true;
    }
  }

  /**
   * Adds one labelled row.
   *
   * @param row the request row (every field, not only model inputs)
   * @param label the label (target value, or class index)
   * @param at when the label arrived
   * @throws NullPointerException if the row or time is null
   * @throws IllegalArgumentException if the label is not finite
   */
  public void add(Map<String, ?> row, double label, Instant at) {
    Objects.requireNonNull(row, "row must not be null");
    Objects.requireNonNull(at, "label time must not be null");
    if (!Double.isFinite(label)) {
      throw new IllegalArgumentException("label must be finite: " + label);
    }
    synchronized (rows) {
      add(new Entry(row, label, at, false));
      trim(at);
    }
  }

  /**
   * Writes buffered rows to the file (no-op in memory). The loop calls it when a monitoring window
   * closes and before a retrain.
   */
  public void flush() {
    synchronized (rows) {
      if (writer != null) {
        try {
          writer.flush();
        } catch (IOException e) {
          LOG.warn("could not flush the labelled rows to {}", file, e);
        }
      }
    }
  }

  /**
   * Returns the rows kept now, oldest first.
   *
   * @param now the time for the age bound
   * @param sinceChampion how many of the last traffic rows were labelled after the champion was deployed
   *     (capped at the traffic rows kept)
   * @return the rows
   */
  public TrainingData snapshot(Instant now, long sinceChampion) {
    synchronized (rows) {
      trim(now);
      List<Map<String, ?>> r = new ArrayList<>(rows.size());
      double[] y = new double[rows.size()];
      int i = 0;
      int traffic = 0;
      for (Entry e : rows) {
        r.add(e.row);
        y[i++] = e.label;
        traffic += e.history ? 0 : 1;
      }
      return new TrainingData(r, y, traffic, (int) Math.min(sinceChampion, traffic));
    }
  }

  /**
   * Returns the number of rows kept.
   *
   * @return the count
   */
  public int size() {
    synchronized (rows) {
      return rows.size();
    }
  }

  /** Flushes and closes the file, if any. */
  @Override
  public void close() {
    synchronized (rows) {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException e) {
          LOG.warn("could not close the labelled rows file {}", file, e);
        }
        writer = null;
      }
    }
  }

  // guarded by rows
  private void add(Entry e) {
    rows.addLast(e);
    if (writer != null) {
      try {
        writer.write(line(e));
        writer.newLine();
        linesInFile++;
      } catch (IOException ex) {
        LOG.warn("could not persist a labelled row to {}", file, ex);
      }
    }
  }

  private void trim(Instant now) {
    while (rows.size() > maxRows) {
      rows.removeFirst();
    }
    if (maxAge != null) {
      Instant oldest = now.minus(maxAge);
      while (!rows.isEmpty() && rows.peekFirst().at.isBefore(oldest)) {
        rows.removeFirst();
      }
    }
    if (writer != null && linesInFile > 2L * maxRows + 1_000) {
      compact();
    }
  }

  private void compact() {
    try {
      writer.close();
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (Entry e : rows) {
          w.write(line(e));
          w.newLine();
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      linesInFile = rows.size();
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not compact the labelled rows file " + file, e);
    }
  }

  private static String line(Entry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("at", e.at.toString());
    o.put("label", e.label);
    if (e.history) {
      o.put("history", true);
    }
    putRow(o.putObject("row"), e.row);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new MlopsException("cannot write a labelled row as JSON", ex);
    }
  }

  /** Writes a row's fields: numbers (non-finite as null), null, and anything else as its string. */
  static void putRow(ObjectNode row, Map<String, ?> fields) {
    for (Map.Entry<String, ?> f : fields.entrySet()) {
      Object v = f.getValue();
      if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
        row.put(f.getKey(), n.doubleValue());
      } else if (v == null || v instanceof Number) {
        row.putNull(f.getKey());
      } else {
        row.put(f.getKey(), v.toString());
      }
    }
  }

  /** Reads a row written by {@link #putRow}: numbers as doubles, strings, nulls. */
  static Map<String, Object> rowOf(JsonNode node) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      row.put(f.getKey(), v.isNull() ? null : v.isNumber() ? (Object) v.doubleValue() : v.asText());
    }
    return row;
  }

  /** The file the rows are persisted to, or null in memory. */
  Path file() {
    return file;
  }

  private void load() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        int bad = 0;
        for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (s.isBlank()) {
            continue;
          }
          try {
            JsonNode o = JSON.readTree(s);
            rows.addLast(new Entry(rowOf(o.get("row")), o.get("label").doubleValue(), Instant.parse(o.get("at").asText()),
                o.path("history").asBoolean(false)));
            linesInFile++;
          } catch (IOException | RuntimeException e) {
            bad++; // a torn last line after a crash: counted, the rest is kept
          }
        }
        if (bad > 0) {
          LOG.warn("{} unreadable line(s) skipped in the labelled rows file {}", bad, file);
        }
        LOG.info("reloaded {} labelled rows from {}", rows.size(), file);
      }
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the labelled rows file " + file, e);
    }
  }

  /** Defines a {@link LabelStore}. Setters validate at once. Not thread-safe. */
  public static final class Builder {
    private int maxRows = 50_000;
    private Duration maxAge;
    private Path file;

    private Builder() {}

    /**
     * Keeps at most this many rows (default 50,000; the oldest go first).
     *
     * @param maxRows at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code maxRows < 1}
     */
    public Builder maxRows(int maxRows) {
      if (maxRows < 1) {
        throw new IllegalArgumentException("label store max rows must be at least 1: " + maxRows);
      }
      this.maxRows = maxRows;
      return this;
    }

    /**
     * Drops rows older than this (by the time they were added; default: no age bound).
     *
     * @param maxAge positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "label store max age must not be null");
      if (maxAge.isZero() || maxAge.isNegative()) {
        throw new IllegalArgumentException("label store max age must be positive: " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /**
     * Persists the rows to this file (JSON lines; created with its directories if absent, reloaded
     * if present).
     *
     * @param file the file
     * @return this builder
     */
    public Builder persistTo(Path file) {
      this.file = Objects.requireNonNull(file, "label store file must not be null");
      return this;
    }

    /**
     * Builds the store, reloading the file's rows if persisted.
     *
     * @return the store
     * @throws UncheckedIOException if the file cannot be read or opened for appending
     */
    public LabelStore build() {
      LabelStore store = new LabelStore(this);
      if (file != null) {
        synchronized (store.rows) {
          store.load();
          while (store.rows.size() > maxRows) {
            store.rows.removeFirst(); // the age bound applies at the first add or snapshot, on the loop's clock
          }
        }
      }
      return store;
    }
  }
}
