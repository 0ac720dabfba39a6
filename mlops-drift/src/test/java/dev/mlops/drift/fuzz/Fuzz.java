package dev.mlops.drift.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fuzz harness of the decoders: mutates a valid encoding (bit flips, byte and int overwrites
 * with boundary values, truncation, insertion, duplication), lets the caller recompute lengths and
 * checksums so that the mutation reaches the structure, runs the decoder on it and records the
 * outcome: the decoder's typed exception or a result is fine; any other throwable, including an
 * {@link OutOfMemoryError}, fails. The time of every input is measured; the maximum, the {@value
 * #SLOWEST} slowest inputs (time, size, first bytes) and the inputs over {@value #SLOW_NANOS} ns are
 * recorded and reported (logged and written to {@code target/fuzz/NAME.txt}), never asserted: unit
 * tests do not assert timings.
 *
 * <p>An input over the budget is decoded a second time at once: an input whose decoding is slow
 * (work proportional to something the input declares) is slow again, while a pause of the JVM or
 * the machine (a garbage collection, JIT compilation, another process) is not. Both counts are
 * reported: {@code over 100 ms} (first decoding) and {@code over 100 ms again} (both decodings).
 * {@link #warmUp} decodes the valid seeds untimed first, so that loading and compiling the
 * decoder's classes is not charged to the first mutated inputs.
 */
public final class Fuzz {

  private static final Logger LOG = LoggerFactory.getLogger(Fuzz.class);
  /** The per-input budget (100 ms), reported, not asserted. */
  public static final long SLOW_NANOS = 100_000_000L;
  /** Values an attacker writes into length and count fields. */
  private static final int[] BOUNDARY = {
    0, 1, -1, 2, 7, 8, 255, 256, 65_535, 65_536, 1 << 20, Integer.MAX_VALUE,
    Integer.MAX_VALUE - 8, Integer.MIN_VALUE, 100_000, 49_999_999
  };

  private final String name;
  private final AtomicLong tries = new AtomicLong();
  private final AtomicLong maxNanos = new AtomicLong();
  /** The maximum after the first {@value #WARM_UP} tries (JIT compilation and class loading). */
  private final AtomicLong maxWarmNanos = new AtomicLong();
  private static final int WARM_UP = 50;
  private final AtomicLong slow = new AtomicLong();
  private final AtomicLong slowAgain = new AtomicLong();
  /** How many of the slowest inputs the report lists. */
  static final int SLOWEST = 5;
  /** The slowest inputs, slowest first (guarded by itself). */
  private final java.util.List<Timed> slowest = new java.util.ArrayList<>();

  /** One timed input, for the report. */
  private record Timed(long nanos, int length, String head) {}
  private final AtomicLong typed = new AtomicLong();
  private volatile int maxLength;

  /**
   * Creates a harness.
   *
   * @param name the decoder, for the report
   */
  public Fuzz(String name) {
    this.name = name;
  }

  /**
   * Mutates {@code valid} once, seeded.
   *
   * @param valid a valid encoding
   * @param seed the mutation seed
   * @return the mutated bytes (a new array)
   */
  public static byte[] mutate(byte[] valid, long seed) {
    Random r = new Random(seed);
    byte[] b = valid.clone();
    int rounds = 1 + r.nextInt(3);
    for (int k = 0; k < rounds; k++) {
      int n = b.length;
      int at = n == 0 ? 0 : r.nextInt(n);
      switch (r.nextInt(7)) {
        case 0 -> {
          if (n > 0) {
            b[at] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> {
          if (n > 0) {
            b[at] = (byte) r.nextInt(256);
          }
        }
        case 2 -> {
          if (n >= 4) {
            ByteBuffer.wrap(b).putInt(Math.min(at, n - 4), BOUNDARY[r.nextInt(BOUNDARY.length)]);
          }
        }
        case 3 -> b = Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n));
        case 4 -> {
          byte[] extra = new byte[1 + r.nextInt(16)];
          r.nextBytes(extra);
          byte[] out = new byte[n + extra.length];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(extra, 0, out, at, extra.length);
          System.arraycopy(b, at, out, at + extra.length, n - at);
          b = out;
        }
        case 5 -> {
          if (n >= 8) {
            ByteBuffer.wrap(b).putLong(Math.min(at, n - 8), r.nextBoolean() ? -1L
                : r.nextBoolean() ? Long.MAX_VALUE : (long) BOUNDARY[r.nextInt(BOUNDARY.length)]);
          }
        }
        default -> {
          if (n > 1) {
            int from = r.nextInt(n);
            int len = 1 + r.nextInt(Math.min(64, n - from));
            byte[] out = Arrays.copyOf(b, n + len);
            System.arraycopy(b, from, out, n, len);
            b = out;
          }
        }
      }
    }
    return b;
  }

  /**
   * Runs the decoder on one input, timing it.
   *
   * @param input the input
   * @param decoder the decoder
   * @param typedExceptions the decoder's typed exceptions
   * @throws AssertionError if the decoder throws anything else (the input is in the message)
   */
  public void run(byte[] input, Consumer<byte[]> decoder, Class<?>... typedExceptions) {
    long attempt = tries.incrementAndGet();
    maxLength = Math.max(maxLength, input.length);
    long nanos = timed(input, decoder, typedExceptions, true);
    maxNanos.accumulateAndGet(nanos, Math::max);
    if (attempt > WARM_UP) {
      maxWarmNanos.accumulateAndGet(nanos, Math::max);
    }
    remember(nanos, input);
    if (nanos > SLOW_NANOS && input.length <= 1 << 20) {
      slow.incrementAndGet();
      long again = timed(input, decoder, typedExceptions, false);
      if (again > SLOW_NANOS) {
        slowAgain.incrementAndGet();
      }
      LOG.warn("{}: an input of {} bytes took {} ms (budget 100 ms), {} ms when decoded again: {}",
          name, input.length, nanos / 1_000_000, again / 1_000_000, preview(input));
    }
  }

  /**
   * Decodes the valid encodings untimed, {@code rounds} times each, so that class loading and JIT
   * compilation of the decoder are not charged to the fuzzed inputs.
   *
   * @param valid the valid encodings
   * @param rounds decodings of each
   * @param decoder the decoder
   * @param typedExceptions the decoder's typed exceptions
   */
  public void warmUp(java.util.List<byte[]> valid, int rounds, Consumer<byte[]> decoder,
      Class<?>... typedExceptions) {
    for (int i = 0; i < rounds; i++) {
      for (byte[] v : valid) {
        timed(v, decoder, typedExceptions, false);
      }
    }
  }

  /** Decodes one input; the decoding's time in ns (typed refusals counted when {@code count}). */
  private long timed(byte[] input, Consumer<byte[]> decoder, Class<?>[] typedExceptions,
      boolean count) {
    long start = System.nanoTime();
    try {
      decoder.accept(input);
    } catch (Throwable t) {
      if (!isTyped(t, typedExceptions)) {
        throw new AssertionError(name + ": untyped " + t + " for input of " + input.length
            + " bytes: " + preview(input), t);
      }
      if (count) {
        typed.incrementAndGet();
      }
    }
    return System.nanoTime() - start;
  }

  private void remember(long nanos, byte[] input) {
    synchronized (slowest) {
      if (slowest.size() < SLOWEST || nanos > slowest.get(slowest.size() - 1).nanos()) {
        slowest.add(new Timed(nanos, input.length, preview(input)));
        slowest.sort(java.util.Comparator.comparingLong(Timed::nanos).reversed());
        if (slowest.size() > SLOWEST) {
          slowest.remove(slowest.size() - 1);
        }
      }
    }
  }

  /**
   * Runs a follow-up on a decoded input (not timed): it must succeed or throw the typed exception.
   *
   * @param what the follow-up, for the message
   * @param step the follow-up
   * @param typedExceptions the typed exceptions
   */
  public void after(String what, Runnable step, Class<?>... typedExceptions) {
    try {
      step.run();
    } catch (Throwable t) {
      if (!isTyped(t, typedExceptions)) {
        throw new AssertionError(name + ": untyped " + t + " in " + what, t);
      }
    }
  }

  /** Logs the figures and writes them to the report directory (when configured). */
  public void report() {
    String line = String.format(java.util.Locale.ROOT,
        "%s: tries %d, refused with the typed exception %d, untyped 0, max time per input %.3f ms"
            + " (%.3f ms after the first %d tries), inputs over 100 ms %d, over 100 ms again %d,"
            + " largest input %d bytes, max heap %d MB",
        name, tries.get(), typed.get(), maxNanos.get() / 1e6, maxWarmNanos.get() / 1e6, WARM_UP,
        slow.get(), slowAgain.get(), maxLength,
        Runtime.getRuntime().maxMemory() >> 20);
    StringBuilder slowestLines = new StringBuilder();
    synchronized (slowest) {
      for (Timed t : slowest) {
        slowestLines.append(String.format(java.util.Locale.ROOT, "%n  %.3f ms, %d bytes: %s",
            t.nanos() / 1e6, t.length(), t.head()));
      }
    }
    line = line + "; slowest:" + slowestLines;
    LOG.info(line);
    String dir = System.getProperty("mlops.fuzz.report");
    if (dir != null) {
      try {
        Files.createDirectories(Path.of(dir));
        Files.writeString(Path.of(dir, name + ".txt"), line + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        LOG.warn("could not write the fuzz report", e);
      }
    }
  }

  private static boolean isTyped(Throwable t, Class<?>... typed) {
    for (Class<?> c : typed) {
      if (c.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String preview(byte[] b) {
    byte[] head = Arrays.copyOf(b, Math.min(b.length, 64));
    return java.util.HexFormat.of().formatHex(head) + (b.length > 64 ? "..." : "");
  }
}
