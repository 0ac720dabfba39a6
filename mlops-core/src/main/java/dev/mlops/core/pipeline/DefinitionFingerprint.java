package dev.mlops.core.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a {@link Pipeline} definition: the SHA-256 of everything that defines it
 * except its data (name, target, features, exclusions, sampling, contract, transforms, split, a
 * non-default profile order and estimate rows, trainer and hyperparameters, search, the expectations' names, gate and
 * seed). Two definitions with the same fingerprint train the same model on the same data.
 *
 * <p>Stateless and thread-safe.
 */
final class DefinitionFingerprint {

  private DefinitionFingerprint() {}

  /**
   * The fingerprint of a definition.
   *
   * @param p the pipeline
   * @param expectationNames the names of the run's ModelTest expectations (empty for the definition
   *     alone: the expectations are lambdas)
   * @return the lower-case hex digest
   */
  static String of(Pipeline p, List<String> expectationNames) {
    StringBuilder s = new StringBuilder();
    s.append("name=").append(p.name).append('\n');
    s.append("target=").append(p.target).append('\n');
    s.append("features=").append(p.features).append('\n');
    s.append("excluded=").append(p.excluded).append('\n');
    s.append("sampling=").append(p.sampling).append('\n');
    s.append("contract=").append(p.contract.describe()).append('\n');
    s.append("transforms=").append(p.transforms.describe()).append('\n');
    s.append("split=").append(p.split).append('\n');
    if (!p.profileOrder.isDefault()) {
      s.append("profile_order=").append(p.profileOrder).append('\n');
    }
    if (!p.estimateRows.isDefault()) {
      s.append("estimate_rows=").append(p.estimateRows).append('\n');
    }
    s.append("trainer=").append(p.trainer.name()).append(p.trainer.hyperparameters()).append('\n');
    s.append("search=").append(p.search == null ? "-" : p.search.describe()).append('\n');
    s.append("expectations=").append(expectationNames).append('\n');
    s.append("gate=").append(p.gate.describe()).append('\n');
    s.append("seed=").append(p.seed).append('\n');
    return sha256(s.toString());
  }

  /** The lower-case hex SHA-256 of a string's UTF-8 bytes. */
  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 must be available", e);
    }
  }
}
