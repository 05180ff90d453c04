package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** While the provider is silent, a stream carries keep-alive comments, and still ends with [DONE]. */
class KeepAliveHttpTest {
  @Test
  void aSilentProviderGetsKeepAliveCommentsInTheStream() throws Exception {
    try (Harness h = new Harness(Map.of("MODELGATE_SSE_KEEPALIVE_SECONDS", "1"))) {
      h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openai:gpt-4o-mini\"],\"status\":\"enabled\"}");
      HttpResponse<String> r = h.post("/v1/chat/completions", h.adminKey, "{\"model\":\"openai:gpt-4o-mini\","
          + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"take your time\"}]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains(": keep-alive\n\n").endsWith("data: [DONE]\n\n");
    }
  }

  @Test
  void aBadKeepAliveIsRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        io.modelgate.app.Configuration.load(Map.of("MODELGATE_SSE_KEEPALIVE_SECONDS", "0")))
        .hasMessageContaining("MODELGATE_SSE_KEEPALIVE_SECONDS");
  }
}
