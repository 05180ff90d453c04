package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failover through the whole service: two OpenAI-compatible upstreams put in one pool (the {@code pool} option)
 * serve the same model; each fault of the first one (500, 503, 429 with Retry-After, malformed JSON, a body cut
 * before its first token) is answered by the second, and the caller sees which targets were tried: the
 * {@code x-modelgate-attempts} header, the route object and the usage record. A stream that ends without its end
 * after the first token is an error, never retried; a {@code Retry-After} given as an HTTP date is honoured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverHttpTest {
  private Harness h;
  private String admin;
  private final MockWebServer first = new MockWebServer();
  private final MockWebServer second = new MockWebServer();
  private final AtomicReference<MockResponse> firstAnswers = new AtomicReference<>();

  private static final String LISTING = """
      {"object":"list","data":[{"id":"twin-model","object":"model","created":1721172741,"owned_by":"system"}]}""";
  /** The first node also serves a model the second does not: a call to it has nowhere else to go. */
  private static final String FIRST_LISTING = """
      {"object":"list","data":[{"id":"twin-model","object":"model","created":1721172741,"owned_by":"system"},
      {"id":"solo-model","object":"model","created":1721172741,"owned_by":"system"}]}""";
  /** What the first node answers to calls of solo-model, one answer per call, in order. */
  private final java.util.Queue<java.util.function.Supplier<MockResponse>> soloAnswers =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<Long> soloCalledAt = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws IOException {
    first.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().endsWith("/models")) {
          return json(200, FIRST_LISTING);
        }
        if (request.getBody() != null && request.getBody().utf8().contains("solo-model")) {
          soloCalledAt.add(System.nanoTime());
          java.util.function.Supplier<MockResponse> next = soloAnswers.poll();
          return next != null ? next.get() : json(500, "{\"error\":{\"message\":\"no answer scripted\"}}");
        }
        return firstAnswers.get();
      }
    });
    second.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getTarget().endsWith("/models") ? json(200, LISTING)
            : new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .body(Fixtures.read("openai/chat_completions_stream_text_with_usage.sse")).build();
      }
    });
    first.start();
    second.start();
    h = new Harness(Map.of("MODELGATE_MAX_ATTEMPTS", "4", "MODELGATE_BREAKER_FAILURES", "5"));
    admin = h.adminKey;
    for (MockWebServer server : List.of(first, second)) {
      String id = server == first ? "twin-a" : "twin-b";
      HttpResponse<String> created = h.post("/api/admin/ai-clients", admin, "{\"id\":\"" + id
          + "\",\"kind\":\"openai-compatible\",\"base_url\":\"" + server.url("/v1") + "\",\"key\":\"sk-twin-0000000000\","
          + "\"approval_policy\":\"auto-enable\",\"options\":{\"pool\":\"twins\"}}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      h.post("/api/admin/models/discover", admin, "{\"provider\":\"" + id + "\",\"force\":true}");
    }
    HttpResponse<String> alias = h.method("PUT", "/api/admin/aliases/twins-in-order", admin,
        "{\"models\":[\"twin-a:twin-model\"],\"strategy\":\"ordered\"}");
    assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);
    assertThat(object(alias)).containsEntry("strategy", "ordered");
    HttpResponse<String> solo = h.method("PUT", "/api/admin/aliases/solo", admin,
        "{\"models\":[\"twin-a:solo-model\"]}");
    assertThat(solo.statusCode()).as(solo.body()).isEqualTo(200);
  }

  @AfterAll
  void stop() throws IOException {
    h.close();
    first.close();
    second.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private HttpResponse<String> chat(boolean stream) {
    return h.post("/v1/chat/completions", admin, "{\"model\":\"twins-in-order\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private List<UsageRecord> recordsOf(HttpResponse<String> r) {
    String id = r.headers().firstValue(Call.REQUEST_ID).orElseThrow();
    return h.graph.usageLog().find(UsageQuery.ALL).stream().filter(u -> u.requestId().equals(id)).toList();
  }

  private void assertServedBySecondAfterFirstFailed(HttpResponse<String> r, String error) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-modelgate-provider")).hasValue("twin-b");
    assertThat(r.headers().firstValue("x-modelgate-attempts").orElseThrow())
        .matches("twin-a:twin-model failed " + error + " \\d+ms, twin-b:twin-model served \\d+ms");
    assertThat(recordsOf(r)).singleElement().satisfies(u -> {
      assertThat(u.provider()).isEqualTo("twin-b");
      assertThat(u.route()).contains("attempt: twin-a:twin-model failed " + error);
      assertThat(u.usage().completionTokens()).isPositive();
    });
  }

  @Test
  void a500IsAnsweredByTheOtherNode() {
    firstAnswers.set(json(500, "{\"error\":{\"message\":\"exploded\",\"type\":\"server_error\"}}"));
    assertServedBySecondAfterFirstFailed(chat(false), "upstream_unavailable");
    assertServedBySecondAfterFirstFailed(chat(true), "upstream_unavailable");
  }

  @Test
  void a429WithALongRetryAfterMovesOnAtOnce() {
    firstAnswers.set(new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
        .setHeader("Retry-After", "120").body(Fixtures.read("openai/error_429_rate_limit_exceeded_tokens.json"))
        .build());
    assertServedBySecondAfterFirstFailed(chat(false), "rate_limited");
  }

  @Test
  void theRouteObjectListsEveryAttempt() {
    firstAnswers.set(json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    HttpResponse<String> r = h.post("/ai/chat", admin, "{\"model\":\"twins-in-order\",\"prompt\":\"hi\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> route = (Map<String, Object>) object(r).get("route");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> attempts = (List<Map<String, Object>>) route.get("attempts");
    assertThat(attempts).extracting(a -> a.get("provider") + " " + a.get("outcome") + " " + a.get("error"))
        .containsExactly("twin-a failed upstream_unavailable", "twin-b served null");
    assertThat(route).containsEntry("fell_back", false);
  }

  private HttpResponse<String> chat(String model, boolean stream) {
    return h.post("/v1/chat/completions", admin, "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  /** The recorded stream's first {@code chunks} events, with neither a finish reason nor {@code [DONE]}. */
  private static String cut(int chunks) {
    StringBuilder kept = new StringBuilder();
    int n = 0;
    for (String frame : Fixtures.read("openai/chat_completions_stream_text_with_usage.sse").split("\n\n")) {
      if (n++ == chunks || frame.contains("finish_reason\":\"") || frame.contains("[DONE]")) {
        break;
      }
      kept.append(frame).append("\n\n");
    }
    return kept.toString();
  }

  private static String httpDate(java.time.Duration fromNow) {
    return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plus(fromNow));
  }

  @Test
  void aMalformedJsonAnswerIsAnErrorThatTheOtherNodeCures() {
    firstAnswers.set(json(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":"));
    assertServedBySecondAfterFirstFailed(chat(false), "stream_broken");
    firstAnswers.set(sse("data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":\n\n"));
    assertServedBySecondAfterFirstFailed(chat(true), "stream_broken");
  }

  @Test
  void aStreamEndingWithoutItsEndAfterTheFirstTokenIsAnErrorAndIsNotRetried() {
    firstAnswers.set(sse(cut(3)));
    int before = second.getRequestCount();
    HttpResponse<String> streamed = chat(true);
    assertThat(streamed.statusCode()).isEqualTo(200);
    List<String> events = Harness.events(streamed.body());
    assertThat(String.join("\n", events)).contains("\"content\":\"");
    assertThat(events.getLast()).contains("\"error\"").contains("stream_broken");
    assertThat(events).doesNotContain("[DONE]");
    assertThat(recordsOf(streamed)).singleElement().satisfies(u -> {
      assertThat(u.outcome()).isEqualTo(io.modelgate.core.usage.UsageOutcome.ERROR);
      assertThat(u.provider()).isEqualTo("twin-a");
    });

    HttpResponse<String> whole = chat(false);
    assertThat(whole.statusCode()).as(whole.body()).isEqualTo(502);
    assertThat(Harness.error(whole)).containsEntry("code", "stream_broken");
    assertThat(recordsOf(whole)).singleElement().satisfies(u ->
        assertThat(u.outcome()).isEqualTo(io.modelgate.core.usage.UsageOutcome.ERROR));
    assertThat(second.getRequestCount()).isEqualTo(before);
  }

  @Test
  void aStreamEndingBeforeItsFirstTokenIsAnsweredByTheOtherNode() {
    firstAnswers.set(sse(cut(1)));
    assertServedBySecondAfterFirstFailed(chat(true), "stream_broken");
  }

  @Test
  void aRetryAfterGivenAsAnHttpDateIsWaitedForWhenShortAndReturnedWhenLong() {
    soloCalledAt.clear();
    // The date is written as the answer goes out: three seconds on, less what the second's rounding cuts.
    soloAnswers.add(() -> new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
        .setHeader("Retry-After", httpDate(java.time.Duration.ofSeconds(3)))
        .body(Fixtures.read("openai/error_429_rate_limit_exceeded_tokens.json")).build());
    soloAnswers.add(() -> sse(Fixtures.read("openai/chat_completions_stream_text_with_usage.sse")));
    HttpResponse<String> waited = chat("solo", false);
    assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
    assertThat(waited.headers().firstValue("x-modelgate-attempts").orElseThrow())
        .matches("twin-a:solo-model failed rate_limited \\d+ms, twin-a:solo-model served \\d+ms");
    assertThat(soloCalledAt).hasSize(2);
    // The date has a resolution of a second: the wait is at least the two seconds it surely leaves.
    assertThat(java.time.Duration.ofNanos(soloCalledAt.get(1) - soloCalledAt.get(0)))
        .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(1_900));
    assertThat(recordsOf(waited)).singleElement().satisfies(u -> assertThat(u.outcome())
        .isEqualTo(io.modelgate.core.usage.UsageOutcome.SUCCESS));

    soloCalledAt.clear();
    soloAnswers.add(() -> new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
        .setHeader("Retry-After", httpDate(java.time.Duration.ofSeconds(120)))
        .body(Fixtures.read("openai/error_429_rate_limit_exceeded_tokens.json")).build());
    HttpResponse<String> refused = chat("solo", false);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(100L, 121L);
    assertThat(soloCalledAt).hasSize(1);
  }

  @Test
  void aProvidersOutboundLimitsAreSetAsOptionsAndShownAsSeed001sRateLimit() {
    HttpResponse<String> patched = h.method("PATCH", "/api/admin/ai-clients/twin-b", admin,
        "{\"options\":{\"pool\":\"twins\",\"rpm\":\"1000\",\"tpm\":\"500000\"}}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> models = (List<Map<String, Object>>) object(h.get("/api/models", admin)).get("models");
    assertThat(models).filteredOn(m -> "twin-b:twin-model".equals(m.get("id"))).singleElement()
        .satisfies(m -> assertThat(m.get("rateLimit")).isEqualTo(Map.of("requestsPerMinute", 1000.0,
            "tokensPerMinute", 500000.0)));
    assertThat(models).filteredOn(m -> "twin-a:twin-model".equals(m.get("id"))).singleElement()
        .satisfies(m -> assertThat(m.get("rateLimit")).isNull());
  }

  @Test
  void aBadRequestIsNotRetried() {
    firstAnswers.set(json(400, "{\"error\":{\"message\":\"bad messages\",\"type\":\"invalid_request_error\","
        + "\"param\":\"messages\"}}"));
    int before = second.getRequestCount();
    HttpResponse<String> r = chat(false);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(second.getRequestCount()).isEqualTo(before);
  }
}
