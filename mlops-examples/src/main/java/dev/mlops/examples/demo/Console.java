package dev.mlops.examples.demo;

import java.io.PrintStream;
import java.util.Locale;

/** The demo's console output: one short section per stage, aligned key/value lines and tables. */
final class Console {

  private static final int KEY_WIDTH = 26;

  private final PrintStream out;
  private final long start = System.nanoTime();
  private long stageStart = System.nanoTime();

  Console(PrintStream out) {
    this.out = out;
  }

  void banner(String title) {
    out.println();
    out.println("=".repeat(78));
    out.println(" " + title);
    out.println("=".repeat(78));
  }

  void stage(int number, String title) {
    stageStart = System.nanoTime();
    out.println();
    String head = number > 0 ? number + ". " + title : title;
    out.println("── " + head + " " + "─".repeat(Math.max(3, 74 - head.length())));
  }

  void kv(String key, Object value) {
    out.printf(Locale.ROOT, "   %-" + KEY_WIDTH + "s %s%n", key, value);
  }

  void line(String text) {
    out.println("   " + text);
  }

  void printf(String format, Object... args) {
    out.print("   ");
    out.printf(Locale.ROOT, format, args);
  }

  /** Prints a multi-line block (e.g. a report's toText()) indented under the current stage. */
  void block(String text) {
    text.lines().forEach(l -> out.println("   │ " + l));
  }

  void done() {
    out.printf(Locale.ROOT, "   (%.1f s)%n", (System.nanoTime() - stageStart) / 1e9);
  }

  double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** A signed number, e.g. {@code +0.0913}. */
  static String signed(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%+.1f" : "%+.4f", v);
  }

  /** A p-value: four decimals, scientific below 1e-4, "-" when there is none. */
  static String p(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v < 1e-4 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4f", v);
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4f", v);
  }
}
