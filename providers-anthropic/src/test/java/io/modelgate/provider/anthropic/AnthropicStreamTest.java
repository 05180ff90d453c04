package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import io.modelgate.provider.testkit.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the Messages event stream becomes core chat events. */
class AnthropicStreamTest {
  private final MockWebServer server = new MockWebServer();
  private ChatModel chat;

  @BeforeEach
  void start() throws Exception {
    server.start();
    chat = new AnthropicDriver().connect(AnthropicTestSupport.instance(server, Map.of()),
        Secret.of("sk-ant-test-stream-0000000000000")).chat();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<ChatEvent> events(String body) {
    server.enqueue(AnthropicTestSupport.sse(body));
    List<ChatEvent> events = new ArrayList<>();
    try (ChatStream stream = chat.stream("claude-sonnet-4-5", ChatRequest.of(null, "Hi"))) {
      ChatEvent event;
      do {
        event = stream.next();
        events.add(event);
      } while (!event.terminal());
    }
    return events;
  }

  private static String event(String type, String json) {
    return "event: " + type + "\ndata: " + json + "\n\n";
  }

  private static String messageStart(String usage) {
    return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"usage\":" + usage + "}}");
  }

  private static String messageEnd(String stopReason, int outputTokens) {
    return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
        + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
  }

  private static String text(int index, String text) {
    return event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
        + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
        + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  @Test
  void toolUseBlockIsAssembledIntoOneToolCallWithItsJsonArguments() {
    List<ChatEvent> events = events(Fixtures.read(AnthropicTestSupport.TOOL_USE_SSE));
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.ToolCallDelta).containsExactly(
        new ChatEvent.ToolCallDelta(0, 0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", ""),
        new ChatEvent.ToolCallDelta(0, 0, null, null, "{\"locati"),
        new ChatEvent.ToolCallDelta(0, 0, null, null, "on\": \"P"),
        new ChatEvent.ToolCallDelta(0, 0, null, null, "ar"),
        new ChatEvent.ToolCallDelta(0, 0, null, null, "is\"}"));
    assertThat(events.getLast()).isEqualTo(
        new ChatEvent.Completed(FinishReason.TOOL_CALLS, new Usage(377, 65, 0, 0, null), "tool_use"));
  }

  @Test
  void cacheReadAndCacheCreationTokensCountAsPromptTokens() {
    List<ChatEvent> events = events(messageStart("{\"input_tokens\":20,\"cache_creation_input_tokens\":100,"
        + "\"cache_read_input_tokens\":1000,\"output_tokens\":1}") + text(0, "Hi") + messageEnd("end_turn", 9));
    assertThat(events.getFirst()).isEqualTo(new ChatEvent.ResponseIdentity("msg_1", "claude-sonnet-4-5"));
    assertThat(events.get(1)).isEqualTo(new ChatEvent.UsageReport(new Usage(1120, 1, 1000, 0, 100, null)));
    assertThat(((ChatEvent.Completed) events.getLast()).usage()).isEqualTo(new Usage(1120, 9, 1000, 0, 100, null));
  }

  @Test
  void signaturesAndRedactedThinkingArriveAsReasoningOfTheirOwn() {
    List<ChatEvent> events = events(messageStart("{\"input_tokens\":5,\"output_tokens\":1}")
        + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Hmm.\"}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"SIG==\"}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"ENCRYPTED\"}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
        + text(2, "ok") + messageEnd("end_turn", 3));
    assertThat(events).contains(new ChatEvent.ReasoningDelta("Hmm."),
        new ChatEvent.ReasoningDelta("", "SIG==", false), new ChatEvent.ReasoningDelta("ENCRYPTED", null, true));
  }

  @Test
  void thinkingBlocksBecomeReasoningKeptApartFromTheAnswer() {
    String thinking = event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"2 + 2 is 4.\"}}")
        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAh\"}}")
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    server.enqueue(AnthropicTestSupport.sse(messageStart("{\"input_tokens\":5,\"output_tokens\":1}") + thinking
        + text(1, "4") + messageEnd("end_turn", 12)));
    ChatResponse reply = chat.complete("claude-sonnet-4-5", ChatRequest.of(null, "2+2?"));
    assertThat(reply.reasoning()).isEqualTo("2 + 2 is 4.");
    assertThat(reply.text()).isEqualTo("4");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"end_turn, STOP", "stop_sequence, STOP", "max_tokens, LENGTH", "tool_use, TOOL_CALLS",
      "refusal, CONTENT_FILTER", "pause_turn, OTHER"})
  void stopReasonMapsToAFinishReason(String stopReason, FinishReason expected) {
    List<ChatEvent> events = events(messageStart("{\"input_tokens\":5,\"output_tokens\":1}") + text(0, "x")
        + messageEnd(stopReason, 3));
    assertThat(events.getLast()).isEqualTo(new ChatEvent.Completed(expected, Usage.of(5, 3), stopReason));
  }

  @Test
  void errorEventMidStreamEndsAsAFailureWithTheMappedError() {
    String overloaded = event("error",
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
    List<ChatEvent> events = events(messageStart("{\"input_tokens\":5,\"output_tokens\":1}") + text(0, "Hel")
        + overloaded);
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.TextDelta).hasSize(1);
    assertThat(events).filteredOn(ChatEvent::terminal).hasSize(1);
    ModelgateException error = ((ChatEvent.Failed) events.getLast()).error();
    assertThat(error).isInstanceOf(UpstreamUnavailableException.class).hasMessage("Overloaded");
    assertThat(error.retriable()).isTrue();
    assertThat(((UpstreamUnavailableException) error).status()).isEqualTo(529);
  }

  @Test
  void blockingCallThrowsTheMidStreamError() {
    server.enqueue(AnthropicTestSupport.sse(messageStart("{\"input_tokens\":5,\"output_tokens\":1}")
        + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal error\"}}")));
    assertThatThrownBy(() -> chat.complete("claude-sonnet-4-5", ChatRequest.of(null, "Hi")))
        .isInstanceOf(UpstreamUnavailableException.class).hasMessage("Internal error");
  }

  @Test
  void pingsCommentsAndUnknownEventsAreIgnored() {
    List<ChatEvent> events = events(": keep-alive\n\n" + messageStart("{\"input_tokens\":5,\"output_tokens\":1}")
        + event("ping", "{\"type\": \"ping\"}") + event("future_event", "{\"type\":\"future_event\",\"x\":1}")
        + text(0, "ok") + messageEnd("end_turn", 2));
    assertThat(events).containsExactly(
        new ChatEvent.ResponseIdentity("msg_1", "claude-sonnet-4-5"),
        new ChatEvent.UsageReport(Usage.of(5, 1)),
        new ChatEvent.TextDelta("ok"),
        new ChatEvent.UsageReport(Usage.of(5, 2)),
        new ChatEvent.Completed(FinishReason.STOP, Usage.of(5, 2), "end_turn"));
  }
}
