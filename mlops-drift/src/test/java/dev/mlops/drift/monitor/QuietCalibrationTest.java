package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

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

    // a window constant for longer than any run of the reference (300 > 100 rows) is a
    // data-quality finding: a monitor logs it (the capture works) ...
    List<Map<String, Object>> stuck = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Map<String, Object> row = new LinkedHashMap<>(ref.get(i));
      row.put("hour", 7.0);
      stuck.add(row);
    }
    String monitorLog = stderrOf(() -> {
      DriftMonitor m = DriftMonitor.builder(profile).window(Window.tumblingCount(300)).build();
      stuck.forEach(row -> m.record(row, null, null));
      assertThat(m.history()).hasSize(1); // waits for the window's evaluation
    });
    assertThat(monitorLog).contains("WARN").contains("hour: constant");
    // ... the same monitor told not to log its windows (as the calibration's scratch monitors
    // are) logs nothing for the same finding ...
    String quietLog = stderrOf(() -> {
      DriftMonitor m = DriftMonitor.builder(profile).window(Window.tumblingCount(300))
          .logWindows(false).build();
      stuck.forEach(row -> m.record(row, null, null));
      assertThat(m.history()).hasSize(1);
      assertThat(m.history().get(0).dataQuality().alert()).isTrue();
    });
    assertThat(quietLog).doesNotContain("WARN");
    // ... the calibration runs 20 such windows through its scratch monitor and logs nothing
    String calibrationLog = stderrOf(() -> ThresholdCalibrator.builder(profile)
        .orderedReference(ref).windowRows(100).build());
    assertThat(calibrationLog).doesNotContain("WARN");
  }
}
