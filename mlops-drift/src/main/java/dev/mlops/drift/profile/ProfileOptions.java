package dev.mlops.drift.profile;

/**
 * The settings of {@link ReferenceProfile.Builder}: declared feature kinds, quantile bins, the
 * exact-value cap and the categories kept, each validated at once, with the accumulation they
 * configure. Not thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class ProfileOptions<B extends ProfileOptions<B>> {

  /** The data accumulated so far, which holds the settings. */
  final ProfileAccumulation data = new ProfileAccumulation();
  /** The calendar of the rows' time column, null when none was declared. */
  CalendarAccumulator calendar;

  abstract B self();

  /**
   * Declares numeric features.
   *
   * @param names feature names
   * @return this builder
   * @throws IllegalStateException if a feature was already declared categorical or has data
   */
  public B numeric(String... names) {
    data.declare(FeatureType.NUMERIC, names);
    return self();
  }

  /**
   * Declares categorical features (numbers in them become categories through {@link
   * CategoricalProfile#key(Object)}).
   *
   * @param names feature names
   * @return this builder
   * @throws IllegalStateException if a feature was already declared numeric or has data
   */
  public B categorical(String... names) {
    data.declare(FeatureType.CATEGORICAL, names);
    return self();
  }

  /**
   * Number of quantile bins of numeric features.
   *
   * @param bins in [1, {@value ReferenceProfile#MAX_BINS}] (default 10)
   * @return this builder
   * @throws IllegalArgumentException if {@code bins} is outside [1, {@value
   *     ReferenceProfile#MAX_BINS}]
   * @throws IllegalStateException once data was added
   */
  public B bins(int bins) {
    requireNotStarted("bins");
    if (bins < 1 || bins > ReferenceProfile.MAX_BINS) {
      throw new IllegalArgumentException(
          "bins must be in [1, " + ReferenceProfile.MAX_BINS + "]: " + bins);
    }
    data.bins = bins;
    return self();
  }

  /**
   * Keeps every finite value of every numeric feature (exact sample statistics at any size,
   * 8 bytes per value: 1,000 features of 1M rows take 8 GB). Same as {@code
   * exactCap(UNBOUNDED_EXACT_CAP)}; {@link ReferenceProfile#sizeInBytes()} shows the cost.
   *
   * @return this builder
   * @throws IllegalStateException once data was added
   */
  public B exactValues() {
    return exactCap(ReferenceProfile.UNBOUNDED_EXACT_CAP);
  }

  /**
   * Cap on the exact sorted values kept per numeric feature; beyond it a KLL sketch and a
   * uniform sample of {@code min(cap, 4096)} values are kept.
   *
   * @param cap in [1, {@value ReferenceProfile#UNBOUNDED_EXACT_CAP}] (default {@value
   *     ReferenceProfile#DEFAULT_EXACT_CAP})
   * @return this builder
   * @throws IllegalArgumentException if {@code cap < 1}
   * @throws IllegalStateException once data was added
   */
  public B exactCap(int cap) {
    requireNotStarted("exact cap");
    if (cap < 1 || cap > ReferenceProfile.UNBOUNDED_EXACT_CAP) {
      throw new IllegalArgumentException(
          "exact cap must be in [1, " + ReferenceProfile.UNBOUNDED_EXACT_CAP + "]: " + cap);
    }
    data.exactCap = cap;
    return self();
  }

  /**
   * Number of categories kept per categorical feature.
   *
   * @param k at least 1 (default 1,000)
   * @return this builder
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public B topK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("top k must be at least 1: " + k);
    }
    data.topK = k;
    return self();
  }

  /**
   * Declares the column that holds each row's time (a date or date-time, not a feature): rows
   * given to {@code add(Map)} must carry it, in time order. It is not profiled; the profile's
   * chunks record its calendar ({@link ReferenceChunks#calendar()}: span, rows per month, the
   * features equal to its month on every row), from which a monitor takes a month-of-year season
   * by default when the reference spans a year.
   *
   * @param name the time column
   * @return this builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   * @throws IllegalStateException once data was added
   */
  public B timeColumn(String name) {
    java.util.Objects.requireNonNull(name, "time column must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("time column must not be blank: '" + name + "'");
    }
    requireNotStarted("time column");
    calendar = new CalendarAccumulator(name);
    return self();
  }

  private void requireNotStarted(String what) {
    if (data.started()) {
      throw new IllegalStateException(what + " must be set before data is added");
    }
  }
}
