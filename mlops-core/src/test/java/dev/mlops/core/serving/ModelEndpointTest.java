package dev.mlops.core.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class ModelEndpointTest {

  private static Map<String, Object> row(double x) {
    Map<String, Object> row = new HashMap<>();
    row.put("x", x);
    return row;
  }

  private static Deployment deployment(int version, List<PredictionResult> seen) {
    return Deployment.builder("m", version, new VersionedModel(version))
        .listener((row, result) -> seen.add(result))
        .build();
  }

  @Test
  void predict_returnsChampionPredictionAndVersion_andNotifiesListeners() {
    List<PredictionResult> deploymentSeen = Collections.synchronizedList(new ArrayList<>());
    List<Map<String, ?>> endpointRows = Collections.synchronizedList(new ArrayList<>());
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(3, deploymentSeen))
        .listener((row, result) -> endpointRows.add(row))
        .latencySampleOneIn(1)
        .build();

    PredictionResult r = endpoint.predict("a", row(7));

    assertThat(r.value()).isEqualTo(3007.0);
    assertThat(r.modelName()).isEqualTo("m");
    assertThat(r.modelVersion()).isEqualTo(3);
    assertThat(r.role()).isEqualTo(Role.CHAMPION);
    assertThat(r.requestId()).isEqualTo("a");
    assertThat(r.isClassification()).isFalse();
    assertThat(deploymentSeen).containsExactly(r);
    assertThat(endpointRows).containsExactly(row(7));
    assertThat(endpoint.stats().predictions()).isEqualTo(1);
    assertThat(endpoint.stats().latencyCount()).isEqualTo(1);
    assertThat(endpoint.champion().stats().predictions()).isEqualTo(1);
  }

  @Test
  void latency_isSampledOneIn16_byDefault_whileEveryRequestIsCounted() {
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>())).build();
    List<String> names = endpoint.champion().model().featureNames();
    for (int i = 0; i < 2_000; i++) {
      endpoint.predict(row(i % 1_000));
      endpoint.predict(names, new double[] {i % 1_000});
    }

    ServingStats stats = endpoint.stats();
    assertThat(stats.predictions()).isEqualTo(4_000);
    assertThat(endpoint.champion().stats().predictions()).isEqualTo(4_000);
    // binomial(4,000, 1/16): mean 250, sd 15.3; the bounds are 6.5 sd away
    assertThat(stats.latencyCount()).isBetween(150L, 350L);
    assertThat(endpoint.champion().stats().latencyCount()).isEqualTo(stats.latencyCount());
    assertThat(stats.p50Nanos()).isPositive();
    assertThat(stats.p99Nanos()).isGreaterThanOrEqualTo(stats.p50Nanos());
    assertThat(stats.toText()).startsWith("predictions=4000 ")
        .endsWith(" (latency of " + stats.latencyCount() + " timed rows)");
  }

  @Test
  void latency_timesEveryRequest_whenTheSampleIsOne() {
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>())).latencySampleOneIn(1).build();
    for (int i = 0; i < 100; i++) {
      endpoint.predict(row(i));
    }
    endpoint.predictBatch(List.of(row(1), row(2)));

    assertThat(endpoint.stats().predictions()).isEqualTo(102);
    assertThat(endpoint.stats().latencyCount()).isEqualTo(102);
    assertThat(endpoint.champion().stats().latencyCount()).isEqualTo(102);
  }

  @Test
  void latencySampleOneIn_refusesLessThanOne() {
    assertThatThrownBy(() -> ModelEndpoint.builder(deployment(1, new ArrayList<>())).latencySampleOneIn(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latency sample must be at least 1 (1 times every request): 0");
  }

  @Test
  void predict_generatesDistinctRequestIds_withConfiguredPrefix() {
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>()))
        .requestIdPrefix("svc-")
        .build();

    assertThat(endpoint.predict(row(1)).requestId()).isEqualTo("svc-1");
    assertThat(endpoint.predict(row(1)).requestId()).isEqualTo("svc-2");
  }

  @Test
  void predict_refusesInvalidRow_namingFields_andCountsIt_withoutPredictingOrRecording() {
    List<PredictionResult> seen = new ArrayList<>();
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, seen)).build();
    Map<String, Object> bad = new HashMap<>();
    bad.put("x", "seven");

    assertThatThrownBy(() -> endpoint.predict("r1", bad))
        .isInstanceOfSatisfying(InvalidRowException.class, e -> {
          assertThat(e.fields()).containsExactly("x");
          assertThat(e.rowIndex()).isEqualTo(-1);
          assertThat(e.violations()).containsExactly(new FieldViolation("x", "must be numeric", "seven"));
        })
        .hasMessage("request row violates the model's data contract: x must be numeric: \"seven\"");
    assertThatThrownBy(() -> endpoint.predict("r2", Map.of()))
        .isInstanceOf(InvalidRowException.class)
        .hasMessageContaining("x must be present: null");

    assertThat(seen).isEmpty();
    assertThat(endpoint.stats().invalid()).isEqualTo(2);
    assertThat(endpoint.stats().predictions()).isZero();
    assertThat(endpoint.champion().stats().invalid()).isEqualTo(2);
  }

  @Test
  void predict_wrapsModelFailure_andCountsIt() {
    VersionedModel model = new VersionedModel(2);
    model.failing(true);
    ModelEndpoint endpoint = ModelEndpoint.builder(Deployment.builder("m", 2, model).build()).build();

    assertThatThrownBy(() -> endpoint.predict("r9", row(1)))
        .isInstanceOf(PredictionException.class)
        .hasMessage("model m:2 failed on request r9")
        .hasCauseInstanceOf(ArithmeticException.class);
    assertThat(endpoint.stats().failed()).isEqualTo(1);
    assertThat(endpoint.stats().predictions()).isZero();
  }

  @Test
  void predict_succeeds_whenAListenerThrows_andCountsTheListenerFailure() {
    Deployment d = Deployment.builder("m", 1, new VersionedModel(1))
        .listener((row, result) -> {
          throw new IllegalStateException("monitor down");
        })
        .build();
    ModelEndpoint endpoint = ModelEndpoint.builder(d).build();

    PredictionResult r = endpoint.predict("r", row(5));

    assertThat(r.value()).isEqualTo(1005.0);
    assertThat(endpoint.stats().listenerFailures()).isEqualTo(1);
    assertThat(d.stats().listenerFailures()).isEqualTo(1);
  }

  @Test
  void swap_servesNewVersion_andReturnsPrevious() {
    Deployment v1 = deployment(1, new ArrayList<>());
    Deployment v2 = deployment(2, new ArrayList<>());
    ModelEndpoint endpoint = ModelEndpoint.builder(v1).build();

    assertThat(endpoint.swap(v2)).isSameAs(v1);

    assertThat(endpoint.predict(row(1)).modelVersion()).isEqualTo(2);
    assertThat(endpoint.champion()).isSameAs(v2);
  }

  @Test
  void swap_letsInFlightRequestFinishOnTheModelItStartedWith() throws Exception {
    VersionedModel m1 = new VersionedModel(1);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    m1.blockNextPredict(entered, release);
    List<PredictionResult> seenByV1 = Collections.synchronizedList(new ArrayList<>());
    Deployment v1 = Deployment.builder("m", 1, m1).listener((row, r) -> seenByV1.add(r)).build();
    ModelEndpoint endpoint = ModelEndpoint.builder(v1).build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<PredictionResult> inFlight = pool.submit(() -> endpoint.predict("slow", row(9)));
      assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

      endpoint.swap(deployment(2, new ArrayList<>()));
      PredictionResult during = endpoint.predict("fast", row(9));
      release.countDown();
      PredictionResult slow = inFlight.get(30, TimeUnit.SECONDS);

      assertThat(during.modelVersion()).isEqualTo(2);
      assertThat(during.value()).isEqualTo(2009.0);
      assertThat(slow.modelVersion()).isEqualTo(1);
      assertThat(slow.value()).isEqualTo(1009.0);
      assertThat(seenByV1).containsExactly(slow);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shadow_recordsChallengerPredictions_butReturnsChampions() {
    List<PredictionResult> champSeen = new ArrayList<>();
    List<PredictionResult> challSeen = new ArrayList<>();
    List<PredictionResult> endpointSeen = new ArrayList<>();
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, champSeen))
        .listener((row, r) -> endpointSeen.add(r))
        .build();
    Deployment challenger = deployment(2, challSeen);
    endpoint.shadow(challenger);

    PredictionResult r = endpoint.predict("s1", row(4));

    assertThat(endpoint.mode()).isEqualTo(ServingMode.SHADOW);
    assertThat(r.modelVersion()).isEqualTo(1);
    assertThat(r.value()).isEqualTo(1004.0);
    assertThat(champSeen).containsExactly(r);
    assertThat(endpointSeen).containsExactly(r);
    assertThat(challSeen).singleElement().satisfies(c -> {
      assertThat(c.requestId()).isEqualTo("s1");
      assertThat(c.modelVersion()).isEqualTo(2);
      assertThat(c.role()).isEqualTo(Role.SHADOW);
      assertThat(c.value()).isEqualTo(2004.0);
    });
    assertThat(challenger.stats().predictions()).isEqualTo(1);
    assertThat(endpoint.stats().predictions()).isEqualTo(1);
  }

  @Test
  void shadow_failureOfChallenger_neverFailsTheRequest() {
    VersionedModel broken = new VersionedModel(2);
    broken.failing(true);
    Deployment challenger = Deployment.builder("m", 2, broken).build();
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>())).build();
    endpoint.shadow(challenger);

    assertThat(endpoint.predict(row(1)).value()).isEqualTo(1001.0);
    assertThat(challenger.stats().failed()).isEqualTo(1);
    assertThat(endpoint.stats().failed()).isZero();
  }

  @Test
  void shadow_onExecutor_copiesTheRow_andCountsRejections() {
    List<Runnable> queued = new ArrayList<>();
    List<PredictionResult> challSeen = new ArrayList<>();
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>()))
        .shadowExecutor(queued::add)
        .build();
    endpoint.shadow(deployment(2, challSeen));
    Map<String, Object> row = row(3);

    endpoint.predict("q", row);
    row.put("x", 999.0);
    queued.forEach(Runnable::run);

    assertThat(challSeen).singleElement().extracting(PredictionResult::value).isEqualTo(2003.0);

    ModelEndpoint rejecting = ModelEndpoint.builder(deployment(1, new ArrayList<>()))
        .shadowExecutor(task -> {
          throw new java.util.concurrent.RejectedExecutionException("full");
        })
        .build();
    rejecting.shadow(deployment(2, new ArrayList<>()));
    assertThat(rejecting.predict(row(1)).modelVersion()).isEqualTo(1);
    assertThat(rejecting.stats().shadowDropped()).isEqualTo(1);
  }

  @Test
  void canary_routesConfiguredShare_deterministicallyByRequestId() {
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>())).canarySeed(42).build();
    Deployment challenger = deployment(2, new ArrayList<>());
    endpoint.canary(challenger, 0.25);

    int toChallenger = 0;
    for (int i = 0; i < 10_000; i++) {
      PredictionResult r = endpoint.predict("r-" + i, row(1));
      assertThat(r.role()).isEqualTo(r.modelVersion() == 2 ? Role.CHALLENGER : Role.CHAMPION);
      if (r.modelVersion() == 2) {
        toChallenger++;
        assertThat(endpoint.predict("r-" + i, row(1)).modelVersion()).as("same id, same side").isEqualTo(2);
      }
    }
    // Binomial(10000, 0.25) has sd 43.3: [2300, 2700] is more than 4.6 sd either side.
    assertThat(toChallenger).isBetween(2300, 2700);
    assertThat(challenger.stats().predictions()).isEqualTo(2L * toChallenger);
  }

  @Test
  void canary_shareZeroSendsNothing_andShareOneSendsEverything() {
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>())).build();
    endpoint.canary(deployment(2, new ArrayList<>()), 0.0);
    for (int i = 0; i < 200; i++) {
      assertThat(endpoint.predict(row(1)).modelVersion()).isEqualTo(1);
    }
    endpoint.canary(deployment(2, new ArrayList<>()), 1.0);
    for (int i = 0; i < 200; i++) {
      assertThat(endpoint.predict(row(1)).modelVersion()).isEqualTo(2);
    }
  }

  @Test
  void canary_rejectsShareOutsideUnitInterval() {
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>())).build();
    Deployment d = deployment(2, new ArrayList<>());
    assertThatThrownBy(() -> endpoint.canary(d, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("canary share must be in [0, 1]: 1.5");
    assertThatThrownBy(() -> endpoint.canary(d, Double.NaN))
        .hasMessage("canary share must be in [0, 1]: NaN");
  }

  @Test
  void promoteChallenger_makesItChampion_andClearsChallenger() {
    Deployment v1 = deployment(1, new ArrayList<>());
    Deployment v2 = deployment(2, new ArrayList<>());
    ModelEndpoint endpoint = ModelEndpoint.builder(v1).build();
    assertThatThrownBy(endpoint::promoteChallenger)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("promoteChallenger requires a challenger: mode CHAMPION_ONLY");
    endpoint.canary(v2, 0.5);

    assertThat(endpoint.promoteChallenger()).isSameAs(v1);

    assertThat(endpoint.champion()).isSameAs(v2);
    assertThat(endpoint.challenger()).isEmpty();
    assertThat(endpoint.mode()).isEqualTo(ServingMode.CHAMPION_ONLY);
  }

  @Test
  void predictBatch_isAllOrNothing_andReportsEveryInvalidRow() {
    List<PredictionResult> seen = new ArrayList<>();
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, seen)).build();
    Map<String, Object> missing = new HashMap<>();
    List<Map<String, ?>> rows = List.of(row(1), missing, row(2), row(5000));

    assertThatThrownBy(() -> endpoint.predictBatch(rows))
        .isInstanceOfSatisfying(InvalidRowException.class, e -> {
          assertThat(e.rowIndex()).isEqualTo(1);
          assertThat(e.getSuppressed()).singleElement()
              .isInstanceOfSatisfying(InvalidRowException.class, s -> assertThat(s.rowIndex()).isEqualTo(3));
        })
        .hasMessage("request row 1 violates the model's data contract: x must be present: null");
    assertThat(seen).isEmpty();
    assertThat(endpoint.stats().invalid()).isEqualTo(2);

    List<PredictionResult> ok = endpoint.predictBatch(List.of("a", "b"), List.of(row(1), row(2)));
    assertThat(ok).extracting(PredictionResult::requestId).containsExactly("a", "b");
    assertThat(ok).extracting(PredictionResult::value).containsExactly(1001.0, 1002.0);
    assertThat(seen).isEqualTo(ok);
  }

  @Test
  void predictBatch_rejectsMismatchedIds() {
    ModelEndpoint endpoint = ModelEndpoint.builder(deployment(1, new ArrayList<>())).build();
    assertThatThrownBy(() -> endpoint.predictBatch(List.of("a"), List.of(row(1), row(2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestIds must have one id per row: 1 ids for 2 rows");
  }

  @Test
  void classifierResult_carriesProbabilities_andArgmaxClass() {
    ServableClassifier classifier = new ServableClassifier() {
      @Override
      public List<String> featureNames() {
        return List.of("x");
      }

      @Override
      public List<FieldViolation> validate(Map<String, ?> row) {
        return List.of();
      }

      @Override
      public double[] probabilities(Map<String, ?> row) {
        return new double[] {0.2, 0.7, 0.1};
      }
    };
    ModelEndpoint endpoint = ModelEndpoint.builder(Deployment.builder("c", 1, classifier).build()).build();

    PredictionResult r = endpoint.predict(Map.of("x", 1));

    assertThat(r.isClassification()).isTrue();
    assertThat(r.predictedClass()).isEqualTo(1);
    assertThat(r.probabilities()).containsExactly(0.2, 0.7, 0.1);
    assertThat(r.probability(2)).isEqualTo(0.1);
  }

  @Test
  void builders_rejectBadArguments_withMessagesNamingThem() {
    assertThatThrownBy(() -> Deployment.builder("m", 0, new VersionedModel(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("version must be at least 1: 0");
    assertThatThrownBy(() -> Deployment.builder(" ", 1, new VersionedModel(1)))
        .hasMessage("model name must not be blank: \" \"");
    assertThatThrownBy(() -> ModelEndpoint.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("champion must not be null");
  }
}
