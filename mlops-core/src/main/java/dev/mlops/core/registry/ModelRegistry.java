package dev.mlops.core.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A store of models by name, each with immutable numbered versions, named aliases pointing at
 * versions, and an append-only audit log of every change.
 *
 * <p>A version holds opaque named parts (model artifact, fitted transforms, data contract,
 * reference profile, evaluation report, run record...) and string metadata; the registry records
 * the SHA-256 of every part and verifies it on {@link #load}. Java-serialised parts must be read
 * only through {@link SafeDeserialization}.
 *
 * <pre>{@code
 * ModelRegistry registry = FileSystemModelRegistry.open(Path.of("/var/lib/models"));
 * ModelVersion v = registry.register("churn", trainedModel.toParts(), Map.of("auc", "0.91"));
 * registry.setAlias("churn", ModelRegistry.CHALLENGER, v.version());
 * registry.promote("churn", v.version());                 // champion -> v
 * LoadedVersion served = registry.load("churn", ModelRegistry.CHAMPION);
 * registry.rollback("churn");                             // champion -> the previous version
 * }</pre>
 *
 * <p>Names (models, aliases, parts) consist of 1 to 128 letters, digits, '.', '_' and '-', must not
 * start with '.' and must not contain "..". Implementations are thread-safe.
 */
public interface ModelRegistry {

  /** The alias of the version in production. */
  String CHAMPION = "champion";

  /** The conventional alias of the candidate version. */
  String CHALLENGER = "challenger";

  /**
   * Registers a new version of a model (creating the model if needed). The version becomes
   * visible only once all its files are durably stored.
   *
   * @param name the model name
   * @param parts the files of the version by part name; at least one; copied
   * @param metadata string metadata, searchable with {@link #search(Map)}; copied
   * @return the new version
   * @throws IllegalArgumentException if a name is invalid or {@code parts} is empty
   * @throws RegistryException if the version could not be stored (nothing is then visible)
   */
  ModelVersion register(String name, Map<String, byte[]> parts, Map<String, String> metadata);

  /**
   * Returns the metadata of a version (without reading its parts).
   *
   * @param name the model name
   * @param version the version number
   * @return the version
   * @throws ModelNotFoundException if there is no such version
   * @throws IntegrityException if its metadata file fails verification
   */
  ModelVersion version(String name, int version);

  /**
   * Loads and verifies every part of a version.
   *
   * @param name the model name
   * @param version the version number
   * @return the verified parts
   * @throws ModelNotFoundException if there is no such version
   * @throws IntegrityException if any file fails verification (nothing is returned)
   */
  LoadedVersion load(String name, int version);

  /**
   * Loads and verifies the version an alias points at.
   *
   * @param name the model name
   * @param alias the alias
   * @return the verified parts
   * @throws ModelNotFoundException if the alias does not exist or points at no version
   * @throws IntegrityException if any file fails verification (nothing is returned)
   */
  LoadedVersion load(String name, String alias);

  /**
   * Points an alias at a complete, verified, non-archived version, remembering the previous target
   * for {@link #rollback(String, String)}.
   *
   * @param name the model name
   * @param alias the alias
   * @param version the version number
   * @return the version the alias now points at
   * @throws ModelNotFoundException if there is no such version
   * @throws IntegrityException if the version fails verification
   * @throws IllegalStateException if the version is archived
   */
  ModelVersion setAlias(String name, String alias, int version);

  /**
   * Removes an alias (remembering its target, so a rollback restores it).
   *
   * @param name the model name
   * @param alias the alias
   * @return true if the alias pointed at a version
   */
  boolean removeAlias(String name, String alias);

  /**
   * Returns the version an alias points at.
   *
   * @param name the model name
   * @param alias the alias
   * @return the version, or empty if the model or alias does not exist or points at no version
   * @throws IntegrityException if the alias or version metadata file fails verification
   */
  Optional<ModelVersion> resolve(String name, String alias);

  /**
   * Returns every alias of a model that points at a version.
   *
   * @param name the model name
   * @return version numbers by alias (sorted by alias)
   */
  Map<String, Integer> aliases(String name);

  /**
   * Returns the recorded changes of an alias, oldest first.
   *
   * @param name the model name
   * @param alias the alias
   * @return the changes (empty if the alias never existed)
   */
  List<AliasChange> aliasHistory(String name, String alias);

  /**
   * Points {@link #CHAMPION} at a version (as {@link #setAlias}, logged as {@link AuditEvent#PROMOTED}).
   *
   * @param name the model name
   * @param version the version number
   * @return the new champion
   */
  ModelVersion promote(String name, int version);

  /**
   * Re-points {@link #CHAMPION} at the version it pointed at before its last change.
   *
   * @param name the model name
   * @return the version the champion now points at
   * @throws IllegalStateException if there is no previous version
   */
  default ModelVersion rollback(String name) {
    return rollback(name, CHAMPION);
  }

  /**
   * Re-points an alias at the version it pointed at before its last change (the alias keeps a
   * stack of previous targets, so repeated rollbacks walk further back).
   *
   * @param name the model name
   * @param alias the alias
   * @return the version the alias now points at
   * @throws IllegalStateException if there is no previous version, or it is archived
   * @throws IntegrityException if the previous version fails verification
   */
  ModelVersion rollback(String name, String alias);

  /**
   * Returns the names of all registered models.
   *
   * @return the model names, sorted
   */
  List<String> models();

  /**
   * Returns the non-archived versions of a model.
   *
   * @param name the model name
   * @return the versions, oldest first (empty if the model does not exist)
   */
  default List<ModelVersion> versions(String name) {
    return versions(name, false);
  }

  /**
   * Returns the versions of a model.
   *
   * @param name the model name
   * @param includeArchived whether archived versions are included
   * @return the versions, oldest first (empty if the model does not exist)
   */
  List<ModelVersion> versions(String name, boolean includeArchived);

  /**
   * Returns the non-archived versions of all models whose metadata contains every given entry.
   *
   * @param metadataEquals the required metadata entries
   * @return the matching versions, by model name then version
   */
  default List<ModelVersion> search(Map<String, String> metadataEquals) {
    Map<String, String> wanted = Map.copyOf(metadataEquals);
    return search(v -> v.metadata().entrySet().containsAll(wanted.entrySet()));
  }

  /**
   * Returns the non-archived versions of all models that match a predicate.
   *
   * @param filter the predicate on a version (its metadata, parts, creation time...)
   * @return the matching versions, by model name then version
   */
  List<ModelVersion> search(Predicate<ModelVersion> filter);

  /**
   * Archives a version: it is hidden from {@link #versions(String)} and {@link #search} and no
   * alias may point at it; its files are kept and it can still be loaded.
   *
   * @param name the model name
   * @param version the version number
   * @return the archived version
   * @throws IllegalStateException if an alias points at it
   */
  ModelVersion archive(String name, int version);

  /**
   * Takes a version out of the archive.
   *
   * @param name the model name
   * @param version the version number
   * @return the version
   */
  ModelVersion unarchive(String name, int version);

  /**
   * Reads and verifies the whole audit log.
   *
   * @return the events, oldest first
   * @throws IntegrityException if the log or its head record fails verification
   */
  List<AuditEvent> auditLog();

  /**
   * Appends a host event (e.g. {@code "trained"}, {@code "rejected"}, {@code "retrain_failed"}) to
   * the audit log.
   *
   * @param type the event type (lower-case letters, digits, '_', '.', '-'; at most 64)
   * @param model the model name, or null
   * @param version the version number, or 0 for none
   * @param details further details; copied
   * @return the logged event
   * @throws IllegalArgumentException if the type or model name is invalid
   */
  AuditEvent appendEvent(String type, String model, int version, Map<String, String> details);
}
