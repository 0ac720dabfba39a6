package dev.mlops.drift.profile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The binary layout of an {@link EstimateSample} inside a reference profile ({@link ProfileCodec}
 * writes the header, the CRC and the other sections): every format version from 6 on, written and
 * read, with each length checked against the bytes that remain before anything of its size is
 * allocated. Stateless.
 */
final class EstimateSampleCodec {

  private EstimateSampleCodec() {}

  /** Bytes of {@link #write} in the current format. */
  static long sizeInBytes(EstimateSample s) {
    long n = 1 + 8 + 4 + 4;
    for (String f : s.features) {
      n += ProfileCodec.utfLength(f);
    }
    n += 4 + (s.classes.isEmpty() ? 0 : 8L * s.rows());
    for (String c : s.classes) {
      n += ProfileCodec.utfLength(c);
    }
    n += 4;
    for (Map.Entry<Integer, List<String>> c : levels(s).entrySet()) {
      n += 4 + 4 + 4L * s.rows();
      for (String level : c.getValue()) {
        n += ProfileCodec.utfLength(level);
      }
    }
    return n + ORIGIN_BYTES + (long) s.rows() * (8 + 8 + 1 + 8L * s.features.size());
  }

  /** Per feature with a categorical value, its distinct values in natural order. */
  private static Map<Integer, List<String>> levels(EstimateSample s) {
    Map<Integer, List<String>> out = new TreeMap<>();
    if (s.categories == null) {
      return out;
    }
    for (int j = 0; j < s.features.size(); j++) {
      TreeSet<String> distinct = new TreeSet<>();
      for (String[] row : s.categories) {
        if (row[j] != null) {
          distinct.add(row[j]);
        }
      }
      if (!distinct.isEmpty()) {
        out.put(j, new ArrayList<>(distinct));
      }
    }
    return out;
  }

  /**
   * Writes the sample in the current format (version 10): topLabel bool | offered i64 | feature
   * count i32 | names (UTF) | rows i32 | rows x (key i64 | score f64 | outcome u8 | features x
   * f64) | class count i32 | class names (UTF, in {@link EstimateSample#CLASS_ORDER}) | (class
   * count > 0 ? rows x (predicted i32 | label i32), -1 unknown) | categorical column count i32 |
   * per column (feature index i32, ascending | level count i32 | levels (UTF, ascending) | rows x
   * level index i32, -1 none) | origin: held-out rows i64 | out-of-fold rows i64 | folds i32 |
   * aligned out-of-fold rows i64 (the rest of the offered rows are of unknown origin).
   */
  static void write(DataOutputStream out, EstimateSample s) throws IOException {
    write(out, s, ORIGIN_VERSION);
  }

  /** The format version from which the origin is written; older layouts leave it out (unknown). */
  static final int ORIGIN_VERSION = 10;

  /** Bytes of the origin (version 10 on). */
  static final int ORIGIN_BYTES = 8 + 8 + 4 + 8;

  /**
   * Writes the sample in the layout of a profile format version (6 and 7: no classes; 8: no
   * categorical values; before 10: no origin, which a reader of those bytes sees as unknown: the
   * truth for a format that cannot say it).
   *
   * @throws IllegalArgumentException if the sample has classes and the version cannot hold them
   */
  static void write(DataOutputStream out, EstimateSample s, int version) throws IOException {
    if (version < 8 && !s.classes.isEmpty()) {
      throw new IllegalArgumentException(
          "an estimate sample's classes need format version 8: " + version);
    }
    if (version < 9 && s.categories != null) {
      throw new IllegalArgumentException(
          "an estimate sample's categorical values need format version 9: " + version);
    }
    out.writeBoolean(s.topLabel);
    out.writeLong(s.offered);
    out.writeInt(s.features.size());
    for (String f : s.features) {
      out.writeUTF(f);
    }
    out.writeInt(s.rows());
    for (int i = 0; i < s.rows(); i++) {
      out.writeLong(s.keys[i]);
      out.writeDouble(s.scores[i]);
      out.writeByte(s.outcomes[i]);
      for (double v : s.values[i]) {
        out.writeDouble(v);
      }
    }
    if (version < 8) {
      return;
    }
    out.writeInt(s.classes.size());
    for (String c : s.classes) {
      out.writeUTF(c);
    }
    if (!s.classes.isEmpty()) {
      for (int i = 0; i < s.rows(); i++) {
        out.writeInt(s.predicted[i]);
        out.writeInt(s.labels[i]);
      }
    }
    if (version < 9) {
      return;
    }
    Map<Integer, List<String>> levels = levels(s);
    out.writeInt(levels.size());
    for (Map.Entry<Integer, List<String>> c : levels.entrySet()) {
      int j = c.getKey();
      out.writeInt(j);
      out.writeInt(c.getValue().size());
      Map<String, Integer> at = new HashMap<>();
      for (String level : c.getValue()) {
        at.put(level, at.size());
        out.writeUTF(level);
      }
      for (int i = 0; i < s.rows(); i++) {
        String v = s.categories[i][j];
        out.writeInt(v == null ? -1 : at.get(v));
      }
    }
    if (version >= ORIGIN_VERSION) {
      out.writeLong(s.origin.heldOutRows());
      out.writeLong(s.origin.outOfFoldRows());
      out.writeInt(s.origin.folds());
      out.writeLong(s.origin.alignedRows());
    }
  }

  /** Reads what {@link #write} wrote in the current format, refusing any inconsistency. */
  static EstimateSample read(DataInputStream in) throws IOException {
    return read(in, ORIGIN_VERSION);
  }

  /**
   * Reads what {@link #write} wrote in the layout of a profile format version (6 and 7: no
   * classes, read as unknown), refusing any inconsistency; lengths read are checked against the
   * bytes that remain before anything of their size is allocated.
   */
  static EstimateSample read(DataInputStream in, int version) throws IOException {
    boolean topLabel = in.readBoolean();
    long offered = in.readLong();
    int width = in.readInt();
    ProfileCodec.require(width >= 0, "estimate sample feature count must not be negative: "
        + width);
    ProfileCodec.remaining(in, 2L * width, width + " estimate sample features");
    List<String> features = new ArrayList<>(width);
    for (int j = 0; j < width; j++) {
      features.add(in.readUTF());
    }
    int rows = in.readInt();
    ProfileCodec.require(rows >= 0 && rows <= EstimateSample.CAPACITY && offered >= rows,
        "estimate sample rows must be in [0, " + EstimateSample.CAPACITY + "] and at most the " + offered
            + " offered: " + rows);
    ProfileCodec.remaining(in, (long) rows * (17 + 8L * width), rows + " estimate sample rows");
    long[] keys = new long[rows];
    double[] scores = new double[rows];
    int[] outcomes = new int[rows];
    double[][] values = new double[rows][width];
    for (int i = 0; i < rows; i++) {
      keys[i] = in.readLong();
      scores[i] = in.readDouble();
      outcomes[i] = in.readUnsignedByte();
      ProfileCodec.require(scores[i] >= 0 && scores[i] <= 1 && outcomes[i] <= 1,
          "estimate sample row " + i + " must have a score in [0, 1] and an outcome 0 or 1: "
              + scores[i] + ", " + outcomes[i]);
      for (int j = 0; j < width; j++) {
        values[i][j] = in.readDouble();
      }
    }
    List<String> classes = List.of();
    int[] predicted = new int[rows];
    int[] labels = new int[rows];
    Arrays.fill(predicted, -1);
    Arrays.fill(labels, -1);
    if (version >= 8) {
      int count = in.readInt();
      // each kept row names at most two classes; a binary sample names none
      ProfileCodec.require(count >= 0 && count <= 2L * rows && (topLabel || count == 0),
          "estimate sample class count must be in [0, " + (topLabel ? 2L * rows : 0)
              + "] for " + rows + (topLabel ? " top-label" : " binary") + " rows: " + count);
      ProfileCodec.remaining(in, 2L * count + (count == 0 ? 0 : 8L * rows),
          count + " estimate sample classes");
      List<String> names = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        String c = in.readUTF();
        ProfileCodec.require(k == 0 || EstimateSample.CLASS_ORDER.compare(names.get(k - 1), c) < 0,
            "estimate sample classes must be distinct and in order: '" + c + "' after '"
                + (k == 0 ? "" : names.get(k - 1)) + "'");
        names.add(c);
      }
      if (count > 0) {
        for (int i = 0; i < rows; i++) {
          predicted[i] = in.readInt();
          labels[i] = in.readInt();
          ProfileCodec.require(predicted[i] >= -1 && predicted[i] < count && labels[i] >= -1
              && labels[i] < count, "estimate sample row " + i + " must have classes in [-1, "
              + count + "): predicted " + predicted[i] + ", label " + labels[i]);
          ProfileCodec.require(predicted[i] < 0 || labels[i] < 0
              || (predicted[i] == labels[i] ? 1 : 0) == outcomes[i], "estimate sample row " + i
              + " has outcome " + outcomes[i] + " but predicted class " + predicted[i]
              + " and label " + labels[i]);
        }
      }
      classes = names;
    }
    String[][] categories = version >= 9 ? readCategories(in, width, rows) : null;
    SampleOrigin origin = version >= ORIGIN_VERSION ? readOrigin(in, offered)
        : SampleOrigin.unknown(offered);
    return new EstimateSample(topLabel, features, keys, values, scores, outcomes, offered,
        classes, predicted, labels, categories, origin);
  }

  /**
   * Reads the origin (version 10 on): counts within the offered rows and folds that fit them, or
   * a {@link ProfileFormatException} naming the field and its value.
   */
  private static SampleOrigin readOrigin(DataInputStream in, long offered) throws IOException {
    ProfileCodec.remaining(in, ORIGIN_BYTES, "the estimate sample origin");
    long heldOut = in.readLong();
    long outOfFold = in.readLong();
    int folds = in.readInt();
    long aligned = in.readLong();
    ProfileCodec.require(heldOut >= 0 && heldOut <= offered, "estimate sample origin held-out"
        + " rows must be in [0, " + offered + "] (the rows offered): " + heldOut);
    ProfileCodec.require(outOfFold >= 0 && outOfFold <= offered - heldOut, "estimate sample"
        + " origin out-of-fold rows must be in [0, " + (offered - heldOut) + "] (the " + offered
        + " rows offered less " + heldOut + " held out): " + outOfFold);
    try {
      return new SampleOrigin(heldOut, outOfFold, folds, offered - heldOut - outOfFold, aligned);
    } catch (IllegalArgumentException e) {
      throw new ProfileFormatException("reference profile is corrupt: estimate " + e.getMessage());
    }
  }

  /** Reads the categorical columns (version 9 on), refusing any inconsistency; null when none. */
  private static String[][] readCategories(DataInputStream in, int width, int rows)
      throws IOException {
    int columns = in.readInt();
    ProfileCodec.require(columns >= 0 && columns <= width, "estimate sample categorical column"
        + " count must be in [0, " + width + "]: " + columns);
    if (columns == 0) {
      return null;
    }
    String[][] out = new String[rows][width];
    int last = -1;
    for (int c = 0; c < columns; c++) {
      int j = in.readInt();
      ProfileCodec.require(j > last && j < width, "estimate sample categorical columns must be"
          + " features in ascending order: " + j + " after " + last);
      last = j;
      int count = in.readInt();
      ProfileCodec.require(count >= 1 && count <= rows, "estimate sample categorical column "
          + j + " must have [1, " + rows + "] levels: " + count);
      ProfileCodec.remaining(in, 2L * count + 4L * rows, count + " levels of categorical column "
          + j);
      String[] levels = new String[count];
      for (int k = 0; k < count; k++) {
        levels[k] = in.readUTF();
        ProfileCodec.require(k == 0 || levels[k - 1].compareTo(levels[k]) < 0,
            "estimate sample levels must be distinct and in order: '" + levels[k] + "' after '"
                + (k == 0 ? "" : levels[k - 1]) + "'");
        ProfileCodec.require(levels[k].length() <= EstimateSample.MAX_CLASS_CHARS, "estimate sample level must"
            + " have at most " + EstimateSample.MAX_CLASS_CHARS + " chars: " + levels[k].length());
      }
      for (int i = 0; i < rows; i++) {
        int k = in.readInt();
        ProfileCodec.require(k >= -1 && k < count, "estimate sample row " + i + " must have a"
            + " level of categorical column " + j + " in [-1, " + count + "): " + k);
        out[i][j] = k < 0 ? null : levels[k];
      }
    }
    return out;
  }
}
