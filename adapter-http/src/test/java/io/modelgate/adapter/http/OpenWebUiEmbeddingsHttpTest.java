package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.json;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.provider.testkit.Fixtures;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Embeddings through an Open WebUI node (OPENWEBUI_URL pointed at a fake): the gateway calls Open WebUI's own
 * {@code POST /api/embeddings} — OpenAI's shape, for every model Open WebUI serves (its backend/open_webui/main.py)
 * — with the node's key, and answers the caller in OpenAI's shape.
 */
class OpenWebUiEmbeddingsHttpTest {
  private static final String NODE_KEY = "sk-owui-node-key-0123456789";

  private static MockResponse openWebUi(RecordedRequest r) {
    String target = r.getTarget();
    if (target.equals("/owui/api/models")) {
      // Open WebUI's /api/models shape (fixtures/open-webui), listing an Ollama embedding model.
      return json(200, """
          {"data":[{"id":"nomic-embed-text:latest","name":"nomic-embed-text:latest","object":"model",
          "created":1732000000,"owned_by":"ollama","connection_type":"local","tags":[],"actions":[],"filters":[],
          "ollama":{"name":"nomic-embed-text:latest","model":"nomic-embed-text:latest","size":274302450}}]}""");
    }
    if (target.equals("/owui/api/embeddings")) {
      return json(200, Fixtures.read("openai/embeddings_response.json"));
    }
    return json(404, "{\"detail\":\"Not Found\"}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void embeddingsGoToOpenWebUisOwnEmbeddingsEndpoint() throws Exception {
    try (Harness h = new Harness(Map.of("OPENWEBUI_URL", "{upstream}/owui", "OPENWEBUI_API_KEY", NODE_KEY),
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return openWebUi(r);
          }
        })) {
      HttpResponse<String> discovered = h.post("/api/admin/models/discover", h.adminKey,
          "{\"provider\":\"openwebui\",\"force\":true}");
      assertThat(discovered.statusCode()).as(discovered.body()).isEqualTo(200);
      assertThat(h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openwebui:nomic-embed-text:latest\"],\"status\":\"enabled\"}").statusCode())
          .isEqualTo(200);

      HttpResponse<String> r = h.post("/v1/embeddings", h.adminKey,
          "{\"model\":\"openwebui:nomic-embed-text:latest\",\"input\":\"one\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      List<Map<String, Object>> data = (List<Map<String, Object>>) object(r).get("data");
      assertThat(data).isNotEmpty().allSatisfy(d -> assertThat((List<?>) d.get("embedding")).isNotEmpty());

      RecordedRequest call = h.upstreamRequests.stream()
          .filter(q -> q.getTarget().contains("embed")).findFirst().orElseThrow();
      assertThat(call.getMethod()).isEqualTo("POST");
      assertThat(call.getTarget()).isEqualTo("/owui/api/embeddings");
      assertThat(call.getHeaders().get("Authorization")).isEqualTo("Bearer " + NODE_KEY);
      String body = call.getBody().utf8();
      assertThat(body).contains("\"model\":\"nomic-embed-text:latest\"").contains("\"input\":[\"one\"]");
      assertThat(r.body()).doesNotContain(NODE_KEY);
    }
  }
}
