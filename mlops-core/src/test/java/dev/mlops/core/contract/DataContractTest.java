package dev.mlops.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class DataContractTest {

  private static final Table BATCH = Table.builder()
      .numeric("temp", new double[] {0.1, 0.5, 1.7, Double.NaN, 0.3, Double.POSITIVE_INFINITY})
      .categorical("season", new String[] {"1", "2", "5", "1", null, "2"})
      .build();

  @Test
  void validation_listsEveryAnomaly_withObservedAllowedAndExampleRows() {
    DataContract c = DataContract.builder()
        .numeric("temp", 0, 1).maxMissingRate("temp", 0.1)
        .categorical("season", List.of("1", "2", "3", "4")).maxMissingRate("season", 0.5)
        .numeric("hum")
        .build();

    ValidationResult r = c.validate(BATCH);

    assertThat(r.anomalies()).extracting(Anomaly::column, Anomaly::kind, Anomaly::rows, Anomaly::exampleRows, Anomaly::policy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("temp", AnomalyKind.MISSING_VALUES, 1L, List.of(3), Policy.FAIL),
            org.assertj.core.groups.Tuple.tuple("temp", AnomalyKind.NON_FINITE, 1L, List.of(5), Policy.FAIL),
            org.assertj.core.groups.Tuple.tuple("temp", AnomalyKind.OUT_OF_RANGE, 1L, List.of(2), Policy.WARN),
            org.assertj.core.groups.Tuple.tuple("season", AnomalyKind.UNSEEN_CATEGORY, 1L, List.of(2), Policy.WARN),
            org.assertj.core.groups.Tuple.tuple("hum", AnomalyKind.MISSING_COLUMN, 0L, List.of(), Policy.FAIL));
    // 1 of 6 missing = 0.1667 > 0.1
    assertThat(r.anomalies().get(0).observed()).isEqualTo("0.1667 missing (1 of 6)");
    assertThat(r.anomalies().get(2).observed()).isEqualTo("values in [1.7, 1.7]");
    assertThat(r.anomalies().get(2).allowed()).isEqualTo("[0.0, 1.0]");
    assertThat(r.passed()).isFalse();
    assertThat(r.keptRows()).hasSize(6);
  }

  @Test
  void dropRowsPolicy_removesOffendingRows_andWarnKeepsThem() {
    DataContract c = DataContract.builder()
        .numeric("temp", 0, 1).maxMissingRate("temp", 1.0)
        .categorical("season", List.of("1", "2")).maxMissingRate("season", 1.0)
        .policy(AnomalyKind.OUT_OF_RANGE, Policy.DROP_ROWS)
        .policy(AnomalyKind.NON_FINITE, Policy.DROP_ROWS)
        .build();

    ValidationResult r = c.validate(BATCH);

    assertThat(r.passed()).isTrue();
    assertThat(r.keptRows()).containsExactly(0, 1, 3, 4);
  }

  @Test
  void inferredContract_acceptsItsOwnBatch_andJudgesServingRows() {
    Table train = BATCH.rows(new int[] {0, 1, 4});
    DataContract c = DataContract.inferred().maxMissingRate(0.5).resolve(train);

    assertThat(c.validate(train).anomalies()).isEmpty();
    assertThat(c.validate(Map.of("temp", 0.2, "season", "1"))).isEmpty();
    assertThat(c.validate(Map.of("temp", 0.9, "season", "7")))
        .extracting(Anomaly::column, Anomaly::kind, Anomaly::observed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("temp", AnomalyKind.OUT_OF_RANGE, "0.9"),
            org.assertj.core.groups.Tuple.tuple("season", AnomalyKind.UNSEEN_CATEGORY, "'7'"));
    Map<String, Object> text = new HashMap<>();
    text.put("temp", "warm");
    text.put("season", 1);
    assertThat(c.validate(text)).extracting(Anomaly::kind, Anomaly::policy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AnomalyKind.TYPE_MISMATCH, Policy.FAIL));
  }

  @Test
  void nanCodeInACategoricalField_isAMissingValue_notACrash() {
    DataContract strict = DataContract.builder()
        .categorical("season", List.of("1", "2", "3", "4"))
        .build();
    Map<String, Object> row = new HashMap<>();
    row.put("season", Double.NaN);

    assertThat(strict.validate(row))
        .extracting(Anomaly::column, Anomaly::kind, Anomaly::observed)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("season", AnomalyKind.MISSING_VALUES, "NaN"));
  }

  @Test
  void contract_roundTripsThroughJson() {
    DataContract c = DataContract.inferred().maxMissingRate(0.2).onViolation(AnomalyKind.OUT_OF_RANGE, Policy.FAIL)
        .resolve(BATCH);

    DataContract back = DataContract.fromJson(c.toJson());

    assertThat(back).isEqualTo(c);
    assertThat(back.policies()).containsEntry(AnomalyKind.OUT_OF_RANGE, Policy.FAIL)
        .containsEntry(AnomalyKind.UNSEEN_CATEGORY, Policy.WARN);
  }
}
