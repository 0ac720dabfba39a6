package dev.mlops.drift.monitor;

import dev.mlops.drift.decision.PerformanceEstimator;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's label-free estimator, fitted after {@link DriftMonitor.Builder#build()} rather
 * than inside it: the profile estimate's fit (isotonic calibration, the stacked outcome model's
 * cross-fitting, the local correction) takes about a second on 12 binary features and several on
 * three classes, so {@code build()} only starts it. It runs on the host's executor when one is
 * given, else on a one-shot daemon thread of its own (so the monitor's evaluation thread keeps
 * applying recorded rows meanwhile); whoever needs the estimator first and may wait (a window's
 * evaluation, a snapshot, a {@link MonitorState}) runs the fit itself if no thread has started it,
 * else waits for it. Recording threads never wait: {@link #now()} does not block.
 *
 * <p>A fit that throws is logged once and kept as a {@link #failure() reason}; the windows then
 * get the raw-probability estimate with the reason in their performance section. An estimator
 * given on the builder is ready at once.
 *
 * <p>Thread-safe.
 */
final class EstimatorFit {

  private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);

  private static final EstimatorFit NONE = new EstimatorFit(null, null, "");

  private final PerformanceEstimator given;
  private final FutureTask<PerformanceEstimator> task;
  private final AtomicBoolean started = new AtomicBoolean();
  /** Null until the fit is done; then the estimator (or null on a failure). */
  private volatile Outcome outcome;

  /** The fitted estimator, or null with the reason why none is available. */
  record Outcome(PerformanceEstimator estimator, String failure) {}

  /** What the estimator rests on (the profile's estimate sample), for the method text; or empty. */
  private final String basis;

  private EstimatorFit(PerformanceEstimator given, Callable<PerformanceEstimator> fit,
      String basis) {
    this.basis = basis;
    this.given = given;
    this.task = fit == null ? null : new FutureTask<>(fit);
    if (fit == null) {
      outcome = new Outcome(given, null);
    }
  }

  /** No estimator: the windows get the raw-probability estimate. */
  static EstimatorFit none() {
    return NONE;
  }

  /** An estimator ready now (given on the builder), or none when {@code estimator} is null. */
  static EstimatorFit of(PerformanceEstimator estimator) {
    return estimator == null ? NONE : new EstimatorFit(estimator, null, "");
  }

  /** An estimator {@code fit} computes later (it must not return null; null counts as a failure). */
  static EstimatorFit later(Callable<PerformanceEstimator> fit) {
    return later(fit, "");
  }

  /**
   * An estimator {@code fit} computes later from the rows {@code basis} describes (the profile's
   * estimate sample), which each window's method text then quotes.
   */
  static EstimatorFit later(Callable<PerformanceEstimator> fit, String basis) {
    return new EstimatorFit(null, fit, basis);
  }

  /** What the estimator rests on, empty when not said. */
  String basis() {
    return basis;
  }

  /** Whether the monitor has (or will have) an estimator. */
  boolean expected() {
    return task != null || given != null;
  }

  /**
   * Starts the fit on {@code executor}, or on a daemon thread of its own when it is null; a
   * rejected start leaves the fit to whoever {@link #await awaits} it first. No effect when the
   * fit has started or there is none.
   */
  void start(Executor executor) {
    if (task == null || !started.compareAndSet(false, true)) {
      return;
    }
    try {
      if (executor == null) {
        Thread t = new Thread(this::run, "mlops-drift-estimator-fit");
        t.setDaemon(true);
        t.start();
      } else {
        executor.execute(this::run);
      }
    } catch (RejectedExecutionException | OutOfMemoryError e) {
      LOG.debug("the drift monitor's estimator fit was not started ahead; it runs when first needed", e);
    }
  }

  private void run() {
    task.run(); // no effect once it ran or while another thread runs it
    now(); // reads (and logs a failure) once
  }

  /** The estimator's outcome when the fit is done, else null; never blocks. */
  Outcome now() {
    Outcome o = outcome;
    if (o == null && task.isDone()) {
      synchronized (this) {
        o = outcome;
        if (o == null) {
          o = read();
          outcome = o;
        }
      }
    }
    return o;
  }

  /**
   * The fit's outcome, running the fit on this thread if no thread has started it, else waiting
   * for it; an interrupted wait gives no estimator (with the reason) and keeps the interrupt.
   */
  Outcome await() {
    Outcome o = now();
    if (o != null) {
      return o;
    }
    task.run();
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, "interrupted while waiting for the estimator's fit");
    } catch (ExecutionException | CancellationException e) {
      // read() below gives the reason
    }
    return now();
  }

  private Outcome read() {
    try {
      PerformanceEstimator e = task.get();
      return e == null ? new Outcome(null, "the estimator's fit gave no estimator")
          : new Outcome(e, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.warn("the drift monitor's label-free estimator could not be fitted (windows get the "
          + "raw-probability estimate)", cause);
      return new Outcome(null, "the estimator's fit failed: " + cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (CancellationException e) {
      return new Outcome(null, "the estimator's fit was cancelled");
    }
  }
}
