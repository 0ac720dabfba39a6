/**
 * The model registry: {@link dev.mlops.core.registry.ModelRegistry} with the embedded
 * {@link dev.mlops.core.registry.FileSystemModelRegistry} (immutable numbered versions, aliases,
 * audit log, crash-safe writes, SHA-256 verification) and
 * {@link dev.mlops.core.registry.SafeDeserialization} (the {@code ObjectInputFilter} allow-list
 * through which Java-serialised Smile models are read).
 */
package dev.mlops.core.registry;
