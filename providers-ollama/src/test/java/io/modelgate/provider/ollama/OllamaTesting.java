package io.modelgate.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.provider.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

/** Shared bits of this module's tests: fixtures, instances on a MockWebServer, JSON comparison. */
final class OllamaTesting {
  private static final JsonAdapter<Object> JSON = OllamaWire.MOSHI.adapter(Object.class);

  private OllamaTesting() {}

  static String fixture(String name) {
    return Fixtures.read("ollama/" + name);
  }

  /** The fixture's lines, without their line ends. */
  static List<String> lines(String name) {
    return fixture(name).lines().filter(l -> !l.isBlank()).toList();
  }

  static ProviderInstance instance(MockWebServer server, Map<String, String> options) {
    String url = server.url("/").toString();
    return ProviderInstance.builder("ollama-test", ProviderKind.OLLAMA)
        .baseUrl(url.substring(0, url.length() - 1))
        .options(options)
        .build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse ndjson(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "application/x-ndjson").body(body).build();
  }

  static MockResponse ndjsonLines(List<String> lines) {
    return ndjson(String.join("\n", lines) + "\n");
  }

  static Object parse(String json) {
    try {
      return JSON.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the request's body is the same JSON as {@code expected} (order and spacing aside). */
  static void assertJsonBody(RecordedRequest request, String expected) {
    assertThat(request.getBody()).isNotNull();
    assertThat(parse(request.getBody().utf8())).isEqualTo(parse(expected));
  }

  static void assertKeyless(RecordedRequest request) {
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  static @Nullable String authorization(RecordedRequest request) {
    return request.getHeaders().get("Authorization");
  }

  static List<ChatEvent> drain(ChatStream stream) {
    List<ChatEvent> events = new ArrayList<>();
    try (stream) {
      ChatEvent e;
      do {
        e = stream.next();
        events.add(e);
      } while (!e.terminal());
    }
    return events;
  }
}
