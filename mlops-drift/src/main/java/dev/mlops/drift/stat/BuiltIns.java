package dev.mlops.drift.stat;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The list of built-in statistics and the validation of user keys. */
final class BuiltIns {

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

  static final List<DriftStatistic> ALL = List.of(
      DriftStatistic.KOLMOGOROV_SMIRNOV, DriftStatistic.CRAMER_VON_MISES,
      DriftStatistic.ANDERSON_DARLING, DriftStatistic.WASSERSTEIN,
      DriftStatistic.NORMED_WASSERSTEIN, DriftStatistic.ENERGY_DISTANCE,
      DriftStatistic.MANN_WHITNEY_U, DriftStatistic.WELCH_T, DriftStatistic.PSI,
      DriftStatistic.KULLBACK_LEIBLER, DriftStatistic.JENSEN_SHANNON, DriftStatistic.HELLINGER,
      DriftStatistic.TOTAL_VARIATION, DriftStatistic.L_INFINITY,
      DriftStatistic.CHI_SQUARE_GOODNESS_OF_FIT, DriftStatistic.G_TEST,
      DriftStatistic.CHI_SQUARE_HOMOGENEITY, DriftStatistic.TWO_PROPORTION_Z,
      DriftStatistic.FISHER_EXACT);

  private BuiltIns() {}

  static String userKey(String key) {
    Objects.requireNonNull(key, "statistic key must not be null");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "statistic key must be snake_case (a-z, 0-9, _; starting with a letter): " + key);
    }
    for (DriftStatistic s : ALL) {
      if (s.key().equals(key)) {
        throw new IllegalArgumentException(
            "statistic key must not be a built-in statistic's key: " + key);
      }
    }
    return key;
  }
}
