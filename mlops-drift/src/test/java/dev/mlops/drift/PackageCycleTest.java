package dev.mlops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of mlops-drift's main sources form no cycle: every reference from one package to
 * another (an import, or a fully qualified name in code or Javadoc) is read from the sources and
 * the package graph is checked for strongly connected components of more than one package. The
 * intended layering is {@code stat, internal <- profile <- decision <- monitor}, with {@code
 * fairness} beside {@code internal}.
 */
final class PackageCycleTest {

  private static final Path MAIN = Path.of("src/main/java/dev/mlops/drift");
  private static final Pattern REFERENCE =
      Pattern.compile("\\bdev\\.mlops\\.drift\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

  /** Package (relative to dev.mlops.drift) to the packages its sources refer to. */
  static Map<String, Set<String>> packageGraph(Path root) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path source : sources) {
      Path dir = root.relativize(source.getParent());
      String from = dir.toString().isEmpty() ? "" : dir.toString().replace('/', '.');
      Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
      Matcher m = REFERENCE.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (m.find()) {
        if (!m.group(1).equals(from)) {
          to.add(m.group(1));
        }
      }
    }
    return graph;
  }

  /** Strongly connected components with more than one package (Tarjan). */
  static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<Set<String>> out = new ArrayList<>();
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, out);
      }
    }
    return out;
  }

  private static void connect(String v, Map<String, Set<String>> graph,
      Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      List<Set<String>> out) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, out);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }

  @Test
  void mainSources_haveNoPackageCycle() throws IOException {
    Map<String, Set<String>> graph = packageGraph(MAIN);

    assertThat(graph).containsKeys("profile", "decision", "monitor", "stat");
    assertThat(cycles(graph)).as("package graph %s", graph).isEmpty();
  }

  @Test
  void mainSources_keepTheLayering_profileBelowDecisionBelowMonitor() throws IOException {
    Map<String, Set<String>> graph = packageGraph(MAIN);

    assertThat(graph.get("stat")).doesNotContain("profile", "decision", "monitor");
    assertThat(graph.get("profile")).doesNotContain("decision", "monitor");
    assertThat(graph.get("decision")).doesNotContain("monitor");
  }

  @Test
  void mainSources_neverUseMlopsMetricsInternalPackage() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (Files.readString(source, StandardCharsets.UTF_8).contains("dev.mlops.metrics.internal")) {
          offenders.add(MAIN.relativize(source).toString());
        }
      }
    }

    assertThat(offenders).as("mlops-drift main sources naming dev.mlops.metrics.internal").isEmpty();
  }

  @Test
  void cycleFinder_reportsAThreePackageCycle_andNotAChain() {
    Map<String, Set<String>> cyclic = Map.of("a", Set.of("b"), "b", Set.of("c"),
        "c", Set.of("a"), "d", Set.of("a"));
    Map<String, Set<String>> chain = Map.of("a", Set.of("b"), "b", Set.of("c"),
        "c", Set.of());

    assertThat(cycles(cyclic)).containsExactly(Set.of("a", "b", "c"));
    assertThat(cycles(chain)).isEmpty();
  }
}
