package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.data.CsvSource;
import dev.mlops.core.data.Table;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BadInputTest {

  @TempDir Path dir;

  private final List<String> events = new ArrayList<>();

  private Pipeline.Builder pipeline(Table data, String target) {
    return Pipeline.builder("bad").source(data).target(target).train(Trainers.randomForestClassifier().trees(5))
        .listener(new PipelineListener() {
          @Override
          public void onStageStart(String runId, Stage stage) {
            events.add("start " + stage);
          }

          @Override
          public void onFailure(String runId, PipelineException failure) {
            events.add("failed " + failure.stage());
          }
        });
  }

  @Test
  void missingTargetColumn_failsInValidation_beforeTraining() {
    Table data = TestData.mixed(50, 1);

    assertThatThrownBy(() -> pipeline(data, "price").build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("failed in stage VALIDATE: target column must exist: 'price' (columns: [x1, x2, colour, y, label])")
        .extracting(e -> ((PipelineException) e).stage()).isEqualTo(Stage.VALIDATE);
    assertThat(events).doesNotContain("start TRAIN").contains("failed VALIDATE");
  }

  @Test
  void targetWithOneClass_failsInValidation() {
    String[] one = new String[50];
    java.util.Arrays.fill(one, "yes");
    Table data = Table.builder().numeric("x", new double[50]).categorical("label", one).build();

    assertThatThrownBy(() -> pipeline(data, "label").build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("target 'label' must have at least 2 classes: [yes]");
    assertThat(events).doesNotContain("start TRAIN");
  }

  @Test
  void nonNumericValueInNumericColumn_failsWhileReading_withRowAndColumn() throws IOException {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "x,label\n1,a\n2,b\nthree,a\n4,b\n");

    assertThatThrownBy(() -> Pipeline.builder("csv").source(CsvSource.of(csv).numeric("x")).target("label")
        .train(Trainers.decisionTree()).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("failed in stage READ: d.csv line 4, column 'x': value in numeric column must be a number: 'three'");
  }

  @Test
  void timeColumnThatDoesNotParse_failsWhileReading() throws IOException {
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, "day,x,y\n2011-01-01,1,2\n01/02/2011,2,3\n");

    assertThatThrownBy(() -> Pipeline.builder("csv").source(CsvSource.of(csv).timestampColumn("day")).target("y")
        .train(Trainers.ols()).split(Split.byTime("day")).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("failed in stage READ: t.csv line 3, column 'day': value in timestamp column must parse as an ISO-8601 date or date-time: '01/02/2011'");
  }

  @Test
  void emptySplit_failsBeforeTraining() {
    Table data = TestData.mixed(4, 2);

    assertThatThrownBy(() -> pipeline(data, "y").exclude("label").transform(t -> t.oneHot("colour"))
        .train(Trainers.ols()).split(Split.random().testFraction(0.1)).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("failed in stage SPLIT: split random[test=0.1] must leave rows on both sides: 4 train, 0 test of 4 rows");
    assertThat(events).doesNotContain("start TRAIN");
  }

  @Test
  void categoricalTargetForRegression_andMissingTargetValues_fail() {
    Table data = TestData.mixed(30, 3);
    double[] y = data.numericColumn("y");
    y[7] = Double.NaN;
    Table holes = Table.builder().numeric("x1", data.numericColumn("x1")).numeric("y", y).build();

    assertThatThrownBy(() -> Pipeline.builder("r").source(data).target("label").train(Trainers.ols()).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("target 'label' must be numeric for regression: CATEGORICAL");
    assertThatThrownBy(() -> Pipeline.builder("r").source(holes).target("y").train(Trainers.ols()).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("target 'y' must have a value in every row: row 7 is missing");
  }

  @Test
  void contractViolation_failsWithEveryFailingAnomaly() {
    Table data = TestData.mixed(40, 4);
    double[] x1 = data.numericColumn("x1");
    x1[3] = Double.NaN;
    x1[9] = Double.NaN;
    Table holes = Table.builder().numeric("x1", x1).numeric("y", data.numericColumn("y")).build();

    assertThatThrownBy(() -> Pipeline.builder("c").source(holes).target("y").train(Trainers.ols())
        .validate(dev.mlops.core.contract.DataContract.inferred().maxMissingRate(0.01)).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("x1: MISSING_VALUES observed 0.0500 missing (2 of 40) allowed at most 0.01 in 2 rows (e.g. rows [3, 9]) -> FAIL");
  }

  @Test
  void hyperparameterThatDoesNotFitTheData_failsBeforeFitting() {
    Table data = TestData.mixed(40, 5);

    assertThatThrownBy(() -> pipeline(data, "label").exclude("y").transform(t -> t.oneHot("colour"))
        .train(Trainers.randomForestClassifier().mtry(9)).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("failed in stage TRAIN: mtry must be <= the number of features 5: 9");
  }

  @Test
  void incompleteDefinition_failsAtBuild() {
    assertThatThrownBy(() -> Pipeline.builder("x").target("y").train(Trainers.ols()).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("pipeline 'x' must have a source");
    assertThatThrownBy(() -> Pipeline.builder("x").source(TestData.mixed(5, 1)).target("y").train(Trainers.ols())
        .evaluateClassifier(t -> t).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("evaluateClassifier needs a classification trainer: smile.ols");
  }
}
