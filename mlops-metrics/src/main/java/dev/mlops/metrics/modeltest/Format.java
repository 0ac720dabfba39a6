package dev.mlops.metrics.modeltest;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting shared by names, reasons and text reports (package-private). */
final class Format {

  private Format() {}

  /** A number with at most 6 significant digits, without trailing zeros; "NaN", "inf" as such. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros();
    // Tiny values (p-values) in scientific notation: 3.16414E-13, not thirteen zeros.
    return Math.abs(value) < 1e-4 ? rounded.toString() : rounded.toPlainString();
  }

  /** A row's text, shortened for reports. */
  static String row(Object row) {
    String text = String.valueOf(row);
    return text.length() <= 200 ? text : text.substring(0, 197) + "...";
  }
}
