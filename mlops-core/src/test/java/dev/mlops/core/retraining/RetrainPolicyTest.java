package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RetrainPolicyTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  /** The champion's last n labels y = 0 with predictions value(i). */
  private static PolicyState labels(int n, long count, double reference, java.util.function.IntToDoubleFunction value) {
    double[] y = new double[n];
    List<PredictionResult> p = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      p.add(new PredictionResult("r" + i, "m", 1, Role.CHAMPION, value.applyAsDouble(i), null));
    }
    return new PolicyState(T0, T0, count, y, p, count,
        new PolicyState.ReferencePerformance("mae", reference, 100, "held-out evaluation of v1"), List.of());
  }

  private static PolicyState windows(boolean... drift) {
    List<WindowSignal> w = new ArrayList<>();
    for (boolean d : drift) {
      w.add(WindowSignal.drift(d, d ? "x drifted" : "ok"));
    }
    return new PolicyState(T0, T0, 0, new double[0], List.of(), 0, null, w);
  }

  @Test
  void realisedPerformance_firesOnASignificantDrop_withItsEvidence() {
    RetrainPolicy policy = RetrainPolicy.realisedPerformance(OffsetModel.MAE, 50);

    // MAE 2.98 (2, 3, 4 in turn) on 50 labels against a reference MAE of 1: far worse.
    Optional<Firing> f = policy.evaluate(labels(50, 50, 1.0, i -> 2 + (i % 3)));

    assertThat(f).hasValueSatisfying(firing -> {
      assertThat(firing.trigger()).isEqualTo(Trigger.PERFORMANCE);
      assertThat(firing.evidence()).containsEntry("metric", "mae").containsEntry("realised", "2.98000")
          .containsEntry("reference", "1.00000").containsEntry("labels", "50")
          .containsEntry("reference_source", "held-out evaluation of v1").containsKey("p_value");
      assertThat(Double.parseDouble(firing.evidence().get("p_value"))).isLessThan(0.01);
      assertThat(firing.reason()).startsWith("realised mae 2.98000 over the last 50 labels is significantly worse than "
          + "the reference 1.00000 (held-out evaluation of v1)");
    });
  }

  @Test
  void realisedPerformance_staysQuiet_whenTheDropIsNoise_orNotAtABlockBoundary() {
    RetrainPolicy policy = RetrainPolicy.realisedPerformance(OffsetModel.MAE, 50);

    // MAE 1.04 (within the 5% minimum drop)
    assertThat(policy.evaluate(labels(50, 50, 1.0, i -> i % 2 == 0 ? 0.08 : 2.0))).isEmpty();
    // MAE 1.5 but highly variable on 50 rows: not significant at 0.01
    assertThat(policy.evaluate(labels(50, 50, 1.0, i -> i % 10 == 0 ? 15.0 : 0.0))).isEmpty();
    // a clear drop, but only every 50 labels is tested
    assertThat(policy.evaluate(labels(50, 51, 1.0, i -> 3.0))).isEmpty();
    assertThat(policy.evaluate(labels(50, 100, 1.0, i -> 3.0))).isPresent();
  }

  @Test
  void drift_firesAfterKConsecutiveDriftedWindows() {
    RetrainPolicy policy = RetrainPolicy.drift(2);

    assertThat(policy.evaluate(windows(true, false, true))).isEmpty();
    assertThat(policy.evaluate(windows(true, false, true, true))).hasValueSatisfying(f -> {
      assertThat(f.trigger()).isEqualTo(Trigger.DRIFT);
      assertThat(f.evidence()).containsEntry("consecutive_windows", "2").containsEntry("summary", "x drifted");
    });
  }

  @Test
  void scheduleVolumeAndCombinations_fireWithTheirEvidence() {
    PolicyState state = new PolicyState(T0.plus(Duration.ofHours(7)), T0, 120, new double[0], List.of(), 0, null,
        List.of());
    RetrainPolicy schedule = RetrainPolicy.schedule(Duration.ofHours(6));
    RetrainPolicy volume = RetrainPolicy.volume(100);
    RetrainPolicy never = RetrainPolicy.volume(1_000);

    assertThat(schedule.evaluate(state)).map(Firing::trigger).contains(Trigger.SCHEDULE);
    assertThat(volume.evaluate(state)).map(Firing::evidence).hasValueSatisfying(e ->
        assertThat(e).containsEntry("new_labelled_rows", "120").containsEntry("threshold", "100"));
    assertThat(RetrainPolicy.anyOf(never, volume).evaluate(state)).map(Firing::trigger).contains(Trigger.VOLUME);
    assertThat(RetrainPolicy.allOf(schedule, never).evaluate(state)).isEmpty();
    assertThat(RetrainPolicy.allOf(schedule, volume).evaluate(state)).hasValueSatisfying(f -> {
      assertThat(f.trigger()).isEqualTo(Trigger.SCHEDULE);
      assertThat(f.reason()).startsWith("all of: SCHEDULE: scheduled every PT6H").contains("; VOLUME: 120 new labelled rows");
      assertThat(f.evidence()).containsEntry("0.period", "PT6H").containsEntry("1.threshold", "100");
    });
    assertThat(RetrainPolicy.anyOf(volume, RetrainPolicy.realisedPerformance(OffsetModel.MAE, 30)).labelBlock()).isEqualTo(1);
  }

  @Test
  void estimatedPerformance_firesWhenTheWindowsEstimateFallsBelowTheReference() {
    PerformanceMeasure accuracy = PerformanceMeasure.of(dev.mlops.metrics.Metric.ACCURACY);
    WindowSignal w = new WindowSignal(3, 500, false, "ok", java.util.Map.of(), java.util.Map.of("accuracy", 0.71), 0, 0, 0);
    PolicyState state = new PolicyState(T0, T0, 0, new double[0], List.of(), 0,
        new PolicyState.ReferencePerformance("accuracy", 0.80, 1_000, "held-out evaluation of v1"), List.of(w));

    assertThat(RetrainPolicy.estimatedPerformance(accuracy, 0.05).evaluate(state)).hasValueSatisfying(f -> {
      assertThat(f.trigger()).isEqualTo(Trigger.ESTIMATED_PERFORMANCE);
      assertThat(f.evidence()).containsEntry("estimated", "0.710000").containsEntry("reference", "0.800000");
    });
    assertThat(RetrainPolicy.estimatedPerformance(accuracy, 0.10).evaluate(state)).isEmpty();
  }

  @Test
  void factories_rejectBadArguments_namingThem() {
    assertThatThrownBy(() -> RetrainPolicy.realisedPerformance(OffsetModel.MAE, 10))
        .hasMessage("realised performance labels must be at least 20: 10");
    assertThatThrownBy(() -> RetrainPolicy.realisedPerformance(OffsetModel.MAE, 50, 1.5, 0.1))
        .hasMessage("realised performance alpha must be in (0, 1): 1.5");
    assertThatThrownBy(() -> RetrainPolicy.drift(0)).hasMessage("drift trigger consecutive windows must be at least 1: 0");
    assertThatThrownBy(RetrainPolicy::anyOf).hasMessage("policies must not be empty: []");
  }

  @Test
  void realisedPerformance_scansShorterWindows_andLocatesARecentChange() {
    RetrainPolicy policy = RetrainPolicy.realisedPerformance(OffsetModel.MAE, 400);

    // MAE 1 (0, 1, 2 in turn) for 350 labels, then 4-6 for the last 50: tested every 50 labels on the
    // last 400, 200, 100 and 50; the last 50 are the most significant drop.
    Optional<Firing> f = policy.evaluate(labels(400, 400, 1.0, i -> i < 350 ? i % 3 : 4 + i % 3));

    assertThat(f).hasValueSatisfying(firing -> {
      assertThat(firing.changeRows()).isEqualTo(50);
      assertThat(firing.evidence()).containsEntry("labels", "50").containsEntry("windows_scanned", "[400, 200, 100, 50]");
    });
    // between checks (every 50 labels) it stays quiet
    assertThat(policy.evaluate(labels(400, 420, 1.0, i -> i < 350 ? i % 3 : 4 + i % 3))).isEmpty();
  }

  @Test
  void windowGrowth_retrainsAChampionFittedOnFewRowsOfItsConcept_asTheyGrow() {
    RetrainPolicy policy = RetrainPolicy.windowGrowth(0.5);
    PolicyState.ChampionFit afterChange = new PolicyState.ChampionFit(2_000, 10_000, 300);

    assertThat(policy.evaluate(fitted(afterChange, 149))).isEmpty();
    assertThat(policy.evaluate(fitted(afterChange, 150))).hasValueSatisfying(f -> {
      assertThat(f.trigger()).isEqualTo(Trigger.WINDOW_GROWTH);
      assertThat(f.changeRows()).isEqualTo(450);
      assertThat(f.evidence()).containsEntry("concept_rows", "300").containsEntry("labels_since", "150");
    });
    // a short window without a located change: its rows are the concept's
    assertThat(policy.evaluate(fitted(new PolicyState.ChampionFit(1_000, 10_000), 500))).isPresent();
    // fitted on most rows, or unknown: never
    assertThat(policy.evaluate(fitted(new PolicyState.ChampionFit(6_000, 10_000), 100_000))).isEmpty();
    assertThat(policy.evaluate(fitted(null, 100_000))).isEmpty();
    assertThatThrownBy(() -> RetrainPolicy.windowGrowth(0.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window growth factor must be finite and at least 0.1: 0.0");
  }

  @Test
  void windowGrowth_afterARetrainThatWasNotPromoted_waitsForTheGrownConcept_soFollowUpsStayGeometric() {
    RetrainPolicy policy = RetrainPolicy.windowGrowth(0.5);
    // 300 rows of the concept, 150 labelled since: a follow-up fires; the gate rejects it
    PolicyState.ChampionFit grown = new PolicyState.ChampionFit(2_000, 10_000, 300).grownBy(150);

    assertThat(grown).isEqualTo(new PolicyState.ChampionFit(2_000, 10_150, 450));
    // the next follow-up waits for half of the 450 rows, not another 150
    assertThat(policy.evaluate(fitted(grown, 150))).isEmpty();
    assertThat(policy.evaluate(fitted(grown, 225))).hasValueSatisfying(f ->
        assertThat(f.evidence()).containsEntry("concept_rows", "450"));
    // a champion fitted on most rows has no recent concept: nothing grows
    PolicyState.ChampionFit full = new PolicyState.ChampionFit(9_000, 10_000);
    assertThat(full.grownBy(500)).isSameAs(full);
  }

  private static PolicyState fitted(PolicyState.ChampionFit fit, long labelsSince) {
    return new PolicyState(T0, T0, labelsSince, new double[0], List.of(), labelsSince, null, List.of(), fit);
  }
}
