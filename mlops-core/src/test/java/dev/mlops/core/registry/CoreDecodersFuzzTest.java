package dev.mlops.core.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.data.CsvFormatException;
import dev.mlops.core.data.CsvSource;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.fuzz.Fuzz;
import dev.mlops.metrics.MlopsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The fuzz suite of mlops-core's decoders: Java deserialisation ({@link SafeDeserialization#read}),
 * model parts ({@link TrainedModel#fromParts}), every registry file (metadata, alias, archive
 * state, audit log and head; half of the mutated documents re-signed with a recomputed SHA-256 so
 * that they reach the structure) and {@link CsvSource}. Every input must give a result or the typed
 * exception ({@link MlopsException} and its subclasses; for CSV also {@link
 * IllegalArgumentException} when a declared column is not in the mutated header); times are reported by {@link Fuzz}. Runs in its own surefire
 * execution with {@code -Xmx256m}; tries per property: {@code -Dfuzz.tries} (300 in {@code mvn
 * verify}; see docs/fuzzing.md for a longer run).
 */
final class CoreDecodersFuzzTest {

  private static final Fuzz JAVA = new Fuzz("core-java-deserialisation");
  private static final Fuzz PARTS = new Fuzz("core-model-parts");
  private static final Fuzz REGISTRY = new Fuzz("core-registry-files");
  private static final Fuzz CSV = new Fuzz("core-csv");

  private static final Map<String, byte[]> MODEL = model(3);
  /** A serialised forest of 300 trees (near the 1 MB) beside the small one. */
  private static final List<byte[]> JAVA_SEEDS =
      List.of(MODEL.get(TrainedModel.PART_MODEL), model(300).get(TrainedModel.PART_MODEL));
  private static final List<byte[]> CSV_SEEDS = List.of(csv(60), csv(12_000));
  private static final Path SANDBOX = sandbox();
  private static final String[] REGISTRY_FILES = {
    "models/churn/versions/1/metadata.json", "models/churn/aliases/champion.json",
    "models/churn/archived.json", "audit.jsonl", "audit.head.json",
    "models/churn/versions/2/parts/model.bin"
  };
  private static final Map<String, byte[]> PRISTINE = pristine();

  static {
    // untimed: class loading and JIT compilation of the decoders are not an input's cost
    JAVA.warmUp(JAVA_SEEDS, 30,
        bytes -> SafeDeserialization.read(bytes, Object.class), UnsafeArtifactException.class);
    PARTS.warmUp(List.of(new byte[0]), 30,
        bytes -> TrainedModel.fromParts(MODEL, SafeDeserialization.filter()), MlopsException.class);
    REGISTRY.warmUp(List.of(new byte[0]), 30, bytes -> readAll(), MlopsException.class);
    CSV.warmUp(CSV_SEEDS, 20, bytes -> readCsv(bytes, 0), CsvFormatException.class,
        IllegalArgumentException.class);
    CSV.warmUp(CSV_SEEDS, 20, bytes -> readCsv(bytes, 1), CsvFormatException.class,
        IllegalArgumentException.class);
  }

  /** Every read of the registry (no recovery, no synced writes). */
  private static void readAll() {
    FileSystemModelRegistry r = FileSystemModelRegistry.builder(SANDBOX).readOnly().open();
    r.versions("churn", true);
    r.load("churn", 2);
    r.resolve("churn", "champion");
    r.aliasHistory("churn", "champion");
    r.auditLog();
  }

  /** Writes {@code bytes} as a CSV file and reads it (plain, or with declared columns). */
  private static void readCsv(byte[] bytes, long seed) {
    Path file = SANDBOX.resolve("fuzz.csv");
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    csvSource(file, seed).read();
  }

  /** A plain source, or (odd seeds) one with declared columns and a small field bound. */
  private static CsvSource csvSource(Path file, long seed) {
    return (seed & 1) == 0 ? CsvSource.of(file)
        : CsvSource.of(file).timestampColumn("day").numeric("x").maxFieldSize(200);
  }

  private static Map<String, byte[]> model(int trees) {
    Random r = new Random(11);
    int n = 120;
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    String[] colour = new String[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = r.nextDouble();
      x2[i] = r.nextDouble();
      colour[i] = new String[] {"red", "green", "blue"}[r.nextInt(3)];
      y[i] = 3 * x1[i] - 2 * x2[i] + (colour[i].equals("red") ? 1 : 0);
    }
    Table t = Table.builder().numeric("x1", x1).numeric("x2", x2).categorical("colour", colour)
        .numeric("y", y).build();
    TrainedModel m = Pipeline.builder("fuzz").source(t).target("y")
        .transform(s -> s.oneHot("colour"))
        .train(Trainers.randomForestRegressor().trees(trees).mtry(2)).seed(1).build().run().model();
    return m.toParts();
  }

  private static byte[] csv(int rows) {
    StringBuilder s = new StringBuilder("\uFEFFday,x,city,note\n");
    Random r = new Random(2);
    for (int i = 0; i < rows; i++) {
      s.append("2011-01-").append(String.format("%02d", 1 + i % 28)).append(',')
          .append(r.nextGaussian()).append(',').append(i % 3 == 0 ? "Lyon" : "Nice").append(',')
          .append(i % 7 == 0 ? "\"a, \"\"quoted\"\"\nnote\"" : "").append('\n');
    }
    return s.toString().getBytes(UTF_8);
  }

  private static Path sandbox() {
    try {
      Path dir = Files.createTempDirectory("mlops-fuzz-registry");
      dir.toFile().deleteOnExit();
      FileSystemModelRegistry r = FileSystemModelRegistry.open(dir);
      r.register("churn", Map.of("model.bin", new byte[] {1, 2, 3}), Map.of("auc", "0.9"));
      r.register("churn", Map.of("model.bin", new byte[] {4, 5, 6, 7}), Map.of());
      r.promote("churn", 1);
      r.promote("churn", 2);
      r.archive("churn", 1);
      r.appendEvent("trained", "churn", 2, Map.of("reason", "drift"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, byte[]> pristine() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String f : REGISTRY_FILES) {
      try {
        out.put(f, Files.readAllBytes(SANDBOX.resolve(f)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Re-signs a mutated registry document (its SHA-256 field recomputed), when it still parses. */
  private static byte[] resign(byte[] bytes) {
    try {
      ObjectNode doc = (ObjectNode) CheckedJson.MAPPER.readTree(bytes);
      doc.remove("sha256");
      return CheckedJson.encode(doc);
    } catch (IOException | RuntimeException e) {
      return bytes;
    }
  }

  @Property
  void mutatedJavaStreams_readOrFailTyped(@ForAll long seed) {
    byte[] valid = JAVA_SEEDS.get((int) Math.floorMod(seed, JAVA_SEEDS.size()));
    JAVA.run(Fuzz.mutate(valid, seed), bytes -> SafeDeserialization.read(bytes, Object.class),
        UnsafeArtifactException.class);
  }

  @Property
  void mutatedModelParts_loadOrFailTyped(@ForAll long seed) {
    List<String> names = List.copyOf(MODEL.keySet());
    String part = names.get((int) Math.floorMod(seed, names.size()));
    Map<String, byte[]> parts = new HashMap<>(MODEL);
    parts.put(part, Fuzz.mutate(MODEL.get(part), seed));
    // typed: MlopsException, or IllegalArgumentException for a value a step or contract refuses
    PARTS.run(parts.get(part), bytes -> TrainedModel.fromParts(parts, SafeDeserialization.filter()),
        MlopsException.class, IllegalArgumentException.class);
  }

  @Property
  void mutatedRegistryFiles_areReadOrRefusedTyped(@ForAll long seed, @ForAll boolean resigned)
      throws IOException {
    String file = REGISTRY_FILES[(int) Math.floorMod(seed, REGISTRY_FILES.length)];
    byte[] input = Fuzz.mutate(PRISTINE.get(file), seed);
    if (resigned && file.endsWith(".json")) {
      input = resign(input);
    }
    Path path = SANDBOX.resolve(file);
    try {
      Files.write(path, input);
      // timed: every decoder through a read-only registry (no recovery, no synced writes)
      REGISTRY.run(input, bytes -> readAll(), MlopsException.class);
      // not timed: a writable open (recovery) and the full verification
      REGISTRY.after("open and verify", () -> FileSystemModelRegistry.open(SANDBOX).verify(),
          MlopsException.class);
    } finally {
      for (Map.Entry<String, byte[]> e : PRISTINE.entrySet()) {
        Files.write(SANDBOX.resolve(e.getKey()), e.getValue());
      }
    }
  }

  @Property
  void mutatedCsvFiles_readOrFailTyped(@ForAll long seed) throws IOException {
    byte[] input = Fuzz.mutate(CSV_SEEDS.get((int) Math.floorMod(seed >> 1, CSV_SEEDS.size())),
        seed);
    Path file = SANDBOX.resolve("fuzz.csv");
    Files.write(file, input);
    CsvSource source = csvSource(file, seed);
    // typed: a malformed file, or a declared column the mutated header lost
    CSV.run(input, bytes -> source.read(), CsvFormatException.class,
        IllegalArgumentException.class);
  }

  @AfterContainer
  static void report() {
    JAVA.report();
    PARTS.report();
    REGISTRY.report();
    CSV.report();
  }
}
