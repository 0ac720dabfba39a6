package dev.mlops.core.serving;

/** Which deployment of an endpoint produced a prediction. */
public enum Role {
  /** The model in service: answers every request unless a canary routes it to the challenger. */
  CHAMPION,
  /** The candidate model answering a request routed to it in canary mode. */
  CHALLENGER,
  /** The candidate model predicting silently in shadow mode: recorded by its listeners, never returned. */
  SHADOW
}
