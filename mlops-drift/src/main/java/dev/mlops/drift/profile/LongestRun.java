package dev.mlops.drift.profile;

/**
 * The longest run of equal consecutive valid values of a column, in the order they were added,
 * and the value of that run (as its category key: numbers by {@link
 * CategoricalProfile#numberKey(double)}). Missing values neither count nor break a run. Merging
 * keeps the longer run (a run across two merged parts is not joined). A data-quality check uses it
 * to tell a window that is constant because a pipeline broke from one that is constant because
 * the reference itself held that value that long (a month without a public holiday). Not
 * thread-safe (owned by an accumulator).
 */
final class LongestRun {

  private long length;
  private boolean numeric;
  private double number;
  private String key;
  private long current;
  private double lastNumber;
  private String lastKey;

  void add(double v) {
    if (current > 0 && lastKey == null && v == lastNumber) {
      current++;
    } else {
      current = 1;
      lastNumber = v;
      lastKey = null;
    }
    if (current > length) {
      length = current;
      numeric = true;
      number = v;
      key = null;
    }
  }

  void add(String k) {
    if (current > 0 && k.equals(lastKey)) {
      current++;
    } else {
      current = 1;
      lastKey = k;
    }
    if (current > length) {
      length = current;
      numeric = false;
      key = k;
    }
  }

  /** Keeps the longer of this run and another part's (the current run ends). */
  void merge(long otherLength, String otherValue) {
    current = 0;
    if (otherLength > length && otherValue != null) {
      length = otherLength;
      numeric = false;
      key = otherValue;
    }
  }

  void merge(LongestRun other) {
    merge(other.length, other.value());
  }

  long length() {
    return length;
  }

  /** The run's value as a category key, or null before any value. */
  String value() {
    if (length == 0) {
      return null;
    }
    return numeric ? CategoricalProfile.numberKey(number) : key;
  }
}
