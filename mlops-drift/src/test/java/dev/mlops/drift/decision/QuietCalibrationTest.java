package dev.mlops.drift.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class QuietCalibrationTest {

  /** Rows whose {@code hour} is constant within each 100-row block: every window collapses. */
  private static List<Map<String, Object>> rows() {
    List<Map<String, Object>> rows = ThresholdCalibrationTest.rows(2_000, 0, 9);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>(rows.get(i));
      row.put("hour", (double) ((i / 100) % 20));
      out.add(row);
    }
    return out;
  }

  /** What slf4j-simple writes to standard error while {@code r} runs. */
  private static String stderrOf(Runnable r) {
    PrintStream before = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(before);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void scratchMonitorsOfACalibration_logNoWarnLines_whereAMonitorWould() {
    List<Map<String, Object>> ref = rows();
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x", "hour").categorical("c");
    ref.forEach(b::add);
    ReferenceProfile profile = b.build();

    // a monitor on one such window logs its data-quality finding (the capture works) ...
    String monitorLog = stderrOf(() -> {
      DriftMonitor m = DriftMonitor.builder(profile).window(Window.tumblingCount(100)).build();
      ref.subList(0, 100).forEach(row -> m.record(row, null, null));
      assertThat(m.history()).hasSize(1); // waits for the window's evaluation
    });
    assertThat(monitorLog).contains("WARN").contains("hour: constant");
    // ... the calibration runs 20 such windows through its scratch monitor and logs nothing
    String calibrationLog = stderrOf(() -> ThresholdCalibration.builder(profile)
        .orderedReference(ref).windowRows(100).build());
    assertThat(calibrationLog).doesNotContain("WARN");
  }
}
