package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.error;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 (Cafe distributed AI), called as its document and its iOS {@code APIClient} write it: named API keys
 * ({@code provider, key_name, api_key}), listed masked with ids and deleted by id; provider configs
 * ({@code provider_type, api_key_id, config {model, temperature, max_tokens}, is_default}) on both the plural and
 * the singular path; and {@code /ai/chat} with {@code {prompt, history}} using the user's default config.
 */
class Seed003DistributedAiTest {
  private static final String FIRST_KEY = "sk-cafe-first-0000000000abc123";
  private static final String SECOND_KEY = "sk-cafe-second-000000000xyz789";
  private static Harness h;

  @BeforeAll
  static void start() throws Exception {
    h = new Harness();
    assertThat(h.post("/api/admin/models/bulk-update", h.adminKey,
        "{\"model_ids\":[\"openai:gpt-4o-mini\",\"openai:gpt-4.1-nano\"],\"status\":\"enabled\"}").statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  /** The iOS app's addAPIKey payload, exactly. */
  private static String addKey(String name, String key) {
    return "{\"provider\":\"openai\",\"key_name\":\"" + name + "\",\"api_key\":\"" + key + "\"}";
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> keys(String gatewayKey) {
    return (List<Map<String, Object>>) object(h.get("/api/ai/api-keys", gatewayKey)).get("data");
  }

  @Test
  void namedKeysAreStoredListedMaskedAndDeletedById() {
    String ada = h.member("ada", null);
    HttpResponse<String> first = h.post("/api/ai/api-keys", ada, addKey("My OpenAI Key", FIRST_KEY));
    HttpResponse<String> second = h.post("/api/ai/api-keys", ada, addKey("Work key", SECOND_KEY));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(first.body()).doesNotContain(FIRST_KEY);
    Number firstId = (Number) object(first).get("id");
    assertThat(firstId.longValue()).isPositive();
    List<Map<String, Object>> listed = keys(ada);
    assertThat(listed).hasSize(2);
    assertThat(listed).extracting(k -> k.get("key_name")).containsExactlyInAnyOrder("My OpenAI Key", "Work key");
    Map<String, Object> mine = listed.stream().filter(k -> k.get("key_name").equals("My OpenAI Key")).findFirst()
        .orElseThrow();
    assertThat(mine).containsKeys("id", "provider", "key_name", "masked", "created_at", "last_used_at");
    assertThat(mine.get("masked")).isEqualTo("sk-****abc123");
    assertThat(listed.toString()).doesNotContain(FIRST_KEY).doesNotContain(SECOND_KEY);

    assertThat(h.method("DELETE", "/api/ai/api-keys/" + firstId.longValue(), ada, null).statusCode())
        .isEqualTo(204);
    assertThat(keys(ada)).extracting(k -> k.get("key_name")).containsExactly("Work key");
  }

  @Test
  void aProviderConfigChoosesWhichKeyItsCallsUse() {
    String ben = h.member("ben", null);
    long first = ((Number) object(h.post("/api/ai/api-keys", ben, addKey("first", FIRST_KEY))).get("id"))
        .longValue();
    h.post("/api/ai/api-keys", ben, addKey("second", SECOND_KEY));

    // The iOS app's configureAIProvider payload, on the plural path it uses.
    HttpResponse<String> config = h.post("/api/ai/provider-configs", ben, """
        {"provider_type":"openai","api_key_id":%d,
         "config":{"model":"gpt-4.1-nano","temperature":0.7,"max_tokens":2000},"is_default":true}"""
        .formatted(first));
    assertThat(config.statusCode()).as(config.body()).isEqualTo(201);
    Map<String, Object> saved = object(config);
    assertThat(((Number) saved.get("api_key_id")).longValue()).isEqualTo(first);
    assertThat(saved.get("provider_type")).isEqualTo("openai");
    assertThat(saved.get("is_default")).isEqualTo(true);

    // /ai/chat with the iOS AIChatRequest: the default config's model and chosen key serve it.
    h.upstreamRequests.clear();
    HttpResponse<String> chat = h.post("/ai/chat", ben,
        "{\"prompt\":\"What is on the menu?\",\"history\":[{\"role\":\"user\",\"content\":\"Hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hello!\"}]}");
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    assertThat(object(chat).get("model")).isEqualTo("openai:gpt-4.1-nano");
    assertThat(h.upstreamRequests).filteredOn(r -> r.getTarget().endsWith("/chat/completions"))
        .singleElement().satisfies(r -> {
          assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + FIRST_KEY);
          String body = r.getBody().utf8();
          assertThat(body).contains("\"temperature\":0.7").contains("What is on the menu?").contains("Hello!");
        });
  }

  @Test
  void theSingularConfigPathTheSeedAlsoWritesWorks() {
    String cy = h.member("cy", null);
    HttpResponse<String> saved = h.post("/api/ai/provider-config", cy,
        "{\"provider_type\":\"openai\",\"api_key_id\":null,\"config\":{\"model\":\"gpt-4o-mini\"},\"is_default\":false}");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
    HttpResponse<String> listed = h.get("/api/ai/provider-configs", cy);
    assertThat(listed.body()).contains("\"provider_type\":\"openai\"").contains("\"model\":\"gpt-4o-mini\"");
  }

  @Test
  void badKeysAndConfigsAreRefusedNamingTheField() {
    String dee = h.member("dee", null);
    HttpResponse<String> noKey = h.post("/api/ai/api-keys", dee, "{\"provider\":\"openai\",\"key_name\":\"x\"}");
    assertThat(noKey.statusCode()).isEqualTo(400);
    assertThat(error(noKey).get("param")).isEqualTo("key");
    HttpResponse<String> longName = h.post("/api/ai/api-keys", dee, addKey("n".repeat(101), FIRST_KEY));
    assertThat(longName.statusCode()).isEqualTo(400);
    assertThat(error(longName).get("param")).isEqualTo("key_name");
    HttpResponse<String> badProvider = h.post("/api/ai/provider-configs", dee,
        "{\"provider_type\":\"nosuch\",\"config\":{}}");
    assertThat(badProvider.statusCode()).isEqualTo(400);
    assertThat(error(badProvider).get("param")).isEqualTo("provider");
    HttpResponse<String> badTemperature = h.post("/api/ai/provider-configs", dee,
        "{\"provider_type\":\"openai\",\"config\":{\"temperature\":7}}");
    assertThat(badTemperature.statusCode()).isEqualTo(400);
    assertThat(error(badTemperature).get("param")).isEqualTo("temperature");
    assertThat(keys(dee)).isEmpty();
  }

  @Test
  void aMemberNeverReachesAnotherMembersKeys() {
    String eve = h.member("eve", null);
    String fay = h.member("fay", null);
    long faysKey = ((Number) object(h.post("/api/ai/api-keys", fay, addKey("fay", FIRST_KEY))).get("id"))
        .longValue();

    assertThat(keys(eve)).isEmpty();
    assertThat(h.method("DELETE", "/api/ai/api-keys/" + faysKey, eve, null).statusCode()).isEqualTo(404);
    HttpResponse<String> borrowed = h.post("/api/ai/provider-configs", eve,
        "{\"provider_type\":\"openai\",\"api_key_id\":" + faysKey + ",\"config\":{}}");
    assertThat(borrowed.statusCode()).isEqualTo(400);
    assertThat(error(borrowed).get("param")).isEqualTo("api_key_id");
    assertThat(keys(fay)).hasSize(1);
  }

  @Test
  void withoutADefaultConfigTheFirstConfigWithAModelServesThenTheServerDefault() {
    String gus = h.member("gus", null);
    HttpResponse<String> before = h.post("/ai/chat", gus, "{\"prompt\":\"Hi\"}");
    assertThat(before.statusCode()).isEqualTo(200);
    String serverDefault = (String) object(before).get("model");

    h.post("/api/ai/provider-configs", gus,
        "{\"provider_type\":\"openai\",\"config\":{\"model\":\"gpt-4.1-nano\"},\"is_default\":false}");
    HttpResponse<String> after = h.post("/ai/chat", gus, "{\"prompt\":\"Hi\"}");
    assertThat(object(after).get("model")).isEqualTo("openai:gpt-4.1-nano").isNotEqualTo(serverDefault);
  }

  /** A fake Ollama node: lists llama3.2, shows it, answers chats; counts the chats it served. */
  private static mockwebserver3.MockWebServer ollamaNode(java.util.concurrent.atomic.AtomicInteger chats)
      throws java.io.IOException {
    mockwebserver3.MockWebServer node = new mockwebserver3.MockWebServer();
    node.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        String path = request.getTarget();
        String body = switch (path) {
          case "/api/tags" -> "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\","
              + "\"size\":2019393189,\"details\":{\"family\":\"llama\",\"parameter_size\":\"3.2B\"}}]}";
          case "/api/show" -> "{\"parameters\":\"num_ctx 8192\",\"model_info\":{\"llama.context_length\":131072},"
              + "\"capabilities\":[\"completion\"]}";
          case "/api/version" -> "{\"version\":\"0.6.2\"}";
          case "/api/ps" -> "{\"models\":[]}";
          case "/api/chat" -> {
            chats.incrementAndGet();
            yield "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":5,\"eval_count\":2}\n";
          }
          default -> null;
        };
        return body == null ? new mockwebserver3.MockResponse.Builder().code(404).build()
            : new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json").body(body)
                .build();
      }
    });
    node.start();
    return node;
  }

  @Test
  void requestsSpreadOverTheOllamaNodesServingTheSameModel() throws Exception {
    var macChats = new java.util.concurrent.atomic.AtomicInteger();
    var winChats = new java.util.concurrent.atomic.AtomicInteger();
    try (mockwebserver3.MockWebServer mac = ollamaNode(macChats);
        mockwebserver3.MockWebServer win = ollamaNode(winChats);
        Harness nodes = new Harness(Map.of("OLLAMA_URL",
            "mac=" + mac.url("/").toString().replaceAll("/$", "") + ",win="
                + win.url("/").toString().replaceAll("/$", "")))) {
      HttpResponse<String> enabled = nodes.post("/api/admin/models/bulk-update", nodes.adminKey,
          "{\"model_ids\":[\"mac:llama3.2:latest\",\"win:llama3.2:latest\"],\"status\":\"enabled\"}");
      assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
      String member = nodes.member("hal", null);

      for (int i = 0; i < 20; i++) {
        HttpResponse<String> chat = nodes.post("/ai/chat", member,
            "{\"model\":\"mac:llama3.2:latest\",\"prompt\":\"Hi\"}");
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
      }

      assertThat(macChats.get() + winChats.get()).isEqualTo(20);
      assertThat(macChats.get()).as("the Mac served some").isPositive();
      assertThat(winChats.get()).as("the Windows PC served some").isPositive();
    }
  }
}
