package dev.mlops.examples.service;

import dev.mlops.core.data.Table;
import dev.mlops.core.retraining.TrainedModelAdapter;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.MonitorListener;
import dev.mlops.core.serving.TrainedModels;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.examples.data.LoanApplications;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the prediction service on generated loan data, as a user would wire it: train with the
 * Pipeline, deploy the model to a {@link ModelEndpoint} whose deployment records every request in a
 * {@link DriftMonitor} (one window per 500 requests), and serve it over HTTP until interrupted.
 *
 * <p>From the repository root:
 * <pre>
 * mvn -B -q -Pdemo -pl mlops-examples -am -DskipTests package \
 *     -Ddemo.main=dev.mlops.examples.service.ServiceMain -Ddemo.args="--port 8080"
 * curl -s -X POST localhost:8080/predict -d '{"features": {"age": 41, "annual_income": 52000,
 *     "credit_score": 700, "employment_years": 6, "loan_amount": 12000, "interest_rate": 6.5,
 *     "term": "36m", "channel": "web"}}'
 * curl -s localhost:8080/drift
 * curl -s localhost:8080/health
 * </pre>
 */
public final class ServiceMain {

  private ServiceMain() {}

  /**
   * Trains, deploys and serves until the process is stopped.
   *
   * @param args {@code --port <n>} (default 8080; 0 picks a free port)
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    int port = 8080;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown option: " + args[i] + " (use --port <n>)");
      }
    }
    LoanApplications data = LoanApplications.defaults();
    List<Map<String, Object>> history = data.months(1, 6);
    TrainedModel model = Pipeline.builder("loan-default")
        .source(table(history))
        .target(LoanApplications.LABEL)
        .transform(t -> t.oneHot(LoanApplications.CATEGORICAL_FEATURES.toArray(String[]::new))
            .standardize(ColumnSelector.numeric()))
        .split(Split.stratified().testFraction(0.25))
        .train(Trainers.randomForestClassifier().trees(40))
        .seed(42)
        .build()
        .run()
        .model();

    DriftMonitor monitor = DriftMonitor.builder(TrainedModelAdapter.profile(model))
        .window(Window.tumblingCount(500))
        .build();
    ModelEndpoint endpoint = ModelEndpoint.builder(Deployment.builder("loan-default", 1, TrainedModels.servable(model))
        .listener(MonitorListener.of(monitor))
        .build()).build();
    PredictionService service = PredictionService.builder(endpoint, monitor).classNames(((TrainedClassifier) model).classes()).port(port)
        .start();
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM / Ctrl-C: stop accepting, let requests in flight finish, then exit (the demo profile
    // counts the JVM's signal exit codes 130 and 143 as success, so Maven reports no failure).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      System.out.println("loan-default:1 stopped: " + endpoint.stats().predictions() + " predictions served");
      stopped.countDown();
    }, "prediction-service-shutdown"));
    System.out.println("loan-default:1 served at " + service.uri() + " (POST /predict, GET /drift, GET /health);"
        + " classes " + model.descriptor().classes() + "; stop with Ctrl-C");
    stopped.await();
  }

  /** Generated rows as a table: the numeric and categorical features, and the label as yes/no. */
  static Table table(List<Map<String, Object>> rows) {
    Table.Builder t = Table.builder();
    for (String f : LoanApplications.NUMERIC_FEATURES) {
      t.numeric(f, rows.stream().mapToDouble(r -> ((Number) r.get(f)).doubleValue()).toArray());
    }
    for (String f : LoanApplications.CATEGORICAL_FEATURES) {
      t.categorical(f, rows.stream().map(r -> (String) r.get(f)).toArray(String[]::new));
    }
    t.categorical(LoanApplications.LABEL, rows.stream()
        .map(r -> ((Number) r.get(LoanApplications.LABEL)).intValue() == 1 ? "yes" : "no").toArray(String[]::new));
    return t.build();
  }
}
