package dev.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.hostile.Tripwire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;

final class SafeDeserializationTest {

  @BeforeEach
  void resetTripwire() {
    Tripwire.reset();
  }

  static byte[] serialise(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] tripwireBytes() {
    byte[] bytes = serialise(new Tripwire());
    Tripwire.reset();
    return bytes;
  }

  @Test
  void tripwire_isInstantiatedByAnUnfilteredStream_soTheDetectorWorks() throws Exception {
    byte[] bytes = tripwireBytes();
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      assertThat(in.readObject()).isInstanceOf(Tripwire.class);
    }
    assertThat(Tripwire.constructed.get()).isEqualTo(1);
    assertThat(Tripwire.readObjectCalls.get()).isEqualTo(1);
  }

  @Test
  void classOutsideTheAllowList_isRejectedBeforeInstantiation() {
    assertThatThrownBy(() -> SafeDeserialization.read(tripwireBytes(), Object.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("dev.mlops.hostile.Tripwire")
        .hasMessageContaining("REJECTED");
    assertThat(Tripwire.constructed.get()).isZero();
    assertThat(Tripwire.readObjectCalls.get()).isZero();
  }

  @Test
  void disallowedClassNestedInAllowedContainers_isRejectedBeforeInstantiation() {
    HashMap<Integer, Object> map = new HashMap<>();
    map.put(1, new Object[] {2.0, new double[] {1, 2}, new Tripwire()});
    byte[] bytes = serialise(map);
    Tripwire.reset();
    assertThatThrownBy(() -> SafeDeserialization.read(bytes, HashMap.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("Tripwire");
    assertThat(Tripwire.constructed.get()).isZero();
    assertThat(Tripwire.readObjectCalls.get()).isZero();
  }

  @Test
  void gadgetStyleClasses_areRejected() {
    byte[] badAttribute = serialise(new BadAttributeValueExpException("toString() gadget entry point"));
    assertThatThrownBy(() -> SafeDeserialization.read(badAttribute, Object.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("javax.management.BadAttributeValueExpException");

    PriorityQueue<Integer> queue = new PriorityQueue<>(Collections.reverseOrder());
    queue.add(1);
    queue.add(2);
    assertThatThrownBy(() -> SafeDeserialization.read(serialise(queue), Object.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("java.util.PriorityQueue");
  }

  @Test
  void serialisedLambdas_areRejected() {
    Runnable lambda = (Runnable & Serializable) () -> { };
    assertThatThrownBy(() -> SafeDeserialization.read(serialise(lambda), Object.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("java.lang.invoke.SerializedLambda");
  }

  @Test
  void deeplyNestedGraph_isRejectedBeforeTheTripwireAtTheBottomIsBuilt() {
    Object nested = new Tripwire();
    for (int i = 0; i < 1_000; i++) {
      nested = new Object[] {nested};
    }
    byte[] bytes = serialise(nested);
    Tripwire.reset();
    assertThatThrownBy(() -> SafeDeserialization.read(bytes, Object.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("REJECTED");
    assertThat(Tripwire.constructed.get()).isZero();
  }

  @Test
  void hugeDeclaredArray_isRejectedBeforeAllocation() {
    byte[] bytes = serialise(new int[] {42});
    // the stream ends with the array length (4 bytes) and the single element (4 bytes)
    ByteBuffer.wrap(bytes).putInt(bytes.length - 8, Integer.MAX_VALUE);
    assertThatThrownBy(() -> SafeDeserialization.read(bytes, int[].class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("REJECTED");
  }

  @Test
  void limits_onReferencesArrayLengthAndDepth_areEnforcedAsConfigured() {
    HashMap<Integer, Integer> map = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      map.put(i, i);
    }
    byte[] manyObjects = serialise(map);
    assertThat(SafeDeserialization.read(manyObjects, HashMap.class).size()).isEqualTo(200);
    assertThatThrownBy(
            () -> SafeDeserialization.read(manyObjects, HashMap.class, SafeDeserialization.builder().maxReferences(50).build()))
        .isInstanceOf(UnsafeArtifactException.class);
    assertThatThrownBy(
            () -> SafeDeserialization.read(manyObjects, HashMap.class, SafeDeserialization.builder().maxBytes(500).build()))
        .isInstanceOf(UnsafeArtifactException.class);
    byte[] array = serialise(new double[1001]);
    assertThat(SafeDeserialization.read(array, double[].class, SafeDeserialization.builder().maxArrayLength(1001).build()))
        .hasSize(1001);
    assertThatThrownBy(
            () -> SafeDeserialization.read(array, double[].class, SafeDeserialization.builder().maxArrayLength(1000).build()))
        .isInstanceOf(UnsafeArtifactException.class);
    byte[] nested = serialise(new Object[] {new Object[] {new Object[] {1}}});
    assertThatThrownBy(
            () -> SafeDeserialization.read(nested, Object[].class, SafeDeserialization.builder().maxDepth(2).build()))
        .isInstanceOf(UnsafeArtifactException.class);
  }

  @Test
  void builder_canAllowAnExtraClass_andValidatesItsArguments() {
    Tripwire t = SafeDeserialization.read(
        tripwireBytes(), Tripwire.class,
        SafeDeserialization.builder().allowClass(Tripwire.class).allowClass(dev.mlops.hostile.TripwireBase.class).build());
    assertThat(t.payload).isEqualTo("boom");
    assertThatThrownBy(() -> SafeDeserialization.builder().allowPackage("java.util"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.util");
    assertThatThrownBy(() -> SafeDeserialization.builder().maxDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max depth must be positive: 0");
  }

  @Test
  void wrongType_orGarbage_isRefusedWithTheTypedError() {
    assertThatThrownBy(() -> SafeDeserialization.read(serialise(1), String.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> SafeDeserialization.read(new byte[] {1, 2, 3}, Object.class))
        .isInstanceOf(UnsafeArtifactException.class);
  }

  // ------------------------------------------------------------ real Smile 3.1.1 models

  private static final int N = 120;

  private static double[][] features() {
    Random random = new Random(3);
    double[][] x = new double[N][4];
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void smileModels_roundTripThroughTheDefaultFilter_withIdenticalPredictions() {
    double[][] x = features();
    int[] y = new int[N];
    int[] y3 = new int[N];
    double[] t = new double[N];
    for (int i = 0; i < N; i++) {
      y[i] = x[i][0] + x[i][1] > 0 ? 1 : 0;
      y3[i] = x[i][0] < -0.5 ? 0 : x[i][0] < 0.5 ? 1 : 2;
      t[i] = 2 * x[i][0] - x[i][2] + 0.1 * x[i][3];
    }
    DataFrame features = DataFrame.of(x, "a", "b", "c", "d");
    DataFrame binary = features.merge(IntVector.of("y", y));
    DataFrame multi = features.merge(IntVector.of("y", y3));
    DataFrame regression = features.merge(DoubleVector.of("y", t));
    Formula formula = Formula.lhs("y");
    Properties forest = new Properties();
    forest.setProperty("smile.random_forest.trees", "5");
    Properties boost = new Properties();
    boost.setProperty("smile.gradient_boost.trees", "5");

    Map<String, smile.classification.Classifier<Tuple>> classifiers = new LinkedHashMap<>();
    classifiers.put("random forest", smile.classification.RandomForest.fit(formula, binary, forest));
    classifiers.put("random forest 3 classes", smile.classification.RandomForest.fit(formula, multi, forest));
    classifiers.put("gradient boosting", smile.classification.GradientTreeBoost.fit(formula, binary, boost));
    classifiers.put("gradient boosting 3 classes", smile.classification.GradientTreeBoost.fit(formula, multi, boost));
    classifiers.put("decision tree", smile.classification.DecisionTree.fit(formula, binary));
    Properties ada = new Properties();
    ada.setProperty("smile.adaboost.trees", "5");
    classifiers.put("adaboost", smile.classification.AdaBoost.fit(formula, binary, ada));
    classifiers.put("adaboost 3 classes", smile.classification.AdaBoost.fit(formula, multi, ada));
    for (Map.Entry<String, smile.classification.Classifier<Tuple>> e : classifiers.entrySet()) {
      smile.classification.Classifier<?> copy =
          SafeDeserialization.read(serialise(e.getValue()), smile.classification.Classifier.class);
      @SuppressWarnings("unchecked")
      smile.classification.Classifier<Tuple> typed = (smile.classification.Classifier<Tuple>) copy;
      for (int i = 0; i < N; i++) {
        assertThat(typed.predict(features.get(i))).as(e.getKey() + " row " + i).isEqualTo(e.getValue().predict(features.get(i)));
      }
    }
    smile.classification.LDA lda = smile.classification.LDA.fit(x, y3);
    smile.classification.LDA ldaCopy = SafeDeserialization.read(serialise(lda), smile.classification.LDA.class);
    smile.classification.LogisticRegression logit = smile.classification.LogisticRegression.fit(x, y);
    smile.classification.LogisticRegression logit3 = smile.classification.LogisticRegression.fit(x, y3);
    smile.classification.LogisticRegression logitCopy =
        SafeDeserialization.read(serialise(logit), smile.classification.LogisticRegression.class);
    smile.classification.LogisticRegression logit3Copy =
        SafeDeserialization.read(serialise(logit3), smile.classification.LogisticRegression.class);
    for (int i = 0; i < N; i++) {
      assertThat(logitCopy.predict(x[i])).isEqualTo(logit.predict(x[i]));
      assertThat(logit3Copy.predict(x[i])).isEqualTo(logit3.predict(x[i]));
      assertThat(ldaCopy.predict(x[i])).isEqualTo(lda.predict(x[i]));
    }

    Map<String, smile.regression.Regression<Tuple>> regressions = new LinkedHashMap<>();
    regressions.put("regression forest", smile.regression.RandomForest.fit(formula, regression, forest));
    regressions.put("regression boosting", smile.regression.GradientTreeBoost.fit(formula, regression, boost));
    regressions.put("regression tree", smile.regression.RegressionTree.fit(formula, regression));
    regressions.put("ols", smile.regression.OLS.fit(formula, regression));
    regressions.put("ridge", smile.regression.RidgeRegression.fit(formula, regression, 0.1));
    regressions.put("lasso", smile.regression.LASSO.fit(formula, regression, 0.1));
    for (Map.Entry<String, smile.regression.Regression<Tuple>> e : regressions.entrySet()) {
      smile.regression.Regression<?> copy =
          SafeDeserialization.read(serialise(e.getValue()), smile.regression.Regression.class);
      @SuppressWarnings("unchecked")
      smile.regression.Regression<Tuple> typed = (smile.regression.Regression<Tuple>) copy;
      for (int i = 0; i < N; i++) {
        assertThat(typed.predict(features.get(i))).as(e.getKey() + " row " + i).isEqualTo(e.getValue().predict(features.get(i)));
      }
    }
  }

  @Test
  void smileFeatureTransforms_serialiseLambdas_andAreThereforeRejectedByDefault() {
    Object scaler =
        smile.feature.transform.Standardizer.fit(DataFrame.of(features(), "a", "b", "c", "d"));
    assertThatThrownBy(() -> SafeDeserialization.read(serialise(scaler), Object.class))
        .isInstanceOf(UnsafeArtifactException.class)
        .hasMessageContaining("SerializedLambda");
  }
}
