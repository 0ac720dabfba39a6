package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An undeclared column of one number stays numeric (it says nothing of categories); merged with
 * parts that hold other values it is inferred as the union's values say, as one builder would.
 */
final class ConstantColumnInferenceTest {

  private static ReferenceProfile of(double... values) {
    return ReferenceProfile.builder().addColumn("v", values).build();
  }

  @Test
  void aColumnOfOneNumber_isNumeric_withThatValueAsMinAndMax() {
    FeatureProfile v = of(0.5, 0.5, 0.5, Double.NaN).feature("v").orElseThrow();

    assertThat(v.type()).isEqualTo(FeatureType.NUMERIC);
    assertThat(v.inferred()).isTrue();
    assertThat(((NumericProfile) v).min()).isEqualTo(0.5);
    assertThat(((NumericProfile) v).max()).isEqualTo(0.5);
    assertThat(v.missing()).isEqualTo(1);
  }

  @Test
  void twoToFiveNumbers_areStillInferredCategorical() {
    assertThat(of(1, 2, 1).feature("v").orElseThrow().type())
        .isEqualTo(FeatureType.CATEGORICAL);
  }

  @Test
  void merges_inferTheKindOfTheUnion() {
    // constant parts of one value: numeric; of two values: categorical, equal to one builder's
    assertThat(of(0.5, 0.5).merge(of(0.5)).feature("v").orElseThrow())
        .isEqualTo(of(0.5, 0.5, 0.5).feature("v").orElseThrow());
    assertThat(of(0.5, 0.5).merge(of(2, 2)).feature("v").orElseThrow())
        .isEqualTo(of(0.5, 0.5, 2, 2).feature("v").orElseThrow())
        .isInstanceOf(CategoricalProfile.class);
    assertThat(of(0.5, 0.5).merge(of(2, 3, 0.5)).feature("v").orElseThrow())
        .isEqualTo(of(0.5, 0.5, 2, 3, 0.5).feature("v").orElseThrow())
        .isInstanceOf(CategoricalProfile.class);
    // a constant part with a many-valued one: numeric
    assertThat(of(0.5, 0.5).merge(of(1, 2, 3, 4, 5, 6)).feature("v").orElseThrow().type())
        .isEqualTo(FeatureType.NUMERIC);
  }
}
