package io.modelgate.provider.gemini;

import com.squareup.moshi.Moshi;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Shared test support: instances on a MockWebServer, fixture responses, request bodies as maps. */
final class GeminiTesting {
  static final String KEY = "AIzaSyTEST-gemini-key-0000000000000000";

  private GeminiTesting() {}

  static ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return ProviderInstance.builder("gemini", ProviderKind.GEMINI)
        .baseUrl(server.url("/").toString())
        .options(options)
        .build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=UTF-8")
        .body(body).build();
  }

  static MockResponse fixture(String name) {
    return json(200, Fixtures.read("gemini/" + name));
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  /** The {@code data:} events of an SSE fixture, each without its blank-line terminator. */
  static List<String> events(String sse) {
    return Arrays.stream(sse.split("\r?\n\r?\n")).filter(e -> !e.isBlank()).toList();
  }

  /** {@code data: <json>} events joined with blank lines, as Gemini sends them. */
  static String sseOf(String... jsons) {
    StringBuilder out = new StringBuilder();
    for (String json : jsons) {
      out.append("data: ").append(json).append("\n\n");
    }
    return out.toString();
  }

  /** Every event of {@code stream} up to and including its terminal one; the stream is closed. */
  static List<ChatEvent> drain(ChatStream stream) {
    List<ChatEvent> events = new ArrayList<>();
    try (stream) {
      ChatEvent event;
      do {
        event = stream.next();
        events.add(event);
      } while (!event.terminal());
    }
    return events;
  }

  static Map<String, Object> body(RecordedRequest request) {
    return parse(request.getBody().utf8());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String json) {
    try {
      return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A value at a path of map keys and list indexes: {@code at(body, "contents", 0, "role")}. */
  static Object at(Object root, Object... path) {
    Object current = root;
    for (Object step : path) {
      current = step instanceof Integer i ? ((List<?>) current).get(i) : ((Map<?, ?>) current).get(step);
    }
    return current;
  }

  /**
   * A second page of {@code GET /v1beta/models}. CONSTRUCTED for the paging test: the real live page 1 in the
   * fixtures ends with a nextPageToken, but its second page was never recorded. The entries follow the shape of
   * the real ones (name, version, displayName, limits, supportedGenerationMethods); gemini-embedding-001,
   * gemini-2.5-flash-preview-tts, aqa and imagen use the method lists those models are documented with, and
   * {@code gemini-hybrid-exp} is made up to show a model that both generates and embeds.
   */
  static final String MODELS_PAGE_2 = """
      {
        "models": [
          {"name": "models/gemini-2.5-flash", "version": "001", "displayName": "Gemini 2.5 Flash",
           "description": "Stable version of Gemini 2.5 Flash", "inputTokenLimit": 1048576, "outputTokenLimit": 65536,
           "supportedGenerationMethods": ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"],
           "temperature": 1, "topP": 0.95, "topK": 64, "maxTemperature": 2, "thinking": true},
          {"name": "models/gemini-2.5-flash-preview-tts", "version": "gemini-2.5-flash-exp-tts-2025-05-19",
           "displayName": "Gemini 2.5 Flash Preview TTS", "inputTokenLimit": 8192, "outputTokenLimit": 16384,
           "supportedGenerationMethods": ["countTokens", "generateContent"]},
          {"name": "models/gemini-embedding-001", "version": "001", "displayName": "Gemini Embedding 001",
           "description": "Obtain a distributed representation of a text.", "inputTokenLimit": 2048,
           "outputTokenLimit": 1,
           "supportedGenerationMethods": ["embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent"]},
          {"name": "models/gemini-hybrid-exp", "version": "exp", "displayName": "Hybrid (made up)",
           "inputTokenLimit": 32768, "outputTokenLimit": 8192,
           "supportedGenerationMethods": ["generateContent", "embedContent", "batchEmbedContents"]},
          {"name": "models/aqa", "version": "001", "displayName": "Model that performs Attributed Question Answering.",
           "inputTokenLimit": 7168, "outputTokenLimit": 1024, "supportedGenerationMethods": ["generateAnswer"]},
          {"name": "models/imagen-4.0-generate-001", "version": "001", "displayName": "Imagen 4",
           "inputTokenLimit": 480, "outputTokenLimit": 8192, "supportedGenerationMethods": ["predict"]}
        ]
      }
      """;
}
