package dev.mlops.drift.profile;

/**
 * What an {@link EstimateSample}'s rows are, counted over the rows offered to it (its population,
 * {@link EstimateSample#offered()}): rows the deployed model scored without having been trained on
 * them (a held-out split), training rows scored by models fitted without them (out-of-fold scores of
 * {@code k} folds), and rows nobody said (a sample built by hand, or read from a profile written in
 * format version 9 or before). A monitor's label-free estimate quotes it, since the two kinds of rows
 * lean differently: out-of-fold models, fitted on fewer rows, are a little less accurate than the
 * deployed one.
 *
 * <pre>{@code
 * // a pipeline's default on a 400-row held-out split: 1600 training rows' 5-fold scores beside them
 * SampleOrigin o = SampleOrigin.outOfFold(1_600, 5).plus(SampleOrigin.heldOut(400));
 * o.describe(); // "1600 training rows' out-of-fold scores (5 folds) and 400 held-out rows"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param heldOutRows rows scored by the deployed model on data it was not trained on, {@code >= 0}
 * @param outOfFoldRows training rows scored by a model fitted without them, {@code >= 0}
 * @param folds the number of folds of the out-of-fold scores: 0 when there are none, {@link
 *     #MIXED_FOLDS} when merged samples' scores came from different numbers of folds, else at least
 *     2 and at most {@code outOfFoldRows}
 * @param unknownRows rows whose origin was not said, {@code >= 0}
 * @param alignedRows of the out-of-fold rows, those whose scores were aligned with the deployed
 *     model (fold models fitted on fewer rows lean; a pipeline may map their scores onto the
 *     deployed model's), in {@code [0, outOfFoldRows]}
 */
public record SampleOrigin(long heldOutRows, long outOfFoldRows, int folds, long unknownRows,
    long alignedRows) {

  /** {@link #folds()} of a merge of out-of-fold scores made with different numbers of folds. */
  public static final int MIXED_FOLDS = -1;

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative, their sum overflows, {@code folds}
   *     does not fit {@code outOfFoldRows} (0 without them; {@link #MIXED_FOLDS} or 2 to {@code
   *     outOfFoldRows} with them), or {@code alignedRows} is not in {@code [0, outOfFoldRows]}
   */
  public SampleOrigin {
    require(heldOutRows >= 0, "held-out rows must not be negative: " + heldOutRows);
    require(outOfFoldRows >= 0, "out-of-fold rows must not be negative: " + outOfFoldRows);
    require(unknownRows >= 0, "rows of unknown origin must not be negative: " + unknownRows);
    require(heldOutRows <= Long.MAX_VALUE - outOfFoldRows
        && unknownRows <= Long.MAX_VALUE - heldOutRows - outOfFoldRows,
        "sample origin rows must not overflow: " + heldOutRows + " + " + outOfFoldRows + " + "
            + unknownRows);
    require(outOfFoldRows == 0 ? folds == 0
        : folds == MIXED_FOLDS || folds >= 2 && folds <= outOfFoldRows,
        "sample origin folds must be " + (outOfFoldRows == 0 ? "0 without out-of-fold rows"
            : "in [2, " + outOfFoldRows + "] (or " + MIXED_FOLDS + ": mixed) for "
                + outOfFoldRows + " out-of-fold rows") + ": " + folds);
    require(alignedRows >= 0 && alignedRows <= outOfFoldRows, "sample origin aligned rows must be"
        + " in [0, " + outOfFoldRows + "] (the out-of-fold rows): " + alignedRows);
  }

  /**
   * An origin none of whose out-of-fold scores were aligned with the deployed model.
   *
   * @param heldOutRows held-out rows
   * @param outOfFoldRows training rows scored out of fold
   * @param folds their folds (see the record)
   * @param unknownRows rows of unknown origin
   * @throws IllegalArgumentException as the canonical constructor
   */
  public SampleOrigin(long heldOutRows, long outOfFoldRows, int folds, long unknownRows) {
    this(heldOutRows, outOfFoldRows, folds, unknownRows, 0);
  }

  /**
   * This origin with every out-of-fold row's score said to be aligned with the deployed model
   * ({@code true}), or none ({@code false}).
   *
   * @param aligned whether the out-of-fold scores were aligned
   * @return the origin
   * @throws IllegalArgumentException if {@code aligned} and there are no out-of-fold rows
   */
  public SampleOrigin withAligned(boolean aligned) {
    require(!aligned || outOfFoldRows > 0, "sample origin has no out-of-fold rows to align: "
        + describe());
    return new SampleOrigin(heldOutRows, outOfFoldRows, folds, unknownRows,
        aligned ? outOfFoldRows : 0);
  }

  /**
   * Rows the deployed model scored after training without them (a held-out split).
   *
   * @param rows the rows, {@code >= 0}
   * @return the origin
   * @throws IllegalArgumentException if {@code rows} is negative
   */
  public static SampleOrigin heldOut(long rows) {
    return new SampleOrigin(rows, 0, 0, 0);
  }

  /**
   * Training rows scored by models fitted on the other folds.
   *
   * @param rows the rows, {@code >= 0}
   * @param folds the number of folds, at least 2 and at most {@code rows} (ignored when {@code
   *     rows} is 0)
   * @return the origin
   * @throws IllegalArgumentException if {@code rows} is negative or {@code folds} does not fit
   */
  public static SampleOrigin outOfFold(long rows, int folds) {
    return new SampleOrigin(0, rows, rows == 0 ? 0 : folds, 0);
  }

  /**
   * Rows whose origin nobody said.
   *
   * @param rows the rows, {@code >= 0}
   * @return the origin
   * @throws IllegalArgumentException if {@code rows} is negative
   */
  public static SampleOrigin unknown(long rows) {
    return new SampleOrigin(0, 0, 0, rows);
  }

  /**
   * The origin of the union of two populations (a merged sample's): the counts added; the folds
   * kept when both sides agree (or one has no out-of-fold rows), else {@link #MIXED_FOLDS}.
   *
   * @param other the other population's origin
   * @return the union's origin
   * @throws IllegalArgumentException if a count overflows
   */
  public SampleOrigin plus(SampleOrigin other) {
    int k = outOfFoldRows == 0 ? other.folds : other.outOfFoldRows == 0 || other.folds == folds
        ? folds : MIXED_FOLDS;
    require(heldOutRows <= Long.MAX_VALUE - other.heldOutRows
        && outOfFoldRows <= Long.MAX_VALUE - other.outOfFoldRows
        && unknownRows <= Long.MAX_VALUE - other.unknownRows,
        "sample origin rows must not overflow: " + this + " plus " + other);
    return new SampleOrigin(heldOutRows + other.heldOutRows, outOfFoldRows + other.outOfFoldRows,
        k, unknownRows + other.unknownRows, alignedRows + other.alignedRows);
  }

  /**
   * All rows counted.
   *
   * @return {@code heldOutRows + outOfFoldRows + unknownRows}
   */
  public long rows() {
    return heldOutRows + outOfFoldRows + unknownRows;
  }

  /**
   * Whether every row's origin is unknown (or there are none).
   *
   * @return {@code true} when no row is known to be held out or out of fold
   */
  public boolean isUnknown() {
    return heldOutRows == 0 && outOfFoldRows == 0;
  }

  /**
   * The origin in words, as a report quotes it: e.g. {@code "1600 training rows' out-of-fold
   * scores (5 folds) and 400 held-out rows"}, {@code "400 held-out rows"}, {@code "origin
   * unknown"} (nothing said), {@code "400 held-out rows and 500 rows of unknown origin"} (a merge
   * with a sample nobody described), {@code "... out-of-fold scores (folds differ: merged samples)
   * ..."}.
   *
   * @return the description
   */
  public String describe() {
    if (isUnknown()) {
      return "origin unknown";
    }
    StringBuilder sb = new StringBuilder();
    if (outOfFoldRows > 0) {
      sb.append(outOfFoldRows).append(outOfFoldRows == 1 ? " training row's out-of-fold score ("
          : " training rows' out-of-fold scores (")
          .append(folds == MIXED_FOLDS ? "folds differ: merged samples" : folds + " folds")
          .append(alignedRows == 0 ? "" : alignedRows == outOfFoldRows
              ? ", aligned with the deployed model" : ", " + alignedRows + " of them aligned with"
              + " the deployed model")
          .append(')');
    }
    if (heldOutRows > 0) {
      sb.append(sb.length() == 0 ? "" : unknownRows > 0 ? ", " : " and ").append(heldOutRows)
          .append(heldOutRows == 1 ? " held-out row" : " held-out rows");
    }
    if (unknownRows > 0) {
      sb.append(" and ").append(unknownRows)
          .append(unknownRows == 1 ? " row of unknown origin" : " rows of unknown origin");
    }
    return sb.toString();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
