package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pending-label store: count bound, oldest-first eviction, expiry, re-put, collisions. */
final class PendingPredictionsTest {

  private static final long DAY = 86_400_000L;

  /** 2^n distinct strings with one hash code ("Aa" and "BB" hash alike). */
  private static List<String> collidingIds(int n) {
    List<String> ids = new ArrayList<>();
    for (int bits = 0; bits < (1 << n); bits++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.append((bits >>> i & 1) == 0 ? "Aa" : "BB");
      }
      ids.add(b.toString());
    }
    return ids;
  }

  @Test
  void countBound_isExact_andOldestAreEvictedFirst() {
    PendingPredictions p = new PendingPredictions(100, DAY);
    for (int i = 0; i < 150; i++) {
      p.put("r" + i, Prediction.ofValue(i), 0);
    }
    assertThat(p.size()).isEqualTo(100);
    assertThat(p.expiredTotal()).isEqualTo(50);
    for (int i = 0; i < 50; i++) {
      assertThat(p.take("r" + i, 0)).as("evicted r%d", i).isNull();
    }
    for (int i = 50; i < 150; i++) {
      assertThat(p.take("r" + i, 0)).isEqualTo(new PendingPredictions.Entry(i, -1, 2, 0));
    }
    assertThat(p.size()).isZero();
  }

  @Test
  void countBound_holdsAcrossShards() {
    PendingPredictions p = new PendingPredictions(1_000, DAY);
    for (int i = 0; i < 5_000; i++) {
      p.put("request-" + i, Prediction.ofClass(i % 3), i);
      assertThat(p.size()).isLessThanOrEqualTo(1_000);
    }
    assertThat(p.size() + p.expiredTotal()).isEqualTo(5_000);
    // the newest ids are all still there (each shard keeps its 125 newest)
    for (int i = 4_990; i < 5_000; i++) {
      assertThat(p.take("request-" + i, 5_000)).isEqualTo(
          new PendingPredictions.Entry(i % 3, i % 3, 0, i));
    }
  }

  @Test
  void expiry_isByAge_withInjectedTime() {
    PendingPredictions p = new PendingPredictions(100, 10);
    p.put("a", Prediction.ofValue(1), 0);
    p.put("b", Prediction.ofValue(2), 5);
    p.expire(10);
    assertThat(p.size()).isEqualTo(2);
    p.expire(11);
    assertThat(p.size()).isEqualTo(1);
    assertThat(p.expiredTotal()).isEqualTo(1);
    assertThat(p.take("a", 11)).isNull();
    // b is 11 ms old at take time: expired, counted, removed
    assertThat(p.take("b", 16)).isNull();
    assertThat(p.expiredTotal()).isEqualTo(2);
    assertThat(p.size()).isZero();
    // a put also evicts the expired oldest
    p.put("c", Prediction.ofValue(3), 100);
    p.put("d", Prediction.ofValue(4), 111);
    assertThat(p.size()).isEqualTo(1);
    assertThat(p.expiredTotal()).isEqualTo(3);
    assertThat(p.take("d", 121)).isEqualTo(new PendingPredictions.Entry(4, -1, 2, 111));
  }

  @Test
  void rePut_replacesThePrediction_andMakesItNewest() {
    PendingPredictions p = new PendingPredictions(3, DAY);
    p.put("x", Prediction.ofValue(1), 1);
    p.put("y", Prediction.ofValue(2), 2);
    p.put("x", Prediction.ofValue(3), 3);
    assertThat(p.size()).isEqualTo(2);
    p.put("z", Prediction.ofValue(4), 4);
    p.put("w", Prediction.ofValue(5), 5); // evicts y, the oldest now
    assertThat(p.size()).isEqualTo(3);
    assertThat(p.expiredTotal()).isEqualTo(1);
    assertThat(p.take("y", 6)).isNull();
    assertThat(p.take("x", 6)).isEqualTo(new PendingPredictions.Entry(3, -1, 2, 3));
  }

  @Test
  void take_removes_andReturnsNullAfterEviction() {
    PendingPredictions p = new PendingPredictions(1, DAY);
    p.put("a", Prediction.ofClass(1), 0);
    assertThat(p.take("a", 0)).isEqualTo(new PendingPredictions.Entry(1, 1, 0, 0));
    assertThat(p.take("a", 0)).isNull();
    p.put("a", Prediction.ofClass(1), 0);
    p.put("b", Prediction.ofClass(2), 0);
    assertThat(p.take("a", 0)).isNull();
    assertThat(p.take("unknown", 0)).isNull();
    assertThat(p.size()).isEqualTo(1);
  }

  @Test
  void idsWithOneHashCode_areAllKeptApart() {
    List<String> ids = collidingIds(8); // 256 ids, one hash code, so one shard and one probe run
    assertThat(ids.get(0).hashCode()).isEqualTo(ids.get(255).hashCode());
    PendingPredictions p = new PendingPredictions(10_000, DAY);
    for (int i = 0; i < ids.size(); i++) {
      p.put(ids.get(i), Prediction.ofValue(i), i);
    }
    assertThat(p.size()).isEqualTo(256);
    // take every other one, then re-put them, then take all in a scrambled order
    for (int i = 0; i < ids.size(); i += 2) {
      assertThat(p.take(ids.get(i), 300).value()).isEqualTo(i);
    }
    for (int i = 0; i < ids.size(); i += 2) {
      p.put(ids.get(i), Prediction.ofValue(-i), 400);
    }
    for (int k = 0; k < ids.size(); k++) {
      int i = (k * 97) & 255;
      assertThat(p.take(ids.get(i), 500).value()).isEqualTo(i % 2 == 0 ? -i : i);
    }
    assertThat(p.size()).isZero();
    assertThat(p.expiredTotal()).isZero();
  }

  /**
   * Ids the store keeps inline as bytes and ids it keeps as strings, and pairs that differ only in
   * length, in one character above 0x7F, or in being inline or not.
   */
  private static List<String> idsOfEveryForm() {
    String x48 = "x".repeat(CompactIds.INLINE);
    return List.of("", "a", "req-1", "req-10", "r\u00e9q-1", "r\u00e8q-1", "\u00ff", "req-\u20ac1", "req-\u20ac2",
        "\ud83d\ude00", x48, x48.substring(1), x48 + "x", x48.substring(1) + "\u0100",
        "0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950f");
  }

  @Test
  void idsOfEveryForm_areStoredApart_andComeBackUnchanged() {
    List<String> ids = idsOfEveryForm();
    PendingPredictions p = new PendingPredictions(10_000, DAY);
    for (int i = 0; i < ids.size(); i++) {
      p.put(ids.get(i), Prediction.ofValue(i), i);
    }
    assertThat(p.size()).isEqualTo(ids.size());
    assertThat(p.oldestFirst()).extracting(PendingPredictions.Saved::id).containsExactlyElementsOf(ids);
    long charged = 0;
    for (String id : ids) {
      charged += PendingPredictions.bytes(id.length());
    }
    assertThat(p.bytes()).isEqualTo(charged);
    assertThat(p.take("req-", 0)).isNull();
    assertThat(p.take("req-100", 0)).isNull();
    for (int i = ids.size() - 1; i >= 0; i--) {
      assertThat(p.take(ids.get(i), 0)).as(ids.get(i)).isEqualTo(new PendingPredictions.Entry(i, -1, 2, i));
    }
    assertThat(p.size()).isZero();
    assertThat(p.bytes()).isZero();
  }

  /** The store against a plain insertion-ordered map with the same rules, on random operations. */
  @Test
  void randomOperations_matchAnInsertionOrderedMapModel() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> pool = new ArrayList<>(collidingIds(6));
    for (int i = 0; i < 64; i++) {
      pool.add("id" + i);
    }
    pool.addAll(idsOfEveryForm());
    int bound = 50; // below 128: one shard, so the model's global order is the shard's order
    long timeout = 40;
    PendingPredictions p = new PendingPredictions(bound, timeout);
    LinkedHashMap<String, PendingPredictions.Entry> model = new LinkedHashMap<>();
    long expiredModel = 0;
    long now = 0;
    for (int step = 0; step < 200_000; step++) {
      now += rnd.nextInt(3);
      String id = pool.get(rnd.nextInt(pool.size()));
      int op = rnd.nextInt(10);
      if (op < 5) {
        int v = rnd.nextInt(1000);
        p.put(id, Prediction.ofValue(v), now);
        model.remove(id);
        model.put(id, new PendingPredictions.Entry(v, -1, 2, now));
        expiredModel += evict(model, bound, timeout, now);
      } else if (op < 9) {
        PendingPredictions.Entry e = model.remove(id);
        if (e != null && now - e.time() > timeout) {
          e = null;
          expiredModel++;
        }
        assertThat(p.take(id, now)).as("step %d", step).isEqualTo(e);
      } else {
        p.expire(now);
        expiredModel += evict(model, Integer.MAX_VALUE, timeout, now);
      }
      assertThat(p.size()).isEqualTo(model.size());
      assertThat(p.expiredTotal()).isEqualTo(expiredModel);
    }
    assertThat(p.oldestFirst()).extracting(PendingPredictions.Saved::id)
        .containsExactlyElementsOf(model.keySet());
  }

  private static int evict(LinkedHashMap<String, PendingPredictions.Entry> m, int bound,
      long timeout, long now) {
    int n = 0;
    Iterator<Map.Entry<String, PendingPredictions.Entry>> it = m.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, PendingPredictions.Entry> head = it.next();
      if (m.size() > bound || now - head.getValue().time() > timeout) {
        it.remove();
        n++;
      } else {
        break;
      }
    }
    return n;
  }

  @Test
  void concurrentPutAndTake_loseNothingBelowTheBound() throws Exception {
    int threads = 4;
    int perThread = 20_000;
    PendingPredictions p = new PendingPredictions(100_000, DAY);
    AtomicInteger found = new AtomicInteger();
    AtomicInteger wrong = new AtomicInteger();
    Fixtures.concurrently(threads, thread -> {
      String[] ids = new String[perThread];
      for (int i = 0; i < perThread; i++) {
        ids[i] = thread + "-" + i;
        p.put(ids[i], Prediction.ofValue(thread * 1_000_000 + i), 0);
        if (i >= 500) {
          check(p.take(ids[i - 500], 0), thread * 1_000_000 + i - 500, found, wrong);
        }
      }
      for (int i = perThread - 500; i < perThread; i++) {
        check(p.take(ids[i], 0), thread * 1_000_000 + i, found, wrong);
      }
    });
    assertThat(wrong.get()).isZero();
    assertThat(found.get()).isEqualTo(threads * perThread);
    assertThat(p.size()).isZero();
    assertThat(p.expiredTotal()).isZero();
  }

  private static void check(PendingPredictions.Entry e, double expected, AtomicInteger found,
      AtomicInteger wrong) {
    if (e != null && e.value() == expected) {
      found.incrementAndGet();
    } else {
      wrong.incrementAndGet();
    }
  }
}
