package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A provider's node goes off and comes back: the health monitor sees it, the moves are logged, and the alert
 * webhook is called exactly twice — once down, once back — with a small JSON body that carries no key.
 */
class ProviderAlertsHttpTest {
  @Test
  void aNodeGoingDownAndComingBackIsLoggedAndPostedTwice() throws Exception {
    AtomicBoolean up = new AtomicBoolean(true);
    try (MockWebServer hooks = new MockWebServer(); LogCapture logs = new LogCapture(Level.INFO)) {
      hooks.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return new MockResponse.Builder().code(204).build();
        }
      });
      hooks.start();
      String hook = hooks.url("/hooks/T0KEN-in-the-path").toString();
      Dispatcher node = new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          if (!up.get()) {
            return new MockResponse.Builder().code(503).setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"node is off\",\"type\":\"server_error\"}}").build();
          }
          return new MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
              {"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"system"}]}""")
              .build();
        }
      };
      try (Harness h = new Harness(Map.of("MODELGATE_ALERT_WEBHOOK", hook,
          "MODELGATE_HEALTH_INTERVAL_SECONDS", "0"), node)) {
        assertThat(probe(h)).as("up at first").contains("\"status\":\"healthy\"");
        up.set(false);
        assertThat(probe(h)).contains("\"status\":\"down\"");
        assertThat(probe(h)).as("still down: no second alert").contains("\"status\":\"down\"");
        up.set(true);
        assertThat(probe(h)).contains("\"status\":\"healthy\"");

        RecordedRequest down = hooks.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest back = hooks.takeRequest(5, TimeUnit.SECONDS);
        assertThat(down).isNotNull();
        assertThat(back).isNotNull();
        assertThat(hooks.takeRequest(1, TimeUnit.SECONDS)).as("exactly two calls").isNull();
        assertThat(down.getMethod()).isEqualTo("POST");
        assertThat(down.getTarget()).isEqualTo("/hooks/T0KEN-in-the-path");
        assertThat(down.getHeaders().get("Content-Type")).startsWith("application/json");
        Map<String, Object> downBody = body(down);
        assertThat(downBody).containsEntry("event", "provider_down").containsEntry("provider", "openai")
            .containsEntry("state", "down").containsEntry("previous", "healthy").containsKeys("detail", "at");
        assertThat((String) downBody.get("detail")).contains("503");
        assertThat(body(back)).containsEntry("event", "provider_up").containsEntry("provider", "openai")
            .containsEntry("state", "healthy").containsEntry("previous", "down");
        for (RecordedRequest r : new RecordedRequest[] {down, back}) {
          assertThat(r.getBody().utf8()).doesNotContain(Harness.UPSTREAM_KEY).doesNotContain(h.adminKey);
        }
      }
      String text = logs.text();
      assertThat(text).contains("WARN io.modelgate.core.catalog.ProviderStates: provider 'openai' is down (was "
          + "healthy): HTTP 503")
          .contains("INFO io.modelgate.core.catalog.ProviderStates: provider 'openai' is back: healthy (was down)")
          .contains("INFO modelgate.access: POST /api/admin/ai-clients/health 200");
      assertThat(text + logs.json()).as("the webhook's path may be a token").doesNotContain("T0KEN-in-the-path");
    }
  }

  private static String probe(Harness h) {
    HttpResponse<String> r = h.send(h.request("/api/admin/ai-clients/health?timeout_ms=3000", h.adminKey)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body().replaceAll("\\{\"id\":\"demo\"[^}]*}", "");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(RecordedRequest request) throws java.io.IOException {
    return (Map<String, Object>) new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class)
        .fromJson(request.getBody().utf8());
  }

  /**
   * Calls that cannot reach the provider open its circuit: the breaker's moves are logged, the provider is down
   * (one alert); after the cooldown one trial call succeeds, the circuit closes and the provider is back (one more).
   */
  @Test
  void aCircuitOpeningAndClosingIsLoggedAndAlertedOnce() throws Exception {
    AtomicBoolean broken = new AtomicBoolean(false);
    try (MockWebServer hooks = new MockWebServer(); LogCapture logs = new LogCapture(Level.INFO)) {
      hooks.start();
      Dispatcher node = new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          if (broken.get() && request.getTarget().endsWith("/chat/completions")) {
            return new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE)
                .build();
          }
          if (request.getTarget().endsWith("/models")) {
            return new MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
                {"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"system"}]}""")
                .build();
          }
          return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
              .body(io.modelgate.provider.testkit.Fixtures.read("openai/chat_completions_stream_text_with_usage.sse"))
              .build();
        }
      };
      try (Harness h = new Harness(Map.of("MODELGATE_ALERT_WEBHOOK", hooks.url("/alerts").toString(),
          "MODELGATE_HEALTH_INTERVAL_SECONDS", "0", "MODELGATE_BREAKER_FAILURES", "2",
          "MODELGATE_BREAKER_COOLDOWN_SECONDS", "1"), node)) {
        h.enable("openai:gpt-4o-mini");
        String chat = "{\"model\":\"openai:gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        broken.set(true);
        for (int i = 0; i < 2; i++) {
          assertThat(h.post("/v1/chat/completions", h.adminKey, chat).statusCode()).isGreaterThanOrEqualTo(500);
        }
        assertThat(h.post("/v1/chat/completions", h.adminKey, chat).statusCode()).as("circuit open")
            .isEqualTo(503);
        broken.set(false);
        Thread.sleep(1_200);
        HttpResponse<String> trial = h.post("/v1/chat/completions", h.adminKey, chat);
        assertThat(trial.statusCode()).as(trial.body()).isEqualTo(200);

        RecordedRequest down = hooks.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest back = hooks.takeRequest(5, TimeUnit.SECONDS);
        assertThat(hooks.takeRequest(1, TimeUnit.SECONDS)).as("exactly two calls").isNull();
        assertThat(body(down)).containsEntry("event", "provider_down").containsEntry("provider", "openai");
        assertThat((String) body(down).get("detail")).startsWith("circuit open");
        assertThat(body(back)).containsEntry("event", "provider_up").containsEntry("state", "healthy");
      }
      assertThat(logs.text())
          .contains("WARN io.modelgate.core.routing.CircuitBreakers: circuit provider:openai: closed -> open (2 "
              + "failures in a row")
          .contains("INFO io.modelgate.core.routing.CircuitBreakers: circuit provider:openai: open -> half-open")
          .contains("INFO io.modelgate.core.routing.CircuitBreakers: circuit provider:openai: half-open -> closed")
          .contains("WARN io.modelgate.core.catalog.ProviderStates: provider 'openai' is down (was healthy): "
              + "circuit open");
    }
  }
}
