package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A label counts in the window of its prediction, however late it arrives (within the horizon). */
final class LateLabelTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Map<String, Object>> REFERENCE = Fixtures.rows(500, 1, 0, 1);
  private static final List<Map<String, Object>> ROWS = Fixtures.rows(400, 7, 0, 1);
  /** A prediction of class 1. */
  private static final Prediction ONE = Prediction.ofProbabilities(new double[] {0.2, 0.8});

  private static DriftMonitor.Builder builder(int rows) {
    return DriftMonitor.builder(Fixtures.profile(REFERENCE)).window(Window.tumblingCount(rows))
        .clock(new MutableClock(T0));
  }

  /** Records rows {@code from..to-1} with prediction class 1 under ids {@code prefix + i}. */
  private static void predict(DriftMonitor m, String prefix, int from, int to) {
    for (int i = from; i < to; i++) {
      m.record(ROWS.get(i), ONE, prefix + i);
    }
  }

  private static void label(DriftMonitor m, String prefix, int from, int to, double label) {
    for (int i = from; i < to; i++) {
      assertThat(m.recordLabel(prefix + i, label)).isTrue();
    }
  }

  @Test
  void aLabelOneWindowLate_isCreditedToItsPredictionsWindow_notTheWindowOpenWhenItArrives() {
    DriftMonitor m = builder(100).build();
    predict(m, "a", 0, 100); // window 1: every prediction right (labels 1), labelled late
    predict(m, "b", 0, 99); // window 2: every prediction wrong (labels 0), labelled at once
    label(m, "b", 0, 99, 0);
    label(m, "a", 0, 100, 1);
    predict(m, "b", 99, 100); // closes window 2; its label arrives after
    label(m, "b", 99, 100, 0);

    List<DriftReport> reports = m.history();
    assertThat(reports).hasSize(2);
    Performance first = reports.get(0).performance();
    assertThat(first.labelled()).isZero();
    assertThat(first.realised()).isEmpty();
    Performance second = reports.get(1).performance();
    // window 2's report has its own 99 labels (all wrong), not window 1's 100 that arrived then
    assertThat(second.labelled()).isEqualTo(99);
    assertThat(second.realised()).containsEntry("accuracy", 0.0);
    assertThat(second.lateLabels()).isEqualTo(100);
    assertThat(second.labelsBeyondHorizon()).isZero();

    List<LabelledWindow> labelled = m.labelledWindows();
    assertThat(labelled).extracting(LabelledWindow::window).containsExactly(1L, 2L);
    assertThat(labelled).extracting(LabelledWindow::predictions).containsExactly(100L, 100L);
    assertThat(labelled).extracting(LabelledWindow::labelled).containsExactly(100L, 100L);
    assertThat(labelled).extracting(LabelledWindow::lateLabels).containsExactly(100L, 1L);
    assertThat(labelled.get(0).realised()).containsEntry("accuracy", 1.0);
    assertThat(labelled.get(1).realised()).containsEntry("accuracy", 0.0);
    assertThat(labelled.get(0).labelledShare()).isEqualTo(1.0);
    assertThat(labelled).extracting(LabelledWindow::settled).containsExactly(false, false);
    assertThat(m.labelsBeyondHorizon()).isZero();
    assertThat(reports.get(1).toText()).contains("100 credited to them, 0 beyond the label horizon");
  }

  /** An overconfident model: true P(y=1) = sigmoid(s), the model says sigmoid(3 s + 0.5). */
  private static double[][] stream(int n, long seed, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] out = new double[2][n];
    for (int i = 0; i < n; i++) {
      double s = shift + Fixtures.gaussian(r);
      out[0][i] = 1 / (1 + Math.exp(-(3 * s + 0.5)));
      out[1][i] = r.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
    }
    return out;
  }

  @Test
  void withLabelsTwoWindowsLate_theEstimatesErrorIsAgainstTheWindowsOwnRows() {
    double[][] ref = stream(5_000, 1, 0);
    int[] y = new int[ref[1].length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) ref[1][i];
    }
    PerformanceEstimator estimator =
        PerformanceEstimator.of(ProbabilityCalibration.isotonic(ref[0], y), 0.5, 0.95);
    int size = 200;
    int windows = 6;
    int lag = 2 * size;
    DriftMonitor m = builder(size).performanceEstimator(estimator).build();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    new dev.mlops.drift.monitor.micrometer.DriftMonitorMetrics(m,
        io.micrometer.core.instrument.Tags.empty()).bindTo(registry);
    List<Map<String, Object>> rows = Fixtures.rows(size * windows, 9, 0, 1);
    double[][] live = new double[2][];
    double[] own = new double[windows];
    for (int w = 0; w < windows; w++) {
      double[][] part = stream(size, 10 + w, 0.2 * w);
      live[0] = append(live[0], part[0]);
      live[1] = append(live[1], part[1]);
      long right = 0;
      for (int i = 0; i < size; i++) {
        right += (part[0][i] >= 0.5 ? 1 : 0) == part[1][i] ? 1 : 0;
      }
      own[w] = (double) right / size;
    }
    for (int i = 0; i < size * windows + lag; i++) {
      if (i < size * windows) {
        double p = live[0][i];
        m.record(rows.get(i), Prediction.ofProbabilities(new double[] {1 - p, p}), "r" + i);
      }
      if (i >= lag) {
        m.recordLabel("r" + (i - lag), live[1][i - lag]);
      }
    }
    List<DriftReport> reports = m.history();
    List<LabelledWindow> labelled = m.labelledWindows();
    assertThat(labelled).hasSize(windows);
    for (int w = 0; w < windows; w++) {
      AccuracyEstimate reported = reports.get(w).performance().accuracyEstimate();
      AccuracyEstimate complete = labelled.get(w).accuracyEstimate();
      // no label of its own arrived by the close: the report has the estimate, no realised
      assertThat(reports.get(w).performance().labelled()).isZero();
      assertThat(reported.realised()).isNaN();
      assertThat(complete.estimate()).isEqualTo(reported.estimate());
      assertThat(complete.lower()).isEqualTo(reported.lower());
      assertThat(labelled.get(w).labelled()).isEqualTo(size);
      assertThat(complete.realised()).as("window %d", w + 1).isEqualTo(own[w]);
      assertThat(complete.error()).isEqualTo(reported.estimate() - own[w]);
    }
    // the newest window with its own labels, as Micrometer reads it
    assertThat(registry.get("mlops.drift.labelled.window").gauge().value()).isEqualTo(windows);
    assertThat(registry.get("mlops.drift.labelled.accuracy.estimate.error").gauge().value())
        .isEqualTo(labelled.get(windows - 1).accuracyEstimate().error());
    assertThat(registry.get("mlops.drift.labelled.accuracy.realised").gauge().value())
        .isEqualTo(own[windows - 1]);
    assertThat(registry.get("mlops.drift.labels.beyond.horizon").functionCounter().count())
        .isZero();
  }

  @Test
  void micrometer_exportsTheNewestSettledWindow_theSettledError_andTheUnsettledCount() {
    double[][] ref = stream(5_000, 1, 0);
    int[] y = new int[ref[1].length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (int) ref[1][i];
    }
    PerformanceEstimator estimator =
        PerformanceEstimator.of(ProbabilityCalibration.isotonic(ref[0], y), 0.5, 0.95);
    int size = 200;
    int windows = 6;
    DriftMonitor m = builder(size).performanceEstimator(estimator).labelHorizon(2).build();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    new dev.mlops.drift.monitor.micrometer.DriftMonitorMetrics(m,
        io.micrometer.core.instrument.Tags.empty()).bindTo(registry);
    assertThat(registry.get("mlops.drift.labelled.settled.window").gauge().value()).isNaN();
    assertThat(registry.get("mlops.drift.labelled.unsettled").gauge().value()).isZero();
    List<Map<String, Object>> rows = Fixtures.rows(size * windows, 9, 0, 1);
    double[] own = new double[windows];
    int i = 0;
    for (int w = 0; w < windows; w++) {
      double[][] part = stream(size, 20 + w, 0.3 * w);
      long right = 0;
      for (int j = 0; j < size; j++, i++) {
        double p = part[0][j];
        right += (p >= 0.5 ? 1 : 0) == part[1][j] ? 1 : 0;
        m.record(rows.get(i), Prediction.ofProbabilities(new double[] {1 - p, p}), "r" + i);
        if (j % 4 != 0) { // 3 in 4 predictions labelled, at once
          m.recordLabel("r" + i, part[1][j]);
        }
      }
      own[w] = (double) right / size;
    }
    List<DriftReport> reports = m.history();
    List<LabelledWindow> labelled = m.labelledWindows();
    assertThat(labelled).extracting(LabelledWindow::settled)
        .containsExactly(true, true, true, true, false, false);
    // window 4 is the newest settled: its 150 labelled rows, not its 200 predictions
    LabelledWindow fourth = labelled.get(3);
    assertThat(registry.get("mlops.drift.labelled.settled.window").gauge().value())
        .isEqualTo(4.0);
    assertThat(registry.get("mlops.drift.labelled.settled.accuracy.realised").gauge().value())
        .isEqualTo(fourth.realised().get("accuracy"));
    assertThat(registry.get("mlops.drift.labelled.settled.accuracy.estimate.error").gauge()
        .value()).isEqualTo(reports.get(3).performance().accuracyEstimate().estimate()
            - fourth.realised().get("accuracy"));
    assertThat(registry.get("mlops.drift.labelled.settled.labelled.share").gauge().value())
        .isEqualTo(0.75);
    double mae = 0;
    for (int w = 0; w < 4; w++) {
      mae += Math.abs(reports.get(w).performance().accuracyEstimate().estimate()
          - labelled.get(w).realised().get("accuracy"));
    }
    assertThat(registry.get("mlops.drift.labelled.settled.accuracy.estimate.mae").gauge()
        .value()).isCloseTo(mae / 4, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(registry.get("mlops.drift.labelled.unsettled").gauge().value()).isEqualTo(2.0);
    // the newest labelled window (unsettled) is still exported as before
    assertThat(registry.get("mlops.drift.labelled.window").gauge().value()).isEqualTo(6.0);
    assertThat(own[3]).isNotEqualTo(fourth.realised().get("accuracy")); // a quarter unlabelled
  }

  private static double[] append(double[] a, double[] b) {
    if (a == null) {
      return b.clone();
    }
    double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void labelsOfAWindowPastTheHorizon_areCounted_andCreditedToNoWindow() {
    for (int horizon : new int[] {1, 3}) {
      DriftMonitor m = builder(100).labelHorizon(horizon).build();
      predict(m, "a", 0, 100); // window 1
      predict(m, "b", 0, 100); // window 2
      predict(m, "c", 0, 50); // window 3, open
      label(m, "a", 0, 100, 1);
      assertThat(m.recordLabel("unknown", 1)).isFalse();
      DriftReport third = m.closeWindow().orElseThrow();
      LabelledWindow first = m.labelledWindows().get(0);
      if (horizon == 1) {
        assertThat(m.labelsBeyondHorizon()).isEqualTo(100);
        assertThat(third.performance().labelsBeyondHorizon()).isEqualTo(100);
        assertThat(third.performance().lateLabels()).isZero();
        assertThat(first.labelled()).isZero();
        assertThat(first.settled()).isTrue();
      } else {
        assertThat(m.labelsBeyondHorizon()).isZero();
        assertThat(third.performance().lateLabels()).isEqualTo(100);
        assertThat(first.labelled()).isEqualTo(100);
        assertThat(first.settled()).isFalse();
      }
      assertThat(third.performance().labelled()).isZero();
      assertThat(third.performance().unmatchedLabels()).isEqualTo(1);
    }
  }

  @Test
  void listeners_hearOfALateWindowsUpdate_afterTheNextReport_andOfItsSettling() {
    List<LabelledWindow> heard = new CopyOnWriteArrayList<>();
    List<String> order = new CopyOnWriteArrayList<>();
    // windows evaluated on the recording thread: the order of the callbacks is the stream's
    DriftMonitor m = builder(100).labelHorizon(2).executor(Runnable::run)
        .listener(new DriftListener() {
      @Override
      public void onWindowClosed(DriftReport report) {
        order.add("report " + report.window());
      }

      @Override
      public void onLabelledWindow(LabelledWindow update) {
        heard.add(update);
        order.add("labelled " + update.window() + (update.settled() ? " settled" : ""));
      }
    }).build();
    predict(m, "a", 0, 99); // window 1: 40 labels by its close, right
    label(m, "a", 0, 40, 1);
    predict(m, "a", 99, 100);
    predict(m, "b", 0, 99); // window 2: 60 late labels of window 1 arrive, wrong
    label(m, "a", 40, 100, 0);
    predict(m, "b", 99, 100);
    predict(m, "c", 0, 100); // window 3: window 1 leaves the horizon of 2
    m.awaitEvaluation();
    assertThat(order).containsExactly("report 1", "report 2", "labelled 1", "report 3",
        "labelled 1 settled");
    assertThat(heard.get(0).labelled()).isEqualTo(100);
    assertThat(heard.get(0).lateLabels()).isEqualTo(60);
    assertThat(heard.get(0).realised()).containsEntry("accuracy", 0.4);
    assertThat(heard.get(1)).isEqualTo(new LabelledWindow(1, heard.get(0).start(),
        heard.get(0).end(), 100, 100, 60, 0, heard.get(0).realised(), heard.get(0).undefined(),
        null, true));
    assertThat(LabelledWindow.fromJson(heard.get(1).toJson())).isEqualTo(heard.get(1));
    assertThat(heard.get(1).toJson()).contains("\"late_labels\" : 60").contains("\"settled\" : true");
  }

  @Test
  void lateLabelState_survivesASnapshotsRestore_andMergesByWindowAge() {
    DriftMonitor a = builder(100).build();
    predict(a, "a", 0, 100); // window 1 closes with 100 pending predictions
    predict(a, "x", 100, 110);
    DriftMonitor restored = builder(100).build();
    restored.restore(a.snapshot());
    label(restored, "a", 0, 100, 1);
    label(restored, "x", 100, 110, 1);
    DriftReport second = restored.closeWindow().orElseThrow();
    assertThat(second.performance().labelled()).isEqualTo(10);
    assertThat(second.performance().lateLabels()).isEqualTo(100);
    LabelledWindow first = restored.labelledWindows().get(0);
    assertThat(first.window()).isEqualTo(1);
    assertThat(first.labelled()).isEqualTo(100);
    assertThat(first.realised()).containsEntry("accuracy", 1.0);

    // a replica whose window 1 closed too: its pending predictions and late labels join ours
    DriftMonitor b = builder(100).build();
    predict(b, "b", 0, 100);
    predict(b, "y", 0, 5);
    label(b, "b", 0, 20, 0); // credited to b's window 1 before the merge
    DriftMonitor c = builder(100).build();
    predict(c, "c", 0, 100);
    c.merge(b.snapshot());
    label(c, "b", 20, 100, 0);
    label(c, "c", 0, 100, 1);
    DriftReport merged = c.closeWindow().orElseThrow();
    assertThat(merged.records()).isEqualTo(5);
    LabelledWindow w = c.labelledWindows().get(0);
    assertThat(w.predictions()).isEqualTo(200);
    assertThat(w.labelled()).isEqualTo(200);
    assertThat(w.realised()).containsEntry("accuracy", 0.5);
  }

  @Test
  void slidingWindows_creditALateLabelToEveryWindowSpanningItsPredictionsStep() {
    // windows of 200 rows sliding by 100: window 1 = steps 1-2, window 2 = steps 2-3
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(REFERENCE))
        .window(Window.slidingCount(200, 100)).clock(new MutableClock(T0))
        .executor(Runnable::run).build();
    predict(m, "a", 0, 100); // step 1
    predict(m, "b", 100, 200); // step 2: window 1 reported
    label(m, "b", 100, 200, 1); // step 2's labels, late
    label(m, "a", 0, 50, 0);
    predict(m, "c", 200, 300); // step 3: window 2 reported
    List<LabelledWindow> labelled = m.labelledWindows();
    assertThat(labelled).extracting(LabelledWindow::window).containsExactly(1L, 2L);
    assertThat(labelled).extracting(LabelledWindow::predictions).containsExactly(200L, 200L);
    assertThat(labelled).extracting(LabelledWindow::labelled).containsExactly(150L, 100L);
    assertThat(labelled.get(0).realised()).containsEntry("accuracy", 100 / 150.0);
    assertThat(labelled.get(1).realised()).containsEntry("accuracy", 1.0);
    // window 2's report at its close counts the 150 as late (credited to steps 1 and 2); its
    // labelled performance, told right after, has step 2's 100
    assertThat(m.history().get(1).performance().lateLabels()).isEqualTo(150);
    assertThat(m.history().get(1).performance().labelled()).isZero();
  }

  @Test
  void labelHorizon_isValidated() {
    assertThatThrownBy(() -> builder(100).labelHorizon(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label horizon must be in [1, 1000] windows: 0");
  }
}
