package dev.mlops.examples.demo;

import dev.mlops.core.report.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One run of the demo's loop over a data set. Not thread-safe: one run, one thread. */
final class DemoRun {

  private final Console console;
  private final DemoData data;
  private final Path registryDir;
  private final Path reportFile;
  private final long seed;
  private final HtmlReport.Builder report = HtmlReport.builder();

  DemoRun(Console console, DemoData data, Path registryDir, Path reportFile, long seed) {
    this.console = console;
    this.data = data;
    this.registryDir = registryDir;
    this.reportFile = reportFile;
    this.seed = seed;
  }

  void run() {
    console.banner("mlops-java demo: " + data.name() + (data.classification() ? " (classification)" : " (regression)"));
    describeData();
    train();
    test();
    deploy();
    serve();
    writeReport();
    console.stage(0, "Done");
    console.kv("total time", String.format(java.util.Locale.ROOT, "%.1f s", console.elapsedSeconds()));
  }

  private void describeData() {
    console.stage(0, "Data");
    wrap(data.description());
    console.kv("history rows", data.history().size());
    console.kv("live batches", data.live().size() + " (" + data.live().get(0).name() + " .. "
        + data.live().get(data.live().size() - 1).name() + ")");
    console.kv("numeric features", String.join(", ", data.numeric()));
    console.kv("categorical features", String.join(", ", data.categorical()));
    double mean = data.history().stream().mapToDouble(data::labelOf).average().orElse(Double.NaN);
    console.kv(data.classification() ? "positive share (history)" : "mean " + data.label() + " (history)",
        Console.num(mean));
  }

  private void train() {
    console.stage(1, "Train with the Pipeline");
    notYet("the Pipeline (issue 7)");
  }

  private void test() {
    console.stage(2, "Test with ModelTest");
    notYet("ModelTest (issue 4)");
  }

  private void deploy() {
    console.stage(3, "Register and deploy");
    notYet("the registry and ModelEndpoint (issue 8)");
  }

  private void serve() {
    console.stage(4, "Serve live traffic");
    notYet("ModelEndpoint (issue 8)");
    console.stage(5, "Detect drift");
    notYet("DriftMonitor (issue 6)");
    console.stage(6, "Continuous training");
    notYet("ContinuousTraining (issue 8)");
    console.stage(7, "Monitoring continues on the new model");
    notYet("ContinuousTraining (issue 8)");
  }

  private void writeReport() {
    console.stage(8, "HTML report");
    report.title("mlops-java demo: " + data.name()).summary(data.description());
    report.provenance(Map.of("data set", data.name(), "seed", seed, "registry", registryDir.toAbsolutePath()));
    Path written = report.build().writeTo(reportFile);
    console.kv("report", written);
    console.done();
  }

  private void notYet(String what) {
    console.line("[not built yet: this stage waits for " + what + "]");
  }

  private void wrap(String text) {
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() + word.length() > 74) {
        console.line(line.toString().trim());
        line.setLength(0);
      }
      line.append(word).append(' ');
    }
    if (line.length() > 0) {
      console.line(line.toString().trim());
    }
  }

}
