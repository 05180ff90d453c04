package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.OriginalBody;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A Responses API request a client sent us goes to OpenAI's own /v1/responses with nothing lost, its semantic events
 * read back as chat events; a server that only speaks chat completions gets the translation.
 */
class OpenAiResponsesPassthroughTest extends ServerTest {
  /** A client's body: items with encrypted reasoning, a built-in tool, fields we do not model, an integer limit. */
  private static final String CLIENT_BODY = "{\"model\":\"openai:gpt-5\",\"input\":[{\"type\":\"reasoning\","
      + "\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"gAAAA_opaque\"},{\"role\":\"user\",\"content\":\"hi\"}],"
      + "\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"},\"tools\":[{\"type\":\"web_search_preview\"},"
      + "{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}],"
      + "\"include\":[\"reasoning.encrypted_content\"],\"max_output_tokens\":300,\"store\":false}";

  /** Events shaped per OpenAI's Responses streaming reference: reasoning summary, text, a function call, usage. */
  private static final String EVENTS = event("response.created", "\"response\":{\"id\":\"resp_1\",\"status\":"
      + "\"in_progress\",\"output\":[]}")
      + event("response.reasoning_summary_text.delta", "\"output_index\":0,\"delta\":\"Weather needs a lookup.\"")
      + event("response.output_text.delta", "\"output_index\":1,\"delta\":\"Checking.\"")
      + event("response.output_item.added", "\"output_index\":2,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\","
          + "\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"\"}")
      + event("response.function_call_arguments.delta", "\"output_index\":2,\"delta\":\"{\\\"city\\\":\"")
      + event("response.function_call_arguments.delta", "\"output_index\":2,\"delta\":\"\\\"Paris\\\"}\"")
      + event("response.completed", "\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[],"
          + "\"usage\":{\"input_tokens\":40,\"input_tokens_details\":{\"cached_tokens\":8},\"output_tokens\":30,"
          + "\"output_tokens_details\":{\"reasoning_tokens\":12},\"total_tokens\":70}}");

  private static String event(String type, String fields) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\"," + fields + "}\n\n";
  }

  private ChatModel chat(ProviderKind kind) {
    ProviderInstance instance = ProviderInstance.builder("test", kind).baseUrl(server.url("/v1").toString()).build();
    return new OpenAiDriver().connect(instance, Secret.of("sk-test-responses-0000000000")).chat();
  }

  private static ChatRequest request() {
    return ChatRequest.builder().message(ChatMessage.user("hi"))
        .sampling(new SamplingOptions(0.5, null, 300, List.of(), null, null, null, null, null, null))
        .original(new OriginalBody(OriginalBody.Protocol.OPENAI_RESPONSES, CLIENT_BODY)).build();
  }

  @Test
  void openAiGetsTheClientsBodyAsSentWithTheServedModelAndItsEventsComeBack() throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(EVENTS).build());
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI).stream("gpt-5", request()));

    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getTarget()).isEqualTo("/v1/responses");
    String body = sent.getBody().utf8();
    assertThat(body).contains("\"encrypted_content\":\"gAAAA_opaque\"", "{\"type\":\"web_search_preview\"}",
        "\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"}", "\"include\":[\"reasoning.encrypted_content\"]",
        "\"max_output_tokens\":300", "\"model\":\"gpt-5\"", "\"stream\":true", "\"temperature\":0.5")
        .doesNotContain("openai:gpt-5", "300.0");

    assertThat(events).contains(new ChatEvent.ReasoningDelta("Weather needs a lookup."),
        new ChatEvent.TextDelta(0, "Checking."), new ChatEvent.ToolCallDelta(0, 0, "call_1", "get_weather", ""),
        new ChatEvent.ToolCallDelta(0, 0, null, null, "{\"city\":"));
    assertThat(events.getLast()).isEqualTo(new ChatEvent.Completed(FinishReason.TOOL_CALLS,
        new Usage(40, 30, 8, 12, null), null));
  }

  @Test
  void aFailedResponseFailsTheStreamWithOpenAisErrorKind() throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body(event("response.created", "\"response\":{\"id\":\"resp_2\"}") + event("response.failed",
            "\"response\":{\"id\":\"resp_2\",\"status\":\"failed\",\"error\":{\"code\":\"rate_limit_exceeded\","
                + "\"message\":\"Rate limit reached\"}}")).build());
    List<ChatEvent> events = drain(chat(ProviderKind.OPENAI).stream("gpt-5", request()));
    assertThat(events.getLast()).isInstanceOfSatisfying(ChatEvent.Failed.class,
        f -> assertThat(f.error()).isInstanceOf(RateLimitedException.class));
  }

  @Test
  void aServerThatOnlySpeaksChatCompletionsGetsTheTranslation() throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
        .body(io.modelgate.provider.testkit.Fixtures.read("openai/chat_completions_stream_text_with_usage.sse"))
        .build());
    drain(chat(ProviderKind.OPENAI_COMPATIBLE).stream("local-model", request()));
    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getTarget()).isEqualTo("/v1/chat/completions");
    assertThat(sent.getBody().utf8()).contains("\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]")
        .doesNotContain("encrypted_content");
  }
}
