package dev.mlops.examples.usertest;

import static dev.mlops.metrics.assertj.MlopsAssertions.assertThat;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import dev.mlops.metrics.fairness.GroupFairness;
import dev.mlops.metrics.modeltest.ClassificationCase;
import dev.mlops.metrics.modeltest.Direction;
import dev.mlops.metrics.modeltest.ModelTest;
import dev.mlops.metrics.modeltest.ModelTestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.classification.LogisticRegression;

/**
 * The model test a user writes for their own project: train the model (here a Smile logistic
 * regression on generated loan applications), then state what it must achieve with ModelTest and
 * assert it with MlopsAssertions. Copy this class and replace the data and the model with yours.
 */
final class LoanModelTest {

  private static final Logger LOG = LoggerFactory.getLogger(LoanModelTest.class);

  /** One loan application: what the model sees (and an id it must ignore). */
  record Application(String customerId, String region, double income, double debtRatio) {

    Application withCustomerId(String id) {
      return new Application(id, region, income, debtRatio);
    }

    Application withIncome(double newIncome) {
      return new Application(customerId, region, newIncome, debtRatio);
    }
  }

  /** The model under test: a Smile logistic regression behind a plain function. */
  record LoanModel(LogisticRegression regression, boolean useDebt) {

    static LoanModel train(List<Application> rows, int[] approved, boolean useDebt) {
      double[][] x = rows.stream().map(a -> features(a, useDebt)).toArray(double[][]::new);
      return new LoanModel(LogisticRegression.binomial(x, approved), useDebt);
    }

    double[] probabilities(Application application) {
      double[] posteriori = new double[2];
      regression.predict(features(application, useDebt), posteriori);
      return posteriori;
    }

    private static double[] features(Application a, boolean useDebt) {
      return useDebt ? new double[] {a.income() / 100, a.debtRatio()} : new double[] {a.income() / 100};
    }
  }

  private static final String[] REGIONS = {"north", "south", "east", "west"};

  private static List<Application> trainRows;
  private static int[] trainLabels;
  private static List<Application> testRows;
  private static int[] testLabels;
  private static LoanModel model;
  private static LoanModel champion;

  @BeforeAll
  static void trainModels() {
    SplittableRandom random = new SplittableRandom(2024);
    trainRows = applications(random, 1000);
    trainLabels = outcomes(random, trainRows);
    testRows = applications(random, 600);
    testLabels = outcomes(random, testRows);
    model = LoanModel.train(trainRows, trainLabels, true);
    champion = LoanModel.train(trainRows, trainLabels, false);   // last release: income only
  }

  // tag::model-test[]
  @Test
  void loanModel_meetsItsQualityBar() {
    ModelTestReport report = ModelTest.forClassifier(model::probabilities)
        .on(testRows, testLabels)
        .classNames("rejected", "approved")
        .seed(42).bootstrap(300)
        .expect(Metric.ACCURACY).atLeast(0.78)
        .expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.85)            // on the CI's lower bound
        .expect(Metric.RECALL).forClass("approved").atLeast(0.80)
        .expect(Metric.F1).onEverySlice(Application::region).atLeast(0.75).minSliceSize(50)
        .expect(Metric.EXPECTED_CALIBRATION_ERROR).atMost(0.05).asWarning()
        .expectNotWorseThan(champion::probabilities).on(Metric.ROC_AUC).byMoreThan(0.01)
        .expectInvariance("ignores the customer id", a -> a.withCustomerId("someone-else"))
        .expectDirection("a higher income never lowers approval",
            a -> a.withIncome(a.income() * 1.2), Direction.NON_DECREASING, "approved")
        .expectCases("obvious applications", List.of(
            ClassificationCase.of("high income, no debt", new Application("c1", "north", 180, 0.0), "approved"),
            ClassificationCase.of("low income, heavy debt", new Application("c2", "south", 15, 0.9), "rejected")))
        .run();

    LOG.info("{}", report.toText());
    assertThat(report).passes();
  }
  // end::model-test[]

  // tag::fairness[]
  @Test
  void loanModel_treatsRegionsAlike() {
    ModelTestReport report = ModelTest.forClassifier(model::probabilities)
        .on(testRows, testLabels)
        .expectFairness(Disparity.DISPARATE_IMPACT_RATIO).by("region", Application::region).atLeast(0.8)
        .expectFairness(Disparity.EQUALIZED_ODDS_DIFFERENCE).by("region", Application::region)
            .upperBound(0.95).atMost(0.35)                                 // the gap is small, with evidence
        .run();
    assertThat(report).passes();

    FairnessEvaluation fairness = GroupFairness.builder()
        .scores(testRows.stream().mapToDouble(a -> model.probabilities(a)[1]).toArray(), 0.5)
        .labels(testLabels)
        .attribute("region", testRows, Application::region)
        .minGroupSize(50)
        .evaluate();
    LOG.info("{}", fairness.toText());                                     // per-group rates, disparities, intervals
    assertThat(fairness).hasDisparityAtMost("region", Disparity.STATISTICAL_PARITY_DIFFERENCE, 0.15);
  }
  // end::fairness[]

  @Test
  void loanModel_evaluation_meetsTheHeadlineMetrics() {
    ClassificationEvaluation evaluation = ClassificationEvaluation.binary(testLabels,
        testRows.stream().mapToDouble(a -> model.probabilities(a)[1]).toArray())
        .classNames(List.of("rejected", "approved")).evaluate();

    assertThat(evaluation).hasRocAucAtLeast(0.85).hasAccuracyAtLeast(0.78);
    assertThat(evaluation).confusionMatrix().hasTotal(600);
    assertThat(evaluation).confusionMatrix().hasAtMostFalseNegatives("approved", 60);
    assertThat(evaluation).metric(Metric.PRECISION, "rejected").isGreaterThan(0.75);
  }

  /** Income in k€ (20-150), debt ratio (0-0.8), a region and a random customer id. */
  private static List<Application> applications(SplittableRandom random, int n) {
    List<Application> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Application("customer-" + random.nextInt(1_000_000), REGIONS[random.nextInt(REGIONS.length)],
          20 + 130 * random.nextDouble(), 0.8 * random.nextDouble()));
    }
    return rows;
  }

  /** Approved with probability sigmoid(0.05 * (income - 70) - 6 * (debt - 0.4)). */
  private static int[] outcomes(SplittableRandom random, List<Application> rows) {
    int[] labels = new int[rows.size()];
    for (int i = 0; i < labels.length; i++) {
      Application a = rows.get(i);
      double logit = 0.05 * (a.income() - 70) - 6 * (a.debtRatio() - 0.4);
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    }
    return labels;
  }
}
