package dev.mlops.examples.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-to-end demo: train, test, deploy, monitor, retrain, report.
 *
 * <p>Run it from the repository root with the README's command
 * ({@code mvn -B -q -Pdemo -pl mlops-examples -am -DskipTests package}); options:
 * <ul>
 *   <li>{@code --data <hour.csv>}: the UCI Bike Sharing data instead of generated loan applications;</li>
 *   <li>{@code --registry <dir>}: the model registry (default {@code ./mlops-demo-registry}, reused across runs);</li>
 *   <li>{@code --report <file>}: the HTML report (default {@code ./mlops-demo-report.html});</li>
 *   <li>{@code --seed <n>}: the seed of the generated data and of training (default 42).</li>
 * </ul>
 */
public final class Demo {

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args see the class comment
   * @throws Exception if a stage fails (the demo is an example program: it lets failures show)
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Console console = new Console(System.out);
    DemoData data = options.data == null ? DemoDataSets.loans(options.seed) : DemoDataSets.bikes(options.data);
    new DemoRun(console, data, options.registry, options.report, options.seed).run();
  }

  /** Command-line options. */
  record Options(Path data, Path registry, Path report, long seed) {
    static Options parse(String[] args) {
      Map<String, String> values = new TreeMap<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (!List.of("--data", "--registry", "--report", "--seed").contains(a)) {
          throw new IllegalArgumentException("unknown option: " + a
              + " (use --data <hour.csv>, --registry <dir>, --report <file>, --seed <n>)");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        values.put(a, args[++i]);
      }
      return new Options(
          values.containsKey("--data") ? Path.of(values.get("--data")) : null,
          Path.of(values.getOrDefault("--registry", "mlops-demo-registry")),
          Path.of(values.getOrDefault("--report", "mlops-demo-report.html")),
          Long.parseLong(values.getOrDefault("--seed", "42").toLowerCase(Locale.ROOT)));
    }
  }
}
