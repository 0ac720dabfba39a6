package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.data.Source;
import dev.mlops.core.report.RunReports;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.metrics.Metric;
import dev.mlops.report.GateComparison;
import dev.mlops.report.GateRecord;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ChampionComparisonTest {

  private static final Pipeline PIPELINE = Pipeline.builder("synthetic-regression")
      .source(TestData.mixed(300, 1))
      .target("y")
      .exclude("label")
      .transform(t -> t.oneHot("colour").standardize(ColumnSelector.numeric()))
      .split(Split.random().testFraction(0.25))
      .train(Trainers.randomForestRegressor().trees(10).mtry(3))
      .gate(Gate.againstChampion().minRelativeImprovement(Metric.RMSE, 0.0))
      .seed(7)
      .build();
  private static final PipelineRun FIRST = PIPELINE.run();
  private static final PipelineRun RETRAIN = PIPELINE.run(
      RunOptions.champion(FIRST.model()).withSource(Source.of(TestData.mixed(300, 2))));

  @Test
  void gate_comparesBothModelsOnTheSameRows_withDifferenceIntervalAndPValue() {
    ChampionComparison c = RETRAIN.gate().comparisons().get(0);

    assertThat(RETRAIN.gate().comparisons()).hasSize(1);
    assertThat(c.metric()).isEqualTo("rmse");
    assertThat(c.candidate()).isEqualTo(RETRAIN.report().evaluation().orElseThrow().value(Metric.RMSE));
    assertThat(c.difference()).isCloseTo(c.candidate() - c.champion(), within(1e-12));
    assertThat(c.lower()).isLessThanOrEqualTo(c.difference());
    assertThat(c.upper()).isGreaterThanOrEqualTo(c.difference());
    assertThat(c.pValue()).isBetween(0.0, 1.0);
    assertThat(c.test()).isEqualTo("paired_bootstrap");
    assertThat(c.n()).isEqualTo(75);
    assertThat(c.passed()).isEqualTo(c.candidate() <= c.champion());
  }

  @Test
  void firstTraining_hasNoComparison() {
    assertThat(FIRST.gate().comparisons()).isEmpty();
  }

  @Test
  void runRecordMetadata_carriesTheComparisonsAndTheRowCounts() {
    Map<String, String> metadata = RunRecord.metadata(RETRAIN);

    assertThat(ChampionComparison.readFrom(metadata)).isEqualTo(RETRAIN.gate().comparisons());
    assertThat(metadata).containsEntry("rows.read", "300").containsEntry("rows.train", "225")
        .containsEntry("rows.test", "75");
    assertThat(RunReports.rows(metadata)).isEqualTo("read 300 rows, trained on 225, tested on 75");
  }

  @Test
  void readFrom_rejectsANonNumber_namingTheKey() {
    Map<String, String> metadata = new HashMap<>();
    metadata.put("gate.rmse.champion", "abc");

    assertThatThrownBy(() -> ChampionComparison.readFrom(metadata))
        .hasMessage("gate metadata gate.rmse.champion must be a number: abc");
  }

  @Test
  void runReports_putsChampionAndCandidateSideBySide() {
    GateRecord record = RunReports.gate("retrain", "month 9", RETRAIN.gate(), "m:1", "m:2");
    GateComparison row = record.comparisons().get(0);
    ChampionComparison c = RETRAIN.gate().comparisons().get(0);

    assertThat(record.decision()).isEqualTo(RETRAIN.gate().decision().name());
    assertThat(row.champion()).isEqualTo(c.champion());
    assertThat(row.candidate()).isEqualTo(c.candidate());
    assertThat(row.pValue()).isEqualTo(c.pValue());
    assertThat(row.verdict()).isEqualTo(c.passed() ? "pass" : "fail");
  }
}
