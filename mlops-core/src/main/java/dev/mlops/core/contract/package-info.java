/** Data contracts: inferred or declared per-column rules, batch and row validation with a policy per anomaly kind; saved with every model. */
package dev.mlops.core.contract;
