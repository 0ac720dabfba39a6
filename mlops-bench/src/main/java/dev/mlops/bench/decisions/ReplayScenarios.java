package dev.mlops.bench.decisions;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A model's own training period replayed as live traffic, as a new user would do it: a reference
 * profile built each way the API offers (rows in order, whole ordered columns, merged consecutive
 * parts, saved and read back), a default {@link DriftMonitor} on it (no threshold setting), the
 * reference's own rows and a fresh continuation of the same stationary process replayed in
 * tumbling windows. Every flagged window is a false alarm. Stateless; the figures are a function
 * of the seeds.
 */
public final class ReplayScenarios {

  /** Rows of the reference (the "training period"). */
  public static final int REFERENCE_ROWS = 10_000;
  /** Period of the seasonal feature, in rows. */
  public static final int PERIOD = 2_000;
  private static final double[] CUTS = {-0.8416212335729143, 0, 0.8416212335729143};

  private ReplayScenarios() {}

  /** How the user builds the reference profile. */
  public enum Path {
    /** {@code ReferenceProfile.builder().add(row)} for each row in time order. */
    ROWS,
    /** {@code addColumn(name, values)} with each whole column in time order. */
    COLUMNS,
    /** {@code addColumns(Map)} for the numeric columns, {@code addColumn} for the categorical. */
    COLUMN_MAP,
    /** Two profiles of consecutive halves (rows in order), {@code first.merge(second)}. */
    MERGED_ROWS,
    /** Four profiles of consecutive quarters (whole columns), merged in order. */
    MERGED_COLUMNS,
    /** The rows' profile written with {@code toBytes()} and read with {@code fromBytes}. */
    SAVED_ROWS,
    /** The columns' profile written with {@code toBytes()} and read with {@code fromBytes}. */
    SAVED_COLUMNS
  }

  /**
   * A seeded stationary stream: {@code a0}, {@code a1} AR(1) at {@code rho}; {@code cat} four
   * categories cut from an AR(1) latent at {@code rho} (shares 0.2, 0.3, 0.3, 0.2); {@code walk}
   * AR(1) at 0.999 (random-walk-ish, stationary); {@code season} a sine of period {@value
   * #PERIOD} rows plus AR(1) noise at {@code rho}. All marginals stationary.
   */
  static final class Stream {
    private final double rho;
    private final SplittableRandom random;
    private final double[] state = new double[5];
    private long t;

    Stream(double rho, long seed) {
      this.rho = rho;
      this.random = new SplittableRandom(seed);
      for (int i = 0; i < state.length; i++) {
        state[i] = gaussian();
      }
      this.t = random.nextInt(PERIOD);
    }

    private double gaussian() {
      double u = random.nextDouble();
      double v = random.nextDouble();
      return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    Map<String, Object> next() {
      for (int i = 0; i < 5; i++) {
        double r = i == 3 ? 0.999 : rho;
        state[i] = r * state[i] + Math.sqrt(1 - r * r) * gaussian();
      }
      t++;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("a0", state[0]);
      row.put("a1", state[1]);
      int k = 0;
      while (k < CUTS.length && state[2] > CUTS[k]) {
        k++;
      }
      row.put("cat", "k" + k);
      row.put("walk", state[3]);
      row.put("season", Math.sin(2 * Math.PI * t / PERIOD) + 0.5 * state[4]);
      return row;
    }

    List<Map<String, Object>> next(int n) {
      List<Map<String, Object>> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rows.add(next());
      }
      return rows;
    }
  }

  /**
   * The profile of {@code rows} built along {@code path}.
   *
   * @param rows the reference rows in time order
   * @param path how the profile is built
   * @return the profile
   */
  public static ReferenceProfile profile(List<Map<String, Object>> rows, Path path) {
    return switch (path) {
      case ROWS -> byRows(rows);
      case COLUMNS -> byColumns(rows, false);
      case COLUMN_MAP -> byColumns(rows, true);
      case MERGED_ROWS -> byRows(rows.subList(0, rows.size() / 2))
          .merge(byRows(rows.subList(rows.size() / 2, rows.size())));
      case MERGED_COLUMNS -> {
        int q = rows.size() / 4;
        ReferenceProfile p = byColumns(rows.subList(0, q), false);
        for (int i = 1; i < 4; i++) {
          p = p.merge(byColumns(rows.subList(i * q, i == 3 ? rows.size() : (i + 1) * q), false));
        }
        yield p;
      }
      case SAVED_ROWS -> ReferenceProfile.fromBytes(byRows(rows).toBytes());
      case SAVED_COLUMNS -> ReferenceProfile.fromBytes(byColumns(rows, false).toBytes());
    };
  }

  /** The default builder: no declaration, kinds inferred as a new user's profile has them. */
  private static ReferenceProfile.Builder builder() {
    return ReferenceProfile.builder();
  }

  private static ReferenceProfile byRows(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = builder();
    rows.forEach(b::add);
    return b.build();
  }

  private static ReferenceProfile byColumns(List<Map<String, Object>> rows, boolean map) {
    ReferenceProfile.Builder b = builder();
    Map<String, double[]> columns = new LinkedHashMap<>();
    Map<String, String[]> categorical = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : rows.get(0).entrySet()) {
      String name = e.getKey();
      if (e.getValue() instanceof Double) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (Double) rows.get(i).get(name);
        }
        columns.put(name, v);
      } else {
        String[] v = new String[rows.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (String) rows.get(i).get(name);
        }
        categorical.put(name, v);
      }
    }
    if (map) {
      b.addColumns(columns);
    } else {
      columns.forEach(b::addColumn);
    }
    categorical.forEach(b::addColumn);
    return b.build();
  }

  /**
   * Flags of one replay.
   *
   * @param windows windows replayed
   * @param datasetDrift windows that flagged dataset drift
   * @param featureFlags feature verdicts of drift over all windows
   * @param byFeature drift verdicts per feature
   * @param sampleReason the reason of the first drifted feature verdict (or of {@code a0} when
   *     none drifted) in the first window
   */
  public record Flags(int windows, int datasetDrift, int featureFlags,
      Map<String, Integer> byFeature, String sampleReason) {

    /**
     * The sum of two counts (the sample reason of this one).
     *
     * @param o the other
     * @return the sums
     */
    public Flags plus(Flags o) {
      Map<String, Integer> m = new TreeMap<>(byFeature);
      o.byFeature.forEach((k, v) -> m.merge(k, v, Integer::sum));
      return new Flags(windows + o.windows, datasetDrift + o.datasetDrift,
          featureFlags + o.featureFlags, m, sampleReason == null ? o.sampleReason : sampleReason);
    }

    static Flags none() {
      return new Flags(0, 0, 0, Map.of(), null);
    }
  }

  /**
   * Bike sharing: the 2011 hours (features only) as the reference, replayed against their own
   * profile built along {@code path}; then 2012 (a real change: more demand, another year's
   * weather), which is not a false-alarm count.
   *
   * @param csv hour.csv
   * @param path how the profile is built
   * @param window rows per window (at most the 8,645 hours of 2011)
   * @return the flags of 2011 and of 2012
   */
  public static Flags[] bike(java.nio.file.Path csv, Path path, int window) {
    List<Map<String, Object>> y2011 = features(BikeScenarios.read(csv, 2011));
    List<Map<String, Object>> y2012 = features(BikeScenarios.read(csv, 2012));
    int w = Math.min(window, y2011.size());
    return replay(profile(y2011, path), y2011, y2012, w);
  }

  static List<Map<String, Object>> features(List<Map<String, Object>> rows) {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      Map<String, Object> m = new LinkedHashMap<>(r);
      m.remove(ReferenceProfile.LABEL);
      out.add(m);
    }
    return out;
  }

  /**
   * Replays the reference's own rows and then the rows of its continuation
   * through a default monitor on the profile.
   *
   * @param profile the profile of {@code reference}
   * @param reference the reference rows
   * @param continuation the rows that follow them
   * @param window rows per tumbling window
   * @return the flags of the own rows and of the continuation
   */
  public static Flags[] replay(ReferenceProfile profile, List<Map<String, Object>> reference,
      List<Map<String, Object>> continuation, int window) {
    DriftMonitor monitor = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(window))
        .history(2 * (reference.size() + continuation.size()) / window + 2)
        .build();
    reference.forEach(r -> monitor.record(r, null, null));
    int own = reference.size() / window;
    continuation.forEach(r -> monitor.record(r, null, null));
    List<DriftReport> reports = monitor.history();
    return new Flags[] {count(reports.subList(0, own)),
        count(reports.subList(own, reports.size()))};
  }

  private static Flags count(List<DriftReport> reports) {
    int dataset = 0;
    int features = 0;
    Map<String, Integer> by = new TreeMap<>();
    String reason = null;
    for (DriftReport r : reports) {
      dataset += r.datasetDrift() ? 1 : 0;
      for (FeatureDrift f : r.driftedFeatures()) {
        features++;
        by.merge(f.feature(), 1, Integer::sum);
        if (reason == null) {
          reason = f.feature() + ": " + f.reason();
        }
      }
    }
    if (reason == null && !reports.isEmpty()) {
      reason = reports.get(0).feature("a0").map(f -> "a0: " + f.reason()).orElse("-");
    }
    return new Flags(reports.size(), dataset, features, by, reason);
  }

  /**
   * One cell of the replay table: {@code seeds} seeded streams, each a reference of {@value
   * #REFERENCE_ROWS} rows and as many rows of continuation.
   *
   * @param rho the autocorrelation of the AR(1) features
   * @param path how the profile is built
   * @param window rows per window
   * @param firstSeed the first seed
   * @param seeds how many seeds
   * @return the flags of the own rows and of the continuation, summed over seeds
   */
  public static Flags[] cell(double rho, Path path, int window, long firstSeed, int seeds) {
    window = Math.min(window, REFERENCE_ROWS);
    Flags own = Flags.none();
    Flags cont = Flags.none();
    for (long s = firstSeed; s < firstSeed + seeds; s++) {
      Stream stream = new Stream(rho, s);
      List<Map<String, Object>> reference = stream.next(REFERENCE_ROWS);
      List<Map<String, Object>> continuation = stream.next(REFERENCE_ROWS);
      Flags[] f = replay(profile(reference, path), reference, continuation, window);
      own = own.plus(f[0]);
      cont = cont.plus(f[1]);
    }
    return new Flags[] {own, cont};
  }
}
