package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/** Seeded synthetic data for monitor tests. */
final class Fixtures {

  static final String[] CITIES = {"paris", "lyon", "nice"};

  private Fixtures() {}

  /** Rows with numeric x ~ N(mean, sd), y ~ N(0, 1) and categorical city (50/30/20). */
  /** A mutable row of x, y and city, any of which may be null or of any type. */
  static Map<String, Object> row(Object x, Object y, Object city) {
    Map<String, Object> r = new HashMap<>();
    r.put("x", x);
    r.put("y", y);
    r.put("city", city);
    return r;
  }

  static List<Map<String, Object>> rows(int n, long seed, double mean, double sd) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("x", mean + sd * gaussian(r));
      row.put("y", gaussian(r));
      double u = r.nextDouble();
      row.put("city", u < 0.5 ? CITIES[0] : u < 0.8 ? CITIES[1] : CITIES[2]);
      rows.add(row);
    }
    return rows;
  }

  static double gaussian(SplittableRandom r) {
    // Box-Muller (one value per call; fine for tests)
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  static ReferenceProfile profile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x", "y").categorical("city");
    for (Map<String, Object> row : rows) {
      b.add(row);
    }
    return b.build();
  }

  /**
   * Runs {@code body.accept(thread)} for thread 0 to {@code threads - 1}, each on its own thread,
   * all released at once; waits for all and fails with the first exception a thread threw.
   */
  static void concurrently(int threads, IntConsumer body) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w = new Thread(() -> {
        try {
          start.await();
          body.accept(thread);
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      workers.add(w);
      w.start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(failures.size() + " of " + threads
          + " threads failed", failures.get(0));
      failures.subList(1, failures.size()).forEach(error::addSuppressed);
      throw error;
    }
  }
}
