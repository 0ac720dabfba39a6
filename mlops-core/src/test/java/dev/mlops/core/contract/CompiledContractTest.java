package dev.mlops.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class CompiledContractTest {

  /** Values covering every branch of DataContract.validate: missing, NaN, infinities, ranges, types, categories. */
  private static final Object[] VALUES = {
    null, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, -1.0, 2.0, 0, 1, 1.0, 1.5, 7L,
    "x", "y", "z", "1", "", Boolean.TRUE, new Object(), Float.NaN
  };

  private static final String[] COLUMNS = {"a", "b", "c", "d", "t"};

  private static DataContract contract(SplittableRandom rnd) {
    DataContract.Builder b = DataContract.builder()
        .numeric("a", 0, 1)
        .numeric("b")
        .categorical("c", List.of("x", "y", "1"))
        .categorical("d", List.of())
        .timestamp("t");
    for (String c : COLUMNS) {
      if (rnd.nextBoolean()) {
        b.maxMissingRate(c, 0.1);
      }
    }
    for (AnomalyKind kind : AnomalyKind.values()) {
      Policy[] policies = Policy.values();
      b.policy(kind, policies[rnd.nextInt(policies.length)]);
    }
    return b.build();
  }

  @Test
  void fastPath_refusesExactlyWhenFullValidationReportsANonWarnAnomaly() {
    SplittableRandom rnd = new SplittableRandom(17);
    int refused = 0;
    int passedWithWarnings = 0;
    int checked = 0;
    int nanCategories = 0;
    for (int c = 0; c < 200; c++) {
      DataContract contract = contract(rnd);
      CompiledContract check = contract.compile(List.of());
      for (int r = 0; r < 100; r++) {
        Map<String, Object> row = new HashMap<>();
        for (String col : COLUMNS) {
          if (rnd.nextInt(8) != 0) {
            row.put(col, VALUES[rnd.nextInt(VALUES.length)]);
          }
        }
        boolean expected = contract.validate(row).stream().anyMatch(a -> a.policy() != Policy.WARN);
        if (row.get("c") instanceof Double d && d.isNaN()) {
          nanCategories++; // a NaN code in a categorical field: a missing value on both paths
        }
        assertThat(check.mayRefuse(row, null)).as("contract %s, row %s", contract.policies(), row).isEqualTo(expected);
        checked++;
        if (expected) {
          refused++;
        } else if (!contract.validate(row).isEmpty()) {
          passedWithWarnings++;
        }
      }
    }
    // Both outcomes, and rows passing with WARN anomalies only, are well represented.
    assertThat(checked).isEqualTo(20_000);
    assertThat(refused).isGreaterThan(2_000);
    assertThat(checked - refused).isGreaterThan(2_000);
    assertThat(passedWithWarnings).isGreaterThan(200);
    assertThat(nanCategories).isPositive();
  }

  /**
   * The read-once forms answer as the map form: values read by the caller in a given name order
   * (some contract fields not among them, so looked up), and rows of numbers (each a Double in the
   * map; a contract field not among the names is absent).
   */
  @Test
  void readOnceForms_answerAsTheMapForm() {
    SplittableRandom rnd = new SplittableRandom(23);
    double[] numbers = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, -1.0, 2.0, 0, 1, 1.5, 7};
    List<String> valueNames = List.of("t", "c", "a", "b");
    int refused = 0;
    for (int c = 0; c < 200; c++) {
      DataContract contract = contract(rnd);
      CompiledContract check = contract.compile(valueNames);
      for (int r = 0; r < 100; r++) {
        Map<String, Object> row = new HashMap<>();
        for (String col : COLUMNS) {
          if (rnd.nextInt(8) != 0) {
            row.put(col, VALUES[rnd.nextInt(VALUES.length)]);
          }
        }
        Object[] read = new Object[valueNames.size()];
        for (int i = 0; i < read.length; i++) {
          read[i] = row.get(valueNames.get(i));
        }
        boolean expected = contract.validate(row).stream().anyMatch(a -> a.policy() != Policy.WARN);
        assertThat(check.mayRefuse(row, read)).as("contract %s, row %s", contract.policies(), row).isEqualTo(expected);

        double[] vector = new double[valueNames.size()];
        Map<String, Object> asMap = new HashMap<>();
        for (int i = 0; i < vector.length; i++) {
          vector[i] = numbers[rnd.nextInt(numbers.length)];
          asMap.put(valueNames.get(i), vector[i]);
        }
        boolean expectedVector = contract.validate(asMap).stream().anyMatch(a -> a.policy() != Policy.WARN);
        assertThat(check.mayRefuse(vector)).as("contract %s, vector %s", contract.policies(), asMap)
            .isEqualTo(expectedVector);
        refused += expectedVector ? 1 : 0;
      }
    }
    assertThat(refused).isBetween(2_000, 18_000);
  }

  @Test
  void numericVectorsInFieldOrder_answerAsTheMapForm() {
    // every field numeric or a timestamp, value i = field i: the one-array pass of mayRefuse
    SplittableRandom rnd = new SplittableRandom(29);
    double[] numbers = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, -1.0, 2.0, 0, 1, 1.5,
      -0.0, Double.MAX_VALUE, -Double.MIN_VALUE};
    List<String> names = List.of("a", "b", "t");
    int refused = 0;
    int passed = 0;
    for (int c = 0; c < 200; c++) {
      DataContract.Builder b = DataContract.builder().numeric("a", 0, 1).numeric("b").timestamp("t");
      for (String col : names) {
        if (rnd.nextBoolean()) {
          b.maxMissingRate(col, 0.1);
        }
      }
      for (AnomalyKind kind : AnomalyKind.values()) {
        b.policy(kind, Policy.values()[rnd.nextInt(Policy.values().length)]);
      }
      DataContract contract = b.build();
      CompiledContract check = contract.compile(names);
      for (int r = 0; r < 100; r++) {
        // mostly clean vectors (the fast pass's answer), some with one or more broken values
        double[] vector = new double[names.size() + (r % 10 == 0 ? 1 : 0)];
        Map<String, Object> asMap = new HashMap<>();
        for (int i = 0; i < vector.length; i++) {
          vector[i] = rnd.nextInt(3) == 0 ? numbers[rnd.nextInt(numbers.length)] : rnd.nextDouble();
          if (i < names.size()) {
            asMap.put(names.get(i), vector[i]);
          }
        }
        boolean expected = contract.validate(asMap).stream().anyMatch(a -> a.policy() != Policy.WARN);
        assertThat(check.mayRefuse(vector)).as("contract %s, vector %s", contract.policies(), Arrays.toString(vector))
            .isEqualTo(expected);
        refused += expected ? 1 : 0;
        passed += expected ? 0 : 1;
      }
    }
    assertThat(refused).isBetween(2_000, 18_000);
    assertThat(passed).isBetween(2_000, 18_000);
  }

  @Test
  void cleanRow_passes_andEachBrokenFieldAloneIsRefused_underFailPolicies() {
    DataContract.Builder b = DataContract.builder()
        .numeric("a", 0, 1).categorical("c", List.of("x", "y")).timestamp("t");
    for (AnomalyKind kind : AnomalyKind.values()) {
      b.policy(kind, Policy.FAIL);
    }
    CompiledContract check = b.build().compile(List.of());
    Map<String, Object> clean = Map.of("a", 0.25, "c", "y", "t", 1.7e9);

    assertThat(check.mayRefuse(clean, null)).isFalse();
    List<Map<String, Object>> broken = new ArrayList<>();
    for (Object[] change : Arrays.asList(
        new Object[] {"a", 1.5}, new Object[] {"a", "0.25"}, new Object[] {"a", Double.NaN},
        new Object[] {"t", Double.POSITIVE_INFINITY}, new Object[] {"c", "z"}, new Object[] {"c", 1},
        new Object[] {"c", null}, new Object[] {"t", null})) {
      Map<String, Object> row = new HashMap<>(clean);
      row.put((String) change[0], change[1]);
      broken.add(row);
    }
    assertThat(broken).allSatisfy(row -> assertThat(check.mayRefuse(row, null)).as("%s", row).isTrue());
  }

  @Test
  void category_isTheIntegralFormOfWholeNumbers_andNullForNaN() {
    assertThat(Column.category(1.0)).isEqualTo("1");
    assertThat(Column.category(-3.0)).isEqualTo("-3");
    assertThat(Column.category(1.5)).isEqualTo("1.5");
    assertThat(Column.category(Double.NaN)).isNull();
    assertThat(Column.category(1e16)).isEqualTo("1.0E16");
  }
}
