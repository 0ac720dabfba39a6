package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * (All literals: mlops-metrics/src/test/python/sklearn_reference.py.)
 * Expected values from a NumPy copy of sklearn's {@code calibration_curve} (4 bins) on the data of
 * {@link BinaryMetricsTest}:
 * <pre>
 * bins = np.linspace(0, 1, 5)  or  np.percentile(s, np.linspace(0, 1, 5) * 100)
 * ids = np.searchsorted(bins[1:-1], s); per non-empty bin: mean(s), mean(y), count
 * ece = sum(count/n * |mean(y) - mean(s)|), mce = max |mean(y) - mean(s)|
 * uniform: pred [0.11666666666666668, 0.36250000000000004, 0.6333333333333333, 0.8500000000000001],
 *   true [0, 0.5, 0.6666666666666666, 1], counts [3, 4, 3, 2], ece 0.1083333333333333, mce 0.1499999999999999
 * quantile: pred [0.11666666666666668, 0.36250000000000004, 0.6, 0.7999999999999999],
 *   true [0, 0.5, 0.5, 1], counts [3, 4, 2, 3], ece 0.14166666666666666, mce 0.20000000000000007
 * </pre>
 */
final class CalibrationMetricsTest {

  private static final int[] Y = BinaryMetricsTest.Y;
  private static final double[] S = BinaryMetricsTest.S;

  static Stream<Arguments> sklearnCurves() {
    return Stream.of(
        Arguments.of(BinStrategy.UNIFORM,
            new double[] {0.11666666666666668, 0.36250000000000004, 0.6333333333333333, 0.8500000000000001},
            new double[] {0, 0.5, 0.6666666666666666, 1}, new long[] {3, 4, 3, 2},
            0.1083333333333333, 0.1499999999999999),
        Arguments.of(BinStrategy.QUANTILE,
            new double[] {0.11666666666666668, 0.36250000000000004, 0.6, 0.7999999999999999},
            new double[] {0, 0.5, 0.5, 1}, new long[] {3, 4, 2, 3},
            0.14166666666666666, 0.20000000000000007));
  }

  @ParameterizedTest
  @MethodSource("sklearnCurves")
  void bins_matchSklearnCalibrationCurve(BinStrategy strategy, double[] meanPredicted,
      double[] fractionPositive, long[] counts, double ece, double mce) {
    ReliabilityCurve curve = CalibrationMetrics.reliabilityCurve(Y, S, 4, strategy);
    assertThat(curve.meanPredicted()).containsExactly(meanPredicted, within(1e-15));
    assertThat(curve.fractionPositive()).containsExactly(fractionPositive, within(1e-15));
    assertThat(curve.counts()).containsExactly(counts);
    assertThat(CalibrationMetrics.expectedCalibrationError(Y, S, 4, strategy).value())
        .isCloseTo(ece, within(1e-15));
    assertThat(CalibrationMetrics.maximumCalibrationError(Y, S, 4, strategy).value())
        .isCloseTo(mce, within(1e-15));
  }

  @Test
  void perfectlyCalibratedBins_haveZeroError() {
    int[] y = {0, 0, 0, 1, 1, 1, 1, 0};
    double[] p = {0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75};
    assertThat(CalibrationMetrics.expectedCalibrationError(y, p, 2, BinStrategy.UNIFORM).value()).isZero();
  }
}
