package dev.mlops.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's parts read from the classpath (the HTML template, its CSS and script, and the chart
 * library from its WebJar), cached after the first read, and the filling of the template's
 * {@code {{name}}} slots. Thread-safe.
 */
final class Templates {

  private static final String BASE = "dev/mlops/report/";
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Templates() {}

  static String resource(String name) {
    return CACHE.computeIfAbsent(name, n -> read(BASE + n, "the report's " + n));
  }

  /** The chart library's source, safe to inline in a script element. */
  static String echarts() {
    return CACHE.computeIfAbsent("echarts", n -> {
      Properties p = new Properties();
      try (InputStream in = loader().getResourceAsStream(BASE + "echarts.properties")) {
        if (in == null) {
          throw new IllegalStateException("the report's echarts.properties is not on the classpath");
        }
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the report's echarts.properties", e);
      }
      String path = "META-INF/resources/webjars/echarts/" + p.getProperty("version") + "/dist/echarts.min.js";
      // A literal "</script" inside the library would end the inline script element early.
      return read(path, "the chart library (dependency org.webjars.npm:echarts:" + p.getProperty("version") + ")")
          .replace("</script", "<\\/script");
    });
  }

  /**
   * Fills each {@code {{name}}} slot of the template with its value; values are inserted as given
   * (never scanned for slots themselves).
   *
   * @throws IllegalStateException if the template names a slot without a value
   */
  static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
    int at = 0;
    while (true) {
      int open = template.indexOf("{{", at);
      if (open < 0) {
        break;
      }
      int close = template.indexOf("}}", open);
      String name = template.substring(open + 2, close);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalStateException("report template slot has no value: " + name);
      }
      out.append(template, at, open).append(value);
      at = close + 2;
    }
    return out.append(template, at, template.length()).toString();
  }

  private static String read(String path, String what) {
    try (InputStream in = loader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(what + " is not on the classpath: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static ClassLoader loader() {
    ClassLoader l = Templates.class.getClassLoader();
    return l != null ? l : ClassLoader.getSystemClassLoader();
  }
}
