package dev.mlops.core.pipeline;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import dev.mlops.core.train.Task;
import dev.mlops.core.train.TrainingSet;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.SampleOrigin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference profile of a pipeline run: the raw inputs and the labels of the training split,
 * and the model's predictions.
 *
 * <p>With an order ({@link ProfileOrder}), the inputs and labels are given row by row in that
 * order, so the profile keeps it as chunks and a monitor calibrates on consecutive reference
 * windows. The model's predictions of the training rows ({@link RowPredictions}: out-of-fold by
 * default, see {@link ProfilePredictions}) are given in the same rows, so they have the same chunks
 * and the prediction's threshold is calibrated on the same consecutive windows; as the monitor
 * records them: a regressor's value, a two-class classifier's probability of class 1, else the
 * arg-max class. Without an order, or with {@link ProfilePredictions#heldOut()}, the predictions
 * are those of the held-out split, given as a column. The profile's estimate sample (what the
 * deployed monitor calibrates its label-free accuracy estimate on, {@link
 * ReferenceProfile#estimateSample()}) comes with the rows' out-of-fold predictions (beside a
 * multiclass prediction, its probability as {@link ReferenceProfile#CONFIDENCE}), else from the
 * held-out split. Stateless.
 */
final class TrainingProfile {

  private TrainingProfile() {}

  /**
   * The profile.
   *
   * @param fitted the model's predictions of the training rows (indexed by table row), used with an
   *     order; null to use the held-out predictions
   * @param sample the rows of the estimate sample when not the default of the order and the
   *     predictions (see above); null for that default
   */
  static ReferenceProfile build(Table train, List<Column> inputs, TrainingSet labelled,
      Gate.HeldOut heldOut, Task task, ProfileOrder.Resolved order, RowPredictions fitted,
      SampleRows sample) {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (Column c : inputs) {
      if (c.type() == ColumnType.CATEGORICAL) {
        b.categorical(c.name());
      } else {
        b.numeric(c.name());
      }
    }
    boolean binary = task == Task.CLASSIFICATION && labelled.classes().size() == 2;
    if (task == Task.REGRESSION) {
      b.numeric(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL);
    } else if (binary) {
      b.numeric(ReferenceProfile.PREDICTION).categorical(ReferenceProfile.LABEL);
    } else {
      b.categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL);
    }
    String[] labels = task == Task.REGRESSION ? null : labelStrings(labelled.labels());
    boolean inRows = order != null && fitted != null;
    // in-sample scores would calibrate the estimate on the model's own fit: held-out ones then
    boolean outOfSample = inRows && !fitted.description().startsWith("in-sample");
    if (order != null) {
      double[] times = times(train, inputs, order.timeColumn());
      if (times != null) {
        b.timeColumn(order.timeColumn());
      }
      addRows(b, train, inputs, task == Task.REGRESSION ? labelled.values() : null, labels,
          inRows ? monitored(fitted, binary) : null,
          outOfSample && task != Task.REGRESSION && !binary ? topProbability(fitted) : null,
          order.rows(), times == null ? null : order.timeColumn(), times);
    } else {
      for (Column c : inputs) {
        if (c.type() == ColumnType.CATEGORICAL) {
          b.addColumn(c.name(), train.categoricalColumn(c.name()));
        } else {
          b.addColumn(c.name(), train.numericColumn(c.name()));
        }
      }
      if (task == Task.REGRESSION) {
        b.addColumn(ReferenceProfile.LABEL, labelled.values());
      } else {
        b.addColumn(ReferenceProfile.LABEL, labels);
      }
    }
    if (!inRows) {
      addPredictions(b, heldOut, task, binary);
    }
    // no row order (ProfileOrder.none(), or none found): whole columns would keep the table's
    // order as if it were time order, so the profile is declared to have none
    ReferenceProfile profile = order == null ? b.build().withoutChunks() : b.build();
    boolean heldOutScored = heldOut.probabilities() != null && heldOut.probabilities().length > 0;
    if (task == Task.REGRESSION) {
      return profile;
    }
    if (sample != null && sample.scores() != null) {
      // out-of-fold training scores (and the held-out rows): a larger sample for the estimate
      List<Map<String, Object>> rows = new ArrayList<>();
      List<double[]> proba = new ArrayList<>();
      List<Integer> y = new ArrayList<>();
      double[] aligned = sample.alignedScores();
      List<Double> scores = aligned == null ? null : new ArrayList<>();
      for (int r : sample.order()) {
        rows.add(train.row(r));
        proba.add(sample.scores().probabilities()[r]);
        y.add(labelled.labels()[r]);
        if (scores != null) {
          scores.add(aligned[r]);
        }
      }
      if (sample.withHeldOut() && heldOutScored) {
        rows.addAll(heldOut.rows());
        proba.addAll(Arrays.asList(heldOut.probabilities()));
        Arrays.stream(heldOut.labels()).forEach(y::add);
        if (scores != null) {
          for (double[] p : heldOut.probabilities()) {
            scores.add(monitoredScore(p, binary));
          }
        }
      }
      // lean's alignment maps the out-of-fold scores onto the deployed model's: the origin says so
      SampleOrigin origin = SampleOrigin.outOfFold(sample.order().length, sample.scores().folds())
          .withAligned(scores != null && sample.order().length > 0)
          .plus(SampleOrigin.heldOut(rows.size() - sample.order().length));
      profile = profile.withEstimateSample(sample(inputs, rows, proba.toArray(double[][]::new),
          y.stream().mapToInt(Integer::intValue).toArray(), binary,
          scores == null ? null : scores.stream().mapToDouble(Double::doubleValue).toArray())
          .withOrigin(origin));
    } else if ((sample != null || !outOfSample) && heldOutScored) {
      // the label-free estimate is calibrated on the held-out split's out-of-sample scores
      profile = profile.withEstimateSample(sample(inputs, heldOut.rows(), heldOut.probabilities(),
          heldOut.labels(), binary, null).withOrigin(SampleOrigin.heldOut(heldOut.rows().size())));
    } else if (outOfSample && fitted.folds() > 0 && profile.estimateSample().isPresent()) {
      // an ordered profile's rows with their out-of-fold scores: the builder's sample of them
      EstimateSample s = profile.estimateSample().get();
      profile = profile.withEstimateSample(s.withOrigin(SampleOrigin.outOfFold(s.offered(),
          fitted.folds())));
    }
    return profile;
  }

  /**
   * The rows of an estimate sample beside the profile's default (the held-out split's, or an
   * ordered profile's out-of-fold rows).
   *
   * @param scores out-of-fold predictions of the training rows (indexed by table row), or null for
   *     the held-out rows only
   * @param order the training rows to take, in sample order (their keys follow it)
   * @param withHeldOut whether the held-out rows follow the training rows
   * @param alignedScores the training rows' scores as the sample keeps them (indexed by table row;
   *     {@link FoldAlignment}), or null for the scores of {@code scores}
   */
  record SampleRows(RowPredictions scores, int[] order, boolean withHeldOut,
      double[] alignedScores) {

    SampleRows(RowPredictions scores, int[] order, boolean withHeldOut) {
      this(scores, order, withHeldOut, null);
    }
  }

  /**
   * The score a monitor records for a row's class probabilities: P(class 1) for two classes, else
   * the arg-max class's probability, within [0, 1].
   */
  static double monitoredScore(double[] p, boolean binary) {
    if (binary) {
      return Math.min(1, Math.max(0, p[1]));
    }
    int top = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[top]) {
        top = k;
      }
    }
    return Math.min(1, Math.max(0, p[top]));
  }

  /**
   * Rows as the monitor's estimate sample: their numeric inputs, their categorical inputs' levels,
   * and the probability of class 1
   * against the label (two classes), or the top-class probability against whether that class was
   * the label, with the predicted class and the label kept.
   */
  private static EstimateSample sample(List<Column> inputs, List<Map<String, Object>> rows,
      double[][] proba, int[] labels, boolean binary, double[] scores) {
    int n = proba.length;
    List<String> names = inputs.stream().map(Column::name).toList();
    double[][] x = new double[n][names.size()];
    // categorical inputs keep their level, so that the monitor's estimate can tell them apart
    String[][] levels = new String[n][names.size()];
    double[] score = new double[n];
    int[] outcome = new int[n];
    int[] top = Gate.argmax(proba);
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = rows.get(i);
      for (int j = 0; j < names.size(); j++) {
        Object v = row.get(names.get(j));
        x[i][j] = v instanceof Number num ? num.doubleValue() : Double.NaN;
        levels[i][j] = v instanceof String level ? level : null;
      }
      score[i] = scores != null ? scores[i]
          : Math.min(1, Math.max(0, binary ? proba[i][1] : proba[i][top[i]]));
      outcome[i] = binary ? labels[i] : top[i] == labels[i] ? 1 : 0;
    }
    // multiclass: each row's predicted class and label too (the monitor's multinomial model of
    // P(y | x) beyond the reference)
    return binary ? EstimateSample.of(names, x, levels, score, outcome, false)
        : EstimateSample.topLabel(names, x, levels, score, top, labels);
  }

  /** Each row's probability of its arg-max class. */
  private static double[] topProbability(RowPredictions p) {
    double[][] proba = p.probabilities();
    int[] cls = Gate.argmax(proba);
    double[] out = new double[proba.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = proba[i][cls[i]];
    }
    return out;
  }

  /**
   * The epoch milliseconds of the time column whose calendar the profile records (month of year
   * seasons for the deployed monitor): null without one, when it is a model input, or when a row
   * has no time.
   */
  private static double[] times(Table train, List<Column> inputs, String column) {
    if (column == null || !train.has(column)
        || inputs.stream().anyMatch(c -> c.name().equals(column))) {
      return null;
    }
    double[] t = train.numericColumn(column);
    for (double v : t) {
      if (Double.isNaN(v)) {
        return null;
      }
    }
    return t;
  }

  /**
   * The inputs, the label and (when given) the prediction of each training row, one row at a time
   * in the given order, with its time when the profile records the calendar of {@code timeColumn}.
   */
  private static void addRows(ReferenceProfile.Builder b, Table train, List<Column> inputs,
      double[] values, String[] labels, Object[] predictions, double[] confidence, int[] order,
      String timeColumn, double[] times) {
    int k = inputs.size();
    String[] names = new String[k];
    double[][] numeric = new double[k][];
    String[][] categorical = new String[k][];
    for (int j = 0; j < k; j++) {
      Column c = inputs.get(j);
      names[j] = c.name();
      if (c.type() == ColumnType.CATEGORICAL) {
        categorical[j] = train.categoricalColumn(c.name());
      } else {
        numeric[j] = train.numericColumn(c.name());
      }
    }
    for (int r : order) {
      Map<String, Object> row = new HashMap<>(2 * k + 2);
      for (int j = 0; j < k; j++) {
        if (numeric[j] != null) {
          double v = numeric[j][r];
          row.put(names[j], Double.isNaN(v) ? null : v);
        } else {
          row.put(names[j], categorical[j][r]);
        }
      }
      row.put(ReferenceProfile.LABEL, values != null ? (Object) values[r] : labels[r]);
      if (predictions != null) {
        row.put(ReferenceProfile.PREDICTION, predictions[r]);
      }
      if (confidence != null) {
        row.put(ReferenceProfile.CONFIDENCE, confidence[r]);
      }
      if (times != null) {
        row.put(timeColumn, (long) times[r]);
      }
      b.add(row);
    }
  }

  /**
   * Each row's prediction as the monitor records it: the value, P(class 1) for two classes, else
   * the arg-max class index as a string.
   */
  private static Object[] monitored(RowPredictions p, boolean binary) {
    if (p.values() != null) {
      Object[] out = new Object[p.values().length];
      for (int i = 0; i < out.length; i++) {
        out[i] = p.values()[i];
      }
      return out;
    }
    double[][] proba = p.probabilities();
    Object[] out = new Object[proba.length];
    int[] cls = binary ? null : Gate.argmax(proba);
    for (int i = 0; i < out.length; i++) {
      out[i] = binary ? (Object) proba[i][1] : Integer.toString(cls[i]);
    }
    return out;
  }

  /** As the monitor records them: P(class 1) for two classes, else the arg-max class index. */
  private static void addPredictions(ReferenceProfile.Builder b, Gate.HeldOut heldOut, Task task,
      boolean binary) {
    if (task == Task.REGRESSION) {
      b.addColumn(ReferenceProfile.PREDICTION, heldOut.predictions());
      return;
    }
    double[][] proba = heldOut.probabilities();
    if (binary) {
      double[] score = new double[proba.length];
      for (int i = 0; i < score.length; i++) {
        score[i] = proba[i][1];
      }
      b.addColumn(ReferenceProfile.PREDICTION, score);
    } else {
      int[] cls = Gate.argmax(proba);
      String[] s = new String[cls.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = Integer.toString(cls[i]);
      }
      b.addColumn(ReferenceProfile.PREDICTION, s);
    }
  }

  private static String[] labelStrings(int[] labels) {
    String[] s = new String[labels.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = Integer.toString(labels[i]);
    }
    return s;
  }
}
