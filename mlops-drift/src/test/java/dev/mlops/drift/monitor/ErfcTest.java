package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** {@link Erfc} against SciPy 1.17.1's {@code scipy.special.erfc}. */
final class ErfcTest {

  /** {@code x, scipy.special.erfc(x)}. */
  private static final double[][] SCIPY = {
      {0, 1.0}, {1e-10, 0.999999999887162}, {0.3, 0.6713732405408726},
      {0.46875, 0.507386526782062}, {-0.46875, 1.4926134732179381}, {0.5, 0.4795001221869535},
      {1, 0.15729920705028516}, {2.5, 0.00040695201744495886}, {3.99, 1.6739211364520824e-08},
      {4, 1.541725790028002e-08}, {4.01, 1.4196939421371057e-08}, {5.5, 7.357847917974398e-15},
      {10, 2.0884875837625446e-45}, {20, 5.395865611607901e-176},
      {26.5, 2.2109076642637343e-307}, {27, 0.0}, {-0.3, 1.3286267594591274},
      {-1, 1.8427007929497148}, {-3, 1.9999779095030015}, {-6, 2.0}, {-30, 2.0},
      {0.7071067811865476, 0.31731050786291415}, {12.3456, 2.9242213314490382e-68}};

  @Test
  void erfc_isSciPys_toAFewUlps_deepTailsIncluded() {
    for (double[] c : SCIPY) {
      double got = Erfc.erfc(c[0]);
      Offset<Double> tolerance = within(Math.max(2e-14 * c[1], 0.0));
      assertThat(got).as("erfc(%s)", c[0]).isCloseTo(c[1], tolerance);
    }
    assertThat(Erfc.erfc(Double.NaN)).isNaN();
    assertThat(Erfc.erfc(Double.POSITIVE_INFINITY)).isZero();
    assertThat(Erfc.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
  }
}
