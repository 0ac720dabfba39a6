package dev.mlops.drift.monitor;

import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Online drift monitoring of a live model: every request's features and prediction are
 * recorded ({@link Recorder}), windows of traffic are compared with the {@link ReferenceProfile} (or with the
 * previous window), and an immutable {@link DriftReport} is produced per closed window.
 *
 * <pre>{@code
 * DriftMonitor monitor = DriftMonitor.builder(profile)
 *     .window(Window.tumblingCount(1_000))
 *     .clock(clock)
 *     .listener(new DriftListener() {
 *       public void onDrift(DriftReport report) { alerts.send(report.toText()); }
 *     })
 *     .build();
 * monitor.record(Map.of("age", 42, "city", "Lyon"), Prediction.ofProbabilities(p), requestId);
 * monitor.recordLabel(requestId, 1);          // later, when the ground truth is known
 * }</pre>
 *
 * <h2>Recording</h2>
 * {@link #record(Map, Prediction, String)} never throws for bad data: missing, non-finite, out of
 * range, unseen categories, unknown or absent features and wrong types are counted in the
 * window's {@link DataQuality}. Recording takes no global lock: a thread locks one of several
 * stripes (chosen by thread, probing on contention), increments that stripe's counters and copies
 * the row's numbers into the stripe's buffer; a prediction with a request id is copied into a
 * second buffer. Every 64 rows a full buffer is swapped for a free one from a preallocated pool
 * and queued; a daemon thread of the monitor's (or the host's executor) bins the queued values,
 * offers them to the window's seeded reservoirs, computes each row's chance for the label-free
 * estimate (calibration, outcome model, neighbour search: about 0.8 us a row, none of it on the
 * request; after the queued buffers, in row order) and moves the predictions into the
 * pending-label store, in queue order; the request only copies the row's top probability, top
 * class and positive-class probability beside its features. So a record costs the same constant
 * work on every request and allocates nothing. Nothing is dropped: a window is evaluated, a
 * snapshot taken and a label joined only after the queue is applied, and when every pooled
 * buffer is queued (the background thread fell behind) the recording thread applies the queue
 * itself, counted by {@link #inlineFlushes()}: it bins the rows but never computes a chance (the
 * rows' chance inputs wait in their window's backlog, up to 32 MiB, for the monitor's thread or
 * the window's evaluation; rows beyond it are counted and the window's performance says how
 * many rows its estimate rests on).
 * Count windows add one shared atomic increment per row (to close at exactly {@code n} rows);
 * time windows read the clock instead.
 *
 * <h2>Windows and decisions</h2>
 * A window closes on the recording thread that fills it (count windows) or that finds its time
 * over, on {@link #tick()} for idle time windows, and on {@link #closeWindow()}; closing only
 * harvests the counters (a cost bounded by the number of features, not by the window's size). The
 * evaluation — statistics, report, alert state, listeners — runs off the request thread, one
 * window at a time in window order, on a daemon thread of the monitor's own (started on demand,
 * stopped after 5 s idle; recorded buffers are applied on a second one, so that an evaluation
 * never holds them up) or on the host's executor ({@link Builder#executor}). A window without
 * rows and without labels is never reported. With the own thread, {@link #latestReport()},
 * {@link #history()} and {@link #alerts()} wait for the windows closed before the call; {@link
 * #awaitEvaluation()} waits explicitly (with either); {@link #closeWindow()} and {@link #tick()}
 * wait for the window they close. Listeners are called on the evaluating thread, in window
 * order, before those waits return. Each feature's verdict follows {@link DriftThresholds}:
 * thresholds calibrated on the reference's own variability by default, or Evidently's fixed rules.
 *
 * <h2>State size</h2>
 * Per numeric feature and open window: the reservoir ({@code 8 x reservoirSize} bytes, 80,000 at
 * the default 10,000), the bin counters ({@code 8 x bins} bytes per stripe) and the row
 * buffers ({@code 8 x 64} bytes per stripe and per pooled buffer: up to 16 more than stripes, at
 * most 2 MiB in all); per categorical feature {@code 8 x (categories + 1)}
 * bytes per stripe. With a label-free estimator, each of those row buffers carries the rows'
 * chance inputs too ({@code 8 x 4 x 64} bytes, 2 KiB, per stripe and per pooled buffer, shared by
 * the numeric features). {@link #stateBytesPerFeature()} reports the figure for this monitor
 * (under 128 KiB with the defaults and up to 16 stripes without the estimate; with it, up to 96
 * KiB more, divided among the numeric features). The optional quantile sketch
 * ({@link Builder#quantileSketch(int)}) adds a few KB per numeric feature; multivariate drift adds
 * a row sample of {@code 8 x rowSampleSize} bytes per numeric feature. Sliding windows keep one
 * such state per step (pane) of the window; the previous window is kept for comparisons.
 * Predictions waiting for labels are bounded separately ({@link Builder#pendingLabels}).
 *
 * <p>Thread-safe: any number of threads may record, label, snapshot, merge and close
 * concurrently.
 */
public final class DriftMonitor extends MonitorLabels {

  private final ReferenceProfile profile;
  private final MonitorConfig config;
  private final Schema schema;
  private final PcaModel pca;
  private final Recorder rec;
  private final WindowReporter reporter;

  private DriftMonitor(ReferenceProfile profile, MonitorConfig config, Schema schema,
      PcaModel pca, SensitiveAttributes sensitive) {
    super(MonitorParts.of(profile, config, schema, pca, sensitive));
    this.profile = profile;
    this.config = config;
    this.schema = schema;
    this.pca = pca;
    this.rec = windows.recorder();
    this.reporter = windows.reporter();
    // the profile estimate's fit, after build: on the host's executor, else its own thread
    config.estimator().start(config.executor());
  }

  /**
   * Starts a monitor of traffic against a reference profile.
   *
   * @param profile the reference profile (features, and optionally prediction and label)
   * @return a builder with the defaults described on each setter
   * @throws NullPointerException if {@code profile} is null
   */
  public static Builder builder(ReferenceProfile profile) {
    return new Builder(Objects.requireNonNull(profile, "profile must not be null"));
  }

  /** The windowing (for tests). */
  Windowing windowing() {
    return windows;
  }

  /** The state glue, whose schema and settings {@link BatchComparison} reuses. */
  MonitorStates states() {
    return states;
  }

  // ---------------------------------------------------------------------------- recording

  /**
   * Records one request: its features by name and the model's prediction. Never throws for bad
   * data (see {@link DataQuality}); a {@code null} row is recorded with every feature absent.
   *
   * @param features feature values by name: {@link Number} (numeric), {@link String} (category)
   *     or {@code null} (missing)
   * @param prediction the model's prediction, or {@code null} when none is monitored
   * @param requestId the request id to join a later label with ({@link #recordLabel}), or
   *     {@code null}
   */
  public void record(Map<String, ?> features, Prediction prediction, String requestId) {
    windows.record(features == null ? Map.of() : features, null, null, prediction, requestId, -1);
  }

  /**
   * Records one request whose feature values the caller has already read from its row: the same
   * result as {@link #record(Map, Prediction, String)}, without looking every feature up in the row
   * again (a serving endpoint reads each value once for validation, prediction and monitoring).
   * {@code values[i]} must be {@code row.get(featureNames().get(i))}; the row itself is still
   * consulted for what the values cannot tell (whether a {@code null} value's key is present, and
   * which keys are unknown). Values of the wrong length are ignored and the row is read as by
   * {@link #record(Map, Prediction, String)}. Never throws for bad data.
   *
   * @param row the request row (feature values by name), or {@code null} when the values are all
   *     there is (a {@code null} value is then an absent feature)
   * @param values the row's value of each feature, in {@link #featureNames()} order
   * @param prediction the model's prediction, or {@code null} when none is monitored
   * @param requestId the request id to join a later label with, or {@code null}
   */
  public void record(Map<String, ?> row, Object[] values, Prediction prediction, String requestId) {
    windows.record(row == null ? Map.of() : row,
        values != null && values.length == schema.features.length ? values : null, null, prediction, requestId, -1);
  }

  /**
   * Records one request from values in schema order ({@link #featureNames()}): the fast path.
   * Numeric features take their value (NaN = missing); categorical features take the index of the
   * category in {@link #categories(String)} (NaN = missing, any other value = unseen). A shorter
   * array marks the remaining features absent; a longer one is counted as unknown features.
   *
   * @param values one value per feature in schema order
   * @param prediction the model's prediction, or {@code null}
   * @param requestId the request id for a later label, or {@code null}
   */
  public void record(double[] values, Prediction prediction, String requestId) {
    windows.record(null, null, values == null ? new double[0] : values, prediction, requestId, -1);
  }

  /**
   * Records one request of a regression model from values in schema order, as {@link
   * #record(double[], Prediction, String)} with {@code Prediction.ofValue(value)} and the request id
   * {@code idPrefix + idNumber} (decimal), but without building either: the fast path of a serving
   * endpoint that generates its ids (the id's characters go straight into the pending-label store,
   * where {@link #recordLabel} finds them as the string). Never throws for bad data.
   *
   * @param values one value per feature in schema order
   * @param value the predicted value
   * @param idPrefix the request id, or its prefix when {@code idNumber >= 0}, or {@code null} for none
   * @param idNumber the number that ends the request id, or a negative number when {@code idPrefix}
   *     is the whole id
   */
  public void record(double[] values, double value, String idPrefix, long idNumber) {
    windows.recordValue(values == null ? new double[0] : values, value, idPrefix, idNumber);
  }

  /**
   * Records one request of a classifier from values in schema order and its class probabilities:
   * the same as {@link #record(double[], Prediction, String)} with {@code
   * Prediction.ofProbabilities(probabilities)} and the request id {@code idPrefix + idNumber}
   * (decimal), but without building either: the fast path of a serving endpoint. The array is read
   * during the call only (not copied, not kept).
   *
   * <pre>{@code
   * double[] p = model.probabilities(x);
   * monitor.record(x, p, "req-", requestNumber); // joins a later recordLabel("req-42", label)
   * }</pre>
   *
   * @param values one value per feature in schema order
   * @param probabilities one probability per class, at least two, each in [0, 1]
   * @param idPrefix the request id, or its prefix when {@code idNumber >= 0}, or {@code null} for none
   * @param idNumber the number that ends the request id, or a negative number when {@code idPrefix}
   *     is the whole id
   * @throws NullPointerException if {@code probabilities} is null
   * @throws IllegalArgumentException as {@link Prediction#ofProbabilities}: fewer than two classes
   *     or a probability outside [0, 1] (nothing is recorded)
   */
  public void record(double[] values, double[] probabilities, String idPrefix, long idNumber) {
    windows.recordProbabilities(values == null ? new double[0] : values, probabilities, idPrefix,
        idNumber);
  }

  // ---------------------------------------------------------------------------- windows

  /**
   * Closes the open window now, whatever its size or age, and returns its report once evaluated
   * (on the evaluation thread; this call waits for it). An open window without rows and without
   * labels is not a window: nothing is closed and the result is empty. Nor is an open count window
   * without rows ({@link Window#tumblingCount}): labels joined since the last count window closed
   * (e.g. the label of the row that filled it) stay in the open window and count with its next
   * rows; a time window holding only labels is closed and reported, so late labels are not lost. For sliding windows, the report covers the
   * panes seen so far.
   *
   * @return the report of the window just closed, empty when the open window held no row and no
   *     label, or no row of a count window (or its evaluation failed, which is logged)
   */
  public Optional<DriftReport> closeWindow() {
    return windows.rollover(true).flatMap(WindowReporter::await);
  }

  /**
   * Closes the open time window if its end has passed (for idle traffic: call it from the host's
   * scheduler) and expires old pending predictions. Does nothing for count windows. Waits for the
   * closed window's report.
   *
   * @return the report of the window closed by this call, empty when none was (or when the open
   *     window held no row)
   */
  public Optional<DriftReport> tick() {
    return windows.tick().flatMap(WindowReporter::await);
  }

  /**
   * Waits until every window closed before this call is evaluated and its listeners called, so a
   * test or a shutdown hook can read the reports deterministically. Returns at once when called
   * from a listener (the evaluating thread).
   */
  public void awaitEvaluation() {
    reporter.awaitEvaluation();
  }

  // ---------------------------------------------------------------------------- queries

  /**
   * The report of the most recently evaluated window. With the monitor's own evaluation thread
   * (the default) it first waits for the windows closed before the call, so a window that closed
   * on {@code record()} is reflected as soon as this returns (from a listener it returns at once).
   * With a host executor it returns at once what has been evaluated so far: call {@link
   * #awaitEvaluation()} to wait.
   *
   * @return the latest report, empty before the first window closes
   */
  public Optional<DriftReport> latestReport() {
    reporter.awaitIfOwnThread();
    return Optional.ofNullable(reporter.latest());
  }

  /**
   * The reports of the last closed windows, oldest first (at most the configured history size).
   *
   * @return an immutable copy (waiting for the windows already closed as {@link
   *     #latestReport()} does)
   */
  public List<DriftReport> history() {
    reporter.awaitIfOwnThread();
    return reporter.history();
  }

  /**
   * Rows recorded since the monitor was created (or restored).
   *
   * @return the total, including the open window (read without stopping writers, so a concurrent
   *     count may lag by the rows in flight)
   */
  public long records() {
    return windows.closedRecords() + rec.openRows();
  }

  /**
   * Alerts raised so far.
   *
   * @return the alert count (waiting for the windows already closed as {@link #latestReport()}
   *     does)
   */
  public long alerts() {
    reporter.awaitIfOwnThread();
    return reporter.alerts();
  }

  /**
   * Fairness alerts raised so far (see {@link Builder#fairness}).
   *
   * @return the count (waiting for the windows already closed as {@link #latestReport()} does)
   */
  public long fairnessAlerts() {
    reporter.awaitIfOwnThread();
    return reporter.fairnessAlerts();
  }

  /**
   * The sensitive attributes whose group fairness this monitor watches.
   *
   * @return the declaration, empty when none was made
   */
  public Optional<SensitiveAttributes> sensitiveAttributes() {
    return Optional.ofNullable(states.sensitive());
  }

  /**
   * Rows that could not be recorded because of an internal failure (logged; expected 0).
   *
   * @return the count
   */
  public long recordErrors() {
    return windows.recordErrors();
  }

  /**
   * Buffers of 64 recorded rows (or of 64 predictions kept for a label) that a recording thread
   * applied itself because every pooled buffer was waiting for the monitor's hand-off thread: each such
   * event puts the work of the queued buffers on one request (back-pressure; nothing is dropped).
   * Expected 0 or rare; a steadily growing count means the host's executor (or the machine) does
   * not keep up with the traffic.
   *
   * @return the count since the monitor was built
   */
  public long inlineFlushes() {
    return windows.inlineApplies();
  }

  /**
   * The monitored features in schema order (the order of the fast path).
   *
   * @return the feature names
   */
  public List<String> featureNames() {
    return schema.featureNames();
  }

  /**
   * The reference categories of a categorical feature, in the order of their fast-path codes.
   *
   * @param feature the feature name
   * @return the categories
   * @throws IllegalArgumentException if the feature is unknown or numeric
   */
  public List<String> categories(String feature) {
    return schema.categoriesOf(feature);
  }

  /**
   * The reference profile the monitor compares with.
   *
   * @return the profile
   */
  public ReferenceProfile profile() {
    return profile;
  }

  /**
   * The window configuration.
   *
   * @return the window
   */
  public Window window() {
    return config.window();
  }

  /**
   * The memory one monitored feature costs in the open window, in bytes, for the largest feature
   * of this monitor (reservoir, counters and buffers of every stripe; see the class comment).
   *
   * @return bytes per feature
   */
  public long stateBytesPerFeature() {
    return schema.stateBytesPerFeature(config, pca != null, config.estimator().expected());
  }

  /**
   * A monitor with the same configuration and listeners comparing with another reference (e.g.
   * after retraining). The new monitor starts empty. Multivariate drift, fitted on the old
   * reference rows, is not carried over: use {@link #withReference(ReferenceProfile, List)}.
   *
   * @param newProfile the new reference profile
   * @return a new monitor
   * @throws NullPointerException if {@code newProfile} is null
   * @throws IllegalArgumentException if the new profile has no feature
   */
  public DriftMonitor withReference(ReferenceProfile newProfile) {
    Objects.requireNonNull(newProfile, "new profile must not be null");
    return new DriftMonitor(newProfile, config, ProfileSchema.of(newProfile, config.classes()), null,
        states.sensitive());
  }

  /**
   * A monitor with the same configuration and listeners comparing with another reference, with
   * multivariate drift fitted on new reference rows.
   *
   * @param newProfile the new reference profile
   * @param referenceRows the new reference rows for the PCA (see
   *     {@link Builder#multivariate(List)})
   * @return a new monitor
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the profile has no feature, fewer than 2 numeric
   *     features or fewer than 2 rows
   */
  public DriftMonitor withReference(ReferenceProfile newProfile,
      List<? extends Map<String, ?>> referenceRows) {
    Objects.requireNonNull(newProfile, "new profile must not be null");
    Objects.requireNonNull(referenceRows, "reference rows must not be null");
    Schema s = ProfileSchema.of(newProfile, config.classes());
    return new DriftMonitor(newProfile, config, s,
        PcaModel.fitOn(s, referenceRows, config.pcaVarianceShare(), config.seed()), states.sensitive());
  }

  @Override
  public String toString() {
    return "DriftMonitor[" + schema.features.length + " features, " + config.window()
        + ", records " + records() + "]";
  }

  // ---------------------------------------------------------------------------- builder

  /**
   * Configures a {@link DriftMonitor}. Each setter (inherited, documented on each) validates its
   * argument at once; rules that span options are checked by {@link #build()}. Not thread-safe;
   * build once per monitor.
   */
  public static final class Builder extends RecordingOptions<Builder> {

    private Builder(ReferenceProfile profile) {
      super(profile);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the monitor; the open window starts now (by the clock).
     *
     * <p>Cost: the schema, the thresholds' set-up and (with {@link #multivariate} reference rows)
     * the PCA fit; with calibrated thresholds and count windows, the first window's thresholds are
     * computed right after, on the monitor's own thread. The profile estimate's fit (isotonic
     * calibration, the stacked outcome model's cross-fitting, the local correction; about 1 s for
     * a binary model on 12 features, 3-9 s for 3 classes on 12-20) is not part of it: it starts
     * here, on the host's {@link #executor} when one is given, else on a daemon thread of its own,
     * and the estimate is available once it is done. Rows recorded meanwhile are kept (bounded,
     * see below) and get their chances when it is; a window closed before it is ready waits for it
     * at its evaluation (off the request thread), as do {@link DriftMonitor#snapshot()} and a
     * {@link MonitorState}'s first rows. So every window has the same estimate, bit for bit,
     * whenever the fit finishes. A fit that fails is logged and each window's {@link
     * Performance#undefined()} says why, with the raw-probability estimate; rows beyond the
     * backlog's 32 MiB before the fit is ready are left out of their window's estimate, counted
     * and said there too.
     *
     * @return the monitor
     * @throws IllegalArgumentException if the profile has no feature, an override names an
     *     unknown feature, a categorical feature is given a sample statistic, multivariate
     *     drift is enabled with fewer than 2 numeric features, or sampling is combined with
     *     fairness
     */
    public DriftMonitor build() {
      requireArgument(sampleOneIn == 1 || fairness == null,
          "sampleOneIn(" + sampleOneIn + ") cannot be combined with fairness (it needs every row)");
      Schema schema = ProfileSchema.of(profile, classes);
      requireConsistent(schema);
      PcaModel pca = referenceRows == null ? null
          : PcaModel.fitOn(schema, referenceRows, varianceShare, seed);
      return new DriftMonitor(profile, config(), schema, pca, fairness);
    }
  }
}
