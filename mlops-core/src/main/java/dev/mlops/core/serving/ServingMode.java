package dev.mlops.core.serving;

/** How an endpoint uses its challenger deployment. */
public enum ServingMode {
  /** No challenger: the champion answers every request. */
  CHAMPION_ONLY,
  /**
   * The challenger predicts on every request too, after the champion; its predictions go to its own
   * monitoring and are never returned.
   */
  SHADOW,
  /**
   * A configured share of requests, chosen deterministically from the request id and a seed, is
   * answered by the challenger instead of the champion.
   */
  CANARY
}
