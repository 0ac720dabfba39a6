package dev.mlops.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the Debian {@code chromium} binary headless on a local file: dumps the DOM after scripts ran,
 * collects the console messages from its log, and takes screenshots. Each call uses a fresh profile
 * directory and no network features.
 */
public final class HeadlessChromium {

  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /** Finds {@code chromium} (or {@code chromium-browser}) on the PATH. */
  public static Optional<HeadlessChromium> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new HeadlessChromium(candidate));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The outcome of loading a page: the serialised DOM after scripts ran, every console message, and
   * every network request the page made (from Chromium's net log).
   */
  public record PageLoad(String dom, List<String> consoleMessages, String log, List<String> pageRequests) {}

  /** Loads the page, lets its scripts run, and returns the DOM, the console messages and the page's requests. */
  public PageLoad load(Path page, Path workDir) throws IOException, InterruptedException {
    return load(page, "", workDir);
  }

  /**
   * Loads the page with a fragment (e.g. {@code "window=3"}), lets its scripts run, and returns the
   * DOM, the console messages and the page's network requests.
   */
  public PageLoad load(Path page, String fragment, Path workDir) throws IOException, InterruptedException {
    Path dom = workDir.resolve("dom.html");
    Path log = workDir.resolve("chromium-dom.log");
    Path netLog = workDir.resolve("chromium-net-log.json");
    Files.deleteIfExists(netLog);
    run(workDir, dom, log, List.of("--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
        "--log-net-log=" + netLog.toAbsolutePath(), "--dump-dom",
        page.toUri() + (fragment.isEmpty() ? "" : "#" + fragment)));
    String logText = Files.readString(log, StandardCharsets.UTF_8);
    List<String> console = new ArrayList<>();
    // Chromium logs every console message (log, warn, error, uncaught exception) as ":CONSOLE".
    logText.lines().filter(l -> l.contains(":CONSOLE")).forEach(console::add);
    return new PageLoad(Files.readString(dom, StandardCharsets.UTF_8), console, logText, pageRequests(netLog));
  }

  /**
   * The URL requests a page made, from a net log: Chromium's own background requests carry the
   * initiator "not an origin"; a request made by a page loaded from a file has the opaque origin
   * "null" (or a file:// isolation key).
   */
  static List<String> pageRequests(Path netLog) throws IOException {
    JsonNode root = new ObjectMapper().readTree(netLog.toFile());
    int startJob = root.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB").asInt(-1);
    List<String> out = new ArrayList<>();
    for (JsonNode e : root.path("events")) {
      JsonNode p = e.path("params");
      // The job's begin event carries the URL and initiator; its end event only the result.
      if (e.path("type").asInt() == startJob && p.has("url") && (!"not an origin".equals(p.path("initiator").asText())
          || p.path("network_isolation_key").asText().contains("file://"))) {
        out.add(p.path("url").asText() + " (initiator " + p.path("initiator").asText() + ")");
      }
    }
    return out;
  }

  /** Takes a screenshot of the page at the given window size. */
  public void screenshot(Path page, Path png, int width, int height, Path workDir) throws IOException, InterruptedException {
    Files.deleteIfExists(png);
    run(workDir, null, workDir.resolve("chromium-screenshot.log"), List.of("--hide-scrollbars",
        "--virtual-time-budget=10000", "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
  }

  private void run(Path workDir, Path stdout, Path stderr, List<String> extra) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "profile-");
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(extra);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectError(stderr.toFile());
    builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
    try {
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IOException("chromium exited with " + process.exitValue() + ": " + command + "\n"
            + Files.readString(stderr, StandardCharsets.UTF_8));
      }
    } finally {
      deleteRecursively(profile);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
