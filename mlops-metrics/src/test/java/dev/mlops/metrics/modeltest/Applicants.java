package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ProbabilisticClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test data: loan applicants whose score is the model's P(approved), so every metric can be
 * recomputed by hand from {@link #SCORES} and {@link #LABELS} (see the python in the tests).
 */
final class Applicants {

  /** A row: the model reads only {@code score} (and {@code region} in the region-sensitive model). */
  record Applicant(String id, String region, double score, int label) {
    Applicant withRegion(String newRegion) {
      return new Applicant(id, newRegion, score, label);
    }

    Applicant withId(String newId) {
      return new Applicant(newId, region, score, label);
    }
  }

  // python: s=np.array(SCORES); y=np.array(LABELS)
  static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.05, 0.35, 0.3, 0.2, 0.1, 0.65, 0.45, 0.75, 0.15};
  static final int[] LABELS = {1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0};
  static final String[] REGIONS = {"north", "north", "north", "north", "north", "north", "north",
      "south", "south", "south", "south", "south", "east", "east", "east"};

  /** P(approved) = score. */
  static final ProbabilisticClassifier<Applicant> MODEL = a -> new double[] {1 - a.score(), a.score()};

  /** Adds 0.3 to P(approved) in region "west": not invariant to the region. */
  static final ProbabilisticClassifier<Applicant> REGION_SENSITIVE = a -> {
    double s = "west".equals(a.region()) ? Math.min(1, a.score() + 0.3) : a.score();
    return new double[] {1 - s, s};
  };

  /** Always right: P(approved) = label. */
  static final ProbabilisticClassifier<Applicant> ORACLE = a -> new double[] {1 - a.label(), a.label()};

  private Applicants() {}

  static List<Applicant> rows() {
    List<Applicant> rows = new ArrayList<>();
    for (int i = 0; i < SCORES.length; i++) {
      rows.add(new Applicant("r" + i, REGIONS[i], SCORES[i], LABELS[i]));
    }
    return rows;
  }

  /** {@code n} generated applicants: label ~ Bernoulli(score), score ~ U(0, 1), seeded. */
  static List<Applicant> generated(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Applicant> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double score = random.nextDouble();
      int label = random.nextDouble() < score ? 1 : 0;
      rows.add(new Applicant("g" + i, i % 2 == 0 ? "north" : "south", score, label));
    }
    return rows;
  }

  static int[] labels(List<Applicant> rows) {
    return rows.stream().mapToInt(Applicant::label).toArray();
  }
}
