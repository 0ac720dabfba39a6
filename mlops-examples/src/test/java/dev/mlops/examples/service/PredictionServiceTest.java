package dev.mlops.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.FieldViolation;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.MonitorListener;
import dev.mlops.core.serving.ServableClassifier;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.examples.data.LoanApplications;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class PredictionServiceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LoanApplications DATA = LoanApplications.of(3, 200, 13);

  private DriftMonitor monitor;
  private ModelEndpoint endpoint;
  private PredictionService service;
  private HttpClient client;

  @BeforeEach
  void start() {
    ReferenceProfile.Builder profile = ReferenceProfile.builder()
        .numeric(LoanApplications.NUMERIC_FEATURES.toArray(String[]::new))
        .categorical(LoanApplications.CATEGORICAL_FEATURES.toArray(String[]::new));
    DATA.months(1, 3).forEach(row -> profile.add(features(row)));
    monitor = DriftMonitor.builder(profile.build()).window(Window.tumblingCount(10_000)).build();
    endpoint = ModelEndpoint.builder(Deployment.builder("loan-default", 1, new ScoringModel())
        .listener(MonitorListener.of(monitor)).build()).build();
    service = PredictionService.builder(endpoint, monitor).classNames(List.of("repaid", "defaulted")).threads(4).start();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void boundedConcurrentLoad_everyRequestIsAnsweredAndRecordedByTheMonitor() throws Exception {
    List<Map<String, Object>> rows = DATA.months(4, 5); // 400 requests
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ConcurrentLinkedQueue<String> answeredIds = new ConcurrentLinkedQueue<>();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      futures.add(pool.submit(() -> {
        for (int i = first; i < rows.size(); i += threads) {
          ObjectNode body = JSON.createObjectNode().put("request_id", "req-" + i);
          body.set("features", JSON.valueToTree(features(rows.get(i))));
          HttpResponse<String> r = post("/predict", body.toString());
          assertThat(r.statusCode()).as("status of req-%s: %s", i, r.body()).isEqualTo(200);
          JsonNode answer = JSON.readTree(r.body());
          assertThat(answer.path("prediction").asText()).isIn("repaid", "defaulted");
          assertThat(answer.path("probabilities").path("repaid").isNumber()).isTrue();
          assertThat(answer.path("probabilities").path("defaulted").isNumber()).isTrue();
          answeredIds.add(answer.path("request_id").asText());
        }
        return null;
      }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).as("load finished in time").isTrue();
    for (Future<?> f : futures) {
      f.get(); // rethrows an assertion failure from a client thread
    }

    assertThat(answeredIds).hasSize(rows.size());
    assertThat(Set.copyOf(answeredIds)).hasSize(rows.size());
    assertThat(monitor.records()).isEqualTo(rows.size());
    assertThat(endpoint.stats().predictions()).isEqualTo(rows.size());
    JsonNode health = JSON.readTree(get("/health").body());
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("monitor_records").asLong()).isEqualTo(rows.size());
    assertThat(health.path("predictions").asLong()).isEqualTo(rows.size());
    // the latency quantiles rest on a sample of the requests (1 in 16 by default), said beside them
    assertThat(health.path("latency_samples").asLong()).isBetween(0L, (long) rows.size());
    assertThat(health.has("latency_samples")).isTrue();
  }

  @Test
  void drift_returnsTheLatestReportOnceAWindowClosed() throws Exception {
    JsonNode before = JSON.readTree(get("/drift").body());
    assertThat(before.path("latest_report").isNull()).isTrue();

    for (Map<String, Object> row : DATA.month(6).subList(0, 60)) {
      ObjectNode body = JSON.createObjectNode();
      body.set("features", JSON.valueToTree(features(row)));
      assertThat(post("/predict", body.toString()).statusCode()).isEqualTo(200);
    }
    monitor.closeWindow().orElseThrow();
    HttpResponse<String> r = get("/drift");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode drift = JSON.readTree(r.body());
    assertThat(drift.path("records").asLong()).isEqualTo(60);
    assertThat(drift.path("windows").asInt()).isEqualTo(1);
    assertThat(drift.path("latest_report").path("records").asLong()).isEqualTo(60);
    assertThat(drift.path("latest_report").path("features")).hasSize(8);
    assertThat(textualNonNumbers(drift)).as("numbers written as strings").isEmpty();
    for (JsonNode f : drift.path("latest_report").path("features")) {
      assertThat(f.path("p_value").isNumber() || f.path("p_value").isNull()).as("p_value of %s", f).isTrue();
    }
  }

  private static List<String> textualNonNumbers(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(node.textValue())) {
      out.add(node.textValue());
    }
    node.forEach(child -> out.addAll(textualNonNumbers(child)));
    return out;
  }

  @Test
  void nanLiteral_is400InTheServicesOwnWords_withoutTheJsonLibrarysSettings() throws Exception {
    HttpResponse<String> r = post("/predict", "{\"features\": {\"credit_score\": NaN}}");

    assertError(r, 400, "malformed JSON (line 1, column 34): NaN and Infinity are not JSON numbers "
        + "(send null for a missing value)");
    assertThat(r.body()).doesNotContain("JsonReadFeature", "ALLOW_", "enable");
  }

  @Test
  void parserMessages_areExplainedWithoutLibraryNames() {
    assertThat(PredictionService.explain("Unexpected character ('}' (code 125)): was expecting double-quote to start "
        + "field name")).isEqualTo("a value is missing (a trailing comma?)");
    assertThat(PredictionService.explain("Duplicate field 'age'")).isEqualTo("the field 'age' appears twice");
    assertThat(PredictionService.explain("Unrecognized token 'tru': was expecting (JSON String, Number, Array, "
        + "Object or token 'null', 'true' or 'false')")).isEqualTo("Unrecognized token 'tru'");
  }

  @Test
  void server_runsWithTcpNoDelay() {
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
  }

  @Test
  void malformedJson_is400WithTheParserMessage() throws Exception {
    HttpResponse<String> r = post("/predict", "{\"features\": {\"age\": 41,}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").asText()).startsWith("malformed JSON (line 1, column ")
        .endsWith("a value is missing (a trailing comma?)");
  }

  @Test
  void bodiesOfTheWrongShape_are400NamingWhatIsWrong() throws Exception {
    assertError(post("/predict", ""), 400, "request body must be a JSON object with a \"features\" object, not empty");
    assertError(post("/predict", "[1, 2]"), 400,
        "request body must be a JSON object with a \"features\" object, not an array");
    assertError(post("/predict", "{\"features\": [1]}"), 400,
        "\"features\" must be a JSON object of feature name to number, string or null, not an array");
    assertError(post("/predict", "{\"rows\": {}}"), 400,
        "unknown field \"rows\" (expected \"features\" and optionally \"request_id\")");
    assertError(post("/predict", "{\"features\": {\"age\": true}}"), 400,
        "feature \"age\" must be a number, string or null, not a boolean: true");
    assertError(post("/predict", "{\"features\": {}, \"request_id\": 7}"), 400,
        "\"request_id\" must be a non-blank string, not a number: 7");
    assertError(post("/predict", "{\"features\": {}} {}"), 400, null);
    assertError(post("/predict", "{\"features\": {\"age\": 1, \"age\": 2}}"), 400, null);
    assertThat(monitor.records()).isZero();
  }

  @Test
  void rowBreakingTheDataContract_is400WithTheViolations() throws Exception {
    Map<String, Object> row = features(DATA.month(1).get(0));
    row.remove("credit_score");
    row.put("channel", "carrier_pigeon");
    ObjectNode body = JSON.createObjectNode();
    body.set("features", JSON.valueToTree(row));

    HttpResponse<String> r = post("/predict", body.toString());

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(r.body());
    assertThat(error.path("error").asText()).contains("credit_score", "channel");
    assertThat(error.path("violations")).hasSize(2);
    assertThat(monitor.records()).isZero();
    assertThat(endpoint.stats().invalid()).isEqualTo(1);
  }

  @Test
  void wrongMethodUnknownPathAndHugeBody_getTheirOwnStatus() throws Exception {
    HttpResponse<String> get = get("/predict");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertError(get("/nothing-here"), 404, "no such resource: /nothing-here (use POST /predict, GET /drift, GET /health)");
    assertError(get("/healthz"), 404, "no such resource: /healthz (use POST /predict, GET /drift, GET /health)");
    assertError(post("/predict/batch", "{}"), 404,
        "no such resource: /predict/batch (use POST /predict, GET /drift, GET /health)");
    assertError(post("/predict", "{\"features\": {\"x\": \"" + "a".repeat(1 << 20) + "\"}}"), 413,
        "request body must be at most 1048576 bytes");
  }

  private static void assertError(HttpResponse<String> r, int status, String message) throws Exception {
    assertThat(r.statusCode()).as("status, body %s", r.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("error").isTextual()).as("error message in %s", r.body()).isTrue();
    if (message != null) {
      assertThat(body.path("error").asText()).isEqualTo(message);
    }
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(service.uri().resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(service.uri().resolve(URI.create(path.substring(1))))
        .timeout(Duration.ofSeconds(30)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> features(Map<String, Object> row) {
    Map<String, Object> f = new java.util.LinkedHashMap<>(row);
    f.remove(LoanApplications.MONTH);
    f.remove(LoanApplications.LABEL);
    f.remove(LoanApplications.AGE_GROUP);
    return f;
  }

  /** A hand-written scoring rule standing in for a trained model (any ServableModel can be served). */
  private static final class ScoringModel implements ServableClassifier {
    private static final Set<String> CHANNELS = Set.of("branch", "web", "broker");

    @Override
    public List<String> featureNames() {
      return List.of("credit_score", "interest_rate", "channel");
    }

    @Override
    public List<FieldViolation> validate(Map<String, ?> row) {
      List<FieldViolation> violations = new ArrayList<>();
      for (String f : List.of("credit_score", "interest_rate")) {
        if (!(row.get(f) instanceof Number)) {
          violations.add(new FieldViolation(f, "must be a number", row.get(f)));
        }
      }
      if (!CHANNELS.contains(row.get("channel"))) {
        violations.add(new FieldViolation("channel", "must be one of " + CHANNELS, row.get("channel")));
      }
      return violations;
    }

    @Override
    public double[] probabilities(Map<String, ?> row) {
      double z = -1.7 - 0.012 * (((Number) row.get("credit_score")).doubleValue() - 690)
          + 0.1 * (((Number) row.get("interest_rate")).doubleValue() - 6);
      double p = 1 / (1 + Math.exp(-z));
      return new double[] {1 - p, p};
    }
  }
}
