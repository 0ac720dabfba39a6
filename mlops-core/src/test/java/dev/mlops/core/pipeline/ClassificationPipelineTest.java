package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ClassificationPipelineTest {

  /** n rows; x1, x2 ~ U(0,1); class "a" if x1 + x2 < 0.8, "c" if x1 > 0.7 and not "a", else "b". */
  private static Table threeClasses(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      x1[i] = r.nextDouble();
      x2[i] = r.nextDouble();
      y[i] = x1[i] + x2[i] < 0.8 ? "a" : x1[i] > 0.7 ? "c" : "b";
    }
    return Table.builder().numeric("x1", x1).numeric("x2", x2).categorical("y", y).build();
  }

  private static PipelineRun binary(Trainer trainer, Gate gate, RunOptions options) {
    return Pipeline.builder("binary").source(TestData.mixed(600, 41)).target("label").exclude("y")
        .transform(t -> t.oneHot("colour")).split(Split.stratified().testFraction(0.3))
        .train(trainer).evaluateClassifier(t -> t.expect(Metric.ROC_AUC).atLeast(0.6))
        .gate(gate).seed(5).build().run(options);
  }

  @Test
  void binaryClassifier_isGatedAgainstChampionWithDeLongAndMcNemar() {
    TrainedModel stump = binary(Trainers.decisionTree().maxDepth(2).maxNodes(2), Gate.expectationsOnly(),
        RunOptions.none()).model();

    PipelineRun run = binary(Trainers.logisticRegression().lambda(0.01),
        Gate.againstChampion().minAbsoluteImprovement(Metric.ROC_AUC, 0.0)
            .minAbsoluteImprovement(Metric.ACCURACY, 0.0).significance(0.05),
        RunOptions.champion(stump));

    assertThat(run.gate().championCompared()).isTrue();
    assertThat(run.gate().checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("significance roc_auc vs champion");
      assertThat(c.detail()).startsWith("roc_auc: candidate ").contains("by delong on 180 rows");
    });
    assertThat(run.gate().checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("significance accuracy vs champion");
      assertThat(c.detail()).startsWith("accuracy: candidate ").contains("by mcnemar");
    });
    // y is linear in (x1, x2, colour): logistic regression beats a two-leaf tree clearly on 180 rows.
    assertThat(run.gate().decision()).as(run.gate().toText()).isEqualTo(GateDecision.Decision.PROMOTE);
    assertThat(run.profile().prediction()).get().isInstanceOf(NumericProfile.class);
    assertThat(run.profile().label()).get().isInstanceOf(CategoricalProfile.class);
  }

  @Test
  void multiclassClassifier_trainsEvaluatesAndProfilesClassIndices() {
    PipelineRun run = Pipeline.builder("three").source(threeClasses(400, 3)).target("y")
        .split(Split.stratified().testFraction(0.25))
        .train(Trainers.gradientBoostingClassifier().trees(30))
        .evaluateClassifier(t -> t.expect(Metric.ACCURACY).atLeast(0.8))
        .build().run();

    TrainedClassifier model = (TrainedClassifier) run.model();
    assertThat(model.classes()).containsExactly("a", "b", "c");
    assertThat(model.predictLabel(java.util.Map.of("x1", 0.1, "x2", 0.1))).isEqualTo("a");
    assertThat(model.predictLabel(java.util.Map.of("x1", 0.9, "x2", 0.5))).isEqualTo("c");
    assertThat(run.report().passed()).as(run.report().toText()).isTrue();
    ReferenceProfile profile = run.profile();
    assertThat(profile.prediction()).get().isInstanceOfSatisfying(CategoricalProfile.class,
        p -> assertThat(p.frequencies().keySet()).containsAnyOf("0", "1", "2"));
    assertThat(run.gate().decision()).isEqualTo(GateDecision.Decision.PROMOTE);
  }
}
