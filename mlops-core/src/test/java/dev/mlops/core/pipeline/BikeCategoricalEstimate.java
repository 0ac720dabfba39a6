package dev.mlops.core.pipeline;

import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Bike 2011 monthly, the label-free estimate with and without the estimate sample's categorical
 * values (thirteenth session, "categorical"): {@link BikeClassifierDriftTest}'s data, pipeline and
 * monthly replay ({@link BikeBusyHours}: busy hour = more than 109 rentals, a time split on {@code
 * dteday}, a small forest, {@code ProfileOrder.auto()} with the default predictions), with the
 * columns named by {@code -Dcategorical} declared categorical at reading (none: the CSV's
 * inference, every column numeric, as the test has it). The 2011 hours are replayed month by month
 * through a default monitor on the run's profile, and on the same profile with its sample's
 * categorical values dropped (what the monitor had before that session); each month's estimate
 * error against the realised accuracy.
 *
 * <p>A probe beside the test whose data it shares (in mlops-bench until the fifteenth session),
 * run from the test classpath:
 *
 * <pre>
 * /work/bin/mvnb -q -pl mlops-core -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/core-cp.txt
 * java -Dcategorical=season,weekday,weathersit \
 *     -cp mlops-core/target/test-classes:mlops-core/target/classes:$(cat /tmp/core-cp.txt) \
 *     dev.mlops.core.pipeline.BikeCategoricalEstimate /work/shared/data/bike-sharing/hour.csv
 * </pre>
 *
 * <p>Stateless.
 */
final class BikeCategoricalEstimate {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      BikeCategoricalEstimate.class);

  private BikeCategoricalEstimate() {}

  /**
   * Runs the comparison and logs it.
   *
   * @param args the hour.csv path
   */
  public static void main(String[] args) {
    String declared = System.getProperty("categorical", "");
    BikeBusyHours hours = BikeBusyHours.read(Path.of(args[0]),
        declared.isBlank() ? new String[0] : declared.split(","));
    TrainedClassifier model = (TrainedClassifier) hours.run(ProfilePredictions.defaults(),
        EstimateRows.auto()).model();
    ReferenceProfile profile = model.profile();
    LOG.info("declared categorical: [{}]; 2011 rows {}; estimate sample {}; categorical values"
        + " kept: {}", declared, hours.y2011().rowCount(), profile.estimateSample().orElseThrow(),
        profile.estimateSample().orElseThrow().hasCategories());
    double[] after = errors(model, profile, hours);
    // the profile with its estimate sample's categorical values dropped (a profile of format 8)
    double[] before = errors(model, profile.estimateSample()
        .map(s -> profile.withEstimateSample(s.withoutCategories())).orElse(profile), hours);
    StringBuilder sb = new StringBuilder("| month | error before | error after |\n|---|---|---|\n");
    double[] mae = new double[2];
    for (int m = 0; m < after.length; m++) {
      sb.append(String.format(Locale.ROOT, "| %d | %+.4f | %+.4f |%n", m + 1, before[m], after[m]));
      mae[0] += Math.abs(before[m]) / after.length;
      mae[1] += Math.abs(after[m]) / after.length;
    }
    LOG.info("bike 2011 monthly, declared categorical [{}]: MAE before {} after {}\n{}", declared,
        String.format(Locale.ROOT, "%.4f", mae[0]), String.format(Locale.ROOT, "%.4f", mae[1]),
        sb);
  }

  /** Each 2011 month's estimate minus its realised accuracy. */
  private static double[] errors(TrainedClassifier model, ReferenceProfile profile,
      BikeBusyHours hours) {
    List<DriftReport> out = BikeBusyHours.months(model, profile, hours.y2011(), false);
    double[] e = new double[out.size()];
    for (int i = 0; i < e.length; i++) {
      AccuracyEstimate a = out.get(i).performance().accuracyEstimate();
      e[i] = a == null ? Double.NaN : a.error();
    }
    return e;
  }
}
