package dev.mlops.core.contract;

import dev.mlops.core.data.Table;

/**
 * How a pipeline obtains its {@link DataContract} for a batch: a declared contract is used as is,
 * an inferred one ({@link DataContract#inferred()}) is derived from the batch.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface ContractDefinition permits DataContract, DataContract.Inference {

  /**
   * The contract for a batch.
   *
   * @param batch the rows about to be validated
   * @return the contract
   */
  DataContract resolve(Table batch);

  /**
   * A description for the pipeline's definition fingerprint.
   *
   * @return the text
   */
  String describe();
}
