package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.data.Table;
import dev.mlops.core.train.FittedModel;
import dev.mlops.core.train.FittedRegressor;
import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.core.train.Task;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.train.TrainingSet;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.core.transform.UnseenCategory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Cross-validation inside a hyperparameter search must fit the transforms on each fold's training
 * rows only (scikit-learn's {@code cross_val_score(Pipeline(...))}), never on its validation rows.
 */
final class PipelineSearchLeakageTest {

  /** Raw value of column x in the row with the given id: skewed, so fold statistics differ. */
  private static double rawX(double id) {
    return id * id / 10.0;
  }

  /** 60 rows: id = 0..59 (passes through untransformed), x = id^2 / 10 (standardised), y = x. */
  private static Table data() {
    int n = 60;
    double[] id = new double[n];
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      id[i] = i;
      x[i] = rawX(i);
      y[i] = x[i];
    }
    return Table.builder().numeric("id", id).numeric("x", x).numeric("y", y).build();
  }

  /** One fit: the ids of its training rows and the standardised x it saw for each row it fitted or predicted. */
  private record Fit(List<Double> trainIds, List<double[]> trainRows, List<double[]> predictedRows) {}

  /** Records what every fit and every prediction sees; predicts the training mean of y. */
  private static final class RecordingTrainer implements Trainer {
    final List<Fit> fits = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "test.recording";
    }

    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public Map<String, Object> hyperparameters() {
      return Map.of();
    }

    @Override
    public FittedModel fit(TrainingSet data, long seed) {
      int idCol = data.featureNames().indexOf("id");
      int xCol = data.featureNames().indexOf("x");
      assertThat(idCol).isNotNegative();
      assertThat(xCol).isNotNegative();
      List<Double> ids = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      double mean = 0;
      for (int i = 0; i < data.size(); i++) {
        ids.add(data.features()[i][idCol]);
        rows.add(new double[] {data.features()[i][idCol], data.features()[i][xCol]});
        mean += data.values()[i];
      }
      Fit fit = new Fit(ids, rows, Collections.synchronizedList(new ArrayList<>()));
      fits.add(fit);
      double prediction = mean / data.size();
      return new FittedRegressor() {
        @Override
        public double predict(double[] features) {
          fit.predictedRows().add(new double[] {features[idCol], features[xCol]});
          return prediction;
        }

        @Override
        public String codec() {
          return "test.recording";
        }

        @Override
        public byte[] toBytes() {
          return new byte[0];
        }
      };
    }
  }

  @Test
  void searchFolds_standardiseWithTheFoldsTrainingRowsOnly_andTheFinalFitWithTheWholeTrainingSplit() {
    RecordingTrainer trainer = new RecordingTrainer();
    Pipeline.builder("leakage").source(data()).target("y")
        .transform(t -> t.standardize(ColumnSelector.named("x")))
        .train(HyperparameterSearch.crossValidate(trainer).folds(3))
        .seed(5)
        .build().run();

    // 3 cross-validation fits, then the final fit on the whole training split (48 of 60 rows).
    assertThat(trainer.fits).hasSize(4);
    Fit finalFit = trainer.fits.get(3);
    assertThat(finalFit.trainIds()).hasSize(48);
    Set<Double> validated = new TreeSet<>();
    for (Fit fit : trainer.fits) {
      // The statistics the fit's x was standardised with must be those of its own training rows
      // (StandardScaler: mean and population standard deviation of the raw x of those rows).
      double mean = 0;
      for (double id : fit.trainIds()) {
        mean += rawX(id);
      }
      mean /= fit.trainIds().size();
      double var = 0;
      for (double id : fit.trainIds()) {
        var += (rawX(id) - mean) * (rawX(id) - mean);
      }
      double std = Math.sqrt(var / fit.trainIds().size());
      for (double[] row : fit.trainRows()) {
        assertThat(row[1]).as("training row id %s", row[0]).isCloseTo((rawX(row[0]) - mean) / std, within(1e-9));
      }
      // ... and every row the fit's model scores is transformed with those same statistics.
      assertThat(fit.predictedRows()).isNotEmpty();
      for (double[] row : fit.predictedRows()) {
        assertThat(row[1]).as("predicted row id %s", row[0]).isCloseTo((rawX(row[0]) - mean) / std, within(1e-9));
      }
    }
    for (Fit cv : trainer.fits.subList(0, 3)) {
      Set<Double> train = new HashSet<>(cv.trainIds());
      Set<Double> validation = new HashSet<>();
      cv.predictedRows().forEach(r -> validation.add(r[0]));
      assertThat(train).doesNotContainAnyElementsOf(validation);
      assertThat(cv.trainIds().size() + validation.size()).isEqualTo(48);
      validated.addAll(validation);
    }
    // the validation folds partition the training split
    assertThat(validated).containsExactlyInAnyOrderElementsOf(new TreeSet<>(finalFit.trainIds()));
  }

  @Test
  void categoryOnlyInAValidationFold_withTheFailPolicy_failsNamingTheFold() {
    // "rare" occurs in one row only: whichever fold validates that row never saw it in training.
    int n = 30;
    double[] x = new double[n];
    String[] c = new String[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      c[i] = i == 7 ? "rare" : (i % 2 == 0 ? "a" : "b");
      y[i] = i;
    }
    Table t = Table.builder().numeric("x", x).categorical("c", c).numeric("y", y).build();
    Pipeline.Builder b = Pipeline.builder("unseen").source(t).target("y")
        .transform(tr -> tr.oneHot(ColumnSelector.named("c"), UnseenCategory.FAIL))
        .split(dev.mlops.core.split.Split.random().testFraction(0.1))
        .seed(3);
    // Without a search the model is trained on the whole training split; whether "rare" is there
    // depends on the split, so only the search is asserted.
    assertThatThrownBy(() -> b.train(HyperparameterSearch.crossValidate(Trainers.ols()).folds(3)).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("SEARCH")
        .hasMessageContaining("cross-validation fold ")
        .hasMessageContaining("validation rows: ")
        .hasMessageContaining("rare");
  }
}
