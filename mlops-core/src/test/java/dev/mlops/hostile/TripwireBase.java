package dev.mlops.hostile;

/**
 * A non-serialisable base class: Java deserialisation runs its no-argument constructor when it
 * instantiates a {@link Tripwire}, so {@link #constructed} counts instantiations.
 */
public class TripwireBase {

  /** How many instances were constructed. */
  public static final java.util.concurrent.atomic.AtomicInteger constructed =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Counts the construction. */
  public TripwireBase() {
    constructed.incrementAndGet();
  }
}
