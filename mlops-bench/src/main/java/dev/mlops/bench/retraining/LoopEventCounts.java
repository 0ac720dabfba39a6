package dev.mlops.bench.retraining;

import dev.mlops.core.retraining.LoopEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a loop probe's run did, counted from its events: retrains (by the trigger that fired them),
 * promotions, rejections and rollbacks.
 *
 * @param trained retrains
 * @param promoted promotions
 * @param rejected candidates the gate rejected
 * @param rolledBack rollbacks after probation
 * @param triggers retrains per trigger and, in brackets, how many of them were promoted, as text
 * @param driftWindows monitoring windows of the champion flagged with dataset drift
 */
record LoopEventCounts(int trained, int promoted, int rejected, int rolledBack, String triggers, int driftWindows) {

  static LoopEventCounts of(List<LoopEvent> events) {
    int trained = 0;
    int promoted = 0;
    int rejected = 0;
    int rolledBack = 0;
    int driftWindows = 0;
    Map<String, Integer> triggers = new LinkedHashMap<>();
    Map<String, Integer> promotedBy = new LinkedHashMap<>();
    for (LoopEvent e : events) {
      switch (e.type()) {
        case TRAINED -> {
          trained++;
          triggers.merge(e.details().getOrDefault("trigger", "?"), 1, Integer::sum);
        }
        case PROMOTED -> {
          promoted++;
          promotedBy.merge(e.details().getOrDefault("trigger", "?"), 1, Integer::sum);
        }
        case REJECTED -> rejected++;
        case ROLLED_BACK -> rolledBack++;
        case DRIFT -> driftWindows++;
        default -> { }
      }
    }
    StringBuilder text = new StringBuilder("{");
    triggers.forEach((t, k) -> text.append(text.length() > 1 ? ", " : "").append(t).append('=').append(k)
        .append(" (").append(promotedBy.getOrDefault(t, 0)).append(" promoted)"));
    return new LoopEventCounts(trained, promoted, rejected, rolledBack, text.append('}').toString(), driftWindows);
  }

  /**
   * A fingerprint of a run's decisions: SHA-256 (first 16 hex digits) of each event's type, version,
   * time on the replay's clock and trigger, in order (not of reasons, which carry timings). Two runs
   * of a deterministic replay give the same fingerprint.
   */
  static String fingerprint(List<LoopEvent> events) {
    StringBuilder text = new StringBuilder();
    for (LoopEvent e : events) {
      text.append(e.type()).append(' ').append(e.version()).append(' ').append(e.time().toEpochMilli()).append(' ')
          .append(e.details().getOrDefault("trigger", "")).append('\n');
    }
    return sha(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A fingerprint of predictions: SHA-256 (first 16 hex digits) of their exact bits, in order. */
  static String fingerprint(double[] predictions) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * predictions.length);
    for (double p : predictions) {
      b.putLong(Double.doubleToLongBits(p));
    }
    return sha(b.array());
  }

  private static String sha(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 must be available", e);
    }
  }
}
