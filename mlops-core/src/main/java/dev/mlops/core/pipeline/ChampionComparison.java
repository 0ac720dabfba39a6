package dev.mlops.core.pipeline;

import dev.mlops.core.internal.Checks;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gate's comparison of the candidate with the champion on one metric, both scored on the same
 * held-out rows: both values, the difference with its confidence interval and the p-value of the
 * paired test, and whether the gate's threshold on that metric passed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric's key, e.g. {@code "roc_auc"}
 * @param champion the champion's value on the held-out rows
 * @param candidate the candidate's value on the same rows
 * @param difference {@code candidate - champion}
 * @param lower the lower bound of the difference's 95% interval ({@code NaN} if not computed)
 * @param upper the upper bound of the difference's 95% interval ({@code NaN} if not computed)
 * @param pValue the two-sided p-value of "no difference" ({@code NaN} if not computed)
 * @param test the paired test, e.g. {@code "delong"}, {@code "mcnemar_exact"}, {@code "paired_bootstrap"}
 * @param n the held-out rows both models scored
 * @param passed whether the gate's threshold (and significance, when required) on this metric passed
 */
public record ChampionComparison(String metric, double champion, double candidate, double difference, double lower,
    double upper, double pValue, String test, long n, boolean passed) {

  private static final String PREFIX = "gate.";

  /**
   * Validates the comparison.
   *
   * @throws NullPointerException if a text component is null
   */
  public ChampionComparison {
    Checks.nonNull("metric", metric, "test", test);
  }

  static ChampionComparison of(Metric metric, double champion, double candidate, ComparisonResult r, boolean passed) {
    if (r == null) {
      return new ChampionComparison(metric.key(), champion, candidate, candidate - champion, Double.NaN, Double.NaN,
          Double.NaN, "", 0, passed);
    }
    return new ChampionComparison(metric.key(), r.baseline(), r.candidate(), r.difference(), r.differenceCi().lower(),
        r.differenceCi().upper(), r.pValue(), r.test(), r.n(), passed);
  }

  /**
   * One line for a log or a console: both values, the difference, its interval and p-value, the verdict.
   *
   * @return e.g. {@code "roc_auc: champion 0.6450, candidate 0.7363, difference +0.0913 [0.051, 0.132], p = 1.2e-05 (delong), pass"}
   */
  public String toText() {
    return String.format(Locale.ROOT, "%s: champion %.4f, candidate %.4f, difference %+.4f%s%s, %s", metric, champion,
        candidate, difference, Double.isNaN(lower) ? "" : String.format(Locale.ROOT, " [%.4f, %.4f]", lower, upper),
        Double.isNaN(pValue) ? "" : String.format(Locale.ROOT, ", p = %.3g (%s)", pValue, test),
        passed ? "pass" : "fail");
  }

  /**
   * Writes the comparison into a string metadata map (keys {@code gate.<metric>.<field>}), as the
   * run record's metadata carries it into the registry and a retrain's outcome.
   *
   * @param metadata the map to write into
   */
  public void writeTo(Map<String, String> metadata) {
    String k = PREFIX + metric + ".";
    metadata.put(k + "champion", Double.toString(champion));
    metadata.put(k + "candidate", Double.toString(candidate));
    metadata.put(k + "difference", Double.toString(difference));
    metadata.put(k + "ci_lower", Double.toString(lower));
    metadata.put(k + "ci_upper", Double.toString(upper));
    metadata.put(k + "p_value", Double.toString(pValue));
    metadata.put(k + "test", test);
    metadata.put(k + "n", Long.toString(n));
    metadata.put(k + "passed", Boolean.toString(passed));
  }

  /**
   * Reads back the comparisons {@link #writeTo(Map)} wrote (e.g. from a retrain's outcome metadata).
   *
   * @param metadata the metadata
   * @return the comparisons, in the order found
   * @throws IllegalArgumentException if a comparison's entry is not a number where one is expected
   */
  public static List<ChampionComparison> readFrom(Map<String, String> metadata) {
    Map<String, ChampionComparison> out = new LinkedHashMap<>();
    for (String key : metadata.keySet()) {
      if (key.startsWith(PREFIX) && key.endsWith(".champion")) {
        String metric = key.substring(PREFIX.length(), key.length() - ".champion".length());
        String k = PREFIX + metric + ".";
        out.put(metric, new ChampionComparison(metric, number(metadata, k + "champion"),
            number(metadata, k + "candidate"), number(metadata, k + "difference"), number(metadata, k + "ci_lower"),
            number(metadata, k + "ci_upper"), number(metadata, k + "p_value"), metadata.getOrDefault(k + "test", ""),
            (long) number(metadata, k + "n"), Boolean.parseBoolean(metadata.get(k + "passed"))));
      }
    }
    return List.copyOf(out.values());
  }

  private static double number(Map<String, String> metadata, String key) {
    String v = metadata.get(key);
    if (v == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("gate metadata " + key + " must be a number: " + v, e);
    }
  }
}
