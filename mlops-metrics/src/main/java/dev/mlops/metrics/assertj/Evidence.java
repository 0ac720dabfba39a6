package dev.mlops.metrics.assertj;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.MetricValue;
import java.util.Locale;

/** Formats the evidence that failure messages carry (package-private). */
final class Evidence {

  private Evidence() {}

  /** e.g. "0.912 (95% CI [0.88, 0.94] delong, n=500)" or "undefined (one class present, n=12)". */
  static String value(MetricValue value) {
    if (!value.defined()) {
      return "undefined (" + value.reason() + ", n=" + value.n() + ")";
    }
    StringBuilder text = new StringBuilder(number(value.value())).append(" (");
    if (value.ci() != null) {
      text.append(interval(value.ci())).append(", ");
    }
    text.append("n=").append(value.n());
    if (value.zeroDivision()) {
      text.append(", zero division: ").append(value.reason());
    }
    return text.append(")").toString();
  }

  static String interval(Interval ci) {
    return number(ci.level() * 100) + "% CI [" + number(ci.lower()) + ", " + number(ci.upper()) + "] "
        + ci.method();
  }

  /** The confusion matrix of a classification evaluation, or an empty string for regressions. */
  static String confusionMatrix(Evaluation evaluation) {
    if (evaluation instanceof ClassificationEvaluation classification) {
      return String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted):%n%s",
          classification.confusionMatrix().toText());
    }
    return "";
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
