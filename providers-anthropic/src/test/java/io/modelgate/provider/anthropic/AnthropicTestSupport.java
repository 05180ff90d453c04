package io.modelgate.provider.anthropic;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** The real Anthropic payloads from {@code shared/fixtures/anthropic} as MockWebServer responses. */
final class AnthropicTestSupport {
  static final String BASIC_SSE = "anthropic/messages_stream_sdk_fixture_basic_response.sse";
  static final String TOOL_USE_SSE = "anthropic/messages_stream_sdk_fixture_tool_use_response.sse";

  private AnthropicTestSupport() {}

  static ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    return ProviderInstance.builder("anthropic", ProviderKind.ANTHROPIC)
        .baseUrl(server.url("/").toString())
        .options(options)
        .build();
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
  }

  static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** The first {@code count} events of a recorded stream: no message_stop. */
  static String firstEvents(String fixture, int count) {
    String[] events = Fixtures.read(fixture).split("\n\n");
    return String.join("\n\n", List.of(events).subList(0, count)) + "\n\n";
  }

  /** Page 1 is the documented list response (has_more, last_id); page 2 the same entry renamed, with no more. */
  static String secondModelsPage() {
    return Fixtures.read("anthropic/models_list_response_docs.json")
        .replace("\"claude-opus-4-6\"", "\"claude-haiku-4-5-20251001\"")
        .replace("Claude Opus 4.6", "Claude Haiku 4.5")
        .replace("\"has_more\": true", "\"has_more\": false")
        .replace("\"last_id\": \"last_id\"", "\"last_id\": \"claude-haiku-4-5-20251001\"");
  }

  /** Anthropic's error body for {@code status}, with the type its docs give that status; fixtures for 400/429. */
  static MockResponse errorResponse(int status) {
    if (status == 400) {
      return json(400, Fixtures.read("anthropic/error_400_invalid_request_error.json"));
    }
    if (status == 429) {
      MockResponse.Builder builder = json(429, Fixtures.read("anthropic/error_429_rate_limit_error.json")).newBuilder();
      Map<String, String> headers;
      try {
        headers = new Moshi.Builder().build().<Map<String, String>>adapter(
                Types.newParameterizedType(Map.class, String.class, String.class))
            .fromJson(Fixtures.read("anthropic/error_429_rate_limit_error.headers.json"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      headers.forEach((name, value) -> {
        if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("connection")) {
          builder.setHeader(name, value);
        }
      });
      return builder.build();
    }
    String type = switch (status) {
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 408 -> "timeout_error";
      case 413 -> "request_too_large";
      case 422 -> "invalid_request_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
    return json(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Anthropic says "
        + type + " (" + status + ")\"},\"request_id\":\"req_test\"}");
  }
}
