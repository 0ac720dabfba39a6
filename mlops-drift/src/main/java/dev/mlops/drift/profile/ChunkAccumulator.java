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
        double d = num.doubleValue();
        if (!Double.isFinite(d)) {
          return;
        }
        raw[n++] = d;
        if (n == RAW) {
          numericNow = ChunkMath.merge(numericNow, ChunkMath.numeric(raw, n));
          n = 0;
        }
        if (categoricalDeclared) {
          keys.merge(CategoricalProfile.key(num), 1L, Long::sum);
        } else if (!manyCodes) {
          codes.merge(d, 1L, Long::sum);
          if (codes.size() > ReferenceChunks.MAX_CATEGORIES) {
            manyCodes = true;
            codes = null;
          }
        }
      } else if (v instanceof String || v instanceof Boolean || v instanceof Character) {
        keys.merge(CategoricalProfile.key(v), 1L, Long::sum);
      }
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
      Column c = columns.get(e.getKey());
      if (c == null) {
        c = new Column(rows.size(), declaredCategorical.test(e.getKey()));
        columns.put(e.getKey(), c);
      }
      c.add(e.getValue());
    }
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
