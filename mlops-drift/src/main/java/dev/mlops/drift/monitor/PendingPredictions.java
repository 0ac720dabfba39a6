package dev.mlops.drift.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Predictions waiting for their label, by request id: bounded in count and in bytes (oldest
 * evicted first, counted as expired) and in age. A request id longer than {@link #MAX_ID_CHARS}
 * characters is stored (and looked up) as {@code "sha256:"} and the hex SHA-256 of its UTF-8
 * bytes, counted by {@link #hashedIds()}: a label still joins its prediction, and no id can make
 * an entry large or break the state format (whose ids are modified UTF-8 of at most 65,535 bytes);
 * the recording thread's buffers hold the hashed form too. A second prediction with the id of one
 * still pending replaces it, the older counted as expired. Sharded by the id's hash (see the
 * constructor), each shard guarded by its own lock, so callers with different ids rarely contend.
 *
 * <p>Each shard stores its predictions in primitive arrays indexed by slot (id, hash, value, class
 * index, kind, time, window), the slots chained in insertion order (a doubly linked list of ints, oldest at
 * the head) with a free list, plus an open-addressing index from the id's hash to its slot (linear
 * probing, backward-shift deletion). Ids are copied into the shard's {@link CompactIds} (bytes, not
 * the caller's string), so pending predictions hold no object per request for the garbage collector
 * to trace or copy. The arrays grow by doubling up to the shard's bound, so once a shard has reached
 * its high-water mark, {@link #put} and {@link #take(String, long, double[])} allocate nothing
 * ({@link #take(String, long)} returns a small {@link Entry}). Thread-safe.
 */
final class PendingPredictions {

  /**
   * Predictions recorded under one of the monitor's stripe locks, moved into the store in batches
   * of up to {@link #CAPACITY}: the store's index is scattered over memory, and filling it once per
   * batch rather than on every request takes its cache misses off most requests. Guarded by its
   * stripe's lock; {@link #size} may be read without it as a hint (a writer's own thread, or any
   * thread that happens-after the write, sees the current value).
   */
  static final class Buffer {
    static final int CAPACITY = 64;
    private static final int WIDTH = 4;
    private static final int VALUE_KIND = Prediction.Kind.VALUE.ordinal();
    /** Per prediction: its id, or the prefix of a generated id (see {@link #data}). */
    private final String[] ids = new String[CAPACITY];
    /**
     * Per prediction: value bits, time, class index and kind, and the number of a generated id
     * {@code ids[i] + number}, or -1 (one array: fewer cache lines).
     */
    private final long[] data = new long[WIDTH * CAPACITY];
    /** The generated id being moved into the store (reused: no string per id). */
    private final GeneratedId generated = new GeneratedId();
    int size;
    /**
     * The window (pane) its predictions were recorded in: set by {@link LabelJoin} as the first
     * prediction is buffered (a buffer never spans a window's close: the close hands every
     * stripe's buffer off or drains it).
     */
    long pane;
    /**
     * Run by the hand-off's applier right after this queued buffer is moved into the store (a
     * closed window's stamp, see {@link RecordHandOff#passMarker}), or null.
     */
    Runnable after;
    /** Ids of this buffer's predictions that were hashed on the way in (not yet counted). */
    private int hashedIds;
    /** The last prefix of generated ids found short enough to keep with any number (or null). */
    private String shortPrefix;

    /**
     * Buffers a prediction; true when the buffer is full and must be drained. A long id is hashed
     * here, on the recording thread, so that no buffer holds a caller's huge string.
     */
    boolean add(String id, Prediction p, long now) {
      return add(id, -1, p, now);
    }

    /**
     * Buffers a prediction whose id is {@code id + number} when {@code number >= 0} (a generated
     * id, kept as its prefix and number until the store copies its characters), else {@code id}.
     */
    boolean add(String id, long number, Prediction p, long now) {
      return add(id, number, p.value(), p.classIndex(), p.kind().ordinal(), now);
    }

    /** As {@link #add(String, long, Prediction, long)} for a regression value (no prediction object). */
    boolean addValue(String id, long number, double value, long now) {
      return add(id, number, value, -1, VALUE_KIND, now);
    }

    private boolean add(String id, long number, double value, int classIndex, int kind, long now) {
      int i = size;
      String k = id;
      long n = number;
      if (n >= 0 && id != shortPrefix) {
        if (id.length() + 20 > MAX_ID_CHARS) {
          k = id + n; // may be too long to keep: hashed below as any other id
          n = -1;
        } else {
          shortPrefix = id;
        }
      }
      if (n < 0) {
        String hashedKey = key(k);
        if (hashedKey != k) {
          hashedIds++;
        }
        k = hashedKey;
      }
      if (ids[i] != k) {
        ids[i] = k; // a generated id's prefix stays from the last time round (no store)
      }
      int o = WIDTH * i;
      data[o] = Double.doubleToRawLongBits(value);
      data[o + 1] = now;
      data[o + 2] = ((long) classIndex << 32) | kind;
      data[o + 3] = n;
      size = i + 1;
      return size == CAPACITY;
    }

    /** Moves the buffered predictions into the store, oldest first. */
    void drainTo(PendingPredictions store) {
      for (int i = 0; i < size; i++) {
        int o = WIDTH * i;
        long number = data[o + 3];
        CharSequence id = number < 0 ? ids[i] : generated.set(ids[i], number);
        store.put(id, Double.longBitsToDouble(data[o]), (int) (data[o + 2] >> 32),
            (int) data[o + 2], data[o + 1], pane);
        if (number < 0) {
          ids[i] = null; // a caller's id is not kept; a generated id's prefix may stay
        }
      }
      size = 0;
      store.hashed.add(hashedIds);
      hashedIds = 0;
    }

    /** Drops the buffered predictions (the store is being replaced). */
    void clear() {
      java.util.Arrays.fill(ids, null);
      size = 0;
      hashedIds = 0;
    }
  }

  /** A prediction waiting for its label. */
  record Entry(double value, int classIndex, int kind, long time) {}

  private static final int NONE = -1;
  private static final int INITIAL = 64;
  /** Longest request id kept as it is; longer ones are hashed (see the class comment). */
  static final int MAX_ID_CHARS = 256;
  /** Default bound on the bytes the pending predictions hold (ids and slots). */
  static final long DEFAULT_MAX_BYTES = 32L << 20;
  /**
   * Bytes charged per pending prediction besides its id's characters: the slot arrays and index
   * cells (about 60 bytes) and the rest of the id's cell (see {@link CompactIds}; an id that is not
   * stored inline is a string with a header of about 40 bytes).
   */
  static final int ENTRY_OVERHEAD_BYTES = 100;

  private final Shard[] shards;
  private final long timeoutMillis;
  private final LongAdder expired = new LongAdder();
  private final LongAdder hashed = new LongAdder();

  /**
   * One shard per 64 pending predictions up to 16 shards, so the count bound is exact (the sum of
   * the shards' bounds never exceeds {@code maxPending}) and eviction is oldest-first per shard.
   */
  PendingPredictions(int maxPending, long timeoutMillis) {
    this(maxPending, timeoutMillis, DEFAULT_MAX_BYTES);
  }

  /**
   * As {@link #PendingPredictions(int, long)}, with a bound on bytes: each shard holds at most
   * {@code maxBytes / shards} bytes of ids (two bytes per character) plus {@link
   * #ENTRY_OVERHEAD_BYTES} per prediction, so the total never exceeds {@code maxBytes}.
   */
  PendingPredictions(int maxPending, long timeoutMillis, long maxBytes) {
    int n = Integer.highestOneBit(Math.max(1, Math.min(16, maxPending / 64)));
    int perShard = Math.max(1, maxPending / n);
    long bytesPerShard = Math.max(bytes(MAX_ID_CHARS), maxBytes / n);
    this.shards = new Shard[n];
    for (int i = 0; i < n; i++) {
      shards[i] = new Shard(perShard, bytesPerShard);
    }
    this.timeoutMillis = timeoutMillis;
  }

  /** The bytes charged for a pending prediction whose (stored) id has {@code chars} characters. */
  static long bytes(int chars) {
    return ENTRY_OVERHEAD_BYTES + 2L * chars;
  }

  /**
   * The id under which a request is stored: itself when at most {@link #MAX_ID_CHARS} characters,
   * otherwise {@code "sha256:"} and the hex SHA-256 of its UTF-8 bytes.
   */
  static String key(String id) {
    if (id.length() <= MAX_ID_CHARS) {
      return id;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          id.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /**
   * Request ids longer than {@link #MAX_ID_CHARS} characters that were stored hashed.
   *
   * @return the count since the store was created
   */
  long hashedIds() {
    return hashed.sum();
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private Shard shard(int h) {
    return shards[spread(h) & (shards.length - 1)];
  }

  void put(String id, Prediction p, long now) {
    put(id, p.value(), p.classIndex(), p.kind().ordinal(), now, 0);
  }

  private void put(CharSequence requestId, double value, int classIndex, int kind, long now,
      long pane) {
    CharSequence id = requestId instanceof String r ? key(r) : requestId; // generated ids are short
    if (id != requestId) {
      hashed.increment();
    }
    int h = GeneratedId.hash(id);
    Shard s = shard(h);
    synchronized (s) {
      int slot = s.find(id, h);
      if (slot != NONE) {
        // a duplicate id: the newer prediction is kept, the older counted as expired (as a load)
        s.remove(slot);
        expired.increment();
      }
      makeRoom(s, id);
      s.add(id, h, value, classIndex, kind, now, pane);
      evictExpired(s, now);
    }
  }

  /** Removes and returns the prediction of {@code id}, or null when unknown or expired. */
  Entry take(String id, long now) {
    double[] out = new double[TAKEN_WIDTH];
    return take(id, now, out) ? new Entry(out[0], (int) out[1], (int) out[2], (long) out[3]) : null;
  }

  /** Width of the row {@link #take(String, long, double[])} fills. */
  static final int TAKEN_WIDTH = 5;

  /**
   * Removes the prediction of {@code id} and, unless it is unknown or expired, writes its value,
   * class index, kind ordinal, time and window (pane) number into {@code out[0..4]}; allocates
   * nothing.
   *
   * @return whether a live prediction was found (and written)
   */
  boolean take(String requestId, long now, double[] out) {
    String id = key(requestId);
    int h = id.hashCode();
    Shard s = shard(h);
    synchronized (s) {
      int slot = s.find(id, h);
      if (slot == NONE) {
        return false;
      }
      long time = s.times[slot];
      out[0] = s.values[slot];
      out[1] = s.classIndices[slot];
      out[2] = s.kinds[slot];
      out[3] = time;
      out[4] = s.panes[slot];
      s.remove(slot);
      if (now - time > timeoutMillis) {
        expired.increment();
        return false;
      }
      return true;
    }
  }

  /**
   * Called with the shard locked: evicts the oldest predictions (counted as expired) until one
   * more with {@code id} fits the shard's count and byte bounds.
   */
  private void makeRoom(Shard s, CharSequence id) {
    long needed = bytes(id.length());
    while (s.head != NONE && (s.size == s.bound || s.bytes + needed > s.maxBytes)) {
      s.remove(s.head);
      expired.increment();
    }
  }

  /** Called with the shard locked: evicts the oldest predictions while older than the timeout. */
  private void evictExpired(Shard s, long now) {
    while (s.head != NONE && now - s.times[s.head] > timeoutMillis) {
      s.remove(s.head);
      expired.increment();
    }
  }

  /** Evicts everything older than the timeout. */
  void expire(long now) {
    for (Shard s : shards) {
      synchronized (s) {
        evictExpired(s, now);
      }
    }
  }

  /**
   * A pending prediction with its request id, as the state format stores it, and the number of
   * the window (pane) it was recorded in.
   */
  record Saved(String id, double value, int classIndex, int kind, long time, long pane) {

    /** A prediction of window 0 (a state without window numbers). */
    Saved(String id, double value, int classIndex, int kind, long time) {
      this(id, value, classIndex, kind, time, 0);
    }
  }

  /**
   * The pending predictions, oldest first (by time; within a shard in insertion order, which is
   * also the shard's eviction order). Takes every shard's lock for a consistent cut.
   */
  List<Saved> oldestFirst() {
    List<Saved> out = new ArrayList<>();
    withAllLocked(0, () -> collect(out));
    return out;
  }

  private void collect(List<Saved> out) {
    for (Shard s : shards) {
      for (int i = s.head; i != NONE; i = s.next[i]) {
        out.add(new Saved(s.ids.get(i), s.values[i], s.classIndices[i], s.kinds[i], s.times[i],
            s.panes[i]));
      }
    }
    out.sort(Comparator.comparingLong(Saved::time)); // stable: keeps each shard's chain order
  }

  /**
   * Replaces the pending predictions with {@code saved} (oldest first), or, when {@code keep},
   * unites them with the current ones. Either way the predictions are re-added oldest first, so
   * the bound keeps the newest and evicts the oldest, counting each evicted one as expired; of two
   * predictions with the same id the newer is kept and the older counted as expired. Predictions
   * keep their original time, so they age from when they were made.
   */
  void load(List<Saved> saved, boolean keep) {
    withAllLocked(0, () -> {
      List<Saved> all = new ArrayList<>(saved);
      if (keep) {
        collect(all);
      }
      all.sort(Comparator.comparingLong(Saved::time));
      for (Shard s : shards) {
        while (s.head != NONE) {
          s.remove(s.head);
        }
      }
      for (Saved p : all) {
        String id = key(p.id());
        int h = id.hashCode();
        Shard s = shard(h);
        int slot = s.find(id, h);
        if (slot != NONE) {
          s.remove(slot);
          expired.increment();
        }
        makeRoom(s, id);
        s.add(id, h, p.value(), p.classIndex(), p.kind(), p.time(), p.pane());
      }
    });
  }

  /** Runs {@code r} holding the locks of shards {@code i..}, taken in index order. */
  private void withAllLocked(int i, Runnable r) {
    if (i == shards.length) {
      r.run();
      return;
    }
    synchronized (shards[i]) {
      withAllLocked(i + 1, r);
    }
  }

  long expiredTotal() {
    return expired.sum();
  }

  /** Bytes charged for the pending predictions (see {@link #bytes(int)}). */
  long bytes() {
    return sumOverShards(s -> s.bytes);
  }

  long size() {
    return sumOverShards(s -> s.size);
  }

  /** Sums a per-shard figure, each read under its shard's lock. */
  private long sumOverShards(java.util.function.ToLongFunction<Shard> figure) {
    long n = 0;
    for (Shard s : shards) {
      synchronized (s) {
        n += figure.applyAsLong(s);
      }
    }
    return n;
  }

  /**
   * One shard: slot arrays, the insertion-order chain and the hash index. Not thread-safe by itself
   * (every access holds the shard's monitor).
   */
  static final class Shard {
    final int bound;
    final long maxBytes;
    int size;
    /** Bytes charged for the pending predictions of this shard (see {@link #bytes(int)}). */
    long bytes;
    /** Oldest and newest slot of the insertion-order chain, or {@link #NONE}. */
    int head = NONE;
    int tail = NONE;
    /** First free slot (chained through {@link #next}), or {@link #NONE}. */
    int free = NONE;

    /** The slots' ids, without an object per id (see {@link CompactIds}). */
    CompactIds ids;
    int[] hashes;
    double[] values;
    int[] classIndices;
    int[] kinds;
    long[] times;
    /** The window (pane) each prediction was recorded in. */
    long[] panes;
    int[] next;
    int[] prev;
    /** Open-addressing index: slot + 1, or 0 for an empty cell; length a power of two. */
    int[] table;
    int shift;

    Shard(int bound, long maxBytes) {
      this.bound = bound;
      this.maxBytes = maxBytes;
      allocate(Math.min(bound, INITIAL));
    }

    private void allocate(int capacity) {
      int old = hashes == null ? 0 : hashes.length;
      if (ids == null) {
        ids = new CompactIds(capacity);
      } else {
        ids.grow(capacity);
      }
      hashes = hashes == null ? new int[capacity] : Arrays.copyOf(hashes, capacity);
      values = values == null ? new double[capacity] : Arrays.copyOf(values, capacity);
      classIndices =
          classIndices == null ? new int[capacity] : Arrays.copyOf(classIndices, capacity);
      kinds = kinds == null ? new int[capacity] : Arrays.copyOf(kinds, capacity);
      times = times == null ? new long[capacity] : Arrays.copyOf(times, capacity);
      panes = panes == null ? new long[capacity] : Arrays.copyOf(panes, capacity);
      next = next == null ? new int[capacity] : Arrays.copyOf(next, capacity);
      prev = prev == null ? new int[capacity] : Arrays.copyOf(prev, capacity);
      // the new slots join the free list
      for (int i = capacity - 1; i >= old; i--) {
        next[i] = free;
        free = i;
      }
      // index at most half full
      int cells = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
      table = new int[cells];
      shift = 32 - Integer.numberOfTrailingZeros(cells);
      for (int s = head; s != NONE; s = next[s]) {
        insertIndex(s);
      }
    }

    private int home(int h) {
      return (h * 0x9E3779B9) >>> shift;
    }

    /** The slot of {@code id}, or {@link #NONE}. */
    int find(CharSequence id, int h) {
      int mask = table.length - 1;
      for (int c = home(h); ; c = (c + 1) & mask) {
        int v = table[c];
        if (v == 0) {
          return NONE;
        }
        int s = v - 1;
        if (hashes[s] == h && ids.matches(s, id)) {
          return s;
        }
      }
    }

    private void insertIndex(int slot) {
      int mask = table.length - 1;
      int c = home(hashes[slot]);
      while (table[c] != 0) {
        c = (c + 1) & mask;
      }
      table[c] = slot + 1;
    }

    /** Appends a new prediction (the caller made room: {@code size < bound}). */
    void add(CharSequence id, int h, double value, int classIndex, int kind, long time,
        long pane) {
      if (free == NONE) {
        allocate(Math.min(bound, hashes.length * 2));
      }
      int s = free;
      free = next[s];
      ids.set(s, id);
      hashes[s] = h;
      values[s] = value;
      classIndices[s] = classIndex;
      kinds[s] = kind;
      times[s] = time;
      panes[s] = pane;
      prev[s] = tail;
      next[s] = NONE;
      if (tail == NONE) {
        head = s;
      } else {
        next[tail] = s;
      }
      tail = s;
      size++;
      bytes += bytes(id.length());
      insertIndex(s);
    }

    /** Unlinks {@code slot} from the chain and the index and frees it. */
    void remove(int slot) {
      // the index: find the cell, then shift back the cells that probed past it
      int mask = table.length - 1;
      int c = home(hashes[slot]);
      while (table[c] != slot + 1) {
        c = (c + 1) & mask;
      }
      int gap = c;
      for (int j = (gap + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
        int h = home(hashes[table[j] - 1]);
        // move j into the gap unless its home lies cyclically in (gap, j]
        boolean stays = gap <= j ? (gap < h && h <= j) : (gap < h || h <= j);
        if (!stays) {
          table[gap] = table[j];
          gap = j;
        }
      }
      table[gap] = 0;
      // the chain
      int p = prev[slot];
      int n = next[slot];
      if (p == NONE) {
        head = n;
      } else {
        next[p] = n;
      }
      if (n == NONE) {
        tail = p;
      } else {
        prev[n] = p;
      }
      bytes -= bytes(ids.length(slot));
      ids.clear(slot);
      next[slot] = free;
      free = slot;
      size--;
    }
  }
}
