package dev.mlops.metrics.fairness;

import java.util.List;
import java.util.Objects;

/**
 * Group fairness of one classifier's decisions: for each sensitive attribute (and each requested
 * intersection of two), the rates of every group and the {@link Disparity disparities} between
 * them with bootstrap intervals. Built by {@link GroupFairness}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows the number of rows evaluated
 * @param labelled whether labels were given (otherwise only selection-rate disparities are defined)
 * @param attributes one entry per attribute, in the order they were added, intersections last
 * @param level the confidence level of the intervals
 * @param resamples the number of bootstrap resamples (0: no intervals)
 * @param seed the bootstrap seed
 */
public record FairnessEvaluation(long rows, boolean labelled, List<AttributeFairness> attributes,
    double level, int resamples, long seed) {

  /**
   * Validates the record.
   *
   * @throws NullPointerException if attributes is null
   * @throws IllegalArgumentException if rows or resamples is negative, the level is outside (0, 1),
   *     or two attributes share a name
   */
  public FairnessEvaluation {
    attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes"));
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative: " + rows);
    }
    if (resamples < 0) {
      throw new IllegalArgumentException("resamples must not be negative: " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
    }
    if (attributes.stream().map(AttributeFairness::attribute).distinct().count() != attributes.size()) {
      throw new IllegalArgumentException("attribute names must be unique: "
          + attributes.stream().map(AttributeFairness::attribute).toList());
    }
  }

  /**
   * One attribute by name.
   *
   * @param name the attribute (or intersection {@code "a & b"})
   * @return its fairness
   * @throws IllegalArgumentException if no attribute has that name
   */
  public AttributeFairness attribute(String name) {
    for (AttributeFairness a : attributes) {
      if (a.attribute().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("attribute must have been evaluated: " + name + " (evaluated: "
        + attributes.stream().map(AttributeFairness::attribute).toList() + ")");
  }

  /**
   * Renders every attribute as text.
   *
   * @return multi-line text
   */
  public String toText() {
    StringBuilder out = new StringBuilder("Group fairness (n = ").append(rows)
        .append(labelled ? ", labelled" : ", predictions only");
    if (resamples > 0) {
      out.append(", ").append(Math.round(level * 100)).append("% bootstrap intervals of ")
          .append(resamples).append(" group-stratified resamples");
    }
    out.append(")\n");
    for (AttributeFairness a : attributes) {
      out.append(a.toText());
    }
    return out.toString();
  }

  /**
   * Renders the evaluation as JSON (schema in docs/fairness-json.md): snake_case keys, undefined
   * rates and disparities as {@code null} with the reason beside them.
   *
   * @return the JSON document
   */
  public String toJson() {
    return FairnessJson.write(this);
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @param json the document
   * @return the evaluation
   * @throws IllegalArgumentException if the document is not a fairness evaluation of a known schema version
   */
  public static FairnessEvaluation fromJson(String json) {
    return FairnessJson.read(json);
  }
}
