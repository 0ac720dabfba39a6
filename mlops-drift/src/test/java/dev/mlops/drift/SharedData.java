package dev.mlops.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real data sets beside the clone ({@code ../shared/data}), as tests find them. */
public final class SharedData {

  private SharedData() {}

  /**
   * The UCI bike-sharing hourly file: under the {@code mlops.shared.dir} the build sets, else the
   * machine's shared copy.
   *
   * @return the path of {@code hour.csv} (it may not exist)
   */
  public static Path bikeSharingHours() {
    String dir = System.getProperty("mlops.shared.dir");
    Path csv = dir == null ? null : Path.of(dir, "data", "bike-sharing", "hour.csv");
    return csv != null && Files.exists(csv) ? csv : Path.of("/work/shared/data/bike-sharing/hour.csv");
  }

  /**
   * The rows of the bike-sharing hourly file in file (time) order, each field by its header name.
   *
   * @return the rows
   * @throws IOException if the file cannot be read
   */
  public static List<Map<String, String>> bikeSharingRecords() throws IOException {
    List<String> lines = Files.readAllLines(bikeSharingHours());
    String[] header = lines.get(0).trim().split(",");
    List<Map<String, String>> rows = new ArrayList<>(lines.size() - 1);
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.trim().split(",");
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], v[i]);
      }
      rows.add(row);
    }
    return rows;
  }
}
