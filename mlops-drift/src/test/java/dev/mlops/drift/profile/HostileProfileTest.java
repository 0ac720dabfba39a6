package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Forged profiles (checksums recomputed) and hostile files are refused with the typed error. */
final class HostileProfileTest {

  /** Header: magic (4), version (2), payload length (4); then bins, exact cap, top-K, count. */
  private static final int PAYLOAD = 10;

  private static byte[] oneValueProfile() {
    return ReferenceProfile.builder().numeric("x").add(Map.of("x", 1.5)).build().toBytes();
  }

  private static byte[] withCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  @Test
  void forgedBinCount_isRefused_insteadOfAllocatingIt() {
    byte[] bytes = oneValueProfile();
    assertThat(bytes).hasSizeLessThan(220); // one feature with its longest run, one chunk of one row
    ByteBuffer.wrap(bytes).putInt(PAYLOAD, Integer.MAX_VALUE);
    withCrc(bytes);
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(bytes))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("bins 2147483647");
  }

  @Test
  void forgedExactCapAndCount_areRefused_beforeAllocatingTheValues() {
    byte[] bytes = oneValueProfile();
    int huge = Integer.MAX_VALUE - 8;
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    buf.putInt(PAYLOAD + 4, huge); // exact cap
    // feature: kind (1), name UTF (2 + 1), inferred (1), then count
    int feature = PAYLOAD + 16;
    buf.putLong(feature + 5, huge);
    // after count, missing, nonFinite, min, max, mean, m2 (7 x 8) and the exact flag: the length
    buf.putInt(feature + 5 + 56 + 1, huge);
    withCrc(bytes);
    assertThatThrownBy(() -> ReferenceProfile.fromBytes(bytes))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("2147483639 values of 'x' need at least 17179869112 bytes");
  }

  @Test
  void binsAboveTheMaximum_areRefusedByTheBuilder() {
    assertThatThrownBy(() -> ReferenceProfile.builder().bins(ReferenceProfile.MAX_BINS + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bins must be in [1, 10000]: 10001");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
  void profilePath_toADeviceOrAFifo_isRefusedWithoutReadingOrBlocking(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path zero = dir.resolve("zero.bin");
    Files.createSymbolicLink(zero, Path.of("/dev/zero"));
    assertThatThrownBy(() -> ReferenceProfile.readFrom(zero))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("must be a regular file");

    Path fifo = dir.resolve("fifo.bin");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(() -> ReferenceProfile.readFrom(fifo))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("must be a regular file");

    assertThatThrownBy(() -> ReferenceProfile.readFrom(dir))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("a directory");
  }
}
