package dev.mlops.core.retraining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.internal.CoreJson;
import dev.mlops.core.registry.AuditEvent;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.registry.ModelVersion;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.Role;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restarted loop takes over from the one before it: the predictions still waiting for their
 * labels (saved beside a persisted label store when the loop closes, reloaded once at start), and a
 * new champion's probation that had not reached its verdict (restarted from zero rows).
 *
 * <p>Stateless; the loop calls it at start and close.
 */
final class LoopRestart {

  private static final Logger LOG = LoggerFactory.getLogger(LoopRestart.class);
  private static final ObjectMapper JSON = CoreJson.MAPPER;

  /** A prediction waiting for its label, as saved: the request row, the answer, when it was made. */
  record Saved(String requestId, Map<String, ?> row, PredictionResult result, long at) {}

  private LoopRestart() {}

  /** Where the waiting predictions of a store's loop are saved: beside the store's file, or null in memory. */
  static Path pendingFile(LabelStore store) {
    Path file = store.file();
    return file == null ? null : file.resolveSibling(file.getFileName() + ".pending");
  }

  /** Writes the waiting predictions (replacing the file; nothing written when there are none). */
  static void save(Path file, List<Saved> waiting) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
      if (waiting.isEmpty()) {
        return;
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (Saved s : waiting) {
          ObjectNode o = JSON.createObjectNode();
          PredictionResult r = s.result;
          o.put("id", s.requestId).put("at", s.at).put("version", r.modelVersion()).put("role", r.role().name());
          putNumber(o, "value", r.value());
          if (r.probabilities() != null) {
            ArrayNode p = o.putArray("probabilities");
            for (double v : r.probabilities()) {
              p.add(v);
            }
          }
          LabelStore.putRow(o.putObject("row"), s.row);
          w.write(JSON.writeValueAsString(o));
          w.newLine();
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("saved {} predictions waiting for their labels to {}", waiting.size(), file);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not save the {} predictions waiting for their labels to {}: their labels will not join after a "
          + "restart", waiting.size(), file, e);
    }
  }

  /** Reads and deletes the saved predictions (a crash after this start must not restore them twice). */
  static List<Saved> load(Path file, String modelName) {
    List<Saved> saved = new ArrayList<>();
    if (file == null || !Files.exists(file)) {
      return saved;
    }
    int bad = 0;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        try {
          JsonNode o = JSON.readTree(line);
          double[] p = null;
          if (o.has("probabilities")) {
            p = new double[o.get("probabilities").size()];
            for (int k = 0; k < p.length; k++) {
              p[k] = o.get("probabilities").get(k).doubleValue();
            }
          }
          JsonNode value = o.get("value");
          PredictionResult r = new PredictionResult(o.get("id").asText(), modelName, o.get("version").intValue(),
              Role.valueOf(o.get("role").asText()), value.isNull() ? Double.NaN : value.doubleValue(), p);
          saved.add(new Saved(r.requestId(), LabelStore.rowOf(o.get("row")), r, o.get("at").longValue()));
        } catch (IOException | RuntimeException e) {
          bad++;
        }
      }
      Files.delete(file);
    } catch (IOException e) {
      LOG.warn("could not read the saved predictions in {}", file, e);
    }
    if (bad > 0) {
      LOG.warn("{} unreadable line(s) skipped in the saved predictions {}", bad, file);
    }
    return saved;
  }

  private static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  /**
   * The version whose probation the champion was on when the loop stopped, if no verdict came:
   * the loop promoted it (its metadata names the previous champion) and the audit log shows no
   * {@code loop.probation_passed} of it and no rollback from it since that promotion.
   *
   * @return the previous champion's version, or 0 if there is no probation to resume
   */
  static int undecidedProbation(ModelRegistry registry, String modelName, ModelVersion champion) {
    String previous = champion.metadata().get("loop.previous_champion");
    if (previous == null || !previous.matches("\\d{1,9}")) {
      return 0;
    }
    int v = champion.version();
    boolean open = false;
    for (AuditEvent e : registry.auditLog()) {
      if (!modelName.equals(e.model())) {
        continue;
      }
      if (e.type().equals("loop." + LoopEvent.Type.PROMOTED.key()) && e.version() == v) {
        open = true;
      } else if (e.type().equals("loop." + LoopEvent.Type.PROBATION_PASSED.key()) && e.version() == v
          || e.type().equals("loop." + LoopEvent.Type.ROLLED_BACK.key())
              && Integer.toString(v).equals(e.details().get("from_version"))) {
        open = false;
      }
    }
    return open ? Integer.parseInt(previous) : 0;
  }
}
