package dev.mlops.core.registry;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A child-process program for the reliability tests (not a test itself). It writes to a registry
 * and reports progress on its standard output, a protocol channel the parent test reads to pick a
 * moment to kill it: {@code 'w'} when a change starts, {@code '.'} when it has finished.
 *
 * <p>Usage: {@code RegistryWorker churn <root> <seed>} (saves and promotions until killed) or
 * {@code RegistryWorker register <root> <model> <count>} (registers count versions, then exits).
 */
final class RegistryWorker {

  private RegistryWorker() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[1]);
    FileSystemModelRegistry registry = FileSystemModelRegistry.open(root);
    OutputStream progress = new FileOutputStream(FileDescriptor.out);
    progress.write('R');
    progress.flush();
    if (args[0].equals("register")) {
      int count = Integer.parseInt(args[3]);
      for (int i = 0; i < count; i++) {
        registry.register(args[2], Map.of("model.bin", ("child " + i).getBytes()), Map.of("writer", "child"));
        progress.write('.');
        progress.flush();
      }
      return;
    }
    churn(registry, new Random(Long.parseLong(args[2])), progress);
  }

  /** Saves, promotions, rollbacks, alias changes, archives and host events, forever. */
  static void churn(FileSystemModelRegistry registry, Random random, OutputStream progress)
      throws IOException {
    while (true) {
      String model = "model-" + random.nextInt(2);
      int op = random.nextInt(10);
      List<Integer> versions = new ArrayList<>();
      registry.versions(model).forEach(v -> versions.add(v.version()));
      progress.write('w');
      progress.flush();
      if (op < 4 || versions.isEmpty()) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        byte[] artifact = new byte[1 + random.nextInt(64 * 1024)];
        random.nextBytes(artifact);
        parts.put("model.bin", artifact);
        parts.put("contract.json", ("{\"n\":" + random.nextInt() + "}").getBytes());
        parts.put("profile.bin", new byte[random.nextInt(4096)]);
        registry.register(model, parts, Map.of("seed", Integer.toString(random.nextInt(1000))));
      } else {
        int version = versions.get(random.nextInt(versions.size()));
        try {
          switch (op) {
            case 4, 5 -> registry.promote(model, version);
            case 6 -> registry.setAlias(model, ModelRegistry.CHALLENGER, version);
            case 7 -> registry.rollback(model);
            case 8 -> registry.appendEvent("trained", model, version, Map.of("auc", "0.9"));
            default -> {
              if (random.nextBoolean()) {
                registry.archive(model, version);
              } else {
                registry.unarchive(model, version);
              }
            }
          }
        } catch (IllegalStateException expected) {
          // nothing to roll back to, or an aliased version cannot be archived
        }
      }
      progress.write('.');
      progress.flush();
    }
  }
}
