package dev.mlops.drift.monitor;

import java.util.Arrays;

/**
 * The model's output for one request, as recorded by {@link DriftMonitor#record}: a class index,
 * class probabilities or a regression value.
 *
 * <p>The monitored prediction value is: the value for a regression; the class index for a class;
 * the probability of class 1 for two-class probabilities (numeric drift of the score), and the
 * arg-max class for more classes. Instances are immutable and thread-safe; {@link #ofClass(int)}
 * returns cached instances for classes 0 to 255, so recording a class allocates nothing. The class
 * is sealed rather than final only for the monitor's own per-thread regression value and class
 * probabilities, read during one {@code record} call and never handed out.
 */
public sealed class Prediction permits Prediction.Reused, Prediction.ReusedProbabilities {

  /** What a prediction holds. */
  public enum Kind {
    /** A class index. */
    CLASS,
    /** Class probabilities. */
    PROBABILITIES,
    /** A regression value. */
    VALUE
  }

  private static final Prediction[] CLASSES = new Prediction[256];

  static {
    for (int i = 0; i < CLASSES.length; i++) {
      CLASSES[i] = new Prediction(Kind.CLASS, i, null, i);
    }
  }

  private final Kind kind;
  private final int classIndex;
  private final double[] probabilities;
  private final double value;

  private Prediction(Kind kind, int classIndex, double[] probabilities, double value) {
    this.kind = kind;
    this.classIndex = classIndex;
    this.probabilities = probabilities;
    this.value = value;
  }

  /**
   * A regression value rewritten for each {@code record(double[], double, ...)} call of the thread
   * that owns it (the monitor reads it during the call only, so it never allocates a prediction).
   */
  static final class Reused extends Prediction {
    private double current;

    Reused() {
      super(Kind.VALUE, -1, null, Double.NaN);
    }

    Reused set(double v) {
      current = v;
      return this;
    }

    @Override
    public double value() {
      return current;
    }
  }

  /**
   * Class probabilities rewritten for each {@code record(double[], double[], ...)} call of the
   * thread that owns it: the caller's array, not copied, read during the call only (the monitor
   * copies what it keeps), so the call allocates no prediction.
   */
  static final class ReusedProbabilities extends Prediction {
    private double[] current;
    private int top;

    ReusedProbabilities() {
      super(Kind.PROBABILITIES, 0, new double[2], Double.NaN);
    }

    /**
     * Holds {@code p} when {@link #ofProbabilities} would accept it (the same arg-max), else
     * returns null.
     */
    ReusedProbabilities set(double[] p) {
      if (p == null || p.length < 2) {
        return null;
      }
      int best = 0;
      for (int i = 0; i < p.length; i++) {
        double v = p[i];
        if (!(v >= 0.0 && v <= 1.0)) {
          return null;
        }
        if (v > p[best]) {
          best = i;
        }
      }
      current = p;
      top = best;
      return this;
    }

    @Override
    public int classIndex() {
      return top;
    }

    @Override
    public double value() {
      return current.length == 2 ? current[1] : top;
    }

    @Override
    public double[] probabilities() {
      return current.clone();
    }

    @Override
    boolean categorical() {
      return current.length > 2;
    }

    @Override
    double probability(int i) {
      return current[i];
    }

    @Override
    int classes() {
      return current.length;
    }
  }

  /**
   * A predicted class.
   *
   * @param classIndex the class index, 0-based
   * @return the prediction
   * @throws IllegalArgumentException if {@code classIndex} is negative
   */
  public static Prediction ofClass(int classIndex) {
    if (classIndex < 0) {
      throw new IllegalArgumentException("class index must not be negative: " + classIndex);
    }
    return classIndex < CLASSES.length
        ? CLASSES[classIndex]
        : new Prediction(Kind.CLASS, classIndex, null, classIndex);
  }

  /**
   * Predicted class probabilities (copied). The predicted class is the arg-max.
   *
   * @param probabilities one probability per class, at least two, each finite in [0, 1]
   * @return the prediction
   * @throws NullPointerException if {@code probabilities} is null
   * @throws IllegalArgumentException if fewer than two classes or a probability is outside [0, 1]
   */
  public static Prediction ofProbabilities(double[] probabilities) {
    if (probabilities == null) {
      throw new NullPointerException("probabilities must not be null");
    }
    if (probabilities.length < 2) {
      throw new IllegalArgumentException(
          "probabilities must have at least two classes: " + probabilities.length);
    }
    int best = 0;
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0.0 && p <= 1.0)) {
        throw new IllegalArgumentException(
            "probabilities[" + i + "] must be in [0, 1]: " + p);
      }
      if (p > probabilities[best]) {
        best = i;
      }
    }
    double[] copy = probabilities.clone();
    double monitored = copy.length == 2 ? copy[1] : best;
    return new Prediction(Kind.PROBABILITIES, best, copy, monitored);
  }

  /**
   * A regression prediction.
   *
   * @param value the predicted value (non-finite values are recorded as a data-quality finding)
   * @return the prediction
   */
  public static Prediction ofValue(double value) {
    return new Prediction(Kind.VALUE, -1, null, value);
  }

  /**
   * What this prediction holds.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The predicted class (the arg-max for probabilities).
   *
   * @return the class index, or -1 for a regression value
   */
  public int classIndex() {
    return classIndex;
  }

  /**
   * The class probabilities.
   *
   * @return a copy of the probabilities, or an empty array when this is not a probability
   *     prediction
   */
  public double[] probabilities() {
    return probabilities == null ? new double[0] : probabilities.clone();
  }

  /**
   * The value the monitor tracks for prediction drift (see the class comment).
   *
   * @return the monitored value
   */
  public double value() {
    return value;
  }

  /** Whether prediction drift treats this prediction as categorical (classes). */
  boolean categorical() {
    return kind == Kind.CLASS || (kind == Kind.PROBABILITIES && probabilities.length > 2);
  }

  /** Probability of class {@code i} without copying (package-private: hot path). */
  double probability(int i) {
    return probabilities[i];
  }

  /** Number of classes of a probability prediction, 0 otherwise. */
  int classes() {
    return probabilities == null ? 0 : probabilities.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction p
        && p.kind == kind
        && p.classIndex == classIndex
        && Double.compare(p.value(), value()) == 0
        && Arrays.equals(p.probabilities, probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + classIndex) + Double.hashCode(value());
  }

  @Override
  public String toString() {
    return switch (kind) {
      case CLASS -> "Prediction[class=" + classIndex + "]";
      case PROBABILITIES -> "Prediction[probabilities=" + Arrays.toString(probabilities) + "]";
      case VALUE -> "Prediction[value=" + value() + "]";
    };
  }
}
