package dev.mlops.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MonitorListenerTest {

  private static DriftMonitor monitor() {
    double[] x = new double[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    return DriftMonitor.builder(ReferenceProfile.builder().addColumn("x", x).build())
        .window(Window.tumblingCount(1_000)).build();
  }

  @Test
  void monitoredDeployment_recordsEveryPrediction_withItsRequestIdForDelayedLabels() {
    DriftMonitor monitor = monitor();
    Deployment d = Deployment.builder("m", 1, new VersionedModel(1)).monitor(monitor).build();
    ModelEndpoint endpoint = ModelEndpoint.builder(d).build();

    for (int i = 0; i < 10; i++) {
      endpoint.predict("r" + i, Map.of("x", (double) i));
    }

    assertThat(monitor.records()).isEqualTo(10);
    assertThat(monitor.pendingLabels()).isEqualTo(10);
    assertThat(monitor.recordLabel("r3", 1003.0)).isTrue();
    assertThat(d.monitor()).containsSame(monitor);
  }

  @Test
  void monitorWithoutLabels_recordsPredictions_butKeepsNoRequestIds() {
    DriftMonitor monitor = monitor();
    ModelEndpoint endpoint = ModelEndpoint.builder(
        Deployment.builder("m", 1, new VersionedModel(1)).monitor(monitor, false).build()).build();

    for (int i = 0; i < 10; i++) {
      endpoint.predict("r" + i, Map.of("x", (double) i));
    }

    assertThat(monitor.records()).isEqualTo(10);
    assertThat(monitor.pendingLabels()).isZero();
    assertThat(monitor.recordLabel("r3", 1003.0)).isFalse();
  }

  @Test
  void classifierResults_reachTheMonitorAsProbabilities() {
    PredictionResult r = new PredictionResult("a", "c", 1, Role.CHAMPION, 1, new double[] {0.3, 0.7});
    assertThat(MonitorListener.toPrediction(r).probabilities()).containsExactly(0.3, 0.7);
    assertThat(MonitorListener.toPrediction(r).classIndex()).isEqualTo(1);
    PredictionResult v = new PredictionResult("b", "r", 1, Role.CHAMPION, 4.5, null);
    assertThat(MonitorListener.toPrediction(v).value()).isEqualTo(4.5);
  }

  @Test
  void generatedAndCallerIds_reachTheMonitorAsTheResultsIds_forDelayedLabels() {
    DriftMonitor monitor = monitor();
    ModelEndpoint endpoint = ModelEndpoint.builder(Deployment.builder("m", 1, new VersionedModel(1)).monitor(monitor).build())
        .requestIdPrefix("svc-").build();
    java.util.List<String> names = endpoint.champion().model().featureNames();

    PredictionResult byMap = endpoint.predict(Map.of("x", 3.0));
    PredictionResult byVector = endpoint.predict(names, new double[] {4.0});
    PredictionResult byCaller = endpoint.predict("caller-9", names, new double[] {5.0});

    assertThat(byMap.requestId()).isEqualTo("svc-1");
    assertThat(byVector.requestId()).isEqualTo("svc-2");
    assertThat(byVector).isEqualTo(new PredictionResult("svc-2", "m", 1, Role.CHAMPION, byVector.value(), null))
        .hasSameHashCodeAs(new PredictionResult("svc-2", "m", 1, Role.CHAMPION, byVector.value(), null));
    assertThat(byVector.toString()).startsWith("PredictionResult[requestId=svc-2, model=m:1");
    assertThat(monitor.pendingLabels()).isEqualTo(3);
    assertThat(monitor.recordLabel("svc-2", 1.0)).isTrue();
    assertThat(monitor.recordLabel("svc-1", 1.0)).isTrue();
    assertThat(monitor.recordLabel("caller-9", 1.0)).isTrue();
    assertThat(monitor.recordLabel("svc-3", 1.0)).isFalse();
    assertThat(monitor.pendingLabels()).isZero();
  }
}
