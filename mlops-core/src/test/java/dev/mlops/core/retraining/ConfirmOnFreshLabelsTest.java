package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.Role;
import dev.mlops.metrics.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A realised-performance firing confirmed on the labels after it ({@link
 * RetrainPolicy#realisedPerformanceConfirmed}): a false alarm of the sequential test on a stationary
 * stream is cleared and never fires (so never retrains), a large real drop fires one check (62 labels
 * of 500) later, a mild one within as many fresh labels as the window that found it.
 */
final class ConfirmOnFreshLabelsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final PerformanceMeasure ACCURACY = PerformanceMeasure.of(Metric.ACCURACY);
  private static final int WINDOW = 500;
  private static final int STEP = WINDOW / 8;

  /** Held-out: accuracy 0.8955 on 1,000 rows, class 0 recall 0.90 (850 rows), class 1 recall 0.87 (150 rows). */
  private static final PolicyState.ReferencePerformance REFERENCE = new PolicyState.ReferencePerformance("accuracy",
      0.8955, 1_000, "held-out evaluation of v1",
      List.of(new PolicyState.ClassRecall(0, 0.90, 850), new PolicyState.ClassRecall(1, 0.87, 150)));

  /** A labelled stream: 15% of class 1, each row right with its class's recall; class 1's recall is {@code after} from row {@code change}. */
  private record Stream(double[] y, List<PredictionResult> p) {
    static Stream of(long seed, int n, int change, double after) {
      SplittableRandom r = new SplittableRandom(seed);
      double[] y = new double[n];
      List<PredictionResult> p = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int label = r.nextDouble() < 0.15 ? 1 : 0;
        double recall = label == 0 ? 0.90 : i >= change ? after : 0.87;
        int predicted = r.nextDouble() < recall ? label : 1 - label;
        y[i] = label;
        p.add(new PredictionResult("r" + i, "m", 1, Role.CHAMPION, predicted,
            predicted == 1 ? new double[] {0.2, 0.8} : new double[] {0.8, 0.2}));
      }
      return new Stream(y, p);
    }

    /** The policy's state after {@code count} labels: the last 500 of them. */
    PolicyState at(int count) {
      int from = Math.max(0, count - WINDOW);
      return new PolicyState(T0, T0, count, Arrays.copyOfRange(y, from, count), p.subList(from, count), count,
          REFERENCE, List.of());
    }
  }

  /** The label count at which the policy first fires, with the firing; empty if it never does. */
  private static Optional<int[]> firstFiring(RetrainPolicy policy, Stream s, List<Firing> out) {
    for (int count = STEP; count <= s.y.length; count++) {
      Optional<Firing> f = policy.evaluate(s.at(count));
      if (f.isPresent()) {
        out.add(f.get());
        return Optional.of(new int[] {count, f.get().changeRows()});
      }
    }
    return Optional.empty();
  }

  private static RetrainPolicy plain() {
    return RetrainPolicy.realisedPerformance(ACCURACY, WINDOW, 0.01, 0.05);
  }

  private static RetrainPolicy confirming() {
    return RetrainPolicy.realisedPerformanceConfirmed(ACCURACY, WINDOW, 0.01, 0.05, RetrainPolicy.CONFIRM_ALPHA);
  }

  @Test
  void aFalseAlarmOnAStationaryStream_isClearedOnTheFreshLabels_andNeverFires() {
    Stream stationary = Stream.of(13, 8_000, Integer.MAX_VALUE, 0.87);
    RetrainPolicy confirming = confirming();
    List<Firing> fired = new ArrayList<>();

    Optional<int[]> unconfirmed = firstFiring(plain(), stationary, fired);
    Optional<int[]> confirmed = firstFiring(confirming, stationary, fired);

    // the unconfirmed test's sequential false alarm (128 checks at level 0.01 each over 12 tests), on 62 labels
    assertThat(unconfirmed).hasValueSatisfying(at -> assertThat(at).containsExactly(7_936, 62));
    assertThat(confirmed).isEmpty();
    List<Firing> cleared = confirming.drainUnconfirmed();
    assertThat(cleared).singleElement().satisfies(f -> {
      assertThat(f.trigger()).isEqualTo(Trigger.PERFORMANCE);
      assertThat(f.evidence()).containsEntry("confirm_labels", "62").containsEntry("confirm_alpha", "0.0500000")
          .containsKey("confirm_p_value");
      assertThat(f.reason()).contains("not confirmed on the 62 labels after it").endsWith("cleared");
    });
    assertThat(confirming.drainUnconfirmed()).isEmpty();
  }

  @Test
  void aSlowFalseAlarm_isLookedAtUpToAsManyFreshLabelsAsFiredIt_thenCleared() {
    // a chance run of 250 labels (class 1 recall low over ~40 rows of that class) at label 6,696
    Stream stationary = Stream.of(27, 8_000, Integer.MAX_VALUE, 0.87);
    RetrainPolicy confirming = confirming();
    List<Firing> fired = new ArrayList<>();

    Optional<int[]> unconfirmed = firstFiring(plain(), stationary, fired);
    Optional<int[]> confirmed = firstFiring(confirming, stationary, fired);

    assertThat(unconfirmed).hasValueSatisfying(at -> assertThat(at).containsExactly(6_696, 250));
    assertThat(confirmed).isEmpty();
    assertThat(confirming.drainUnconfirmed()).singleElement().satisfies(f -> {
      assertThat(f.evidence()).containsEntry("labels", "250").containsEntry("confirm_labels", "248");
      assertThat(f.reason()).contains("not confirmed on the 248 labels after it");
    });
  }

  @Test
  void aLargeRealDrop_isConfirmedAtTheFirstLook_withTheFreshRowsInTheLocatedChange() {
    // class 1's recall 0.87 -> 0.40 from row 3,000
    Stream drop = Stream.of(1, 6_000, 3_000, 0.40);
    List<Firing> fired = new ArrayList<>();

    int[] unconfirmed = firstFiring(plain(), drop, fired).orElseThrow();
    int[] confirmed = firstFiring(confirming(), drop, fired).orElseThrow();

    assertThat(unconfirmed[0]).isBetween(3_000, 3_500);
    assertThat(confirmed[0]).isEqualTo(unconfirmed[0] + STEP);
    assertThat(confirmed[1]).isEqualTo(unconfirmed[1] + STEP);
    assertThat(fired.get(1).evidence()).containsEntry("tested", "recall of class 1").containsEntry("confirm_labels",
        "62");
    assertThat(fired.get(1).reason()).contains("confirmed on the 62 labels after it");
  }

  @Test
  void aMildRealDrop_isConfirmedWithinAsManyFreshLabelsAsFiredIt() {
    // class 1's recall 0.87 -> 0.70 from row 3,000: found on a long window, confirmed at a later look
    // class 1's recall 0.87 -> 0.65 from row 3,000: found on 250 labels, not yet confirmed on the
    // next 62 and 124, confirmed on 186
    Stream drop = Stream.of(6, 8_000, 3_000, 0.65);
    List<Firing> fired = new ArrayList<>();

    int[] unconfirmed = firstFiring(plain(), drop, fired).orElseThrow();
    int[] confirmed = firstFiring(confirming(), drop, fired).orElseThrow();

    assertThat(unconfirmed).containsExactly(3_596, 250);
    assertThat(confirmed).containsExactly(3_596 + 3 * STEP, 250 + 3 * STEP);
    assertThat(fired.get(1).evidence()).containsEntry("labels", "250").containsEntry("confirm_labels", "186");
  }

  @Test
  void confirmAlpha_outsideZeroOne_isRejectedNamingTheValue() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> RetrainPolicy.realisedPerformanceConfirmed(ACCURACY, WINDOW, 0.01, 0.05, 1.0))
        .withMessage("realised performance confirm alpha must be in (0, 1): 1.0");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> RetrainPolicy.realisedPerformanceConfirmed(ACCURACY, 10, 0.01, 0.05, 0.05))
        .withMessage("realised performance labels must be at least 20: 10");
  }
}
