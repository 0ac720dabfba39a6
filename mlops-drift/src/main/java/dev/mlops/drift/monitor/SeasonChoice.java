package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceCalendar;
import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Locale;

/**
 * The season of a monitor's label and prediction baseline: the field named by {@code
 * seasonField}, or by default the month of the reference's time column, keyed by a monitored
 * feature that equals that month on every reference row ({@link ReferenceCalendar#monthFeatures()});
 * or none, and why.
 *
 * <p>Month of the year is the default key: a reference of one or two years holds each month once or
 * twice, 5 or more chunks per month for hourly rows (the seasonal calibration needs 3), while a week
 * of the year would hold one or two chunks; the daily and weekly cycles lie inside every window and
 * chunk already. The season is never taken from a column that is not the time column's month on
 * every reference row, and never from a reference shorter than a year (a month it lacks would be
 * compared with nothing).
 *
 * <p>The calendar's season is the label's only; the prediction keeps the whole reference unless
 * {@code seasonField} names the season. The profile's predictions are out-of-fold estimates, a
 * stand-in for the deployed model's, and within one month they differ from a refit model's by more
 * than the month's bootstrap allows: bike sharing 2011 replayed through the refit models, prediction
 * drift against the same month in 1 of 12 months and 6 of 52 weeks (regressor) and 3 of 12 and 11
 * of 52 (binary classifier), against 0 with the whole reference, whose threshold is calibrated on
 * consecutive reference windows (docs/benchmarks.md, issue 14, ninth session). The label is the
 * data itself.
 *
 * @param field the season field, null for none
 * @param note what the label's and the prediction's reasons say about the season, null for nothing
 *     (no calendar and no season field: the reasons stay as they were)
 * @param prediction whether the prediction is compared with the season too (a named field)
 */
record SeasonChoice(String field, String note, boolean prediction) {

  private static final SeasonChoice NONE = new SeasonChoice(null, null, false);

  /** What the prediction's reason says when the season is the label's only. */
  static final String LABEL_ONLY = "; against the whole reference: the calendar's season is the "
      + "label's only (seasonField names one for the prediction too)";

  /** The season for a monitor's configuration on a profile. */
  static SeasonChoice of(MonitorConfig config, Schema schema, ReferenceProfile profile) {
    if (config.seasonField() != null) {
      return new SeasonChoice(config.seasonField(), "season: " + config.seasonField()
          + ", named by seasonField", true);
    }
    ReferenceChunks chunks = profile.chunks().orElse(null);
    ReferenceCalendar cal = chunks == null ? null : chunks.calendar().orElse(null);
    if (cal == null) {
      return NONE;
    }
    String none = "no season: ";
    if (!config.defaultSeason()) {
      return new SeasonChoice(null, none + "turned off (withoutSeason())", false);
    }
    if (!config.calibrated()) {
      return new SeasonChoice(null, none + "the thresholds are fixed rules, not calibrated", false);
    }
    if (!cal.spansYear()) {
      return new SeasonChoice(null, none + "the reference's " + cal.describe()
          + " does not span a year (" + ReferenceCalendar.YEAR_DAYS
          + " days with rows in every month), so no month of it can stand for the same month of "
          + "another year", false);
    }
    for (String f : cal.monthFeatures()) {
      if (schema.index.containsKey(f) && chunks.columns().contains(f)) {
        return new SeasonChoice(f, String.format(Locale.ROOT, "season: month of %s, from the "
            + "reference's order (%s equals the month of %s on every reference row: %s)",
            cal.column(), f, cal.column(), cal.describe()), false);
      }
    }
    return new SeasonChoice(null, none + "no monitored feature equals the month of "
        + cal.column() + " on every reference row (" + cal.describe() + ")", false);
  }
}
