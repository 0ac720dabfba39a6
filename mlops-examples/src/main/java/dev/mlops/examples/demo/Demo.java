package dev.mlops.examples.demo;

/** The end-to-end demo: train, test, deploy, monitor, retrain. Placeholder until the APIs land. */
public final class Demo {

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args {@code --data <hour.csv>} to use the UCI Bike Sharing data instead of generated data
   */
  public static void main(String[] args) {
    System.out.println("mlops-java demo: placeholder - the end-to-end loop is not built yet.");
  }
}
