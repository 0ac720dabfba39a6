package dev.mlops.drift.profile;

import dev.mlops.drift.profile.ReferenceChunks.Piece;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ReferenceChunks} section of a profile's encoding (format version 4 on; see {@link
 * ProfileCodec}):
 *
 * <pre>
 * chunks   chunkRows i64 | n i32 | n x rows i64 | columns i32 | columns x column
 * column   name (modified UTF-8) | kind u8 (0 numeric, 1 categorical) | n x piece
 * numeric  count i64 | mean f64 | m2 f64 | p i32 | p x f64 ascending
 * categ.   other i64 | k i32 | k x (category UTF, count i64)
 * </pre>
 *
 * Every length is bounded ({@value ReferenceChunks#MAX_CHUNKS} chunks, {@value
 * ReferenceChunks#POINTS} points, {@value ReferenceChunks#MAX_CATEGORIES} categories) and checked
 * against the bytes that remain before anything is allocated. Stateless.
 */
final class ChunkCodec {

  private ChunkCodec() {}

  static void write(DataOutputStream out, ReferenceChunks c) throws IOException {
    long[] rows = c.rowsInternal();
    out.writeLong(c.chunkRows());
    out.writeInt(rows.length);
    for (long r : rows) {
      out.writeLong(r);
    }
    out.writeInt(c.columnsInternal().size());
    for (Map.Entry<String, Piece[]> e : c.columnsInternal().entrySet()) {
      out.writeUTF(e.getKey());
      boolean numeric = numeric(e.getValue());
      out.writeByte(numeric ? 0 : 1);
      for (Piece p : e.getValue()) {
        if (numeric) {
          out.writeLong(p.count());
          out.writeDouble(p.mean());
          out.writeDouble(p.m2());
          out.writeInt(p.pointsInternal().length);
          for (double v : p.pointsInternal()) {
            out.writeDouble(v);
          }
        } else {
          out.writeLong(p.other());
          out.writeInt(p.categories().size());
          for (Map.Entry<String, Long> k : p.categories().entrySet()) {
            out.writeUTF(k.getKey());
            out.writeLong(k.getValue());
          }
        }
      }
    }
  }

  /** A column is categorical when any piece holds counts of categories. */
  private static boolean numeric(Piece[] pieces) {
    for (Piece p : pieces) {
      if (!p.categories().isEmpty() || p.other() > 0) {
        return false;
      }
    }
    return true;
  }

  static long sizeOf(ReferenceChunks c) {
    long n = 8 + 4 + 8L * c.count() + 4;
    for (Map.Entry<String, Piece[]> e : c.columnsInternal().entrySet()) {
      n += ProfileCodec.utfLength(e.getKey()) + 1;
      boolean numeric = numeric(e.getValue());
      for (Piece p : e.getValue()) {
        if (numeric) {
          n += 8 + 8 + 8 + 4 + 8L * p.pointsInternal().length;
        } else {
          n += 8 + 4;
          for (String k : p.categories().keySet()) {
            n += ProfileCodec.utfLength(k) + 8;
          }
        }
      }
    }
    return n;
  }

  static ReferenceChunks read(DataInputStream in) throws IOException {
    long chunkRows = in.readLong();
    int n = in.readInt();
    require(chunkRows >= 1 && n >= 1 && n <= ReferenceChunks.MAX_CHUNKS,
        "invalid chunks header: chunk rows " + chunkRows + ", chunks " + n);
    remaining(in, 8L * n + 4, n + " chunk row counts");
    long[] rows = new long[n];
    for (int i = 0; i < n; i++) {
      rows[i] = in.readLong();
      require(rows[i] >= 1 && rows[i] <= chunkRows, "invalid chunk rows " + rows[i]);
    }
    int columns = in.readInt();
    // a column takes at least its name length, its kind and 12 bytes per chunk
    require(columns >= 0, "invalid chunk column count " + columns);
    remaining(in, (long) columns * (3 + 12L * n), columns + " chunk columns");
    Map<String, Piece[]> cols = new LinkedHashMap<>();
    for (int c = 0; c < columns; c++) {
      String name = in.readUTF();
      require(!cols.containsKey(name), "duplicate chunk column '" + name + "'");
      int kind = in.readUnsignedByte();
      require(kind <= 1, "unknown chunk column kind " + kind);
      Piece[] pieces = new Piece[n];
      for (int i = 0; i < n; i++) {
        pieces[i] = kind == 0 ? numeric(in, name, rows[i]) : categorical(in, name, rows[i]);
      }
      cols.put(name, pieces);
    }
    return new ReferenceChunks(chunkRows, rows, cols);
  }

  private static Piece numeric(DataInputStream in, String name, long rows) throws IOException {
    long count = in.readLong();
    double mean = in.readDouble();
    double m2 = in.readDouble();
    int p = in.readInt();
    require(count >= 0 && count <= rows && p >= 0 && p <= ReferenceChunks.POINTS
        && p <= count && (count == 0 || p > 0) && m2 >= 0,
        "invalid chunk piece of '" + name + "': count " + count + ", points " + p);
    remaining(in, 8L * p, p + " chunk points of '" + name + "'");
    double[] pts = new double[p];
    for (int i = 0; i < p; i++) {
      pts[i] = in.readDouble();
      require(Double.isFinite(pts[i]) && (i == 0 || pts[i] >= pts[i - 1]),
          "chunk points of '" + name + "' are not finite and ascending");
    }
    require(count == 0 || Double.isFinite(mean), "chunk mean of '" + name + "' is not finite");
    return new Piece(count, mean, m2, pts, Map.of(), 0);
  }

  private static Piece categorical(DataInputStream in, String name, long rows)
      throws IOException {
    long other = in.readLong();
    int k = in.readInt();
    require(other >= 0 && other <= rows && k >= 0 && k <= ReferenceChunks.MAX_CATEGORIES,
        "invalid chunk categories of '" + name + "': " + k);
    remaining(in, (long) k * (2 + 8), k + " chunk categories of '" + name + "'");
    Map<String, Long> counts = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    long total = other;
    for (int i = 0; i < k; i++) {
      String key = in.readUTF();
      long v = in.readLong();
      require(seen.add(key) && v >= 1 && v <= rows, "invalid chunk category of '" + name + "'");
      counts.put(key, v);
      total += v;
    }
    require(total <= rows, "chunk category counts of '" + name + "' exceed the chunk's rows");
    return new Piece(total, Double.NaN, 0, new double[0], counts, other);
  }

  private static void remaining(DataInputStream in, long needed, String what)
      throws IOException {
    ProfileCodec.remaining(in, needed, what);
  }

  private static void require(boolean ok, String what) {
    ProfileCodec.require(ok, what);
  }
}
