package dev.mlops.core.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The gate's verdict on a run's model: PROMOTE or REJECT, with the reasons and every check made.
 *
 * <p>Immutable and thread-safe.
 *
 * @param decision PROMOTE, REJECT or INCONCLUSIVE
 * @param reasons why, one sentence each (the failed checks for a rejection)
 * @param checks every check, passed or not
 * @param championCompared whether a champion was compared against
 * @param comparisons the candidate against the champion on the same held-out rows, one per gated metric
 *     (empty without a champion)
 */
public record GateDecision(Decision decision, List<String> reasons, List<GateCheck> checks, boolean championCompared,
    List<ChampionComparison> comparisons) {

  /** The two outcomes. */
  public enum Decision {
    /** The model may replace the champion. */
    PROMOTE,
    /** The model must not be promoted. */
    REJECT,
    /**
     * No decision could be reached (the champion could not score the held-out rows): the model is
     * not promoted.
     */
    INCONCLUSIVE
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a field is null
   */
  public GateDecision {
    Objects.requireNonNull(decision, "decision");
    reasons = List.copyOf(reasons);
    checks = List.copyOf(checks);
    comparisons = List.copyOf(comparisons);
  }

  /**
   * A decision without champion comparisons.
   *
   * @param decision PROMOTE or REJECT
   * @param reasons why
   * @param checks every check
   * @param championCompared whether a champion was compared against
   */
  public GateDecision(Decision decision, List<String> reasons, List<GateCheck> checks, boolean championCompared) {
    this(decision, reasons, checks, championCompared, List.of());
  }

  /**
   * Whether the decision is PROMOTE.
   *
   * @return true to promote
   */
  public boolean promote() {
    return decision == Decision.PROMOTE;
  }

  /**
   * A multi-line summary.
   *
   * @return the text
   */
  public String toText() {
    return decision + (championCompared ? " (against the champion)" : " (no champion: absolute expectations)")
        + (reasons.isEmpty() ? "" : "\n  " + String.join("\n  ", reasons))
        + (checks.isEmpty() ? "" : "\n checks:\n  " + checks.stream()
            .map(c -> (c.passed() ? "[pass] " : "[FAIL] ") + c.name() + ": " + c.detail())
            .collect(Collectors.joining("\n  ")));
  }
}
