package dev.mlops.drift.profile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary format of a {@link ReferenceProfile} (big-endian, {@link DataOutputStream}
 * conventions):
 *
 * <pre>
 * header   magic "MLRP" (4 bytes) | format version u16 (= 10) | payload length u32
 * payload  bins i32 | exactCap i32 | topK i32 | feature count i32 | features... |
 *          calibration count i32 | calibrations... (version 3 on) |
 *          has chunks bool | chunks (version 4 on, see {@link ChunkCodec}) |
 *          has estimate sample bool | sample (version 6 on, see {@link EstimateSampleCodec}; its
 *          classes version 8 on, its rows' categorical values version 9 on, its rows' origin
 *          version 10 on) |
 *          has calendar bool | calendar of the chunks (version 7 on: time column UTF | first i64 |
 *          last i64 (epoch ms) | 12 x rows i64 | k i32 | k x month feature UTF)
 * trailer  CRC-32C u32 of header + payload
 *
 * feature  kind u8 (0 numeric, 1 categorical) | name (modified UTF-8) | inferred bool |
 *          numeric or categ. | longest run i64 | (run > 0 ? its value UTF) (version 5 on)
 * numeric  count i64 | missing i64 | nonFinite i64 | min f64 | max f64 | mean f64 | m2 f64 |
 *          exact bool | exact ? (n i32, n x f64 ascending)
 *                           : (KLL k i32, r i32, r x (item f64, cumulative weight i64),
 *                              s i32, s x f64 ascending: the uniform sample; version 2 on)
 * categ.   missing i64 | other i64 | k i32 | k x (category UTF, count i64) |
 *          hasNumericValues bool | (k x f64 when present)
 * calib.   length i32 | the bytes of ThresholdCalibration.toBytes() (its own magic and version)
 * </pre>
 *
 * Version 9 (an estimate sample without its rows' origin: read as unknown) is still read; version
 * 8 (an estimate sample without its rows' categorical values) too, version 7
 * (an estimate sample without its rows' predicted classes and labels) is still read,
 * version 6 (no calendar) too, version 5 (no estimate sample) too, versions 1 to 4 (no longest runs: read as unknown, 0) are still read; version 3 (no chunks) and
 * versions 1 and 2 (no calibrations) too; version 1 (no sample after the sketch) is read; its
 * sketch-backed features get an empty
 * sample. A categorical feature inferred from a column of one number (what every version wrote for
 * an imputed constant before such columns stayed numeric) is read as the numeric profile built
 * today ({@link #constantAsNumeric}), its chunks turned into numbers. Bin edges and counts are not stored: they are recomputed from the distribution on reading, so
 * they are always consistent with it. Readers reject a newer version, a wrong magic, a length or
 * checksum mismatch and any structural inconsistency with {@link ProfileFormatException}.
 *
 * <p>Stateless and thread-safe.
 */
final class ProfileCodec {

  static final byte[] MAGIC = {'M', 'L', 'R', 'P'};
  static final int VERSION = 10;
  private static final int HEADER = 4 + 2 + 4;
  private static final int TRAILER = 4;
  /** Largest KLL k DataSketches accepts. */
  private static final int MAX_SKETCH_K = 65_535;
  /** Fewest payload bytes one feature takes (kind, empty name, flag and its first field). */
  private static final int MIN_FEATURE_BYTES = 1 + 2 + 1 + 8;

  private ProfileCodec() {}

  /** Reads a feature's longest run (version 4 on) into its profile; earlier versions have none. */
  private static <P extends AbstractFeatureProfile> P longestRun(DataInputStream in, int version,
      long count, P profile) throws IOException {
    if (version < 5) {
      return profile;
    }
    long run = in.readLong();
    require(run >= 0 && run <= count, "longest run of '" + profile.name() + "' must be in [0, "
        + count + "]: " + run);
    return profile.withLongestRun(run, run > 0 ? in.readUTF() : null);
  }

  static byte[] encode(ReferenceProfile profile) {
    return encode(profile, VERSION);
  }

  /**
   * The profile in an older layout (for compatibility tests): no longest runs before version 5,
   * no chunks before version 4, no calibration count before version 3, no sample beside a sketch
   * before version 2.
   *
   * @throws IllegalArgumentException if the profile has calibrations the version cannot hold
   */
  static byte[] encode(ReferenceProfile profile, int version) {
    if (version < 3 && !profile.calibrations().isEmpty()) {
      throw new IllegalArgumentException("calibrations need format version 3: " + version);
    }
    if (version < 4 && profile.chunks().isPresent()) {
      throw new IllegalArgumentException("chunks need format version 4: " + version);
    }
    if (version < 6 && profile.estimateSample().isPresent()) {
      throw new IllegalArgumentException("an estimate sample needs format version 6: " + version);
    }
    if (version < 7 && calendar(profile) != null) {
      throw new IllegalArgumentException("a calendar needs format version 7: " + version);
    }
    if (version < 8 && !profile.estimateSample().map(EstimateSample::classes)
        .orElse(List.of()).isEmpty()) {
      throw new IllegalArgumentException(
          "an estimate sample's classes need format version 8: " + version);
    }
    if (version < 9 && profile.estimateSample().map(EstimateSample::hasCategories)
        .orElse(false)) {
      throw new IllegalArgumentException(
          "an estimate sample's categorical values need format version 9: " + version);
    }
    try {
      ByteArrayOutputStream payloadBytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(payloadBytes);
      out.writeInt(profile.bins());
      out.writeInt(profile.exactCap());
      out.writeInt(profile.topK());
      List<FeatureProfile> all = profile.allProfiles();
      out.writeInt(all.size());
      for (FeatureProfile f : all) {
        if (f instanceof NumericProfile n) {
          out.writeByte(0);
          out.writeUTF(n.name());
          out.writeBoolean(n.inferred());
          out.writeLong(n.count());
          out.writeLong(n.missing());
          out.writeLong(n.nonFinite());
          out.writeDouble(n.min());
          out.writeDouble(n.max());
          out.writeDouble(n.mean());
          out.writeDouble(n.m2());
          out.writeBoolean(n.isExact());
          if (n.isExact()) {
            double[] s = n.sortedInternal();
            out.writeInt(s.length);
            writeDoubles(out, s);
          } else {
            double[] items = n.sketchItems();
            long[] cum = n.sketchCumWeights();
            out.writeInt(n.sketchK());
            out.writeInt(items.length);
            for (int i = 0; i < items.length; i++) {
              out.writeDouble(items[i]);
              out.writeLong(cum[i]);
            }
            if (version >= 2) {
              double[] sample = n.sampleInternal();
              out.writeInt(sample.length);
              writeDoubles(out, sample);
            }
          }
        } else {
          CategoricalProfile c = (CategoricalProfile) f;
          out.writeByte(1);
          out.writeUTF(c.name());
          out.writeBoolean(c.inferred());
          out.writeLong(c.missing());
          out.writeLong(c.other());
          List<String> cats = c.categories();
          long[] counts = c.counts();
          out.writeInt(cats.size());
          for (int i = 0; i < cats.size(); i++) {
            out.writeUTF(cats.get(i));
            out.writeLong(counts[i]);
          }
          double[] nv = c.numericValues();
          out.writeBoolean(nv != null);
          if (nv != null) {
            writeDoubles(out, nv);
          }
        }
        // version 5 on: the longest constant run and its value
        if (version >= 5) {
          out.writeLong(f.longestRun());
          if (f.longestRun() > 0) {
            out.writeUTF(f.longestRunValue());
          }
        }
      }
      if (version >= 3) {
        out.writeInt(profile.calibrations().size());
        for (ThresholdCalibration c : profile.calibrations()) {
          byte[] b = c.toBytes();
          out.writeInt(b.length);
          out.write(b);
        }
      }
      if (version >= 4) {
        out.writeBoolean(profile.chunks().isPresent());
        if (profile.chunks().isPresent()) {
          ChunkCodec.write(out, profile.chunks().get());
        }
      }
      if (version >= 6) {
        out.writeBoolean(profile.estimateSample().isPresent());
        if (profile.estimateSample().isPresent()) {
          EstimateSampleCodec.write(out, profile.estimateSample().get(), version);
        }
      }
      if (version >= 7) {
        out.writeBoolean(calendar(profile) != null);
        if (calendar(profile) != null) {
          ReferenceCalendar.write(out, calendar(profile));
        }
      }
      out.flush();
      byte[] payload = payloadBytes.toByteArray();
      ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
      buf.put(MAGIC);
      buf.putShort((short) version);
      buf.putInt(payload.length);
      buf.put(payload);
      CRC32C crc = new CRC32C();
      crc.update(buf.array(), 0, HEADER + payload.length);
      buf.putInt((int) crc.getValue());
      return buf.array();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with in-memory streams
    }
  }

  /**
   * The bytes {@link DataOutputStream#writeDouble} writes for each value, handed to the stream in
   * blocks: one stream call per value cost more than the rest of the encoding.
   */
  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(Double.BYTES * Math.min(values.length, 8192));
    for (double v : values) {
      if (!block.hasRemaining()) {
        out.write(block.array(), 0, block.position());
        block.clear();
      }
      block.putLong(Double.doubleToLongBits(v));
    }
    out.write(block.array(), 0, block.position());
  }

  static ReferenceProfile decode(byte[] bytes) {
    if (bytes.length < HEADER + TRAILER) {
      throw new ProfileFormatException(
          "reference profile is truncated: " + bytes.length + " bytes, the header alone needs "
              + (HEADER + TRAILER));
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    for (byte b : MAGIC) {
      if (buf.get() != b) {
        throw new ProfileFormatException("not a reference profile: bad magic bytes");
      }
    }
    int version = buf.getShort() & 0xFFFF;
    if (version > VERSION) {
      throw new ProfileFormatException(
          "reference profile format version " + version + " is newer than this library reads ("
              + VERSION + "): upgrade mlops-drift");
    }
    if (version < 1) {
      throw new ProfileFormatException("reference profile format version is invalid: " + version);
    }
    long length = buf.getInt() & 0xFFFFFFFFL;
    if (length != bytes.length - HEADER - TRAILER) {
      throw new ProfileFormatException(
          "reference profile is truncated or padded: header says " + length
              + " payload bytes, found " + (bytes.length - HEADER - TRAILER));
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, HEADER + (int) length);
    int expected = ByteBuffer.wrap(bytes, HEADER + (int) length, TRAILER).getInt();
    if ((int) crc.getValue() != expected) {
      throw new ProfileFormatException(
          String.format(
              "reference profile is corrupt: checksum mismatch (stored %08x, computed %08x)",
              expected, (int) crc.getValue()));
    }
    try {
      DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bytes, HEADER, (int) length));
      int bins = in.readInt();
      int cap = in.readInt();
      int topK = in.readInt();
      int n = in.readInt();
      require(bins >= 1 && bins <= ReferenceProfile.MAX_BINS && cap >= 1 && topK >= 1 && n >= 0,
          "invalid configuration: bins " + bins + ", exact cap " + cap + ", top-K " + topK
              + ", features " + n);
      remaining(in, (long) n * MIN_FEATURE_BYTES, n + " features");
      List<FeatureProfile> profiles = new ArrayList<>();
      java.util.Set<String> names = new java.util.HashSet<>();
      for (int f = 0; f < n; f++) {
        int kind = in.readUnsignedByte();
        String name = in.readUTF();
        require(names.add(name), "duplicate feature '" + name + "'");
        boolean inferred = in.readBoolean();
        if (kind == 0) {
          long count = in.readLong();
          long missing = in.readLong();
          long nonFinite = in.readLong();
          double min = in.readDouble();
          double max = in.readDouble();
          double mean = in.readDouble();
          double m2 = in.readDouble();
          require(count >= 0 && missing >= 0 && nonFinite >= 0, "negative count in '" + name + "'");
          boolean exact = in.readBoolean();
          double[] sorted = null;
          double[] items = null;
          long[] cum = null;
          double[] sample = null;
          int k = 0;
          if (exact) {
            int len = in.readInt();
            require(len == count && len <= cap, "value count mismatch in '" + name + "'");
            remaining(in, (long) len * Double.BYTES, len + " values of '" + name + "'");
            sorted = new double[len];
            for (int i = 0; i < len; i++) {
              sorted[i] = in.readDouble();
              require(Double.isFinite(sorted[i]) && (i == 0 || sorted[i] >= sorted[i - 1]),
                  "values of '" + name + "' are not finite and ascending");
            }
          } else {
            k = in.readInt();
            int r = in.readInt();
            require(k >= 8 && k <= MAX_SKETCH_K && r > 0,
                "invalid sketch header in '" + name + "': k " + k + ", items " + r);
            remaining(in, 16L * r, r + " sketch items of '" + name + "'");
            items = new double[r];
            cum = new long[r];
            for (int i = 0; i < r; i++) {
              items[i] = in.readDouble();
              cum[i] = in.readLong();
              require(Double.isFinite(items[i]) && (i == 0 || (items[i] >= items[i - 1]
                  && cum[i] >= cum[i - 1])) && cum[i] >= 0,
                  "sketch of '" + name + "' is not ascending");
            }
            require(cum[r - 1] == count, "sketch count mismatch in '" + name + "'");
            sample = version >= 2 ? readSample(in, name, count, cap) : new double[0];
          }
          profiles.add(longestRun(in, version, count, new NumericProfile(
              name, inferred, count, missing, nonFinite, min, max, mean, m2, sorted, items, cum,
              k, sample, bins)));
        } else if (kind == 1) {
          long missing = in.readLong();
          long other = in.readLong();
          int k = in.readInt();
          require(missing >= 0 && other >= 0 && k >= 0,
              "invalid categorical header of '" + name + "'");
          // each category takes at least its UTF length and its count
          remaining(in, (long) k * (2 + Long.BYTES), k + " categories of '" + name + "'");
          List<String> cats = new ArrayList<>(k);
          long[] counts = new long[k];
          for (int i = 0; i < k; i++) {
            cats.add(in.readUTF());
            counts[i] = in.readLong();
            require(counts[i] >= 0, "negative count in '" + name + "'");
          }
          double[] values = null;
          if (in.readBoolean()) {
            remaining(in, (long) k * Double.BYTES, k + " category values of '" + name + "'");
            values = new double[k];
            for (int i = 0; i < k; i++) {
              values[i] = in.readDouble();
            }
          }
          CategoricalProfile c = new CategoricalProfile(name, inferred, cats, counts, other,
              missing, values);
          profiles.add(constantAsNumeric(longestRun(in, version, c.count(), c), bins, cap));
        } else {
          throw new ProfileFormatException(
              "reference profile is corrupt: unknown feature kind " + kind);
        }
      }
      List<ThresholdCalibration> calibrations = new ArrayList<>();
      if (version >= 3) {
        int c = in.readInt();
        require(c >= 0, "invalid calibration count " + c);
        remaining(in, 4L * c, c + " calibrations");
        for (int i = 0; i < c; i++) {
          int len = in.readInt();
          require(len >= 0, "invalid calibration length " + len);
          remaining(in, len, len + " calibration bytes");
          byte[] b = new byte[len];
          in.readFully(b);
          calibrations.add(ThresholdCalibration.fromBytes(b));
        }
      }
      ReferenceChunks chunks = version >= 4 && in.readBoolean() ? ChunkCodec.read(in) : null;
      EstimateSample sample = version >= 6 && in.readBoolean()
          ? EstimateSampleCodec.read(in, version)
          : null;
      ReferenceCalendar calendar = version >= 7 && in.readBoolean() ? ReferenceCalendar.read(in)
          : null;
      require(calendar == null || chunks != null, "a calendar without chunks");
      require(in.available() == 0, "trailing bytes after the last feature");
      ReferenceProfile profile = new ReferenceProfile(profiles, bins, cap, topK);
      for (ThresholdCalibration c : calibrations) {
        profile = profile.withCalibration(c);
      }
      if (chunks != null) {
        for (String c : chunks.columns()) {
          require(profile.feature(c).isPresent(), "chunk column '" + c + "' is not profiled");
        }
        // a column read as numeric from an old inferred categorical gets numeric pieces
        ReferenceChunks conformed = chunks.conformTo(profile);
        profile = profile.withChunks(calendar == null ? conformed
            : conformed.withCalendar(calendar));
      }
      return sample == null ? profile : profile.withEstimateSample(sample);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProfileFormatException p) {
        throw p;
      }
      // a structurally valid but inconsistent profile (e.g. categories a constructor refuses)
      throw new ProfileFormatException("reference profile is corrupt: " + e, e);
    }
  }

  /**
   * A column of one number that profiles written before this version inferred categorical (one
   * category, its numeric value kept), as the numeric profile such a column gets today; any other
   * profile as it is. Keeps old profiles readable with today's semantics: the monitor then
   * reports the numbers the column later takes as numbers, not as unseen categories.
   */
  static FeatureProfile constantAsNumeric(CategoricalProfile c, int bins, int cap) {
    double[] values = c.numericValues();
    if (!c.inferred() || values == null || values.length != 1 || c.other() > 0
        || !Double.isFinite(values[0])) {
      return c;
    }
    NumericAccumulator a = new NumericAccumulator(c.name(), false, cap,
        ReferenceProfile.DEFAULT_SKETCH_K);
    a.addMissing(c.missing());
    a.run.merge(c.longestRun(), c.longestRunValue());
    a.addWeighted(values[0], c.counts()[0]);
    return NumericProfile.of(a, bins);
  }

  private static double[] readSample(DataInputStream in, String name, long count, int cap)
      throws IOException {
    int s = in.readInt();
    require(s >= 0 && s <= count && s <= NumericAccumulator.sampleCapacity(cap),
        "invalid sample length " + s + " in '" + name + "'");
    remaining(in, (long) s * Double.BYTES, s + " sample values of '" + name + "'");
    double[] sample = new double[s];
    for (int i = 0; i < s; i++) {
      sample[i] = in.readDouble();
      require(Double.isFinite(sample[i]) && (i == 0 || sample[i] >= sample[i - 1]),
          "sample of '" + name + "' is not finite and ascending");
    }
    return sample;
  }

  /** Bytes a profile takes in the encoding. */
  static long sizeOf(ReferenceProfile profile) {
    long n = HEADER + 4 * 4 + TRAILER;
    for (FeatureProfile f : profile.allProfiles()) {
      n += f instanceof NumericProfile p ? p.sizeInBytes() : sizeOf((CategoricalProfile) f);
    }
    n += 4;
    for (ThresholdCalibration c : profile.calibrations()) {
      n += 4 + c.toBytes().length;
    }
    return n + 1 + profile.chunks().map(ReferenceChunks::sizeInBytes).orElse(0L)
        + 1 + profile.estimateSample().map(EstimateSample::sizeInBytes).orElse(0L)
        + 1 + (calendar(profile) == null ? 0 : ReferenceCalendar.sizeOf(calendar(profile)));
  }

  private static ReferenceCalendar calendar(ReferenceProfile profile) {
    return profile.chunks().flatMap(ReferenceChunks::calendar).orElse(null);
  }

  /** Bytes a categorical feature takes in the encoding. */
  static long sizeOf(CategoricalProfile c) {
    long n = 1 + utfLength(c.name()) + 1 + 8 + 8 + 4 + 1;
    for (String cat : c.categories()) {
      n += utfLength(cat) + 8;
    }
    return n + (c.numericValues() != null ? 8L * c.categories().size() : 0) + runSize(c);
  }

  /** Bytes of a feature's longest run (version 4 on): its length and, when known, its value. */
  static long runSize(FeatureProfile f) {
    return 8 + (f.longestRun() > 0 ? utfLength(f.longestRunValue()) : 0);
  }

  /** Bytes {@link DataOutputStream#writeUTF} writes for {@code s}, its 2-byte length included. */
  static int utfLength(String s) {
    int n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
    }
    return n;
  }

  /**
   * Refuses a length before anything of that size is allocated: the bytes it announces must
   * still be there (a checksum is easy to recompute, so a forged length must not cost memory).
   */
  static void remaining(DataInputStream in, long needed, String what) throws IOException {
    int left = in.available(); // exact for a byte-array stream
    if (needed > left) {
      throw new ProfileFormatException("reference profile is corrupt: " + what + " need at least "
          + needed + " bytes, " + left + " remain");
    }
  }

  static void require(boolean ok, String what) {
    if (!ok) {
      throw new ProfileFormatException("reference profile is corrupt: " + what);
    }
  }
}
