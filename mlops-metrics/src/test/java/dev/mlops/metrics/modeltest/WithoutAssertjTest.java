package dev.mlops.metrics.modeltest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * assertj-core is an optional dependency of mlops-metrics: only dev.mlops.metrics.assertj may use it.
 * Runs a ModelTest in a class loader whose class path has no AssertJ, and checks the sources.
 */
final class WithoutAssertjTest {

  /** The module's runtime class path without AssertJ and without the test classes. */
  private static URL[] classPathWithoutAssertj() throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isBlank() || entry.contains("assertj") || entry.endsWith("test-classes")) {
        continue;
      }
      urls.add(Paths.get(entry).toUri().toURL());
    }
    return urls.toArray(URL[]::new);
  }

  @Test
  void modelTest_runs_withoutAssertjOnTheClassPath() throws Exception {
    try (URLClassLoader isolated = new URLClassLoader(classPathWithoutAssertj(), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> Class.forName("org.assertj.core.api.Assertions", true, isolated))
          .isInstanceOf(ClassNotFoundException.class);

      Class<?> classifier = Class.forName("dev.mlops.metrics.ProbabilisticClassifier", true, isolated);
      Object model = Proxy.newProxyInstance(isolated, new Class<?>[] {classifier},
          (proxy, method, args) -> method.getName().equals("probabilities")
              ? new double[] {1 - (Double) args[0], (Double) args[0]}
              : method.invoke(this, args));
      Class<?> metric = Class.forName("dev.mlops.metrics.Metric", true, isolated);
      Object accuracy = metric.getField("ACCURACY").get(null);

      Object test = Class.forName("dev.mlops.metrics.modeltest.ModelTest", true, isolated)
          .getMethod("forClassifier", classifier).invoke(null, model);
      test = call(test, "on", new Class<?>[] {List.class, int[].class}, List.of(0.9, 0.2, 0.7, 0.4),
          new int[] {1, 0, 1, 1});
      test = call(test, "bootstrap", new Class<?>[] {int.class}, 20);
      Object expectation = call(test, "expect", new Class<?>[] {metric}, accuracy);
      test = call(expectation, "atLeast", new Class<?>[] {double.class}, 0.7);
      Object report = call(test, "run", new Class<?>[0]);

      assertThat(report.getClass().getClassLoader()).isSameAs(isolated);
      assertThat((Boolean) call(report, "passed", new Class<?>[0])).isTrue();   // accuracy 3/4
      assertThat((String) call(report, "toJson", new Class<?>[0])).contains("\"status\":\"passed\"");
      assertThat((String) call(report, "toText", new Class<?>[0])).contains("[PASSED]");

      // and the AssertJ package really cannot be used there
      assertThatThrownBy(() -> Class.forName("dev.mlops.metrics.assertj.MlopsAssertions", true, isolated)
          .getMethods()).isInstanceOf(NoClassDefFoundError.class);
    }
  }

  private static Object call(Object target, String name, Class<?>[] types, Object... args) throws Exception {
    Method method = target.getClass().getMethod(name, types);
    return method.invoke(target, args);
  }

  @Test
  void onlyTheAssertjPackage_importsAssertj() throws IOException {
    Path sources = Paths.get("src", "main", "java");
    assertThat(sources).isDirectory();
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(sources)) {
      offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getParent().endsWith(Paths.get("dev", "mlops", "metrics", "assertj")))
          .filter(p -> read(p).contains("org.assertj"))
          .toList();
    }
    assertThat(offenders).isEmpty();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
