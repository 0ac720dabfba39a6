package dev.mlops.examples.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.core.serving.FieldViolation;
import dev.mlops.core.serving.InvalidRowException;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionException;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.ServingStats;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP prediction service: a {@link ModelEndpoint} behind {@code POST /predict}, the
 * {@link DriftMonitor} that watches it behind {@code GET /drift}, and {@code GET /health}.
 *
 * <pre>{@code
 * DriftMonitor monitor = DriftMonitor.builder(model.profile()).window(Window.tumblingCount(500)).build();
 * ModelEndpoint endpoint = ModelEndpoint.builder(
 *     Deployment.builder("loan-default", 1, servable).listener(MonitorListener.of(monitor)).build())
 *     .build();
 * try (PredictionService service = PredictionService.builder(endpoint, monitor).port(8080).start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>The API (JSON in and out, snake_case; numbers are always JSON numbers or {@code null}, never strings):
 * <ul>
 *   <li>{@code POST /predict} with {@code {"request_id": "r-1" (optional), "features": {"age": 41, "term": "36m"}}}
 *       answers {@code {"request_id", "model", "version", "prediction", "probabilities"}}: for a classifier
 *       whose {@link Builder#classNames class names} were given, {@code "prediction": "yes"} and
 *       {@code "probabilities": {"no": 0.81, "yes": 0.19}}; without names the class index and an array;
 *       for a regressor the value and no probabilities. Malformed JSON (including the non-numbers
 *       {@code NaN} and {@code Infinity}), a body that is not an object with a {@code features} object, a
 *       feature value that is not a number, string or null, and a row that breaks the model's data
 *       contract get {@code 400} with {@code {"error": "..."}} in the service's own words; a body over the
 *       size limit gets {@code 413}. A {@code 500} means the model failed on a valid row (a bug, never bad
 *       input).</li>
 *   <li>What happens to the rest (observed with the model {@link ServiceMain} trains, whose one-hot
 *       encoding and contract are the pipeline's defaults): a category the model never saw (e.g.
 *       {@code "channel": "partner_app"}) is answered ({@code 200}): the one-hot encoding gives it no known
 *       category (all indicators 0), and the monitor counts it in its window's unseen-category rate (a
 *       data-quality finding in {@code GET /drift} once the rate passes its threshold). A field that is not a
 *       model feature (e.g. {@code "customer_id"}) is ignored by the model (the same answer as without it)
 *       and counted by the monitor as an unknown feature name. A missing feature is refused with {@code 400}
 *       and a {@code violations} list naming the field, the rule and the value; nothing is recorded.</li>
 *   <li>{@code GET /drift}: {@code {"records": n, "windows": k, "latest_report": <DriftReport JSON or null>}}.</li>
 *   <li>{@code GET /health}: {@code {"status": "UP", "model": "name:version", "predictions", "invalid", "failed",
 *       "p50_micros", "p99_micros", "monitor_records"}}.</li>
 * </ul>
 *
 * <p>The JDK server runs with {@code TCP_NODELAY} on ({@code sun.net.httpserver.nodelay}, set by this class
 * unless the host set it): with Nagle's algorithm on, a keep-alive client waits for the delayed ACK on every
 * response (docs/benchmarks.md).
 *
 * <p>Thread-safe: requests are handled on a fixed pool of worker threads; the endpoint and the
 * monitor are themselves thread-safe. {@link #close()} stops the server and its threads.
 */
public final class PredictionService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PredictionService.class);

  static {
    // The JDK server leaves Nagle's algorithm on by default: a keep-alive client then waits for the
    // delayed ACK (~40 ms) on every response. Read once, when the JDK's server configuration loads,
    // so it must be set before the first HttpServer of the process is created; a value the host
    // set explicitly is kept.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ModelEndpoint endpoint;
  private final DriftMonitor monitor;
  private final HttpServer server;
  private final ExecutorService workers;
  private final int maxBodyBytes;
  private final java.util.List<String> classNames;

  private PredictionService(Builder b) throws IOException {
    this.classNames = b.classNames;
    this.endpoint = b.endpoint;
    this.monitor = b.monitor;
    this.maxBodyBytes = b.maxBodyBytes;
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), b.backlog);
    this.workers = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "prediction-service");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
    server.createContext("/predict", exchange -> handle(exchange, "POST", this::predict));
    server.createContext("/drift", exchange -> handle(exchange, "GET", this::drift));
    server.createContext("/health", exchange -> handle(exchange, "GET", this::health));
    server.createContext("/", exchange -> handle(exchange, null, ex -> reply(404,
        error("no such resource: " + ex.getRequestURI().getPath() + " (use POST /predict, GET /drift, GET /health)"))));
    server.start();
  }

  /**
   * Starts configuring a service.
   *
   * @param endpoint the endpoint that answers predictions
   * @param monitor the monitor its deployments record to (for {@code /drift} and {@code /health})
   * @return a builder
   */
  public static Builder builder(ModelEndpoint endpoint, DriftMonitor monitor) {
    return new Builder(endpoint, monitor);
  }

  /** @return the port the server listens on (useful when it was started on port 0) */
  public int port() {
    return server.getAddress().getPort();
  }

  /** @return the base URI, e.g. {@code http://127.0.0.1:8080/} */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
  }

  /** Stops accepting requests, waits up to one second for requests in flight, and stops the workers. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private record Reply(int status, JsonNode body) {}

  @FunctionalInterface
  private interface Handler {
    Reply handle(HttpExchange exchange) throws IOException;
  }

  private void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
    Reply reply;
    try {
      String path = exchange.getRequestURI().getPath();
      if (method != null && !path.equals(exchange.getHttpContext().getPath())) {
        // contexts match by prefix: /predictions or /health/x are not resources of this service
        reply = reply(404, error("no such resource: " + path + " (use POST /predict, GET /drift, GET /health)"));
      } else if (method != null && !method.equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", method);
        reply = reply(405, error(exchange.getRequestURI().getPath() + " accepts " + method + " only, not "
            + exchange.getRequestMethod()));
      } else {
        reply = handler.handle(exchange);
      }
    } catch (BadRequest e) {
      reply = reply(e.status, error(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      reply = reply(500, error("internal error: " + e.getClass().getSimpleName()));
    }
    byte[] bytes = JSON.writeValueAsBytes(reply.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    } finally {
      exchange.close();
    }
  }

  private Reply predict(HttpExchange exchange) throws IOException {
    JsonNode body = parse(readBody(exchange));
    if (!body.isObject()) {
      throw new BadRequest(400, "request body must be a JSON object with a \"features\" object, not " + kind(body));
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("features") && !name.equals("request_id")) {
        throw new BadRequest(400, "unknown field \"" + name + "\" (expected \"features\" and optionally \"request_id\")");
      }
    }
    JsonNode features = body.get("features");
    if (features == null || !features.isObject()) {
      throw new BadRequest(400, "\"features\" must be a JSON object of feature name to number, string or null, not "
          + (features == null ? "absent" : kind(features)));
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNumber()) {
        row.put(e.getKey(), v.doubleValue());
      } else if (v.isTextual()) {
        row.put(e.getKey(), v.textValue());
      } else if (v.isNull()) {
        row.put(e.getKey(), null);
      } else {
        throw new BadRequest(400, "feature \"" + e.getKey() + "\" must be a number, string or null, not " + kind(v)
            + ": " + v);
      }
    }
    JsonNode id = body.get("request_id");
    if (id != null && !(id.isTextual() && !id.textValue().isBlank())) {
      throw new BadRequest(400, "\"request_id\" must be a non-blank string, not " + kind(id) + ": " + id);
    }
    PredictionResult result;
    try {
      result = id == null ? endpoint.predict(row) : endpoint.predict(id.textValue(), row);
    } catch (InvalidRowException e) {
      ObjectNode error = error(e.getMessage());
      ArrayNode violations = error.putArray("violations");
      for (FieldViolation v : e.violations()) {
        violations.addObject().put("field", v.field()).put("rule", v.rule()).put("value", String.valueOf(v.value()));
      }
      return reply(400, error);
    } catch (PredictionException e) {
      LOG.error("model failed on a valid row", e);
      return reply(500, error(e.getMessage()));
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("request_id", result.requestId()).put("model", result.modelName()).put("version", result.modelVersion());
    if (result.isClassification()) {
      double[] probabilities = result.probabilities();
      if (classNames.size() == probabilities.length) {
        out.put("prediction", classNames.get(result.predictedClass()));
        ObjectNode p = out.putObject("probabilities");
        for (int i = 0; i < probabilities.length; i++) {
          putNumber(p, classNames.get(i), probabilities[i]);
        }
      } else {
        out.put("prediction", result.predictedClass());
        ArrayNode p = out.putArray("probabilities");
        for (double v : probabilities) {
          p.add(Double.isFinite(v) ? JSON.getNodeFactory().numberNode(v) : JSON.getNodeFactory().nullNode());
        }
      }
    } else {
      putNumber(out, "prediction", result.value());
    }
    return reply(200, out);
  }

  private Reply drift(HttpExchange exchange) throws IOException {
    drain(exchange);
    ObjectNode out = JSON.createObjectNode();
    out.put("records", monitor.records()).put("windows", monitor.history().size());
    Optional<DriftReport> latest = monitor.latestReport();
    if (latest.isPresent()) {
      out.set("latest_report", numbersNeverStrings(JSON.readTree(latest.get().toJson())));
    } else {
      out.putNull("latest_report");
    }
    return reply(200, out);
  }

  private Reply health(HttpExchange exchange) throws IOException {
    drain(exchange);
    ServingStats stats = endpoint.stats();
    ObjectNode out = JSON.createObjectNode();
    out.put("status", "UP").put("model", endpoint.champion().versionLabel())
        .put("predictions", stats.predictions()).put("invalid", stats.invalid()).put("failed", stats.failed())
        .put("p50_micros", stats.p50Nanos() / 1_000.0).put("p99_micros", stats.p99Nanos() / 1_000.0)
        .put("latency_samples", stats.latencyCount())
        .put("monitor_records", monitor.records());
    return reply(200, out);
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw new BadRequest(413, "request body must be at most " + maxBodyBytes + " bytes");
      }
      return bytes;
    }
  }

  private static void drain(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new BadRequest(400, "request body must be a JSON object with a \"features\" object, not empty");
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new BadRequest(400, "malformed JSON" + where + ": " + explain(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The parser's complaint in the service's own words: the first sentence, without the names of
   * the JSON library's settings (which a client cannot change), and with a hint for the non-numbers
   * clients send most often.
   */
  static String explain(String parserMessage) {
    String m = parserMessage == null ? "" : parserMessage;
    if (m.contains("'NaN'") || m.contains("'Infinity'") || m.contains("'-Infinity'") || m.contains("'+Infinity'")) {
      return "NaN and Infinity are not JSON numbers (send null for a missing value)";
    }
    if (m.contains("Unexpected character ('}'") || m.contains("Unexpected character (']'")) {
      return "a value is missing (a trailing comma?)";
    }
    if (m.contains("Duplicate field")) {
      int at = m.indexOf('\'');
      int end = at < 0 ? -1 : m.indexOf('\'', at + 1);
      return at >= 0 && end > at ? "the field " + m.substring(at, end + 1) + " appears twice" : "a field appears twice";
    }
    if (m.contains("Trailing token")) {
      return "more than one JSON value in the body";
    }
    if (m.contains("end-of-input") || m.contains("Unexpected end")) {
      return "the body ends before the JSON value does";
    }
    // Cut at the first newline, parenthesis or colon: beyond it Jackson names its own settings.
    int cut = m.length();
    for (String stop : new String[] {"\n", " (", ": ", "; "}) {
      int i = m.indexOf(stop);
      if (i > 0) {
        cut = Math.min(cut, i);
      }
    }
    return m.substring(0, cut).replace("`", "");
  }

  /** Writes a number, or null with the reason beside it when it is not finite (JSON has no NaN). */
  private static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  /**
   * Replaces the strings "NaN", "Infinity" and "-Infinity" that a report's JSON may hold for an
   * undefined number by {@code null}, so a typed client always reads a number or null.
   */
  static JsonNode numbersNeverStrings(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isNonFinite(e.getValue())) {
          e.setValue(JSON.getNodeFactory().nullNode());
        } else {
          numbersNeverStrings(e.getValue());
        }
      }
    } else if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        if (isNonFinite(a.get(i))) {
          a.set(i, JSON.getNodeFactory().nullNode());
        } else {
          numbersNeverStrings(a.get(i));
        }
      }
    }
    return node;
  }

  private static boolean isNonFinite(JsonNode v) {
    return v.isTextual() && (v.textValue().equals("NaN") || v.textValue().equals("Infinity")
        || v.textValue().equals("-Infinity"));
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> "a string";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static Reply reply(int status, JsonNode body) {
    return new Reply(status, body);
  }

  /** A client error with its HTTP status. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** Configures a {@link PredictionService}. Not thread-safe. */
  public static final class Builder {
    private final ModelEndpoint endpoint;
    private final DriftMonitor monitor;
    private InetAddress host = InetAddress.getLoopbackAddress();
    private int port;
    private int threads = 4;
    private int backlog = 64;
    private int maxBodyBytes = 1 << 20;
    private java.util.List<String> classNames = java.util.List.of();

    private Builder(ModelEndpoint endpoint, DriftMonitor monitor) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /**
     * Sets the address to bind (default: the loopback address, so nothing is exposed by accident).
     *
     * @param host the address
     * @return this builder
     */
    public Builder host(InetAddress host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port (default 0: an ephemeral port, see {@link PredictionService#port()}).
     *
     * @param port 0..65535
     * @return this builder
     * @throws IllegalArgumentException if the port is out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the number of worker threads (default 4).
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the largest accepted request body (default 1 MiB); larger bodies get {@code 413}.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes < 1}
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("max body bytes must be at least 1: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Names the classifier's classes, in the model's class order: answers then carry
     * {@code "prediction": "<class name>"} and {@code "probabilities": {"<class name>": p, ...}}.
     * Without names (or for a regressor) the prediction is the class index (or the value) and the
     * probabilities an array.
     *
     * @param names the class names, e.g. {@code model.classes()}
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or repeated
     */
    public Builder classNames(java.util.List<String> names) {
      java.util.List<String> copy = java.util.List.copyOf(names);
      if (copy.stream().anyMatch(String::isBlank) || new java.util.HashSet<>(copy).size() != copy.size()) {
        throw new IllegalArgumentException("class names must be distinct and not blank: " + copy);
      }
      this.classNames = copy;
      return this;
    }

    /**
     * Binds the port and starts serving.
     *
     * @return the running service
     * @throws UncheckedIOException if the port cannot be bound
     */
    public PredictionService start() {
      try {
        return new PredictionService(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the prediction service on " + host + ":" + port, e);
      }
    }
  }
}
