package dev.mlops.drift.profile;

import dev.mlops.drift.profile.ReferenceChunks.Piece;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds {@link ReferenceChunks} from rows in their order, in bounded memory: the current chunk's
 * raw values are folded into its pieces every {@value #RAW} values, finished chunks are kept as
 * pieces, and when they number {@value ReferenceChunks#MAX_CHUNKS} neighbours merge pairwise.
 *
 * <p>Each column is summarised both ways until the profile decides its kind: numeric (moments and
 * points of its finite numbers) and categorical (counts of its strings, booleans and, while
 * there are at most {@value ReferenceChunks#MAX_CATEGORIES} distinct ones, numbers: an undeclared
 * numeric column with few distinct values becomes categorical). Not thread-safe (owned by one
 * builder).
 */
final class ChunkAccumulator {

  /** Raw values buffered per column before they are folded into the chunk's piece. */
  static final int RAW = 256;

  private final Predicate<String> declaredCategorical;
  private long chunkRows = ReferenceChunks.FIRST_CHUNK_ROWS;
  private final List<Long> rows = new ArrayList<>();
  private final Map<String, Column> columns = new LinkedHashMap<>();
  private long inCurrent;
  /**
   * Chunks of the whole reference before this accumulator's first row (a segment of it, see
   * {@link ChunkSegment}): they count towards the halving as the whole reference's would.
   */
  private long before;

  ChunkAccumulator(Predicate<String> declaredCategorical) {
    this.declaredCategorical = declaredCategorical;
  }

  /**
   * An accumulator of the rows from {@code firstRow} on of a longer reference, holding them as the
   * accumulator of the whole reference would: the chunk size in force at that row, and the chunks
   * before it counted for the halving schedule.
   */
  ChunkAccumulator(Predicate<String> declaredCategorical, long firstRow) {
    this.declaredCategorical = declaredCategorical;
    long[] epoch = epochAt(firstRow);
    this.chunkRows = epoch[0];
    if ((firstRow - epoch[1]) % chunkRows != 0) {
      throw new IllegalArgumentException("segment's first row must start a chunk of "
          + chunkRows + " rows: " + firstRow);
    }
    this.before = epoch[2] + (firstRow - epoch[1]) / chunkRows;
  }

  /**
   * The halving epoch a row falls in: {chunk rows, the epoch's first row, chunks before it}. The
   * chunks double when they number {@value ReferenceChunks#MAX_CHUNKS}, so the schedule depends on
   * the row index alone: 64-row chunks up to row 8,192, then 128 rows (64 chunks already) up to
   * 16,384, and so on.
   */
  static long[] epochAt(long row) {
    long c = ReferenceChunks.FIRST_CHUNK_ROWS;
    long start = 0;
    long chunks = 0;
    while (row >= start + (ReferenceChunks.MAX_CHUNKS - chunks) * c) {
      start += (ReferenceChunks.MAX_CHUNKS - chunks) * c;
      chunks = ReferenceChunks.MAX_CHUNKS / 2;
      c *= 2;
    }
    return new long[] {c, start, chunks};
  }

  /** One column: its finished pieces (both kinds) and the current chunk's values. */
  private final class Column {
    final boolean categoricalDeclared;
    final List<Piece> numeric = new ArrayList<>();
    final List<Piece> categorical = new ArrayList<>();
    final double[] raw = new double[RAW];
    int n;
    Piece numericNow = Piece.EMPTY;
    Map<Double, Long> codes = new HashMap<>();
    final Map<String, Long> keys = new HashMap<>();
    Piece categoricalNow = Piece.EMPTY;
    /** Numbers with more distinct values than a categorical piece keeps: numeric for good. */
    boolean manyCodes;

    Column(int chunksBefore, boolean declared) {
      this.categoricalDeclared = declared;
      for (int i = 0; i < chunksBefore; i++) {
        numeric.add(Piece.EMPTY);
        categorical.add(Piece.EMPTY);
      }
    }

    void add(Object v) {
      if (v instanceof Number num) {
        addNumber(num.doubleValue(), num);
      } else if (v instanceof String || v instanceof Boolean || v instanceof Character) {
        addKey(CategoricalProfile.key(v));
      }
    }

    /** A number ({@code boxed} the value as given, or null for a primitive of a column). */
    void addNumber(double d, Number boxed) {
      if (!Double.isFinite(d)) {
        return;
      }
      raw[n++] = d;
      if (n == RAW) {
        numericNow = ChunkMath.merge(numericNow, ChunkMath.numeric(raw, n));
        n = 0;
      }
      if (categoricalDeclared) {
        addKey(CategoricalProfile.key(boxed == null ? (Number) d : boxed));
      } else if (!manyCodes) {
        codes.merge(d, 1L, Long::sum);
        if (codes.size() > ReferenceChunks.MAX_CATEGORIES) {
          manyCodes = true;
          codes = null;
        }
      }
    }

    void addKey(String key) {
      keys.merge(key, 1L, Long::sum);
      if (keys.size() > 4 * ReferenceChunks.MAX_CATEGORIES) {
        categoricalNow = ChunkMath.merge(categoricalNow, ChunkMath.categorical(keys, 0));
        keys.clear();
      }
    }

    Piece numericPiece() {
      return ChunkMath.merge(numericNow, ChunkMath.numeric(Arrays.copyOf(raw, n), n));
    }

    Piece categoricalPiece() {
      Map<String, Long> all = new HashMap<>(keys);
      if (codes != null) {
        codes.forEach((d, c) -> all.merge(CategoricalProfile.numberKey(d), c, Long::sum));
      }
      return all.isEmpty() ? categoricalNow
          : ChunkMath.merge(categoricalNow, ChunkMath.categorical(all, 0));
    }

    void close() {
      numeric.add(numericPiece());
      categorical.add(categoricalPiece());
      n = 0;
      numericNow = Piece.EMPTY;
      categoricalNow = Piece.EMPTY;
      keys.clear();
      if (codes != null) {
        codes.clear();
      }
    }
  }

  void add(Map<String, ?> row) {
    for (Map.Entry<String, ?> e : row.entrySet()) {
      column(e.getKey()).add(e.getValue());
    }
    endRow();
  }

  private Column column(String name) {
    Column c = columns.get(name);
    if (c == null) {
      c = new Column(rows.size(), declaredCategorical.test(name));
      columns.put(name, c);
    }
    return c;
  }

  /**
   * The next values of one column, in order, as rows holding only that column (an accumulator
   * per column: see {@link #build(ChunkAccumulator, Map, ReferenceProfile)}). NaN and infinities
   * are rows without a number.
   */
  void addValues(String name, double[] values) {
    Column c = column(name);
    for (double v : values) {
      c.addNumber(v, null);
      endRow();
    }
  }

  /** As {@link #addValues(String, double[])} for categories ({@code null}: missing). */
  void addValues(String name, String[] values) {
    Column c = column(name);
    for (String v : values) {
      if (v != null) {
        c.addKey(CategoricalProfile.key(v));
      }
      endRow();
    }
  }

  /** Rows given so far. */
  long rowCount() {
    long r = inCurrent;
    for (long x : rows) {
      r += x;
    }
    return r;
  }

  boolean has(String name) {
    return columns.containsKey(name);
  }

  private void endRow() {
    if (++inCurrent == chunkRows) {
      columns.values().forEach(Column::close);
      rows.add(inCurrent);
      inCurrent = 0;
      if (rows.size() + before == ReferenceChunks.MAX_CHUNKS) {
        halve();
      }
    }
  }

  private void halve() {
    if (before % 2 != 0) {
      throw new IllegalStateException("segment must start at a multiple of the final chunk size: "
          + before + " chunks of " + chunkRows + " rows before it");
    }
    before /= 2;
    List<Long> r = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += 2) {
      r.add(rows.get(i) + (i + 1 < rows.size() ? rows.get(i + 1) : 0));
    }
    rows.clear();
    rows.addAll(r);
    for (Column c : columns.values()) {
      halve(c.numeric);
      halve(c.categorical);
    }
    chunkRows *= 2;
  }

  private static void halve(List<Piece> pieces) {
    List<Piece> out = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i += 2) {
      out.add(i + 1 < pieces.size() ? ChunkMath.merge(pieces.get(i), pieces.get(i + 1))
          : pieces.get(i));
    }
    pieces.clear();
    pieces.addAll(out);
  }

  /**
   * The chunks of a builder's rows and of the columns it was given whole (each column's own
   * accumulator, {@link #addValues}): a column given in order is chunked as the rows are when it
   * has as many values as there are rows (with no rows: as many as the longest column), so that
   * value {@code i} of each column stands for row {@code i}; a column of another length (e.g. the
   * predictions of a held-out part) or given both ways is left out. None when nothing is left.
   */
  static ReferenceChunks build(ChunkAccumulator rows, Map<String, ChunkAccumulator> columns,
      ReferenceProfile profile) {
    long length = rows.rowCount();
    if (length == 0) {
      for (ChunkAccumulator c : columns.values()) {
        length = Math.max(length, c.rowCount());
      }
    }
    ReferenceChunks byRows = rows.build(profile, columns.keySet());
    Map<String, Piece[]> all = new LinkedHashMap<>();
    ReferenceChunks shape = byRows;
    for (FeatureProfile f : profile.allProfiles()) {
      String name = f.name();
      ChunkAccumulator acc = columns.get(name);
      if (acc == null) {
        if (byRows != null && byRows.columns().contains(name)) {
          all.put(name, byRows.columnsInternal().get(name));
        }
        continue;
      }
      if (rows.has(name) || acc.rowCount() != length) {
        continue;
      }
      ReferenceChunks c = acc.build(profile, java.util.Set.of());
      if (c == null || !c.columns().contains(name) || (shape != null
          && (shape.chunkRows() != c.chunkRows()
          || !Arrays.equals(shape.rowsInternal(), c.rowsInternal())))) {
        continue;
      }
      shape = shape == null ? c : shape;
      all.put(name, c.columnsInternal().get(name));
    }
    if (shape == null) {
      return null;
    }
    return new ReferenceChunks(shape.chunkRows(), shape.rowsInternal(), all);
  }

  /**
   * The chunks so far (the current partial chunk included), each column summarised as the
   * profile's kind for it, except the excluded ones (given as columns, out of row order); none
   * when no row was added.
   */
  ReferenceChunks build(ReferenceProfile profile, java.util.Set<String> excluded) {
    int done = rows.size();
    int count = done + (inCurrent > 0 ? 1 : 0);
    if (count == 0) {
      return null;
    }
    long[] r = new long[count];
    for (int i = 0; i < done; i++) {
      r[i] = rows.get(i);
    }
    if (inCurrent > 0) {
      r[done] = inCurrent;
    }
    Map<String, Piece[]> out = new LinkedHashMap<>();
    for (FeatureProfile f : profile.allProfiles()) {
      Column c = columns.get(f.name());
      if (c == null || excluded.contains(f.name())) {
        continue;
      }
      boolean numeric = f.type() == FeatureType.NUMERIC;
      if (!numeric && c.manyCodes) {
        continue; // a categorical column of many numeric codes: no chunk counts of it
      }
      List<Piece> list = new ArrayList<>(numeric ? c.numeric : c.categorical);
      if (inCurrent > 0) {
        list.add(numeric ? c.numericPiece() : c.categoricalPiece());
      }
      out.put(f.name(), list.toArray(new Piece[0]));
    }
    ReferenceChunks chunks = new ReferenceChunks(chunkRows, r, out);
    return chunks.count() > ReferenceChunks.MAX_CHUNKS ? chunks.halve() : chunks;
  }
}
