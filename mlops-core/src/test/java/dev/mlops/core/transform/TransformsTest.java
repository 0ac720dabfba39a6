package dev.mlops.core.transform;

import static dev.mlops.core.transform.ColumnSelector.named;
import static dev.mlops.core.transform.ColumnSelector.numeric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TransformsTest {

  private static final Table TRAIN = Table.builder()
      .numeric("a", new double[] {1, 2, Double.NaN, 4, 10})
      .categorical("c", new String[] {"b", "a", null, "b", "c"})
      .build();
  private static final List<Column> INPUTS = List.of(Column.numeric("a"), Column.categorical("c"));

  @Test
  void medianImputationThenStandardisation_matchNumPy() {
    FittedTransforms t = Transforms.none()
        .impute("a", Imputation.MEDIAN)
        .impute(named("c"), Imputation.MOST_FREQUENT)
        .standardize(named("a"))
        .oneHot("c")
        .fit(TRAIN, INPUTS);

    // np.nanmedian([1,2,nan,4,10]) = 3.0; then b=[1,2,3,4,10]: (b-b.mean())/b.std() =
    // [-0.9486833, -0.63245553, -0.31622777, 0, 1.8973666]
    double[][] x = t.apply(TRAIN);
    assertThat(t.featureNames()).containsExactly("a", "c=a", "c=b", "c=c");
    assertThat(new double[] {x[0][0], x[1][0], x[2][0], x[3][0], x[4][0]})
        .containsExactly(new double[] {-0.9486833, -0.63245553, -0.31622777, 0.0, 1.8973666}, within(1e-7));
    // most frequent of [b, a, b, c] is b
    assertThat(x[2]).containsExactly(new double[] {-0.31622777, 0.0, 1.0, 0.0}, within(1e-8));
  }

  @Test
  void meanImputationMinMaxAndLog1p_matchNumPy() {
    FittedTransforms mean = Transforms.none().impute("a", Imputation.MEAN).ordinal(named("c"), UnseenCategory.IGNORE)
        .fit(TRAIN, INPUTS);
    // np.nanmean([1,2,nan,4,10]) = 4.25; c missing -> -1 (ignored unseen/missing)
    assertThat(mean.apply(TRAIN)[2]).containsExactly(4.25, -1.0);

    FittedTransforms minMax = Transforms.none().impute("a", Imputation.MEDIAN).minMax(named("a"))
        .ordinal(named("c"), UnseenCategory.IGNORE).fit(TRAIN, INPUTS);
    // (b - 1) / 9 = [0, 0.1111111, 0.2222222, 0.3333333, 1]
    assertThat(minMax.apply(TRAIN)[1][0]).isCloseTo(0.11111111, within(1e-8));
    // a value beyond the training range maps beyond 1, as MinMaxScaler
    assertThat(minMax.apply(Map.of("a", 19.0, "c", "a"))).containsExactly(2.0, 0.0);

    FittedTransforms log = Transforms.none().impute("a", Imputation.MEDIAN).log1p(named("a"))
        .clip(named("a"), 0, 2).ordinal(named("c"), UnseenCategory.IGNORE).fit(TRAIN, INPUTS);
    // np.log1p([1,2,3,4,10]) = [0.69314718, 1.09861229, 1.38629436, 1.60943791, 2.39789527], then clip at 2
    assertThat(log.apply(TRAIN)[0][0]).isCloseTo(0.69314718, within(1e-8));
    assertThat(log.apply(TRAIN)[4][0]).isEqualTo(2.0);

    FittedTransforms ln = Transforms.none().impute("a", Imputation.MEDIAN).log(named("a"))
        .ordinal(named("c"), UnseenCategory.IGNORE).fit(TRAIN, INPUTS);
    // np.log(10) = 2.302585092994046
    assertThat(ln.apply(TRAIN)[4][0]).isCloseTo(2.302585092994046, within(1e-15));
    assertThatThrownBy(() -> ln.apply(Map.of("a", 0.0, "c", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value of a log-transformed feature must be > 0: 0.0 (columns [a])");
  }

  @Test
  void unseenCategory_followsThePolicy() {
    FittedTransforms ignore = Transforms.none().impute("a", Imputation.MEDIAN)
        .oneHot(named("c"), UnseenCategory.IGNORE).fit(TRAIN, INPUTS);
    FittedTransforms fail = Transforms.none().impute("a", Imputation.MEDIAN)
        .impute(named("c"), Imputation.MOST_FREQUENT)
        .oneHot(named("c"), UnseenCategory.FAIL).fit(TRAIN, INPUTS);
    Map<String, Object> row = Map.of("a", 2.0, "c", "zebra");

    assertThat(ignore.apply(row)).containsExactly(2.0, 0.0, 0.0, 0.0);
    assertThatThrownBy(() -> fail.apply(row))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("category of column 'c' must be one seen in training [a, b, c]: 'zebra'");
  }

  @Test
  void missingValueWithoutImputation_andWrongTypes_failNamingTheFeature() {
    FittedTransforms t = Transforms.none().oneHot("c").fit(TRAIN.rows(new int[] {0, 1}), INPUTS);
    Map<String, Object> missing = new HashMap<>();
    missing.put("a", null);
    missing.put("c", "a");

    assertThatThrownBy(() -> t.apply(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 'a' must not be missing after the transforms");
    assertThatThrownBy(() -> t.apply(Map.of("a", "two", "c", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value of numeric feature 'a' must be a Number: 'two'");
    assertThatThrownBy(() -> Transforms.none().fit(TRAIN, INPUTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("categorical column must be encoded (oneHot or ordinal) before training: 'c'");
  }

  @Test
  void valuesReadOnce_andRowsOfNumbers_transformAsTheMapDoes() {
    FittedTransforms t = Transforms.none().impute("a", Imputation.MEDIAN).standardize(named("a"))
        .oneHot(named("c"), UnseenCategory.IGNORE).fit(TRAIN, INPUTS);
    Map<String, Object> row = new HashMap<>();
    row.put("a", 3);
    row.put("c", "b");
    Map<String, Object> missing = new HashMap<>();
    missing.put("c", null);

    assertThat(t.apply(new Object[] {3, "b"})).containsExactly(t.apply(row));
    assertThat(t.apply(new Object[] {null, null})).containsExactly(t.apply(missing));
    // numbers: a categorical input takes the category the number names, as a Number in a map does
    assertThat(t.apply(new double[] {3, 1})).containsExactly(t.apply(Map.of("a", 3.0, "c", 1.0)));
    assertThat(t.apply(new double[] {Double.NaN, 2})).containsExactly(t.apply(Map.of("a", Double.NaN, "c", 2)));
    assertThatThrownBy(() -> t.apply(new Object[] {"two", "b"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value of numeric feature 'a' must be a Number: 'two'");
    assertThatThrownBy(() -> t.apply(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("values must hold one value per input column (2): 1");
    // without steps, numbers are the features, checked for missing values
    FittedTransforms none = Transforms.none().fit(TRAIN.drop(List.of("c")).rows(new int[] {0, 1, 3}), List.of(Column.numeric("a")));
    double[] in = {4};
    double[] out = none.apply(in);
    assertThat(out).containsExactly(4).isNotSameAs(in);
    assertThatThrownBy(() -> none.apply(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 'a' must not be missing after the transforms");
    // read-only: the same vector, without the copy when there is nothing to transform
    assertThat(none.applyReadOnly(in)).isSameAs(in).containsExactly(4);
    assertThatThrownBy(() -> none.applyReadOnly(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 'a' must not be missing after the transforms");
    double[] raw = {3, 1};
    assertThat(t.applyReadOnly(raw)).containsExactly(t.apply(raw)).isNotSameAs(raw);
    assertThat(raw).containsExactly(3, 1);
  }

  @Test
  void oneAffineStepOnNumbers_transformsAVectorAsTheMapDoes_bitForBit() {
    Table train = Table.builder()
        .numeric("u", new double[] {0.3, 1.7, -2.2, 4.1, 0.9})
        .numeric("v", new double[] {10, 12, 9.5, 11, 30})
        .numeric("w", new double[] {1e-3, 2e-3, 5e-4, 7e-3, 1e-4})
        .build();
    List<Column> inputs = List.of(Column.numeric("u"), Column.numeric("v"), Column.numeric("w"));
    // standardisation of two of the three inputs (w passes as it is), and min-max scaling of all
    for (FittedTransforms t : List.of(Transforms.none().standardize(named("v", "u")).fit(train, inputs),
        Transforms.none().minMax(numeric()).fit(train, inputs))) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(15);
      for (int i = 0; i < 200; i++) {
        double[] raw = {r.nextGaussian() * 3, 10 + r.nextGaussian(), r.nextDouble() * 1e-2};
        double[] copy = raw.clone();
        assertThat(t.applyReadOnly(raw)).isNotSameAs(raw)
            .containsExactly(t.apply(Map.of("u", copy[0], "v", copy[1], "w", copy[2])));
        assertThat(raw).containsExactly(copy);
      }
      assertThatThrownBy(() -> t.apply(new double[] {Double.NaN, 1, Double.NaN}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("features 'u', 'w' must not be missing after the transforms");
    }
  }

  @Test
  void fittedTransforms_roundTripThroughJson_withUserFunctionsByName() {
    FittedTransforms t = Transforms.none().impute("a", Imputation.MEDIAN).map("double", "a", v -> 2 * v)
        .standardize(numeric()).oneHot("c").fit(TRAIN, INPUTS);

    FittedTransforms back = FittedTransforms.fromJson(t.toJson(), Map.of("double", v -> 2 * v));

    assertThat(back.featureNames()).isEqualTo(t.featureNames());
    assertThat(back.apply(TRAIN)).isDeepEqualTo(t.apply(TRAIN));
    assertThat(back.toJson()).isEqualTo(t.toJson());
    assertThatThrownBy(() -> FittedTransforms.fromJson(t.toJson(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user function must be supplied when loading the model: 'double'");
  }

  @Test
  void fitUsesOnlyTheRowsItIsGiven() {
    // Fitted on rows 0 and 1 only (a = 1, 2): mean 1.5, std 0.5, so a = 10 maps to 17.
    FittedTransforms t = Transforms.none().standardize(named("a")).oneHot("c").fit(TRAIN.rows(new int[] {0, 1}), INPUTS);

    assertThat(t.apply(Map.of("a", 10.0, "c", "a"))[0]).isEqualTo(17.0);
  }
}
