package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Ollama's API under /ollama against the running service: lists, show, chat, generate, embeddings, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OllamaApiHttpTest {
  private static final com.squareup.moshi.Moshi MOSHI = new com.squareup.moshi.Moshi.Builder().build();
  private Harness h;

  @BeforeAll
  void start() throws Exception {
    h = new Harness();
    h.enable("openai:gpt-4o-mini", "openai:gpt-4.1-mini");
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> lines(String body) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        out.add((Map<String, Object>) MOSHI.adapter(Object.class).fromJson(line));
      }
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void tagsAndPsListTheUsableModelsByCatalogIdAndVersionNeedsNoKey() {
    HttpResponse<String> tags = h.get("/ollama/api/tags", h.adminKey);
    assertThat(tags.statusCode()).isEqualTo(200);
    List<Map<String, Object>> models = (List<Map<String, Object>>) Harness.object(tags).get("models");
    assertThat(models).extracting(m -> m.get("name")).contains("demo:echo", "demo:embed", "openai:gpt-4o-mini")
        .doesNotContain("demo:speak", "openai:gpt-4.1-nano");
    assertThat(models.getFirst()).containsKeys("model", "modified_at", "size", "digest", "details");
    HttpResponse<String> ps = h.get("/ollama/api/ps", h.adminKey);
    assertThat((List<Map<String, Object>>) Harness.object(ps).get("models"))
        .allSatisfy(m -> assertThat(m).containsKeys("expires_at", "size_vram"));
    assertThat(h.get("/ollama/api/version", null).body()).isEqualTo("{\"version\":\"" + OllamaApi.VERSION + "\"}");
    HttpResponse<String> noKey = h.get("/ollama/api/tags", null);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(Harness.object(noKey)).containsOnlyKeys("error");
  }

  @Test
  void showDescribesAModelAndAnUnknownOneIsAnOllama404() {
    HttpResponse<String> show = h.post("/ollama/api/show", h.adminKey, "{\"model\":\"demo:echo\"}");
    assertThat(show.statusCode()).isEqualTo(200);
    assertThat(Harness.object(show)).containsKeys("modelfile", "details", "model_info")
        .containsEntry("capabilities", List.of("completion"));
    HttpResponse<String> missing = h.post("/ollama/api/show", h.adminKey, "{\"model\":\"demo:nope\"}");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Harness.object(missing)).isEqualTo(Map.of("error", "model 'demo:nope' not found"));
  }

  @Test
  void chatStreamsNdjsonByDefaultAndEndsWithTheCounts() throws Exception {
    HttpResponse<String> r = h.post("/ollama/api/chat", h.adminKey,
        "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}],"
            + "\"options\":{\"temperature\":0.2,\"num_predict\":50,\"seed\":7}}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/x-ndjson");
    assertThat(r.headers().firstValue("x-modelgate-model")).hasValue("demo:echo");
    List<Map<String, Object>> lines = lines(r.body());
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> line : lines.subList(0, lines.size() - 1)) {
      assertThat(line).containsEntry("done", false).containsEntry("model", "demo:echo");
      text.append(((Map<?, ?>) line.get("message")).get("content"));
    }
    assertThat(text.toString()).isEqualTo("Echo: hello there");
    assertThat(lines.getLast()).containsEntry("done", true).containsEntry("done_reason", "stop")
        .containsKeys("prompt_eval_count", "eval_count", "total_duration");
  }

  @Test
  void chatWithStreamFalseAnswersOneObjectWithToolCallsAsObjects() {
    HttpResponse<String> r = h.post("/ollama/api/chat", h.adminKey, """
        {"model":"openai:gpt-4o-mini","stream":false,
         "messages":[{"role":"user","content":"weather in Paris?"}],
         "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
           "properties":{"location":{"type":"string"}}}}}]}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> body = Harness.object(r);
    assertThat(body).containsEntry("done", true);
    Map<?, ?> message = (Map<?, ?>) body.get("message");
    List<?> calls = (List<?>) message.get("tool_calls");
    assertThat(calls).hasSize(1);
    Map<?, ?> function = (Map<?, ?>) ((Map<?, ?>) calls.getFirst()).get("function");
    assertThat(function.get("name")).isNotNull();
    assertThat(function.get("arguments")).isInstanceOf(Map.class);
  }

  @Test
  void aToolRoundTripPairsTheToolAnswerWithTheCallItAnswers() {
    HttpResponse<String> r = h.post("/ollama/api/chat", h.adminKey, """
        {"model":"openai:gpt-4o-mini","stream":false,"format":"json","messages":[
          {"role":"user","content":"weather?"},
          {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},
          {"role":"tool","tool_name":"get_weather","content":"sunny"}]}""");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String sent = h.upstreamRequests.getLast().getBody().utf8();
    assertThat(sent).contains("\"id\":\"call_0\"", "\"tool_call_id\":\"call_0\"", "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"",
        "\"response_format\":{\"type\":\"json_object\"}");
  }

  @Test
  void generateStreamsResponsesAndAnEmptyPromptLoadsTheModel() throws Exception {
    HttpResponse<String> r = h.post("/ollama/api/generate", h.adminKey,
        "{\"model\":\"demo:echo\",\"prompt\":\"why is the sky blue\",\"system\":\"be short\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<Map<String, Object>> lines = lines(r.body());
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l.get("response")));
    assertThat(text.toString()).isEqualTo("Echo: why is the sky blue");
    assertThat(lines.getLast()).containsEntry("done", true);
    HttpResponse<String> load = h.post("/ollama/api/generate", h.adminKey, "{\"model\":\"demo:echo\"}");
    assertThat(Harness.object(load)).containsEntry("done", true).containsEntry("done_reason", "load");
  }

  @Test
  void aStreamBrokenMidWayEndsWithAnErrorLineNeverADoneLine() throws Exception {
    HttpResponse<String> r = h.post("/ollama/api/chat", h.adminKey,
        "{\"model\":\"openai:gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<Map<String, Object>> lines = lines(r.body());
    assertThat(lines.getLast()).containsOnlyKeys("error");
    assertThat(lines).noneMatch(l -> Boolean.TRUE.equals(l.get("done")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void embedAndTheLegacyEmbeddings() {
    HttpResponse<String> r = h.post("/ollama/api/embed", h.adminKey,
        "{\"model\":\"demo:embed\",\"input\":[\"one\",\"two\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<List<Double>> vectors = (List<List<Double>>) Harness.object(r).get("embeddings");
    assertThat(vectors).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(16));
    HttpResponse<String> legacy = h.post("/ollama/api/embeddings", h.adminKey,
        "{\"model\":\"demo:embed\",\"prompt\":\"one\"}");
    assertThat((List<Double>) Harness.object(legacy).get("embedding")).isEqualTo(vectors.getFirst());
  }

  @Test
  void managingLocalModelsAnswersAClearOllamaError() {
    for (String action : List.of("pull", "push", "create", "copy")) {
      HttpResponse<String> r = h.post("/ollama/api/" + action, h.adminKey, "{\"model\":\"llama3\"}");
      assertThat(r.statusCode()).isEqualTo(501);
      assertThat((String) Harness.object(r).get("error")).contains("'" + action + "' is not supported");
    }
    HttpResponse<String> delete = h.method("DELETE", "/ollama/api/delete", h.adminKey, "{\"model\":\"llama3\"}");
    assertThat(delete.statusCode()).isEqualTo(501);
    HttpResponse<String> bad = h.post("/ollama/api/chat", h.adminKey, "{\"model\":\"demo:echo\",\"messages\":[]}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Harness.object(bad)).isEqualTo(Map.of("error", "'messages' must hold at least one message"));
  }
}
