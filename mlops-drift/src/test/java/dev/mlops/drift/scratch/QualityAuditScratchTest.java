package dev.mlops.drift.scratch;

import dev.mlops.drift.monitor.*;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;

final class QualityAuditScratchTest {
  static final String[] F = {"season", "mnth", "hr", "holiday", "weekday", "workingday",
      "weathersit", "temp", "atemp", "hum", "windspeed"};

  static List<Map<String, Object>> read(int year) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("/work/shared/data/bike-sharing/hour.csv"));
    String[] h = lines.get(0).trim().split(",");
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < h.length; i++) col.put(h[i], i);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.trim().split(",");
      if (Integer.parseInt(v[col.get("yr")]) != year - 2011) continue;
      Map<String, Object> r = new LinkedHashMap<>();
      for (String f : F) r.put(f, Double.parseDouble(v[col.get(f)]));
      rows.add(r);
    }
    return rows;
  }

  @Test
  void audit() throws Exception {
    StringBuilder out = new StringBuilder();
    List<Map<String, Object>> y11 = read(2011), y12 = read(2012);
    for (boolean ordered : new boolean[] {false, true}) {
      ReferenceProfile.Builder b = ReferenceProfile.builder();
      if (ordered) b.orderedCalibration(720);
      y11.forEach(b::add);
      ReferenceProfile p = b.build();
      for (String scen : new String[] {"2011self", "2012clean", "2012broken"}) {
        List<Map<String, Object>> rows = scen.equals("2011self") ? y11 : y12;
        DriftMonitor m = DriftMonitor.builder(p).window(Window.tumblingCount(720)).build();
        int i = 0;
        for (Map<String, Object> r : rows) {
          Map<String, Object> rr = new LinkedHashMap<>(r);
          rr.remove("mnth"); rr.remove("season");
          if (scen.equals("2012broken") && i > 1000) {
            rr.put("hum", 0.62); rr.put("windspeed", 0.1940); rr.put("atemp", 0.4697);
          }
          m.record(rr, null, null);
          i++;
        }
        m.closeWindow();
        out.append("== ordered=" + ordered + " " + scen + "\n");
        for (DriftReport rep : m.history()) {
          out.append("window " + rep.window() + " rows " + rep.dataQuality().rows() + "\n");
          for (String f : rep.dataQuality().findings()) out.append("   " + f + "\n");
        }
      }
    }
    Files.writeString(Path.of("/tmp/polish-audit.txt"), out.toString());
  }
}
