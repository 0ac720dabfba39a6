package dev.mlops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry checked against its audit chain: changes whose audit line was lost to a crash are
 * re-logged (detail {@code recovered=true}), and a full check lists every problem of every file and
 * every link. Stateless apart from the stores; callers hold the registry lock.
 *
 * @param versions the versions
 * @param aliases the aliases
 * @param archives the archive states
 * @param audit the audit chain
 */
record RegistryCheck(VersionStore versions, AliasStore aliases, ArchiveStore archives, AuditLog audit) {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryCheck.class);
  private static final Map<String, String> RECOVERED = Map.of("recovered", "true");
  /** Event type of an archive state rewritten from the chain by a repair. */
  static final String ARCHIVE_RESTORED = "archive.restored";


  /** Re-logs every recorded change whose event id the (verified) chain lacks. */
  void relogLostChanges() throws IOException {
    Set<String> logged = new HashSet<>();
    audit.readAll().forEach(e -> logged.add(e.eventId()));
    for (String name : versions.models()) {
      try {
        relog(name, logged);
      } catch (IntegrityException e) {
        LOG.error("registry {}: model {} could not be checked for lost audit lines",
            versions.root(), name, e);
      }
    }
  }

  private void relog(String name, Set<String> logged) throws IOException {
    for (int v : versions.committedVersions(name)) {
      try {
        ObjectNode body = versions.readMetadataBody(name, v);
        String eventId = body.path("event_id").asText();
        if (!logged.contains(eventId)) {
          Instant time = Instant.parse(body.path("created_at").asText());
          audit.append(time, eventId, AuditEvent.REGISTERED, name, v, null, RECOVERED);
          LOG.warn("registry {}: re-logged the registration of {} v{} lost to a crash",
              versions.root(), name, v);
        }
      } catch (IntegrityException | DateTimeParseException e) {
        LOG.error("registry {}: {} v{} fails verification", versions.root(), name, v, e);
      }
    }
    for (String alias : aliases.names(name)) {
      try {
        AliasStore.State s = aliases.read(name, alias);
        for (AliasChange c : s == null ? List.<AliasChange>of() : s.changes()) {
          if (!logged.contains(c.eventId())) {
            String type =
                switch (c.action()) {
                  case "rollback" -> AuditEvent.ROLLED_BACK;
                  case "removed" -> AuditEvent.ALIAS_REMOVED;
                  default -> ModelRegistry.CHAMPION.equals(alias) ? AuditEvent.PROMOTED
                      : AuditEvent.ALIAS_SET;
                };
            Map<String, String> d = new TreeMap<>(RECOVERED);
            d.put("from", Integer.toString(c.fromVersion()));
            d.put("to", Integer.toString(c.toVersion()));
            audit.append(c.time(), c.eventId(), type, name, c.toVersion(), alias, d);
            LOG.warn("registry {}: re-logged a change of alias {} of {} lost to a crash",
                versions.root(), alias, name);
          }
        }
      } catch (IntegrityException e) {
        LOG.error("registry {}: alias {} of {} fails verification", versions.root(), alias, name, e);
      }
    }
    try {
      for (ArchiveStore.Change c : archives.read(name).changes()) {
        if (!logged.contains(c.eventId())) {
          String type = "archive".equals(c.action()) ? AuditEvent.ARCHIVED : AuditEvent.UNARCHIVED;
          audit.append(c.time(), c.eventId(), type, name, c.version(), null, RECOVERED);
        }
      }
    } catch (IntegrityException e) {
      LOG.error("registry {}: archive state of {} fails verification", versions.root(), name, e);
    }
  }

  /**
   * Refuses a change while the chain fails verification or the archive state of {@code model}
   * disagrees with the chain's archive events.
   */
  void requireSound(String model) throws IOException {
    List<AuditEvent> events = audit.readAll();
    if (model != null && Names.isValid(model) && versions.models().contains(model)) {
      Set<Integer> chain = AuditLog.archivedByChain(events).getOrDefault(model, Set.of());
      Set<Integer> file = archives.read(model).versions();
      if (!chain.equals(file)) {
        throw new IntegrityException("registry " + versions.root() + ": archive state of model "
            + model + " " + file + " does not match the audit chain " + chain
            + " (archived.json replaced or deleted); writes are refused until repair()");
      }
    }
  }

  /** Repairs the chain (when broken) or the archive states (when they disagree with it). */
  List<AuditEvent> repair(String reason, Instant now) throws IOException {
    List<AuditEvent> logged = new ArrayList<>();
    List<AuditEvent> events;
    try {
      events = audit.readAll();
    } catch (IntegrityException e) {
      AuditEvent repaired = audit.repair(now, UUID.randomUUID().toString(), reason,
          Long.toString(now.toEpochMilli()));
      LOG.warn("registry {}: audit log repaired ({}): {}", versions.root(), reason,
          repaired.details());
      logged.add(repaired);
      relogLostChanges();
      return logged;
    }
    Map<String, Set<Integer>> chain = AuditLog.archivedByChain(events);
    for (String name : versions.models()) {
      Set<Integer> wanted = chain.getOrDefault(name, Set.of());
      if (archives.read(name).versions().equals(wanted)) {
        continue;
      }
      List<ArchiveStore.Change> changes = new ArrayList<>();
      for (AuditEvent e : events) {
        if (name.equals(e.model()) && (AuditEvent.ARCHIVED.equals(e.type())
            || AuditEvent.UNARCHIVED.equals(e.type()))) {
          changes.add(new ArchiveStore.Change(e.time(), e.eventId(),
              AuditEvent.ARCHIVED.equals(e.type()) ? "archive" : "unarchive", e.version()));
        }
      }
      archives.write(name, new ArchiveStore.State(wanted, changes));
      Map<String, String> d = new TreeMap<>();
      d.put("reason", reason);
      d.put("archived", wanted.toString());
      logged.add(audit.append(now, UUID.randomUUID().toString(), ARCHIVE_RESTORED, name, 0, null, d));
      LOG.warn("registry {}: archive state of {} restored from the audit chain: {}",
          versions.root(), name, wanted);
    }
    return logged;
  }

  /** Problems of the chain itself and of the archive states recorded in it. */
  List<String> chainProblems() throws IOException {
    List<String> problems = new ArrayList<>();
    List<AuditEvent> events;
    try {
      events = audit.readAll();
    } catch (IntegrityException e) {
      problems.add(e.getMessage());
      return problems;
    }
    Map<String, Set<Integer>> chain = AuditLog.archivedByChain(events);
    Set<String> models = new HashSet<>(versions.models());
    models.addAll(chain.keySet());
    for (String name : new java.util.TreeSet<>(models)) {
      if (!Names.isValid(name)) {
        continue;
      }
      try {
        Set<Integer> file = archives.read(name).versions();
        Set<Integer> logged = chain.getOrDefault(name, Set.of());
        if (!file.equals(logged)) {
          problems.add("archive state of model " + name + " " + file
              + " does not match the audit chain " + logged);
        }
      } catch (IntegrityException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  /** Every problem of every file and every link. */
  List<String> problems() throws IOException {
    List<String> problems = chainProblems();
    Set<String> logged = new HashSet<>();
    try {
      audit.readAll().forEach(e -> logged.add(e.eventId()));
    } catch (IntegrityException e) {
      // reported by chainProblems; the files are still checked
    }
    for (String name : versions.models()) {
      Set<Integer> archived = Set.of();
      try {
        ArchiveStore.State a = archives.read(name);
        archived = a.versions();
        for (ArchiveStore.Change c : a.changes()) {
          requireLogged(problems, logged, c.eventId(), "archive change of " + name + " v" + c.version());
        }
      } catch (IntegrityException e) {
        problems.add(e.getMessage());
      }
      List<Integer> committed = versions.committedVersions(name);
      for (int v : committed) {
        try {
          versions.load(name, v, archived);
          String eventId = versions.readMetadataBody(name, v).path("event_id").asText();
          requireLogged(problems, logged, eventId, "registration of " + name + " v" + v);
        } catch (IntegrityException | ModelNotFoundException e) {
          problems.add(e.getMessage());
        }
      }
      for (String alias : aliases.names(name)) {
        try {
          AliasStore.State s = aliases.read(name, alias);
          if (s != null && s.version() != 0 && !committed.contains(s.version())) {
            problems.add("alias " + alias + " of model " + name + " points at missing version "
                + s.version());
          }
          for (AliasChange c : s == null ? List.<AliasChange>of() : s.changes()) {
            requireLogged(problems, logged, c.eventId(), "change of alias " + alias + " of " + name);
          }
        } catch (IntegrityException e) {
          problems.add(e.getMessage());
        }
      }
    }
    return problems;
  }

  private static void requireLogged(List<String> problems, Set<String> logged, String eventId,
      String what) {
    if (!logged.isEmpty() && !logged.contains(eventId)) {
      problems.add(what + " (event " + eventId + ") has no audit line");
    }
  }
}
