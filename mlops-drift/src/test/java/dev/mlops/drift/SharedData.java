package dev.mlops.drift;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
