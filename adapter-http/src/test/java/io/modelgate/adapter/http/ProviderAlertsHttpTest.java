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
}
