package dev.mlops.bench.serving;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scratch probe (eleventh session, lead): nanoseconds per {@code DriftMonitor.record} of a binary
 * classifier, with the default profile estimate (the pipeline profile's estimate sample: until
 * the twelfth session the corrected chance was computed per row inside {@code record}, on the
 * request thread; since then where the buffered rows are applied, on the monitor's thread) and with
 * {@code withoutProfileEstimate()}, interleaved in batches of 200,000 records on one thread. A
 * rough figure for the next session, not a JMH benchmark. Seeded: reference 10,000 rows of 8 features,
 * {@code y ~ sigmoid(x0 + x1 + x2)}, windows of 10,000 rows.
 *
 * <pre>{@code
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.serving.EstimateRecordCost
 * }</pre>
 */
public final class EstimateRecordCost {

  private EstimateRecordCost() {}

  /**
   * Runs the probe.
   *
   * @param a unused
   */
  public static void main(String[] a) {
    int d = 8;
    int n = 10_000;
    SplittableRandom r = new SplittableRandom(11);
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "f" + j;
    }
    List<String> cols = new ArrayList<>(Arrays.asList(names));
    cols.add(ReferenceProfile.PREDICTION);
    cols.add(ReferenceProfile.LABEL);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric(cols.toArray(new String[0]));
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new HashMap<>();
      double z = 0;
      for (int j = 0; j < d; j++) {
        double x = r.nextGaussian();
        row.put(names[j], x);
        z += j < 3 ? x : 0;
      }
      double p = 1 / (1 + Math.exp(-z));
      row.put(ReferenceProfile.PREDICTION, p);
      row.put(ReferenceProfile.LABEL, r.nextDouble() < p ? 1.0 : 0.0);
      b.add(row);
    }
    ReferenceProfile profile = b.build();
    System.out.println("estimate sample: " + profile.estimateSample().isPresent());
    long t0 = System.nanoTime();
    DriftMonitor with = DriftMonitor.builder(profile).window(Window.tumblingCount(10_000)).build();
    System.out.printf("build with estimate %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    DriftMonitor without = DriftMonitor.builder(profile).window(Window.tumblingCount(10_000))
        .withoutProfileEstimate().build();
    double[][] xs = new double[4096][d];
    Prediction[] ps = new Prediction[4096];
    for (int i = 0; i < xs.length; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        xs[i][j] = r.nextGaussian() + 0.3;
        z += j < 3 ? xs[i][j] : 0;
      }
      double p = 1 / (1 + Math.exp(-z));
      ps[i] = Prediction.ofProbabilities(new double[] {1 - p, p});
    }
    int batch = 200_000;
    List<Double> tw = new ArrayList<>();
    List<Double> to = new ArrayList<>();
    for (int rep = 0; rep < 12; rep++) {
      for (DriftMonitor m : (rep % 2 == 0) ? List.of(with, without) : List.of(without, with)) {
        long s = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          m.record(xs[i & 4095], ps[i & 4095], null);
        }
        double ns = (System.nanoTime() - s) / (double) batch;
        if (rep >= 2) {
          (m == with ? tw : to).add(ns);
        }
      }
    }
    Collections.sort(tw);
    Collections.sort(to);
    System.out.println("ns/record with estimate: " + tw);
    System.out.println("ns/record without:       " + to);
    System.out.printf("median ratio %.2f%n", tw.get(tw.size() / 2) / to.get(to.size() / 2));
    // buffers the recording thread applied itself (the monitor's thread fell behind): in a loop
    // that does nothing but record, the chances' work comes back to the recording thread
    System.out.println("inline applies: with " + with.inlineFlushes() + ", without "
        + without.inlineFlushes() + " (of " + (12L * batch / 64) + " buffers each)");
    System.exit(0);
  }
}
