package dev.mlops.bench.decisions;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * The label-free estimate of a three-class model on real data (tenth session): UCI Bike Sharing,
 * hourly; the class is the weather situation ({@code weathersit} 1 clear, 2 mist, 3 and 4 rain or
 * snow), predicted from season, mnth, hr, holiday, weekday, workingday, temp, atemp, hum and
 * windspeed. The model is trained on the even weeks of 2011 (168-hour blocks in time order); the
 * odd weeks of 2011 are the held-out reference, profiled with the model's class, its probability
 * and the label; each calendar month of 2012 is a window of the monitor built on that profile with
 * the defaults (the profile's estimate sample, so since the tenth session the multinomial model of
 * {@code P(y | x)} beyond the reference). Nothing guarantees covariate shift here: whatever makes
 * the weather of a 2012 hour differ from a 2011 hour of the same features is outside any
 * label-free estimate. Stateless.
 */
public final class BikeWeatherEstimate {

  static final String[] FEATURES = {"season", "mnth", "hr", "holiday", "weekday", "workingday",
      "temp", "atemp", "hum", "windspeed"};

  private BikeWeatherEstimate() {}

  /**
   * One 2012 month.
   *
   * @param month 1 .. 12
   * @param rows hours
   * @param realised the model's accuracy
   * @param monitor the monitor's estimate (the default path)
   * @param after the estimator with its classes on the same rows
   * @param before the same estimator without the model beyond the reference (main before this
   *     session for three classes)
   * @param beyond the share of rows with a feature beyond the reference sample's range
   */
  public record Month(int month, int rows, double realised, AccuracyEstimate monitor,
      AccuracyEstimate after, AccuracyEstimate before, double beyond) {

    /**
     * A table row.
     *
     * @return markdown
     */
    public String toRow() {
      return String.format(Locale.ROOT, "| %d | %d | %.4f | %.4f [%.4f, %.4f] | %.4f | %s | %.4f"
              + " | %.4f | %s | %.4f | %.0f%% |", month, rows, realised, monitor.estimate(),
          monitor.lower(), monitor.upper(), monitor.estimate() - realised,
          monitor.covers() ? "yes" : "no", after.estimate() - realised,
          before.estimate() - realised, before.covers() ? "yes" : "no",
          after.upper() - after.lower(), 100 * beyond);
    }
  }

  /**
   * Runs one model.
   *
   * @param csv hour.csv
   * @param model {@code "forest"} or {@code "logistic"}
   * @param seed the forest's seed
   * @return the months of 2012, and the estimator's description first (as a month 0 without
   *     figures is not kept: see the log)
   */
  public static List<Month> run(Path csv, String model, long seed) {
    Rows y2011 = read(csv, 2011);
    Rows y2012 = read(csv, 2012);
    List<double[]> trainX = new ArrayList<>();
    List<Integer> trainY = new ArrayList<>();
    List<Integer> refIndex = new ArrayList<>();
    for (int i = 0; i < y2011.x.size(); i++) {
      if ((i / 168) % 2 == 0) {
        trainX.add(y2011.x.get(i));
        trainY.add(y2011.y.get(i));
      } else {
        refIndex.add(i);
      }
    }
    double[][] tx = trainX.toArray(new double[0][]);
    int[] ty = trainY.stream().mapToInt(Integer::intValue).toArray();
    Scorer scorer = train(model, tx, ty, seed);

    ReferenceProfile.Builder b = ReferenceProfile.builder()
        .categorical(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL);
    for (int i : refIndex) {
      double[] x = y2011.x.get(i);
      double[] p = scorer.probabilities(x);
      int top = EstimateStreams.argmax(p);
      Map<String, Object> row = features(x);
      row.put(ReferenceProfile.PREDICTION, Integer.toString(top));
      row.put(ReferenceProfile.CONFIDENCE, p[top]);
      row.put(ReferenceProfile.LABEL, Integer.toString(y2011.y.get(i)));
      b.add(row);
    }
    ReferenceProfile profile = b.build();
    EstimateSample s = profile.estimateSample().orElseThrow();
    // the same estimator the monitor builds by default, given directly to compare
    PerformanceEstimator plain = PerformanceEstimator.topLabel(
        ProbabilityCalibration.isotonic(s.scores(), s.outcomes()), 0.95);
    int[] predicted = s.predictedClasses();
    int[] labels = s.labelClasses();
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = Integer.parseInt(s.classes().get(predicted[i]));
      labels[i] = Integer.parseInt(s.classes().get(labels[i]));
    }
    PerformanceEstimator after = plain.withLocalCorrection(s.features(), s.featureRows(),
        s.scores(), s.outcomes(), predicted, labels);
    PerformanceEstimator before = after.withoutExtrapolationModel();
    org.slf4j.LoggerFactory.getLogger(BikeWeatherEstimate.class).info(
        "bike weather {} seed {}: {} training hours, {} reference hours (sample {}), extrapolation"
            + " model {}: {}", model, seed, tx.length, refIndex.size(), s.rows(),
        after.extrapolationModel(), after.describe());
    double[] low = new double[s.features().size()];
    double[] high = new double[low.length];
    java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (double[] r : s.featureRows()) {
      for (int j = 0; j < low.length; j++) {
        low[j] = Math.min(low[j], r[j]);
        high[j] = Math.max(high[j], r[j]);
      }
    }
    int[] at = new int[low.length];
    for (int j = 0; j < at.length; j++) {
      at[j] = java.util.Arrays.asList(FEATURES).indexOf(s.features().get(j));
    }

    DriftMonitor monitor = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(1_000_000)).build();
    List<Month> out = new ArrayList<>();
    long id = 0;
    for (int m = 1; m <= 12; m++) {
      List<double[]> xs = new ArrayList<>();
      List<Integer> ys = new ArrayList<>();
      for (int i = 0; i < y2012.x.size(); i++) {
        if (y2012.x.get(i)[1] == m) {
          xs.add(y2012.x.get(i));
          ys.add(y2012.y.get(i));
        }
      }
      int n = xs.size();
      double[] top = new double[n];
      int[] cls = new int[n];
      double[][] rows = new double[n][low.length];
      int right = 0;
      int outside = 0;
      for (int i = 0; i < n; i++) {
        double[] x = xs.get(i);
        double[] p = scorer.probabilities(x);
        cls[i] = EstimateStreams.argmax(p);
        top[i] = p[cls[i]];
        right += cls[i] == ys.get(i) ? 1 : 0;
        boolean beyond = false;
        for (int j = 0; j < low.length; j++) {
          rows[i][j] = x[at[j]];
          beyond |= rows[i][j] < low[j] || rows[i][j] > high[j];
        }
        outside += beyond ? 1 : 0;
        String rid = Long.toString(id++);
        monitor.record(features(x), Prediction.ofProbabilities(p), rid);
        monitor.recordLabel(rid, ys.get(i));
      }
      double realised = (double) right / n;
      double share = (double) outside / n;
      AccuracyEstimate fromMonitor = monitor.closeWindow().orElseThrow().performance()
          .accuracyEstimate();
      out.add(new Month(m, n, realised, fromMonitor,
          after.estimate(top, cls, rows, share).withRealised(realised),
          before.estimate(top, rows, share).withRealised(realised), share));
    }
    return out;
  }

  private static Map<String, Object> features(double[] x) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int j = 0; j < FEATURES.length; j++) {
      row.put(FEATURES[j], x[j]);
    }
    return row;
  }

  private interface Scorer {
    double[] probabilities(double[] x);
  }

  private static Scorer train(String model, double[][] x, int[] y, long seed) {
    switch (model) {
      case "logistic": {
        LogisticRegression lr = LogisticRegression.fit(x, y);
        return row -> {
          double[] p = new double[3];
          lr.predict(row, p);
          return p;
        };
      }
      case "forest": {
        DataFrame df = DataFrame.of(x, FEATURES).merge(IntVector.of("y", y));
        RandomForest rf = RandomForest.fit(Formula.lhs("y"), df, 100, 3, SplitRule.GINI, 20,
            500, 5, 1.0, null, LongStream.range(0, 100).map(k -> seed * 1_000 + k));
        return row -> {
          double[] p = new double[3];
          rf.predict(DataFrame.of(new double[][] {row}, FEATURES).get(0), p);
          return p;
        };
      }
      default:
        throw new IllegalArgumentException("model: " + model);
    }
  }

  private record Rows(List<double[]> x, List<Integer> y) {}

  /** One year's hours in time order: the features and the class (weathersit 1, 2, 3 or 4 as 0-2). */
  private static Rows read(Path csv, int year) {
    try {
      List<String> lines = Files.readAllLines(csv);
      String[] header = lines.get(0).trim().split(",");
      Map<String, Integer> col = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        col.put(header[i], i);
      }
      List<double[]> x = new ArrayList<>();
      List<Integer> y = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] v = line.trim().split(",");
        if (Integer.parseInt(v[col.get("yr")]) != year - 2011) {
          continue;
        }
        double[] row = new double[FEATURES.length];
        for (int j = 0; j < FEATURES.length; j++) {
          row[j] = Double.parseDouble(v[col.get(FEATURES[j])]);
        }
        x.add(row);
        y.add(Math.min(3, Integer.parseInt(v[col.get("weathersit")])) - 1);
      }
      return new Rows(x, y);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
