package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.modelgate.provider.testkit.Fixtures;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Traces through the whole service, exported with the OTLP/HTTP exporter that {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * points at an in-test receiver (a MockWebServer decoding each {@code ExportTraceServiceRequest}): a chat that fails
 * over from one node to the other is a server span continuing the caller's {@code traceparent}, with a client span
 * per attempt under it carrying the GenAI attributes, the route's steps as events, and each upstream request
 * carrying its attempt's {@code traceparent}; the service's meters reach the same collector over OTLP; and no key and
 * no prompt is in anything exported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracesHttpTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
  private static final String TWIN_KEY = "sk-twin-secret-0000000000";
  private static final String PROMPT = "the confidential prompt about project bluebird";

  private Harness h;
  private final MockWebServer collector = new MockWebServer();
  private final MockWebServer first = new MockWebServer();
  private final MockWebServer second = new MockWebServer();
  private final List<byte[]> exports = new CopyOnWriteArrayList<>();
  private final List<byte[]> metricExports = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> chatsAtFirst = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> chatsAtSecond = new CopyOnWriteArrayList<>();

  private static final String LISTING = """
      {"object":"list","data":[{"id":"twin-model","object":"model","created":1721172741,"owned_by":"system"}]}""";

  @BeforeAll
  void start() throws IOException {
    collector.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().equals("/v1/traces") && request.getBody() != null) {
          exports.add(request.getBody().toByteArray());
        }
        if (request.getTarget().equals("/v1/metrics") && request.getBody() != null) {
          metricExports.add(request.getBody().toByteArray());
        }
        return new MockResponse.Builder().setHeader("Content-Type", "application/x-protobuf").build();
      }
    });
    node(first, chatsAtFirst, () -> json(500, "{\"error\":{\"message\":\"exploded\",\"type\":\"server_error\"}}"));
    node(second, chatsAtSecond, () -> new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body(Fixtures.read("openai/chat_completions_stream_text_with_usage.sse")).build());
    collector.start();
    first.start();
    second.start();
    h = new Harness(Map.of(
        "MODELGATE_MAX_ATTEMPTS", "4", "MODELGATE_BREAKER_FAILURES", "5",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getPort(),
        "OTEL_SERVICE_NAME", "modelgate-under-test",
        "OTEL_BSP_SCHEDULE_DELAY", "50",
        "OTEL_METRIC_EXPORT_INTERVAL", "200",
        "ANTHROPIC_API_KEY", "sk-ant-test-upstream-secret-123456", "ANTHROPIC_BASE_URL", "{upstream}/anthropic"));
    h.enable("anthropic:claude-sonnet-4-5");
    for (MockWebServer server : List.of(first, second)) {
      String id = server == first ? "twin-a" : "twin-b";
      HttpResponse<String> created = h.post("/api/admin/ai-clients", h.adminKey, "{\"id\":\"" + id
          + "\",\"kind\":\"openai-compatible\",\"base_url\":\"" + server.url("/v1") + "\",\"key\":\"" + TWIN_KEY
          + "\",\"approval_policy\":\"auto-enable\",\"options\":{\"pool\":\"twins\"}}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      h.post("/api/admin/models/discover", h.adminKey, "{\"provider\":\"" + id + "\",\"force\":true}");
    }
    HttpResponse<String> alias = h.method("PUT", "/api/admin/aliases/twins-in-order", h.adminKey,
        "{\"models\":[\"twin-a:twin-model\"],\"strategy\":\"ordered\"}");
    assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);
  }

  /** An OpenAI-compatible node listing {@code twin-model} that keeps each chat request and answers it so. */
  private static void node(MockWebServer server, List<RecordedRequest> chats, Supplier<MockResponse> answer) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().endsWith("/models")) {
          return json(200, LISTING);
        }
        chats.add(request);
        return answer.get();
      }
    });
  }

  @AfterAll
  void stop() throws IOException {
    h.close();
    collector.close();
    first.close();
    second.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** Every span exported so far. */
  private List<Span> spans() {
    List<Span> all = new ArrayList<>();
    for (byte[] body : exports) {
      try {
        for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
          for (ScopeSpans ss : rs.getScopeSpansList()) {
            all.addAll(ss.getSpansList());
          }
        }
      } catch (IOException e) {
        throw new AssertionError("not an ExportTraceServiceRequest", e);
      }
    }
    return all;
  }

  /** The spans of {@code traceId}, once {@code count} of them have arrived (within ten seconds). */
  private List<Span> trace(String traceId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<Span> found;
    do {
      found = spans().stream().filter(s -> hex(s.getTraceId()).equals(traceId)).toList();
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("expected " + count + " spans of trace " + traceId + ", got " + found);
  }

  /**
   * Waits for a metric push that names {@code meter}: pushes come every 200 ms, and a chat can be served and traced
   * before the first one.
   */
  private void awaitMetricExport(String meter) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (metricExports.stream().noneMatch(b -> new String(b, StandardCharsets.ISO_8859_1).contains(meter))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no metric push named " + meter + " in 10 s (" + metricExports.size() + " pushes)");
      }
      Thread.sleep(50);
    }
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      out.put(kv.getKey(), value(kv.getValue()));
    }
    return out;
  }

  private static Object value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      case BOOL_VALUE -> v.getBoolValue();
      case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(TracesHttpTest::value).toList();
      default -> v.toString();
    };
  }

  private HttpResponse<String> chat(boolean stream, String traceId) {
    return h.send(h.request("/v1/chat/completions", h.adminKey)
        .header("Content-Type", "application/json")
        .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN_ID + "-01")
        .header(io.modelgate.adapter.http.Dispatcher.CONVERSATION_HEADER, "trip-42")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"twins-in-order\",\"stream\":" + stream
            + ",\"max_tokens\":64,\"temperature\":0.2,\"top_p\":0.9,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}"))
        .build());
  }

  @Test
  void aChatWithOneFailoverIsAServerSpanOverTwoAttemptSpansAndEachUpstreamHearsItsAttempt() throws Exception {
    HttpResponse<String> r = chat(true, TRACE_ID);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-modelgate-provider")).hasValue("twin-b");
    String requestId = r.headers().firstValue(Call.REQUEST_ID).orElseThrow();

    // the served attempt's response id and model are the provider's (the recorded stream's chunk id and model)
    List<Span> trace = trace(TRACE_ID, 3);
    assertThat(trace).hasSize(3);
    Span server = trace.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst()
        .orElseThrow();
    assertThat(server.getName()).isEqualTo("POST /v1/chat/completions");
    assertThat(hex(server.getParentSpanId())).isEqualTo(CALLER_SPAN_ID);
    assertThat(attributes(server.getAttributesList())).containsEntry("http.request.method", "POST")
        .containsEntry("http.route", "/v1/chat/completions").containsEntry("http.response.status_code", 200L)
        .containsEntry("modelgate.request_id", requestId);

    List<Span> attempts = trace.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
        .sorted((a, b) -> Long.compare(a.getStartTimeUnixNano(), b.getStartTimeUnixNano())).toList();
    assertThat(attempts).hasSize(2).allSatisfy(s -> {
      assertThat(s.getName()).isEqualTo("chat twin-model");
      assertThat(s.getParentSpanId()).isEqualTo(server.getSpanId());
      assertThat(attributes(s.getAttributesList()))
          .containsEntry("gen_ai.operation.name", "chat")
          .containsEntry("gen_ai.provider.name", "openai-compatible")
          .containsEntry("gen_ai.request.model", "twin-model")
          .containsEntry("gen_ai.request.max_tokens", 64L)
          .containsEntry("gen_ai.request.temperature", 0.2)
          .containsEntry("gen_ai.request.top_p", 0.9)
          .containsEntry("gen_ai.conversation.id", "trip-42")
          .containsEntry("server.address", first.url("/").host());
    });
    Map<String, Object> failed = attributes(attempts.get(0).getAttributesList());
    assertThat(failed).containsEntry("modelgate.provider.id", "twin-a").containsEntry("modelgate.attempt", 1L)
        .containsEntry("server.port", (long) first.getPort())
        .containsEntry("error.type", "upstream_unavailable")
        .doesNotContainKeys("gen_ai.response.model", "gen_ai.usage.input_tokens");
    assertThat(attempts.get(0).getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    Map<String, Object> served = attributes(attempts.get(1).getAttributesList());
    assertThat(served).containsEntry("modelgate.provider.id", "twin-b").containsEntry("modelgate.attempt", 2L)
        .containsEntry("server.port", (long) second.getPort())
        .containsEntry("gen_ai.response.model", "gpt-4o-2024-08-06")
        .containsEntry("gen_ai.response.id", "chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL")
        .containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
        .containsEntry("gen_ai.usage.input_tokens", 14L)
        .containsEntry("gen_ai.usage.output_tokens", 30L)
        .doesNotContainKey("error.type");
    assertThat(attempts.get(1).getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);

    // the route as events of the server span: routing's steps, then the fallback from the failed node
    List<String> events = server.getEventsList().stream()
        .map(e -> e.getName() + " " + attributes(e.getAttributesList())).toList();
    assertThat(events).anySatisfy(e -> assertThat(e).startsWith("modelgate.route {modelgate.step=alias"));
    assertThat(server.getEventsList()).filteredOn(e -> e.getName().equals("modelgate.failover"))
        .singleElement().satisfies(e -> assertThat(attributes(e.getAttributesList())).isEqualTo(Map.of(
            "modelgate.step", "fallback", "modelgate.target", "twin-b:twin-model",
            "modelgate.step.from", "twin-a:twin-model", "error.type", "upstream_unavailable")));

    // each upstream heard the traceparent of its own attempt
    assertThat(chatsAtFirst).last().satisfies(req -> assertThat(req.getHeaders().get("traceparent"))
        .isEqualTo("00-" + TRACE_ID + "-" + hex(attempts.get(0).getSpanId()) + "-01"));
    assertThat(chatsAtSecond).last().satisfies(req -> assertThat(req.getHeaders().get("traceparent"))
        .isEqualTo("00-" + TRACE_ID + "-" + hex(attempts.get(1).getSpanId()) + "-01"));
  }

  @Test
  void noKeyAndNoPromptIsInAnySpanAttributeOrEvent() throws Exception {
    String traceId = "5" + TRACE_ID.substring(1);
    HttpResponse<String> r = chat(false, traceId);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    trace(traceId, 3);
    List<String> secrets = List.of(h.adminKey, TWIN_KEY, Harness.UPSTREAM_KEY, PROMPT, "bluebird");
    // every byte exported, spans and metrics (once a push holds the chat's meters), whatever field it sits in
    awaitMetricExport("gen_ai.client.token.usage");
    List<byte[]> everything = new ArrayList<>(exports);
    everything.addAll(metricExports);
    for (byte[] body : everything) {
      String text = new String(body, StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
    // and every attribute and event value, read as the collector reads them
    String readable = spans().stream().map(s -> s.getName() + " " + attributes(s.getAttributesList()) + " "
        + s.getEventsList().stream().map(e -> e.getName() + attributes(e.getAttributesList()))
            .collect(Collectors.joining(" "))).collect(Collectors.joining("\n"));
    assertThat(readable).contains("chat twin-model");
    for (String secret : secrets) {
      assertThat(readable).doesNotContain(secret);
    }
  }

  @Test
  void theMetersArePushedOverOtlpToTheSameCollector() throws Exception {
    HttpResponse<String> r = chat(false, "6" + TRACE_ID.substring(1));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    long deadline = System.nanoTime() + 10_000_000_000L;
    java.util.Set<String> names = new java.util.TreeSet<>();
    java.util.Set<Object> services = new java.util.HashSet<>();
    while (!names.contains("gen_ai.client.token.usage") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      for (byte[] body : metricExports) {
        for (ResourceMetrics rm : ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()) {
          services.add(attributes(rm.getResource().getAttributesList()).get("service.name"));
          rm.getScopeMetricsList().forEach(sm -> sm.getMetricsList().forEach(m -> names.add(m.getName())));
        }
      }
    }
    assertThat(names).contains("gen_ai.client.token.usage", "gen_ai.client.operation.duration",
        "modelgate.model.requests", "modelgate.upstream.attempts", "jvm.memory.used");
    assertThat(services).containsExactly("modelgate-under-test");
  }

  @Test
  void aRequestWithNoTraceparentStartsATraceThatTheAccessLogNames() throws Exception {
    String traceId;
    String log;
    try (LogCapture logs = new LogCapture(ch.qos.logback.classic.Level.INFO)) {
      HttpResponse<String> r = h.get("/v1/models", h.adminKey);
      assertThat(r.statusCode()).isEqualTo(200);
      String requestId = r.headers().firstValue(Call.REQUEST_ID).orElseThrow();
      long deadline = System.nanoTime() + 10_000_000_000L;
      Span server = null;
      while (server == null && System.nanoTime() < deadline) {
        Thread.sleep(50);
        server = spans().stream()
            .filter(s -> requestId.equals(attributes(s.getAttributesList()).get("modelgate.request_id")))
            .findFirst().orElse(null);
      }
      assertThat(server).as("the server span of " + requestId).isNotNull();
      assertThat(server.getParentSpanId().isEmpty()).isTrue();
      assertThat(server.getName()).isEqualTo("GET /v1/models");
      traceId = hex(server.getTraceId());
      log = logs.text().lines().filter(l -> l.contains(requestId)).collect(Collectors.joining("\n"));
    }
    assertThat(log).contains("trace_id=" + traceId);
  }

  @Test
  void anAnthropicAttemptCarriesTheProvidersReplyIdModelAndCacheTokens() throws Exception {
    String traceId = "7" + TRACE_ID.substring(1);
    HttpResponse<String> r = h.send(h.request("/v1/messages", null).header("x-api-key", h.adminKey)
        .header("anthropic-version", "2023-06-01").header("Content-Type", "application/json")
        .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN_ID + "-01")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"model":"anthropic:claude-sonnet-4-5","max_tokens":2048,"stream":true,
             "thinking":{"type":"enabled","budget_tokens":1024},
             "messages":[{"role":"user","content":"%s"}]}""".formatted(PROMPT))).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<Span> trace = trace(traceId, 2);
    Span server = trace.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst()
        .orElseThrow();
    assertThat(server.getName()).isEqualTo("POST /v1/messages");
    Span attempt = trace.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT).findFirst()
        .orElseThrow();
    assertThat(attempt.getName()).isEqualTo("chat claude-sonnet-4-5");
    assertThat(attempt.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(attributes(attempt.getAttributesList()))
        .containsEntry("gen_ai.provider.name", "anthropic")
        .containsEntry("gen_ai.response.id", "msg_01Up")
        .containsEntry("gen_ai.response.model", "claude-sonnet-4-5")
        .containsEntry("gen_ai.usage.cache_read.input_tokens", 30_000L)
        .containsEntry("gen_ai.usage.cache_creation.input_tokens", 2_048L);
  }
}
