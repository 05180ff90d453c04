package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log probabilities asked for through the OpenAI API come back in OpenAI's shape, streamed or not. */
class LogprobsHttpTest {
  private static final String ASK = "{\"model\":\"openai:gpt-4o-mini\",\"logprobs\":true,\"top_logprobs\":2,%s"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}";

  @Test
  @SuppressWarnings("unchecked")
  void logprobsComeBackInTheAnswerAndInTheStream() throws Exception {
    try (Harness h = new Harness()) {
      h.post("/api/admin/models/bulk-update", h.adminKey,
          "{\"model_ids\":[\"openai:gpt-4o-mini\"],\"status\":\"enabled\"}");
      HttpResponse<String> whole = h.post("/v1/chat/completions", h.adminKey, ASK.formatted(""));
      assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
      Map<String, Object> choice = ((List<Map<String, Object>>) object(whole).get("choices")).getFirst();
      List<Map<String, Object>> content = (List<Map<String, Object>>) ((Map<String, Object>) choice.get("logprobs"))
          .get("content");
      assertThat(content.getFirst()).containsEntry("token", "Hello");
      assertThat(whole.body()).contains("\"bytes\":[72,101,108,108,111]");
      assertThat(h.upstreamRequests.getLast().getBody().utf8()).contains("\"logprobs\":true")
          .contains("\"top_logprobs\":2");

      HttpResponse<String> streamed = h.post("/v1/chat/completions", h.adminKey, ASK.formatted("\"stream\":true,"));
      assertThat(streamed.statusCode()).isEqualTo(200);
      assertThat(streamed.body()).contains("\"logprobs\":{\"content\":[{\"token\":\"Hello\"")
          .endsWith("data: [DONE]\n\n");
    }
  }
}
