package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.squareup.moshi.Moshi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Logs at TRACE (as text and as JSON, formatted as production formats them) and {@code /metrics} after chats,
 * streams, embeddings, failures and a bad key carry no provider key, no gateway key and no prompt text — while the
 * access log does tell each request.
 */
class NoSecretsInLogsOrMetricsTest {
  private static final String PROMPT = "violet-harbour-4512 is the name of my secret plan";
  private static final String BAD_KEY = "mg_0badc0de_AAAAbbbbCCCCddddEEEEffffGGGGhhhh";

  @Test
  void noKeyNorPromptLeavesThroughLogsOrMetrics() throws Exception {
    String member;
    String metrics;
    String text;
    String json;
    try (LogCapture logs = new LogCapture(Level.TRACE); Harness h = new Harness()) {
      h.enable("openai:gpt-4o-mini", "openai:gpt-4.1", "openai:text-embedding-3-small");
      member = h.member("private-pat", null);
      String chat = "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]";
      for (String model : List.of("openai:gpt-4o-mini", "openai:gpt-4.1", "demo:echo")) {
        for (boolean stream : new boolean[] {false, true}) {
          HttpResponse<String> r = h.post("/v1/chat/completions", member, "{\"model\":\"" + model
              + "\",\"stream\":" + stream + "," + chat + "}");
          assertThat(r.statusCode()).as(model).isBetween(200, 599);
        }
      }
      assertThat(h.post("/ai/chat", member, "{\"model\":\"demo:echo\"," + chat + "}").statusCode()).isEqualTo(200);
      assertThat(h.post("/v1/embeddings", member, "{\"model\":\"openai:text-embedding-3-small\",\"input\":\""
          + PROMPT + "\"}").statusCode()).isEqualTo(200);
      assertThat(h.post("/v1/chat/completions", BAD_KEY, "{\"model\":\"demo:echo\"," + chat + "}").statusCode())
          .isEqualTo(401);
      assertThat(h.send(h.request("/v1/chat/completions", member).header("traceparent",
          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"demo:echo\"," + chat + "}")).build())
          .statusCode()).isEqualTo(200);
      metrics = h.get("/metrics", h.adminKey).body();
      text = logs.text();
      json = logs.json();
      String userId = h.userId(member);
      assertThat(text).as("one access line per request, with its caller, tokens and cost")
          .containsPattern("INFO modelgate\\.access: POST /v1/chat/completions 200 \\d+ms request_id=\\S+ caller="
              + userId + " model=openai:gpt-4o-mini provider=openai input_tokens=14 output_tokens=30 cost_usd=\\S+ "
              + "attempts=1")
          .contains("INFO modelgate.access: POST /v1/chat/completions 401 ")
          .contains("trace_id=4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(h.adminKey).isNotBlank();
      for (String secret : List.of(Harness.UPSTREAM_KEY, h.adminKey, member, BAD_KEY, PROMPT, "violet-harbour")) {
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(text).as("text logs").doesNotContain(secret).doesNotContain(base64);
        assertThat(json).as("JSON logs").doesNotContain(secret).doesNotContain(base64);
        assertThat(metrics).as("metrics").doesNotContain(secret);
      }
    }
    assertThat(text.lines().filter(l -> l.startsWith("TRACE ") || l.startsWith("DEBUG "))).as("TRACE was on")
        .isNotEmpty();
    var reader = new Moshi.Builder().build().adapter(Object.class);
    List<String> lines = json.lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(reader.fromJson(line)).as(line).isInstanceOf(Map.class);
    }
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"loggerName\":\"modelgate.access\"")
        .contains("\"formattedMessage\":\"POST \\/v1\\/chat\\/completions 200 ").contains("\"request_id\"")
        .contains("{\"input_tokens\":\"14\"}"));
  }
}
