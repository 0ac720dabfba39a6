package dev.mlops.drift.profile;

import dev.mlops.drift.stat.DriftStatistic;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versioned binary format of a {@link ThresholdCalibration}: magic {@code "MLTC"}, version,
 * method, window rows, windows, false-alarm rate, (version 2) the label's and prediction's
 * false-alarm rate, then per column its name, statistic key and window values. Version 1 (one
 * rate for all) is written when both rates are equal, so such a calibration's bytes are what
 * they were before version 2; version 1 is read with the label rate equal to the rate. Every
 * length is checked against the bytes that remain before anything is allocated. Stateless.
 */
final class CalibrationCodec {

  private static final int MAGIC = 0x4D4C5443; // "MLTC"
  private static final int VERSION = 2;

  private CalibrationCodec() {}

  static byte[] write(ThresholdCalibration c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      boolean one = c.labelFalseAlarmRate() == c.falseAlarmRate();
      out.writeInt(one ? 1 : VERSION);
      out.writeInt(c.method().ordinal());
      out.writeLong(c.windowRows());
      out.writeInt(c.windows());
      out.writeDouble(c.falseAlarmRate());
      if (!one) {
        out.writeDouble(c.labelFalseAlarmRate());
      }
      out.writeInt(c.columns().size());
      for (ThresholdCalibration.Column col : c.columns().values()) {
        string(out, col.name());
        string(out, col.statistic().key());
        double[] v = col.windowValues();
        out.writeInt(v.length);
        for (double d : v) {
          out.writeDouble(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static ThresholdCalibration read(byte[] bytes) {
    if (bytes == null) {
      throw new ProfileFormatException("calibration bytes must not be null");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int magic = in.getInt();
      if (magic != MAGIC) {
        throw new ProfileFormatException("calibration magic must be MLTC: 0x"
            + Integer.toHexString(magic));
      }
      int version = in.getInt();
      if (version != 1 && version != VERSION) {
        throw new ProfileFormatException("calibration version must be 1 or " + VERSION + ": "
            + version);
      }
      int m = in.getInt();
      ThresholdCalibration.Method[] methods = ThresholdCalibration.Method.values();
      if (m < 0 || m >= methods.length) {
        throw new ProfileFormatException("calibration method must be known: " + m);
      }
      long windowRows = in.getLong();
      int windows = in.getInt();
      double rate = in.getDouble();
      double label = version == 1 ? rate : in.getDouble();
      if (windowRows < 1 || windows < 1 || !(rate > 0 && rate <= 0.5)
          || !(label > 0 && label <= 0.5)) {
        throw new ProfileFormatException("calibration header must be valid: window rows "
            + windowRows + ", windows " + windows + ", rate " + rate + ", label rate " + label);
      }
      int n = length(in, "columns", 8);
      Map<String, double[]> values = new LinkedHashMap<>();
      Map<String, DriftStatistic> stats = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String name = string(in);
        String key = string(in);
        DriftStatistic stat = DriftStatistic.builtIn(key).orElseThrow(
            () -> new ProfileFormatException("calibration statistic must be built in: " + key));
        int len = length(in, "window values of " + name, 8);
        double[] v = new double[len];
        for (int j = 0; j < len; j++) {
          v[j] = in.getDouble();
        }
        values.put(name, v);
        stats.put(name, stat);
      }
      if (in.hasRemaining()) {
        throw new ProfileFormatException("calibration must end after its columns: "
            + in.remaining() + " bytes left");
      }
      return new ThresholdCalibration(methods[m], windowRows, windows, rate, label, values,
          stats);
    } catch (BufferUnderflowException e) {
      throw new ProfileFormatException("calibration bytes must not be truncated: "
          + bytes.length + " bytes", e);
    } catch (IllegalArgumentException e) {
      throw new ProfileFormatException("calibration must be valid: " + e.getMessage(), e);
    }
  }

  private static int length(ByteBuffer in, String what, int bytesEach) {
    int n = in.getInt();
    if (n < 0 || (long) n * bytesEach > in.remaining()) {
      throw new ProfileFormatException(what + " length must fit the remaining "
          + in.remaining() + " bytes: " + n);
    }
    return n;
  }

  private static String string(ByteBuffer in) {
    int len = length(in, "string", 1);
    byte[] b = new byte[len];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
