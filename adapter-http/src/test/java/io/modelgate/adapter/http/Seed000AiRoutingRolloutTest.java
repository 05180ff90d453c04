package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.events;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (AI routing rollout), called as its document writes it: {@code GET /ai/models} with
 * {@code default_model_id} and {@code models[].{id, provider, source, node_name, latency_ms, metadata}},
 * {@code /ai/chat} and {@code /ai/stream} naming the model that answered (the route, and the
 * {@code X-Halext-AI-Model} header its debug overlay reads), {@code AI_DEFAULT_MODEL}, and friendly node names.
 */
class Seed000AiRoutingRolloutTest {
  @Test
  @SuppressWarnings("unchecked")
  void theCatalogCarriesTheFieldsThePickerReadsAndTheConfiguredDefault() throws Exception {
    try (Harness h = new Harness(Map.of("AI_DEFAULT_MODEL", "openai:gpt-4o-mini"))) {
      h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openai:gpt-4o-mini\"],\"status\":\"enabled\"}");
      String member = h.member("nia", null);

      HttpResponse<String> response = h.get("/ai/models", member);

      assertThat(response.statusCode()).isEqualTo(200);
      Map<String, Object> body = object(response);
      assertThat(body.get("default_model_id")).isEqualTo("openai:gpt-4o-mini");
      List<Map<String, Object>> models = (List<Map<String, Object>>) body.get("models");
      Map<String, Object> mini = models.stream().filter(m -> "openai:gpt-4o-mini".equals(m.get("id"))).findFirst()
          .orElseThrow();
      assertThat(mini).containsKeys("id", "provider", "source", "node_name", "metadata");
      assertThat(mini.get("provider")).isEqualTo("openai");
      assertThat(models).anyMatch(m -> "demo:echo".equals(m.get("id")));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aNodesFriendlyNameIsWhatThePickerShows() throws Exception {
    try (Harness h = new Harness()) {
      h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openai:gpt-4o-mini\"],\"status\":\"enabled\"}");
      HttpResponse<String> renamed = h.method("PATCH", "/api/admin/providers/openai", h.adminKey,
          "{\"name\":\"Mac Studio\"}");
      assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);

      List<Map<String, Object>> models = (List<Map<String, Object>>) object(h.get("/ai/models", h.adminKey))
          .get("models");
      assertThat(models).filteredOn(m -> "openai:gpt-4o-mini".equals(m.get("id")))
          .singleElement().satisfies(m -> assertThat(m.get("node_name")).isEqualTo("Mac Studio"));
    }
  }

  @Test
  void chatAndStreamNameTheModelThatAnswered() throws Exception {
    try (Harness h = new Harness()) {
      String member = h.member("oli", null);

      HttpResponse<String> chat = h.post("/ai/chat", member, "{\"model\":\"demo:echo\",\"prompt\":\"Hello\"}");
      assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
      assertThat(chat.headers().firstValue("X-Halext-AI-Model")).contains("demo:echo");
      assertThat(object(chat).get("model")).isEqualTo("demo:echo");
      assertThat(object(chat)).containsKeys("route", "provider");

      HttpResponse<String> stream = h.post("/ai/stream", member, "{\"model\":\"demo:echo\",\"prompt\":\"Hello\"}");
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("X-Halext-AI-Model")).contains("demo:echo");
      assertThat(events(stream.body()).getFirst()).contains("\"type\":\"route\"").contains("\"model\":\"demo:echo\"");
    }
  }

  @Test
  void theSeedsClientIdsNameANodesModel() throws Exception {
    try (Harness h = new Harness()) {
      h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openai:gpt-4o-mini\"],\"status\":\"enabled\"}");
      HttpResponse<String> chat = h.post("/ai/chat", h.adminKey,
          "{\"model\":\"client:openai:gpt-4o-mini\",\"prompt\":\"Hello\"}");
      assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
      assertThat(chat.headers().firstValue("X-Halext-AI-Model")).contains("openai:gpt-4o-mini");
      assertThat(h.post("/ai/chat", h.adminKey, "{\"model\":\"client:nosuch:gpt-4o-mini\",\"prompt\":\"Hi\"}")
          .statusCode()).isEqualTo(404);
    }
  }
}
