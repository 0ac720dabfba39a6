package dev.mlops.hostile;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A serialisable class outside every allow-list that records whether deserialisation instantiated
 * it ({@link TripwireBase#constructed}) or ran its {@code readObject} ({@link #readObjectCalls}),
 * standing in for a gadget class.
 */
public class Tripwire extends TripwireBase implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How many times readObject ran. */
  public static final java.util.concurrent.atomic.AtomicInteger readObjectCalls =
      new java.util.concurrent.atomic.AtomicInteger();

  /** A payload field. */
  public String payload = "boom";

  /** Resets both counters. */
  public static void reset() {
    constructed.set(0);
    readObjectCalls.set(0);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    readObjectCalls.incrementAndGet();
    in.defaultReadObject();
  }
}
