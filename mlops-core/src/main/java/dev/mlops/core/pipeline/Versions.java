package dev.mlops.core.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions recorded in provenance. */
final class Versions {

  private static final Map<String, String> VERSIONS = read();

  private Versions() {}

  static Map<String, String> all() {
    return VERSIONS;
  }

  private static Map<String, String> read() {
    Map<String, String> v = new LinkedHashMap<>();
    String own = Pipeline.class.getPackage().getImplementationVersion();
    v.put("mlops", own == null ? "development" : own);
    v.put("smile", smileVersion());
    v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    return Map.copyOf(v);
  }

  /** Looked up reflectively: a pipeline with a plug-in trainer must run without Smile on the class path. */
  private static String smileVersion() {
    try {
      Class<?> anchor = Class.forName("smile.classification.RandomForest", false, Versions.class.getClassLoader());
      return mavenVersion(anchor, "com.github.haifengl", "smile-core");
    } catch (ClassNotFoundException | LinkageError e) {
      return "absent";
    }
  }

  private static String mavenVersion(Class<?> anchor, String group, String artifact) {
    String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = anchor.getResourceAsStream(path)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String version = p.getProperty("version");
        if (version != null) {
          return version;
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String m = anchor.getPackage().getImplementationVersion();
    return m == null ? "unknown" : m;
  }
}
