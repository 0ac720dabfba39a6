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
import java.util.TreeMap;

/**
 * Broken pipelines replayed through a default {@link DriftMonitor} (no threshold or quality
 * setting), as a new user would meet them: a seeded stream (or bike sharing 2012 against a 2011
 * profile) whose rows, from a known row on, carry one break. Measured per break: the windows until
 * a finding names the broken field (a data-quality finding, else a drift verdict of the field; a
 * swap only by a finding that names both fields as swapped),
 * which finding, and how many of the broken windows name it; and, on the clean replays, every
 * finding (each a false finding). Stateless; the figures are a function of the seeds.
 */
public final class BrokenPipelines {

  private BrokenPipelines() {}

  /** One broken pipeline. */
  public enum Break {
    /** No break: the clean replay. */
    NONE,
    /** A numeric feature stuck at one value inside its training range (an imputed default). */
    STUCK_CONSTANT,
    /** A categorical feature mapped to one of its categories. */
    CATEGORY_TO_ONE,
    /** A numeric feature rounded to few values. */
    ROUNDED,
    /** Half of a feature's values (at random) replaced by one value inside its range. */
    TOP_SHARE,
    /** A unit change: a positive feature times 1,000. */
    TIMES_1000,
    /** A positive feature's sign flipped. */
    SIGN_FLIP,
    /** A feature all-missing (null, or absent from the row). */
    ALL_MISSING,
    /** Two features' values swapped. */
    SWAPPED,
    /** Two categorical features with overlapping categories swapped (bike only). */
    SWAPPED_CATEGORICAL,
    /** An id and a timestamp field that are not features, not declared. */
    EXTRA_ID,
    /** The same fields declared with {@code ignoreFields}: no finding expected. */
    EXTRA_ID_IGNORED
  }

  /**
   * Which fields each break touches on one stream.
   *
   * @param stuck field and value of {@link Break#STUCK_CONSTANT}
   * @param stuckValue the stuck value
   * @param category field of {@link Break#CATEGORY_TO_ONE}
   * @param categoryValue the one value
   * @param rounded field of {@link Break#ROUNDED}
   * @param roundingStep the step it is rounded to
   * @param top field of {@link Break#TOP_SHARE}
   * @param topValue the value half of its rows get
   * @param positive the positive field scaled and sign-flipped
   * @param missing field of {@link Break#ALL_MISSING}
   * @param absent whether the missing field is left out of the row (else null)
   * @param swapA first swapped field
   * @param swapB second swapped field
   * @param categoricalSwapA first swapped categorical field (null: the stream has no pair)
   * @param categoricalSwapB second swapped categorical field
   */
  public record Fields(String stuck, Object stuckValue, String category, Object categoryValue,
      String rounded, double roundingStep, String top, Object topValue, String positive,
      String missing, boolean absent, String swapA, String swapB, String categoricalSwapA,
      String categoricalSwapB) {

    /** The fields of the synthetic stream ({@code amount = exp(a1)}). */
    static final Fields SYNTHETIC = new Fields("a0", 0.3, "cat", "k1", "a1", 1.0, "season", 0.0,
        "amount", "walk", false, "a0", "season", null, null);
    /** The fields of bike sharing (the imputed {@code atemp} = 0.4697). */
    static final Fields BIKE = new Fields("atemp", 0.4697, "weathersit", 1.0, "hum", 0.1,
        "windspeed", 0.0, "windspeed", "atemp", true, "temp", "hum", "season", "weathersit");

    /** The field(s) a break touches; a finding naming one of them detects it. */
    List<String> named(Break b) {
      return switch (b) {
        case NONE -> List.of();
        case STUCK_CONSTANT -> List.of(stuck);
        case CATEGORY_TO_ONE -> List.of(category);
        case ROUNDED -> List.of(rounded);
        case TOP_SHARE -> List.of(top);
        case TIMES_1000, SIGN_FLIP -> List.of(positive);
        case ALL_MISSING -> List.of(missing);
        case SWAPPED -> List.of(swapA, swapB);
        case SWAPPED_CATEGORICAL -> categoricalSwapA == null ? List.of()
            : List.of(categoricalSwapA, categoricalSwapB);
        case EXTRA_ID, EXTRA_ID_IGNORED -> List.of("request_id", "ts");
      };
    }
  }

  /** The break applied to row {@code i} of the live stream (a copy; rows before it are clean). */
  static Map<String, Object> apply(Break b, Fields f, Map<String, Object> row, long i) {
    Map<String, Object> r = new LinkedHashMap<>(row);
    switch (b) {
      case NONE -> { }
      case STUCK_CONSTANT -> r.put(f.stuck(), f.stuckValue());
      case CATEGORY_TO_ONE -> r.put(f.category(), f.categoryValue());
      case ROUNDED -> r.put(f.rounded(),
          Math.rint((Double) r.get(f.rounded()) / f.roundingStep()) * f.roundingStep());
      case TOP_SHARE -> {
        if ((mix(i) & 1) == 0) {
          r.put(f.top(), f.topValue());
        }
      }
      case TIMES_1000 -> r.put(f.positive(), (Double) r.get(f.positive()) * 1000);
      case SIGN_FLIP -> r.put(f.positive(), -(Double) r.get(f.positive()));
      case ALL_MISSING -> {
        if (f.absent()) {
          r.remove(f.missing());
        } else {
          r.put(f.missing(), null);
        }
      }
      case SWAPPED -> {
        Object a = r.get(f.swapA());
        r.put(f.swapA(), r.get(f.swapB()));
        r.put(f.swapB(), a);
      }
      case SWAPPED_CATEGORICAL -> {
        if (f.categoricalSwapA() != null) {
          Object a = r.get(f.categoricalSwapA());
          r.put(f.categoricalSwapA(), r.get(f.categoricalSwapB()));
          r.put(f.categoricalSwapB(), a);
        }
      }
      case EXTRA_ID, EXTRA_ID_IGNORED -> {
        r.put("request_id", "req-" + Long.toHexString(mix(i)));
        r.put("ts", 1_700_000_000_000L + 3_600_000L * i);
      }
    }
    return r;
  }

  /** SplitMix64 of a row index: the seeded coin of {@link Break#TOP_SHARE}, the ids. */
  private static long mix(long i) {
    long z = i * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E7E5L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The outcome of one replay.
   *
   * @param windows windows replayed
   * @param firstBroken index of the window holding the break's first row (-1 for a clean replay)
   * @param detectedWithin windows from that one (1 = the window holding the break's start) until
   *     the first naming the broken field; 0 when none did
   * @param namingWindows broken windows naming the field
   * @param brokenWindows windows at or after the break's start
   * @param finding the first finding naming the field (quality finding, else drift reason)
   * @param falseWindows windows before the break (all windows of a clean replay) with any
   *     data-quality finding or dataset drift
   * @param falseFindings the data-quality findings and drifted features of those windows, by
   *     field
   * @param sampleFalse the first false finding's text
   */
  public record Outcome(int windows, int firstBroken, int detectedWithin, int namingWindows,
      int brokenWindows, String finding, int falseWindows, Map<String, Integer> falseFindings,
      String sampleFalse) {}

  /**
   * Replays {@code live} with {@code brk} applied from row {@code breakRow} on through a default
   * monitor on {@code profile}, in tumbling windows of {@code window} rows.
   *
   * @param profile the reference profile
   * @param live the live rows, in time order
   * @param brk the break
   * @param fields the stream's fields
   * @param breakRow the first broken row (ignored for {@link Break#NONE})
   * @param window rows per window
   * @return the outcome
   */
  public static Outcome replay(ReferenceProfile profile, List<Map<String, Object>> live,
      Break brk, Fields fields, int breakRow, int window) {
    DriftMonitor.Builder b = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(window))
        .history(live.size() / window + 2);
    if (brk == Break.EXTRA_ID_IGNORED) {
      b.ignoreFields("request_id", "ts");
    }
    DriftMonitor monitor = b.build();
    int start = brk == Break.NONE ? Integer.MAX_VALUE : breakRow;
    for (int i = 0; i < live.size(); i++) {
      monitor.record(i >= start ? apply(brk, fields, live.get(i), i) : live.get(i), null, null);
    }
    List<DriftReport> reports = monitor.history();
    List<String> named = fields.named(brk);
    int firstBroken = brk == Break.NONE ? -1 : breakRow / window;
    int detected = 0;
    int naming = 0;
    String finding = null;
    int falseWindows = 0;
    Map<String, Integer> falseBy = new TreeMap<>();
    String sampleFalse = null;
    for (int w = 0; w < reports.size(); w++) {
      DriftReport r = reports.get(w);
      List<String> texts = texts(r);
      if (firstBroken < 0 || w < firstBroken) {
        if (!texts.isEmpty()) {
          falseWindows++;
          for (String t : texts) {
            falseBy.merge(field(t), 1, Integer::sum);
          }
          sampleFalse = sampleFalse == null ? texts.get(0) : sampleFalse;
        }
        continue;
      }
      String hit = null;
      for (String t : texts) {
        if (brk == Break.SWAPPED ? namesSwap(t, fields.swapA(), fields.swapB())
            : brk == Break.SWAPPED_CATEGORICAL
                ? namesSwap(t, fields.categoricalSwapA(), fields.categoricalSwapB())
                : names(t, named)) {
          hit = t;
          break;
        }
      }
      if (hit != null) {
        naming++;
        if (detected == 0) {
          detected = w - firstBroken + 1;
          finding = hit;
        }
      }
    }
    return new Outcome(reports.size(), firstBroken, detected, naming,
        firstBroken < 0 ? 0 : reports.size() - firstBroken, finding, falseWindows, falseBy,
        sampleFalse);
  }

  /** A window's findings: the data-quality lines first, then "field: reason" per drifted field. */
  static List<String> texts(DriftReport r) {
    List<String> out = new ArrayList<>(r.dataQuality().findings());
    for (FeatureDrift f : r.driftedFeatures()) {
      out.add(f.feature() + ": drift " + f.reason());
    }
    if (r.datasetDrift() && r.driftedFeatures().isEmpty()) {
      out.add("dataset: drift");
    }
    return out;
  }

  /** A swap is detected only when a finding names it as one (drift of either field is not). */
  private static boolean namesSwap(String text, String a, String b) {
    return a != null && (text.startsWith(a + " and " + b + " look swapped")
        || text.startsWith(b + " and " + a + " look swapped"));
  }

  private static boolean names(String text, List<String> fields) {
    for (String f : fields) {
      if (text.startsWith(f + ":") || text.contains(f + "=")) {
        return true;
      }
    }
    return false;
  }

  private static String field(String text) {
    int c = text.indexOf(':');
    String f = c < 0 ? text : text.substring(0, c);
    return f.startsWith("unknown feature names") ? "(unknown)" : f;
  }

  /**
   * The synthetic stream of {@link ReplayScenarios} with a positive field {@code amount =
   * exp(a1)}: a reference of {@value ReplayScenarios#REFERENCE_ROWS} rows, then as many live
   * rows, broken from live row {@code breakRow}.
   *
   * @param rho the AR(1) features' autocorrelation
   * @param seed the seed
   * @param brk the break
   * @param breakRow first broken live row
   * @param window rows per window
   * @param own also replay the reference's own rows (clean) first: the outcome of those
   * @return the outcome of the live rows (or of the own rows when {@code own})
   */
  public static Outcome synthetic(double rho, long seed, Break brk, int breakRow, int window,
      boolean own) {
    ReplayScenarios.Stream stream = new ReplayScenarios.Stream(rho, seed);
    List<Map<String, Object>> reference = withAmount(stream.next(ReplayScenarios.REFERENCE_ROWS));
    List<Map<String, Object>> live = withAmount(stream.next(ReplayScenarios.REFERENCE_ROWS));
    ReferenceProfile profile = ReplayScenarios.profile(reference, ReplayScenarios.Path.ROWS);
    return replay(profile, own ? reference : live, own ? Break.NONE : brk, Fields.SYNTHETIC,
        breakRow, window);
  }

  private static List<Map<String, Object>> withAmount(List<Map<String, Object>> rows) {
    for (Map<String, Object> r : rows) {
      r.put("amount", Math.exp((Double) r.get("a1")));
    }
    return rows;
  }

  /**
   * Bike sharing: the 2011 hours' features (as {@link BikeScenarios}, without the label) profiled
   * in time order; 2012 (or 2011 itself when {@code own}) replayed with the break from row {@code
   * breakRow}.
   *
   * @param csv hour.csv
   * @param brk the break
   * @param breakRow first broken row of 2012
   * @param window rows per window
   * @param own replay 2011 against its own profile instead (clean)
   * @return the outcome
   */
  public static Outcome bike(java.nio.file.Path csv, Break brk, int breakRow, int window,
      boolean own) {
    List<Map<String, Object>> y2011 = ReplayScenarios.features(BikeScenarios.read(csv, 2011));
    ReferenceProfile profile = ReplayScenarios.profile(y2011, ReplayScenarios.Path.ROWS);
    List<Map<String, Object>> live = own ? y2011 : ReplayScenarios.features(BikeScenarios.read(csv, 2012));
    return replay(profile, live, own ? Break.NONE : brk, Fields.BIKE, breakRow, window);
  }
}
