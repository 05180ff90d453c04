package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment contract pointed at local test servers that serve the real provider payloads: discovery lists,
 * per provider, what each serves, and chat streams from each.
 */
class ProvidersEndToEndTest {
  private static final String SSE = "text/event-stream";

  @TempDir
  Path home;

  private MockWebServer server;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return route(request.getMethod(), request.getTarget());
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getPort();
    env.put("MODELGATE_HOME", home.toString());
    env.put("OPENAI_API_KEY", "sk-test-openai-000000000000");
    env.put("OPENAI_BASE_URL", base + "/openai/v1");
    env.put("GEMINI_API_KEY", "AIza-test-gemini-0000");
    env.put("GEMINI_BASE_URL", base + "/gemini");
    env.put("ANTHROPIC_API_KEY", "sk-ant-test-000000000000");
    env.put("ANTHROPIC_BASE_URL", base + "/anthropic");
    env.put("OPENROUTER_API_KEY", "sk-or-test-000000000000");
    env.put("OPENROUTER_BASE_URL", base + "/openrouter/api/v1");
    env.put("OLLAMA_URL", "ollama-mac=" + base + "/ollama");
    env.put("OPENWEBUI_URL", base + "/openwebui");
    env.put("OPENWEBUI_API_KEY", "sk-test-openwebui-0000000000");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse json(String fixture) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .body(Fixtures.read(fixture)).build();
  }

  private static MockResponse body(String contentType, String text) {
    return new MockResponse.Builder().setHeader("Content-Type", contentType).body(text).build();
  }

  private static MockResponse route(String method, String target) {
    boolean get = method.equals("GET");
    if (target.startsWith("/openai/v1/models") && get) {
      return json("openai/models_list_response.json");
    }
    if (target.startsWith("/openai/v1/chat/completions")) {
      return body(SSE, Fixtures.read("openai/chat_completions_stream_text_with_usage.sse"));
    }
    if (target.startsWith("/gemini/v1beta/models?")) {
      return target.contains("pageToken=") ? body("application/json", "{\"models\":[]}")
          : json("gemini/models_list_response_page1.json");
    }
    if (target.startsWith("/gemini/v1beta/models/") && target.contains(":streamGenerateContent")) {
      return body(SSE, Fixtures.read("gemini/streamGenerateContent_alt_sse_short.sse"));
    }
    if (target.startsWith("/anthropic/v1/models")) {
      return target.contains("after_id=") ? body("application/json", "{\"data\":[],\"has_more\":false}")
          : json("anthropic/models_list_response_docs.json");
    }
    if (target.startsWith("/anthropic/v1/messages")) {
      return body(SSE, Fixtures.read("anthropic/messages_stream_sdk_fixture_basic_response.sse"));
    }
    if (target.startsWith("/openrouter/api/v1/models")) {
      return json("openrouter/models_list_response_spec.json");
    }
    if (target.startsWith("/openrouter/api/v1/chat/completions")) {
      return body(SSE, Fixtures.read("openai/chat_completions_stream_text_with_usage.sse"));
    }
    if (target.equals("/ollama/api/tags")) {
      return json("ollama/api_tags_response.json");
    }
    if (target.equals("/ollama/api/show")) {
      return json("ollama/api_show_response_llava.json");
    }
    if (target.equals("/ollama/api/chat")) {
      return body("application/x-ndjson", Fixtures.read("ollama/api_chat_stream_transcript.ndjson"));
    }
    if (target.equals("/openwebui/api/models")) {
      return json("open-webui/api_models_response_shape_from_source.json");
    }
    if (target.equals("/openwebui/api/chat/completions")) {
      return body(SSE, Fixtures.read("openai/chat_completions_stream_text_with_usage.sse"));
    }
    return new MockResponse.Builder().code(404).body("{\"error\":{\"message\":\"no route " + target + "\"}}")
        .build();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> jsonList(String text) throws IOException {
    return (List<Map<String, Object>>) new Moshi.Builder().build()
        .adapter(Types.newParameterizedType(List.class, Object.class)).fromJson(text);
  }

  @Test
  void discoveryListsEachProviderAndChatStreamsFromEach() throws IOException {
    CliRun discover = CliRun.run(env, "", "models", "discover");
    assertThat(discover.exit()).as(discover.out() + discover.err()).isZero();
    for (String provider : List.of("demo", "openai", "gemini", "anthropic", "openrouter", "ollama-mac",
        "openwebui")) {
      assertThat(discover.out()).containsPattern("(?m)^" + provider + ": listed [1-9]");
    }
    assertThat(discover.out()).doesNotContain("sk-test").doesNotContain("AIza");

    List<Map<String, Object>> models = jsonList(CliRun.run(env, "", "models", "list", "--category", "text",
        "--status", "pending", "--json").out());
    Map<String, String> onePerProvider = new HashMap<>();
    for (Map<String, Object> m : models) {
      onePerProvider.putIfAbsent((String) m.get("provider"), (String) m.get("id"));
    }
    assertThat(onePerProvider).containsKeys("openai", "gemini", "anthropic", "openrouter", "ollama-mac",
        "openwebui");

    CliRun enable = CliRun.run(env, "", concat("models", "enable", onePerProvider.values()));
    assertThat(enable.exit()).as(enable.err()).isZero();

    for (Map.Entry<String, String> e : onePerProvider.entrySet()) {
      CliRun chat = CliRun.run(env, "", "chat", "-m", e.getValue(), "Hello!");
      assertThat(chat.exit()).as(e.getKey() + ": " + chat.err()).isZero();
      assertThat(chat.out().strip()).as(e.getKey()).isNotEmpty();
      CliRun json = CliRun.run(env, "", "chat", "-m", e.getValue(), "--json", "Hello!");
      assertThat(json.out()).as(e.getKey()).contains("\"provider\": \"" + e.getKey() + "\"")
          .contains("\"finish_reason\"");
    }
  }

  private static String[] concat(String a, String b, java.util.Collection<String> rest) {
    List<String> all = new java.util.ArrayList<>(List.of(a, b));
    all.addAll(rest);
    return all.toArray(String[]::new);
  }
}
