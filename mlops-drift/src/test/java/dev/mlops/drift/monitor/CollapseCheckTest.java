package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

final class CollapseCheckTest {

  @Test
  @Timeout(10)
  void numeric_terminates_whenAForgedStateHoldsNaN() {
    // the fuzz suite found this: NaN == NaN is false, so a run of equal values never advanced
    CollapseCheck.Summary s = CollapseCheck.numeric(new double[] {1, 2, Double.NaN},
        new double[] {1, 1, Double.NaN, Double.NaN});
    assertThat(s.n()).isEqualTo(4);
    assertThat(s.distinct()).isEqualTo(3);
    assertThat(s.topShare()).isEqualTo(0.5);
  }
}
