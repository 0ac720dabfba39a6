package dev.mlops.drift.fairness;

/**
 * Receives each closed fairness window. Called on the thread that closed the window; a listener
 * that throws is logged and never breaks the monitor. Implementations must be thread-safe if they
 * are shared.
 */
@FunctionalInterface
public interface FairnessListener {

  /**
   * One window closed.
   *
   * @param window its disparities and alerts
   */
  void onWindow(FairnessWindow window);
}
