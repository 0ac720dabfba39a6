package dev.mlops.report;

import java.util.List;

/**
 * A gate decision as the report shows it: what was gated, the decision, the champion and the
 * candidate, their metrics side by side, and the reasons.
 *
 * <p>Immutable and thread-safe.
 *
 * @param label what was gated, e.g. {@code "retrain after month 9"}
 * @param window the window after which the gate ran (empty for the first training)
 * @param decision the decision, e.g. {@code "PROMOTE"}, {@code "REJECT"} or {@code "INCONCLUSIVE"}
 * @param champion the champion's version label (empty when there was none)
 * @param candidate the candidate's version label or description
 * @param comparisons the champion-versus-candidate rows (empty without a champion)
 * @param reasons the reasons, one line each
 */
public record GateRecord(String label, String window, String decision, String champion, String candidate,
    List<GateComparison> comparisons, List<String> reasons) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the decision is blank
   */
  public GateRecord {
    Checks.nonNull("label", label, "window", window, "decision", decision, "champion", champion,
        "candidate", candidate);
    comparisons = List.copyOf(comparisons);
    reasons = List.copyOf(reasons);
    if (decision.isBlank()) {
      throw new IllegalArgumentException("gate decision must not be blank: '" + decision + "'");
    }
  }

  /**
   * Whether the candidate was promoted.
   *
   * @return {@code true} when the decision is PROMOTE (case-insensitive)
   */
  public boolean promoted() {
    return decision.equalsIgnoreCase("PROMOTE");
  }
}
