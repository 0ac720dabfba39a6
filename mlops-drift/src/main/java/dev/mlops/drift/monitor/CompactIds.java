package dev.mlops.drift.monitor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Request ids of pending predictions, stored by slot without an object per id: an id of at most
 * {@link #INLINE} characters, all in Latin-1 (generated ids such as {@code req-17}, UUIDs, most
 * host ids), is copied into a flat byte array at {@code slot * INLINE}; any other id is kept as its
 * {@code String} in a side array created on first use. So a store of 100,000 pending ids is a few
 * primitive arrays that a garbage collection neither traces nor copies, instead of 100,000 strings
 * (and their byte arrays) kept alive from the request that made them.
 *
 * <p>Not thread-safe: used under the owning shard's lock.
 */
final class CompactIds {

  /** Longest id stored inline (Latin-1 bytes); longer or other ids are kept as strings. */
  static final int INLINE = 48;

  /** Length of the inline id of a slot, or {@code -1} when the id is in {@link #others}. */
  private int[] lengths;
  private byte[] bytes;
  /** Ids that are not stored inline, by slot; null until the first one. */
  private String[] others;

  CompactIds(int capacity) {
    lengths = new int[capacity];
    bytes = new byte[capacity * INLINE];
  }

  /** Grows to {@code capacity} slots, keeping every stored id. */
  void grow(int capacity) {
    lengths = Arrays.copyOf(lengths, capacity);
    bytes = Arrays.copyOf(bytes, capacity * INLINE);
    if (others != null) {
      others = Arrays.copyOf(others, capacity);
    }
  }

  /** Stores {@code id} in {@code slot} (a string, or a {@link GeneratedId} copied here). */
  void set(int slot, CharSequence id) {
    int n = id.length();
    if (n <= INLINE && latin1(id, n)) {
      int base = slot * INLINE;
      for (int i = 0; i < n; i++) {
        bytes[base + i] = (byte) id.charAt(i);
      }
      lengths[slot] = n;
      return;
    }
    if (others == null) {
      others = new String[lengths.length];
    }
    others[slot] = id.toString();
    lengths[slot] = -1;
  }

  private static boolean latin1(CharSequence id, int n) {
    for (int i = 0; i < n; i++) {
      if (id.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code slot} holds {@code id}. */
  boolean matches(int slot, CharSequence id) {
    int n = lengths[slot];
    if (n < 0) {
      return others[slot].contentEquals(id);
    }
    if (n != id.length()) {
      return false;
    }
    int base = slot * INLINE;
    for (int i = 0; i < n; i++) {
      if ((bytes[base + i] & 0xFF) != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The id's length in characters. */
  int length(int slot) {
    int n = lengths[slot];
    return n < 0 ? others[slot].length() : n;
  }

  /** The id of {@code slot}, as a new string (for snapshots, not on the request path). */
  String get(int slot) {
    int n = lengths[slot];
    return n < 0 ? others[slot] : new String(bytes, slot * INLINE, n, StandardCharsets.ISO_8859_1);
  }

  /** Forgets the id of {@code slot} (drops the reference of an id kept as a string). */
  void clear(int slot) {
    if (lengths[slot] < 0) {
      others[slot] = null;
    }
    lengths[slot] = 0;
  }
}
