package dev.mlops.drift.monitor;

/**
 * A request id made of a prefix and a decimal number ({@code "req-" + 17}), read as characters
 * without building the string: the pending-label store hashes, compares and copies it as it would
 * the string {@code prefix + number}. One instance is reused for every id a buffer moves into the
 * store, so a generated id costs no object between the request and its slot.
 *
 * <p>Not thread-safe: owned by one buffer, used by the thread that drains it.
 */
final class GeneratedId implements CharSequence {

  private final char[] digits = new char[20];
  private String prefix = "";
  private int first = digits.length;

  /** Points this id at {@code prefix + number} ({@code number >= 0}). */
  GeneratedId set(String prefix, long number) {
    this.prefix = prefix;
    long n = number;
    int i = digits.length;
    do {
      digits[--i] = (char) ('0' + (int) (n % 10));
      n /= 10;
    } while (n != 0);
    first = i;
    return this;
  }

  /** The string's {@link String#hashCode()}, computed over these characters. */
  static int hash(CharSequence id) {
    if (id instanceof String s) {
      return s.hashCode();
    }
    int h = 0;
    for (int i = 0, n = id.length(); i < n; i++) {
      h = 31 * h + id.charAt(i);
    }
    return h;
  }

  @Override
  public int length() {
    return prefix.length() + digits.length - first;
  }

  @Override
  public char charAt(int index) {
    int p = prefix.length();
    return index < p ? prefix.charAt(index) : digits[first + index - p];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().subSequence(start, end);
  }

  @Override
  public String toString() {
    return prefix + String.valueOf(digits, first, digits.length - first);
  }
}
