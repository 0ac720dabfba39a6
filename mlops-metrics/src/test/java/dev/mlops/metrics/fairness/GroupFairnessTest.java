package dev.mlops.metrics.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class GroupFairnessTest {

  // Literal values computed with NumPy (Fairlearn's between_groups definitions) on this data:
  // groups a (25 rows), b (20), c (10), d (5); min group size 10 leaves d reported, not judged.
  private static final int[] Y = parse("1,1,1,1,1,1,1,0,0,0,0,1,1,0,0,1,0,1,0,0,1,0,0,0,1,0,1,0,0,1,1,1,1,1,"
      + "1,1,1,1,0,1,0,0,1,0,1,1,0,0,0,0,0,1,1,0,1,1,1,1,0,1");
  private static final int[] P = parse("1,1,1,1,0,1,1,1,0,1,1,0,1,0,0,0,1,1,1,0,1,1,1,1,1,1,0,1,0,0,0,0,0,1,"
      + "0,1,0,1,0,1,0,1,0,0,1,0,0,0,0,1,1,0,0,1,0,0,0,0,0,1");
  private static final String[] G = groups();

  @Test
  void disparities_matchFairlearnDefinitions_onJudgedGroups() {
    FairnessEvaluation e = GroupFairness.builder().predictions(P).labels(Y).attribute("g", G)
        .minGroupSize(10).bootstrap(0, 0.95, 1).evaluate();
    AttributeFairness g = e.attribute("g");

    assertThat(g.group("a").selectionRate()).isEqualTo(0.71999999999999997);
    assertThat(g.group("a").truePositiveRate()).isEqualTo(0.76923076923076927);
    assertThat(g.group("b").falsePositiveRate()).isEqualTo(0.42857142857142855);
    assertThat(g.group("b").precision()).isEqualTo(0.625);
    assertThat(g.group("c").accuracy()).isEqualTo(0.29999999999999999);
    assertThat(g.group("d").judged()).isFalse();
    assertThat(g.group("c").judged()).isTrue();

    DisparityValue spd = g.disparity(Disparity.STATISTICAL_PARITY_DIFFERENCE);
    assertThat(spd.value()).isCloseTo(0.41999999999999998, within(1e-15));
    assertThat(spd.highGroup()).isEqualTo("a");
    assertThat(spd.lowGroup()).isEqualTo("c");
    assertThat(g.disparity(Disparity.DISPARATE_IMPACT_RATIO).value()).isCloseTo(0.41666666666666669, within(1e-15));
    assertThat(g.disparity(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE).value()).isEqualTo(0.76923076923076927);
    DisparityValue odds = g.disparity(Disparity.EQUALIZED_ODDS_DIFFERENCE);
    assertThat(odds.value()).isEqualTo(0.76923076923076927);
    DisparityValue ppd = g.disparity(Disparity.PREDICTIVE_PARITY_DIFFERENCE);
    assertThat(ppd.value()).isEqualTo(0.625);
    assertThat(ppd.highGroup()).isEqualTo("b");
    assertThat(ppd.lowGroup()).isEqualTo("c");
  }

  @Test
  void equalizedOdds_takesTheFalsePositiveGap_whenItIsLarger() {
    // group x: TPR 1/2, FPR 0/2; group y: TPR 1/2, FPR 2/2 -> TPR gap 0, FPR gap 1
    int[] y = {1, 1, 0, 0, 1, 1, 0, 0};
    int[] p = {1, 0, 0, 0, 1, 0, 1, 1};
    String[] g = {"x", "x", "x", "x", "y", "y", "y", "y"};
    DisparityValue odds = GroupFairness.builder().predictions(p).labels(y).attribute("g", g).minGroupSize(1)
        .bootstrap(0, 0.95, 1).evaluate().attribute("g").disparity(Disparity.EQUALIZED_ODDS_DIFFERENCE);
    assertThat(odds.value()).isEqualTo(1.0);
    assertThat(odds.highGroup()).isEqualTo("y");
    assertThat(odds.lowGroup()).isEqualTo("x");
  }

  @Test
  void predictionsOnly_defineSelectionDisparities_andSayWhyTheOthersAreUndefined() {
    FairnessEvaluation e = GroupFairness.builder().predictions(P).attribute("g", G).minGroupSize(10)
        .bootstrap(0, 0.95, 1).evaluate();
    AttributeFairness g = e.attribute("g");
    assertThat(e.labelled()).isFalse();
    assertThat(g.disparity(Disparity.STATISTICAL_PARITY_DIFFERENCE).value()).isCloseTo(0.42, within(1e-15));
    DisparityValue eop = g.disparity(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE);
    assertThat(eop.defined()).isFalse();
    assertThat(eop.reason()).isEqualTo("needs labels");
    assertThat(g.group("a").truePositiveRate()).isNaN();
  }

  @Test
  void disparity_isUndefined_whenFewerThanTwoGroupsAreLargeEnough() {
    DisparityValue spd = GroupFairness.builder().predictions(P).labels(Y).attribute("g", G).minGroupSize(21)
        .bootstrap(0, 0.95, 1).evaluate().attribute("g").disparity(Disparity.STATISTICAL_PARITY_DIFFERENCE);
    assertThat(spd.defined()).isFalse();
    assertThat(spd.reason()).contains("fewer than 2 groups reach the minimum group size");
  }

  @Test
  void intersection_namesGroupsByBothAttributes_andCountsEachRowOnce() {
    String[] half = new String[Y.length];
    for (int i = 0; i < half.length; i++) {
      half[i] = i % 2 == 0 ? "even" : "odd";
    }
    FairnessEvaluation e = GroupFairness.builder().predictions(P).labels(Y).attribute("g", G)
        .attribute("parity", half).intersection("g", "parity").minGroupSize(1).bootstrap(0, 0.95, 1).evaluate();
    AttributeFairness both = e.attribute("g & parity");
    assertThat(both.groups()).extracting(GroupRates::group).contains("a & even", "a & odd", "d & even");
    assertThat(both.groups().stream().mapToLong(GroupRates::size).sum()).isEqualTo(Y.length);
    assertThat(both.group("a & even").size()).isEqualTo(13);
  }

  @Test
  void bootstrapInterval_isSeeded_containsTheValue_andMatchesTheBinomialStandardError() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 20_000;
    int[] p = new int[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      g[i] = i < n / 2 ? "u" : "v";
      p[i] = r.nextDouble() < (i < n / 2 ? 0.5 : 0.4) ? 1 : 0;
    }
    FairnessEvaluation a = GroupFairness.builder().predictions(p).attribute("g", g).bootstrap(2000, 0.95, 9).evaluate();
    FairnessEvaluation b = GroupFairness.builder().predictions(p).attribute("g", g).bootstrap(2000, 0.95, 9).evaluate();
    DisparityValue spd = a.attribute("g").disparity(Disparity.STATISTICAL_PARITY_DIFFERENCE);
    assertThat(spd.ci()).isEqualTo(b.attribute("g").disparity(Disparity.STATISTICAL_PARITY_DIFFERENCE).ci());
    assertThat(spd.ci().contains(spd.value())).isTrue();
    // the 95% percentile interval of a difference of proportions is about +-1.96 standard errors
    double pu = a.attribute("g").group("u").selectionRate();
    double pv = a.attribute("g").group("v").selectionRate();
    double se = Math.sqrt(pu * (1 - pu) / (n / 2.0) + pv * (1 - pv) / (n / 2.0));
    assertThat(spd.ci().width()).isCloseTo(2 * 1.959964 * se, within(0.1 * 2 * 1.959964 * se));
  }

  @Test
  void userMetric_andBuiltInMetric_areComputedPerGroup() {
    Metric missed = CustomMetric.builder("missed_positives", MetricKind.CLASSIFICATION).lowerIsBetter()
        .range(0, 1_000).computedBy(data -> {
          int fn = 0;
          for (int i = 0; i < data.size(); i++) {
            fn += data.label(i) == 1 && data.prediction(i) == 0 ? 1 : 0;
          }
          return fn;
        }).build();
    FairnessEvaluation e = GroupFairness.builder().predictions(P).labels(Y).attribute("g", G).minGroupSize(10)
        .metric(missed).metric(Metric.F1).bootstrap(0, 0.95, 1).evaluate();
    AttributeFairness g = e.attribute("g");
    assertThat(g.group("c").metrics()).containsEntry("missed_positives", (double) g.group("c").falseNegatives());
    assertThat(g.group("a").metrics().get("missed_positives")).isEqualTo(3.0);
    // sklearn.metrics.f1_score on group a's rows
    assertThat(g.group("a").metrics().get("f1")).isCloseTo(0.64516129032258063, within(1e-15));
    assertThatThrownBy(() -> GroupFairness.builder().predictions(P).attribute("g", G).metric(Metric.F1).evaluate())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("need labels");
  }

  @Test
  void json_roundTrips_andWritesUndefinedRatesAsNull() {
    FairnessEvaluation e = GroupFairness.builder().predictions(P).labels(Y).attribute("g", G).minGroupSize(10)
        .bootstrap(200, 0.9, 5).evaluate();
    String json = e.toJson();
    assertThat(json).doesNotContain("NaN").contains("\"equalized_odds_difference\"");
    assertThat(FairnessEvaluation.fromJson(json)).isEqualTo(e);
    FairnessEvaluation unlabelled = GroupFairness.builder().predictions(P).attribute("g", G).bootstrap(0, 0.95, 1)
        .evaluate();
    assertThat(unlabelled.toJson()).contains("\"true_positive_rate\" : null").contains("\"reason\" : \"needs labels\"");
    assertThat(FairnessEvaluation.fromJson(unlabelled.toJson())).isEqualTo(unlabelled);
  }

  @Test
  void badInput_isRefused_namingTheRowAndValue() {
    assertThatThrownBy(() -> GroupFairness.builder().predictions(new int[] {0, 2}).attribute("g", new String[] {"a", "b"})
        .evaluate()).isInstanceOf(IllegalArgumentException.class).hasMessage("predicted must be 0 or 1: predicted[1] = 2");
    assertThatThrownBy(() -> GroupFairness.builder().predictions(new int[] {0, 1}).labels(new int[] {1})
        .attribute("g", new String[] {"a", "b"}).evaluate())
        .hasMessageContaining("labels must have one value per prediction: 1 labels, 2 predictions");
    assertThatThrownBy(() -> GroupFairness.builder().predictions(new int[] {0, 1})
        .attribute("g", new int[] {0, 5}, List.of("a", "b")).evaluate())
        .hasMessage("group code must be in [0, 2): row 1 has 5");
    assertThatThrownBy(() -> GroupFairness.builder().predictions(new int[] {0, 1}).attribute("g", new String[] {"a"})
        .evaluate()).hasMessageContaining("attribute 'g' must have one value per prediction");
    assertThatThrownBy(() -> GroupFairness.builder().predictions(new int[] {0}).evaluate())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> GroupFairness.builder().predictions(P).attribute("g", G).intersection("g", "h").evaluate())
        .hasMessageContaining("intersection must name attributes added before: h");
  }

  @Test
  void counts_giveTheSameEvaluationAsTheRows() {
    FairnessEvaluation rows = GroupFairness.builder().predictions(P).labels(Y).attribute("g", G).minGroupSize(10)
        .bootstrap(200, 0.95, 3).evaluate();
    long[] confusion = new long[16];
    for (int i = 0; i < P.length; i++) {
      confusion[4 * (G[i].charAt(0) - 'a') + 2 * Y[i] + P[i]]++;
    }
    FairnessEvaluation counts = GroupFairness.builder().counts("g", List.of("a", "b", "c", "d"), confusion, true)
        .minGroupSize(10).bootstrap(200, 0.95, 3).evaluate();
    assertThat(counts).isEqualTo(rows);
    assertThatThrownBy(() -> GroupFairness.builder().counts("g", List.of("a"), new long[] {1, 2, 3, 0}, false))
        .hasMessageContaining("must be 0 without labels: [2] = 3");
  }

  @Test
  void text_showsTheGroupTable_andMarksSmallGroups() {
    String text = GroupFairness.builder().predictions(P).labels(Y).attribute("g", G).minGroupSize(10)
        .bootstrap(200, 0.95, 1).evaluate().toText();
    assertThat(text).contains("disparate_impact_ratio").contains("(below min size 10, not judged)").contains("(a vs c)");
  }

  private static int[] parse(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  private static String[] groups() {
    String[] g = new String[60];
    for (int i = 0; i < 60; i++) {
      g[i] = i < 25 ? "a" : i < 45 ? "b" : i < 55 ? "c" : "d";
    }
    return g;
  }
}
