package io.modelgate.provider.openrouter;

import static io.modelgate.provider.openrouter.OpenRouterConformanceTest.json;
import static io.modelgate.provider.openrouter.OpenRouterConformanceTest.sse;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.BillingException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import io.modelgate.provider.testkit.Fixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenRouter's extras on the OpenAI protocol: its stream fixtures, routing preferences, billed cost, statuses. */
class OpenRouterChatTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ChatModel chat() {
    return new OpenRouterDriver().connect(ProviderInstance.builder("openrouter", ProviderKind.OPENROUTER)
        .baseUrl(server.url("/api/v1").toString()).build(), Secret.of("sk-or-v1-test-000000000000")).chat();
  }

  private static List<ChatEvent> drain(ChatStream stream) {
    List<ChatEvent> events = new ArrayList<>();
    try (stream) {
      for (ChatEvent e = stream.next(); ; e = stream.next()) {
        events.add(e);
        if (e.terminal()) {
          return events;
        }
      }
    }
  }

  @Test
  void theDocumentedStreamWithItsHeartbeatCommentCompletes() {
    server.enqueue(sse(Fixtures.read("openrouter/chat_completions_stream_assembled_from_docs.sse")));
    List<ChatEvent> events = drain(chat().stream("openai/gpt-4", ChatRequest.of(null, "Hello")));
    assertThat(events).containsExactly(new ChatEvent.ResponseIdentity("chatcmpl-123", "openai/gpt-4"),
        new ChatEvent.TextDelta(0, "Hello"), new ChatEvent.Completed(FinishReason.STOP, null, null));
  }

  @Test
  void theDocumentedMidStreamErrorEndsAsAFailure() {
    server.enqueue(sse(Fixtures.read("openrouter/chat_completions_stream_midstream_error_docs.sse")));
    ChatEvent last = drain(chat().stream("openai/gpt-4o", ChatRequest.of(null, "Hello"))).getLast();
    assertThat(last).isInstanceOf(ChatEvent.Failed.class);
    assertThat(((ChatEvent.Failed) last).error()).isInstanceOf(UpstreamUnavailableException.class)
        .hasMessage("Provider disconnected unexpectedly");
  }

  @Test
  void usageCostIsKeptAsTheBilledCost() {
    // The final usage chunk as OpenRouter's usage-accounting docs describe it (cost in credits = USD).
    server.enqueue(sse(OpenRouterConformanceTest.HEARTBEAT + """
        data: {"id":"gen-1","choices":[{"index":0,"delta":{"role":"assistant","content":"Paris"},"finish_reason":null}]}

        data: {"id":"gen-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: {"id":"gen-1","choices":[],"usage":{"prompt_tokens":25,"completion_tokens":10,"total_tokens":35,\
        "cost":0.00042,"prompt_tokens_details":{"cached_tokens":5},"completion_tokens_details":{"reasoning_tokens":0}}}

        data: [DONE]

        """));
    ChatResponse reply = chat().complete("openai/gpt-4", ChatRequest.of(null, "Capital of France?"));
    assertThat(reply.text()).isEqualTo("Paris");
    assertThat(reply.usage().promptTokens()).isEqualTo(25);
    assertThat(reply.usage().cachedTokens()).isEqualTo(5);
    assertThat(reply.usage().billedCostUsd()).isEqualByComparingTo(new BigDecimal("0.00042"));
  }

  @Test
  void providerRoutingPreferencesAndOtherExtensionsPassThrough() throws Exception {
    server.enqueue(sse(Fixtures.read("openrouter/chat_completions_stream_assembled_from_docs.sse")));
    chat().complete("openai/gpt-4", ChatRequest.builder().message(io.modelgate.core.chat.ChatMessage.user("Hi"))
        .extension("provider", Map.of("order", List.of("openai", "azure"), "allow_fallbacks", false))
        .extension("usage", Map.of("include", false))
        .includeUsage(true).build());
    Map<String, Object> body = Json.object(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body).containsEntry("provider", Map.of("order", List.of("openai", "azure"), "allow_fallbacks", false))
        .containsEntry("usage", Map.of("include", false))
        .containsEntry("stream_options", Map.of("include_usage", true));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource({
      "error_402_spec.json, 402, BillingException, false",
      "error_403_guardrail-blocked_spec.json, 403, AuthenticationException, false",
      "error_413_spec.json, 413, InvalidRequestException, false",
      "error_524_spec.json, 524, UpstreamUnavailableException, true",
      "error_529_spec.json, 529, UpstreamUnavailableException, true"})
  void openRoutersOwnStatusesMapToo(String file, int status, String type, boolean retriable) {
    server.enqueue(json(status, Fixtures.read("openrouter/" + file)));
    ChatEvent last = drain(chat().stream("openai/gpt-4o", ChatRequest.of(null, "Hi"))).getLast();
    ModelgateException error = ((ChatEvent.Failed) last).error();
    Class<?> expected = switch (type) {
      case "AuthenticationException" -> AuthenticationException.class;
      case "BillingException" -> BillingException.class;
      case "InvalidRequestException" -> InvalidRequestException.class;
      default -> UpstreamUnavailableException.class;
    };
    assertThat(error).isInstanceOf(expected);
    assertThat(error.retriable()).isEqualTo(retriable);
    assertThat(error.getMessage()).isNotBlank();
  }
}
