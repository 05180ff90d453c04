package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.provider.testkit.Fixtures;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that echo the key they were sent — one without any known key prefix — in a 401, a 500 body, a stream's
 * error event and a failed model listing: the key is in no log line (DEBUG on), response, metric or audit entry,
 * and members read a summary of a provider's failure, not its text.
 */
class SecretEchoTest {
  private static final String KEY = "PLAINsharedKey0123456789abcdef";
  private static final String OTHER_KEY = "PLAINmistralKey98765432100zz";

  private static MockResponse echo(int code, RecordedRequest request, String how) {
    String sent = request.getHeaders().get("Authorization");
    String key = sent == null ? "?" : sent.substring("Bearer ".length());
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"" + how + ": " + key + " (" + Base64.getEncoder()
            .encodeToString(key.getBytes(StandardCharsets.UTF_8)) + ")\",\"type\":\"invalid_request_error\"}}")
        .build();
  }

  @Test
  void anEchoedKeyLeavesTheProcessNowhere() throws Exception {
    LogCapture logs = new LogCapture(ch.qos.logback.classic.Level.DEBUG);
    Dispatcher answers = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (target.startsWith("/other/")) {
          return echo(401, request, "Incorrect API key provided");
        }
        if (target.endsWith("/models")) {
          return new MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
              {"object":"list","data":[
                {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
                {"id":"gpt-4.1","object":"model","created":1744316542,"owned_by":"system"},
                {"id":"gpt-4.1-mini","object":"model","created":1744318173,"owned_by":"system"}]}""").build();
        }
        if (body.contains("\"gpt-4o-mini\"")) {
          return echo(401, request, "Incorrect API key provided");
        }
        if (body.contains("\"gpt-4.1\"")) {
          return echo(500, request, "internal failure while using key");
        }
        String sse = Fixtures.read("openai/chat_completions_stream_text_with_usage.sse");
        String first = sse.substring(0, sse.indexOf("\n\n") + 2);
        String sent = request.getHeaders().get("Authorization").substring("Bearer ".length());
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(first
            + "data: {\"error\":{\"message\":\"stream broke for key " + sent + "\",\"type\":\"server_error\"}}\n\n")
            .build();
      }
    };
    List<String> seen = new ArrayList<>();
    try (Harness h = new Harness(Map.of("OPENAI_API_KEY", KEY), answers)) {
      h.post("/api/admin/models/bulk-update", h.adminKey, "{\"model_ids\":[\"openai:gpt-4o-mini\",\"openai:gpt-4.1\","
          + "\"openai:gpt-4.1-mini\"],\"status\":\"enabled\"}");
      // A second provider whose key comes in a request, and whose listing echoes it.
      HttpResponse<String> created = h.post("/api/admin/providers", h.adminKey, "{\"id\":\"other\","
          + "\"kind\":\"openai-compatible\",\"base_url\":\"" + h.upstream.url("/other/v1") + "\",\"key\":\""
          + OTHER_KEY + "\"}");
      assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
      seen.add(created.body());
      String member = h.member("mia", null);
      for (String model : List.of("gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini")) {
        for (boolean stream : new boolean[] {false, true}) {
          HttpResponse<String> r = h.post("/v1/chat/completions", member, "{\"model\":\"openai:" + model
              + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
          seen.add(r.headers().map() + r.body());
          assertThat(r.body()).as("%s stream=%s", model, stream).doesNotContain(KEY);
        }
      }
      HttpResponse<String> discovered = h.post("/api/admin/models/discover?force=true", h.adminKey, "{}");
      seen.add(discovered.body());
      HttpResponse<String> health = h.post("/api/admin/providers/health", h.adminKey, "{}");
      seen.add(health.body());
      HttpResponse<String> memberModels = h.get("/ai/models", member);
      seen.add(memberModels.body());
      assertThat(memberModels.body()).contains(Problems.MEMBER_PROVIDER_ERROR).doesNotContain("Incorrect API key");
      HttpResponse<String> memberRegistry = h.get("/api/models", member);
      seen.add(memberRegistry.body());
      assertThat(memberRegistry.body()).as("seed 001's registry too").contains(Problems.MEMBER_PROVIDER_ERROR)
          .doesNotContain("Incorrect API key");
      HttpResponse<String> adminModels = h.get("/ai/models", h.adminKey);
      seen.add(adminModels.body());
      assertThat(adminModels.body()).as("admins read the provider's text, redacted")
          .contains("Incorrect API key provided: [redacted]");
      seen.add(h.get("/metrics", h.adminKey).body());
      seen.add(h.get("/api/admin/audit?limit=500", h.adminKey).body());
      seen.add(h.get("/api/admin/providers", h.adminKey).body());
    } finally {
      logs.close();
    }
    String logged = logs.text() + logs.json();
    assertThat(logged).as("the upstream's failures were logged").contains("Incorrect API key provided");
    for (String secret : List.of(KEY, OTHER_KEY)) {
      String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
      assertThat(logged).doesNotContain(secret).doesNotContain(base64);
      for (String text : seen) {
        assertThat(text).doesNotContain(secret).doesNotContain(base64);
      }
    }
  }
}
