package dev.mlops.metrics.fairness;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The groups of one sensitive attribute (or of the intersection of two) with their rates and the
 * disparities between them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param attribute the attribute's name (an intersection is named {@code "a & b"})
 * @param groups every group with at least one row, sorted by name; groups below the minimum size
 *     are listed but not {@link GroupRates#judged() judged}
 * @param disparities one value per {@link Disparity}, in the enum's order
 * @param minGroupSize the minimum group size for a group to be judged
 */
public record AttributeFairness(String attribute, List<GroupRates> groups,
    List<DisparityValue> disparities, int minGroupSize) {

  /**
   * Validates the record.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if minGroupSize is negative or a disparity is missing
   */
  public AttributeFairness {
    Objects.requireNonNull(attribute, "attribute");
    groups = List.copyOf(groups);
    disparities = List.copyOf(disparities);
    if (minGroupSize < 0) {
      throw new IllegalArgumentException("min group size must not be negative: " + minGroupSize);
    }
    if (disparities.size() != Disparity.values().length) {
      throw new IllegalArgumentException("disparities must hold one value per Disparity: " + disparities.size());
    }
  }

  /**
   * The value of one disparity.
   *
   * @param disparity the disparity
   * @return its value (possibly undefined, with the reason)
   */
  public DisparityValue disparity(Disparity disparity) {
    return disparities.get(disparity.ordinal());
  }

  /**
   * One group by name.
   *
   * @param name the group's name
   * @return its rates
   * @throws IllegalArgumentException if no group has that name
   */
  public GroupRates group(String name) {
    for (GroupRates g : groups) {
      if (g.group().equals(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException("group must exist in attribute '" + attribute + "': " + name);
  }

  /**
   * Renders the per-group table (what assertion failures show).
   *
   * @return the table, one line per group
   */
  public String groupTable() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "  %-24s %9s %9s %9s %9s %9s %9s %s%n", "group", "n",
        "selected", "TPR", "FPR", "precision", "accuracy", ""));
    for (GroupRates g : groups) {
      out.append(String.format(Locale.ROOT, "  %-24s %9d %9s %9s %9s %9s %9s %s%n", g.group(), g.size(),
          num(g.selectionRate()), num(g.truePositiveRate()), num(g.falsePositiveRate()), num(g.precision()),
          num(g.accuracy()), g.judged() ? "" : "(below min size " + minGroupSize + ", not judged)"));
    }
    return out.toString();
  }

  /**
   * Renders the attribute: the group table and every disparity with its interval and groups.
   *
   * @return multi-line text
   */
  public String toText() {
    StringBuilder out = new StringBuilder("Attribute ").append(attribute).append('\n').append(groupTable());
    for (DisparityValue d : disparities) {
      out.append(String.format(Locale.ROOT, "  %-30s ", d.disparity().key()));
      if (d.defined()) {
        out.append(num(d.value()));
        if (d.ci() != null) {
          out.append(String.format(Locale.ROOT, " [%s, %s]", num(d.ci().lower()), num(d.ci().upper())));
        }
        out.append("  (").append(d.highGroup()).append(" vs ").append(d.lowGroup()).append(')');
      } else {
        out.append("undefined: ").append(d.reason());
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
