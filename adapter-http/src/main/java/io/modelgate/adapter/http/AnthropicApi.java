package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.gateway.GatewayChat;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic's Messages API, for Claude Code and the Anthropic SDKs: {@code POST /v1/messages} (streamed with
 * Anthropic's own event sequence when {@code stream} is true), {@code POST /v1/messages/count_tokens}, and the same
 * under {@code /anthropic} for clients that want a base URL of their own, where the models list answers too. The
 * gateway key comes as {@code x-api-key} or a bearer token; {@code anthropic-version} is accepted and not needed.
 * Errors take Anthropic's shape. Every call takes the gateway's one path: routing, quotas, usage, route headers.
 */
@Singleton
final class AnthropicApi {
  private static final String TAG = "anthropic";
  /** Stop reasons Anthropic itself gives: passed on as the provider said them. */
  private static final Set<String> STOP_REASONS =
      Set.of("end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal");

  private final ChatCalls chats;
  private final Gateway gateway;
  private final OpenAiApi openAi;
  private final RateLimitHeaders limits;

  @Inject
  AnthropicApi(ChatCalls chats, Gateway gateway, OpenAiApi openAi, RateLimitHeaders limits) {
    this.chats = chats;
    this.gateway = gateway;
    this.openAi = openAi;
    this.limits = limits;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    Endpoint.Dialect anthropic = Endpoint.Dialect.ANTHROPIC;
    List<Endpoint> out = new ArrayList<>();
    for (String base : List.of("", "/anthropic")) {
      out.add(new Endpoint(Method.POST, base + "/v1/messages", user, TAG,
          "Anthropic Messages: a reply, streamed with Anthropic's events when stream is true", this::messages,
          anthropic).body(RequestWire.AnthropicMessages.class).reply(AnthropicWire.Message.class));
      out.add(new Endpoint(Method.POST, base + "/v1/messages/count_tokens", user, TAG,
          "Anthropic Messages: the input tokens a request would take", this::countTokens, anthropic)
          .body(RequestWire.AnthropicCount.class).reply(AnthropicWire.TokenCount.class));
    }
    out.add(new Endpoint(Method.GET, "/anthropic/v1/models", user, TAG,
        "The models this caller may use, for Anthropic clients", openAi::models, anthropic));
    out.add(new Endpoint(Method.GET, "/anthropic/v1/models/{id}", user, TAG,
        "One model this caller may use, for Anthropic clients", openAi::model, anthropic));
    return out;
  }

  private void messages(Call call) throws IOException {
    long started = System.nanoTime();
    Fields body = call.body();
    ChatRequest request = AnthropicRequests.messages(body, new String(call.bodyBytes(), StandardCharsets.UTF_8),
        call.caller(), call.json());
    boolean stream = body.bool("stream", false);
    GatewayChat chat = chats.open(request, call.requestId());
    if (stream) {
      chats.relay(call, chat, started, new StreamFormat(body.requiredString("model")));
      return;
    }
    AnthropicBlocks.Collector collector = new AnthropicBlocks.Collector();
    AnthropicBlocks blocks = new AnthropicBlocks(collector);
    ChatEvent[] last = new ChatEvent[1];
    ChatCalls.Reply reply = chats.join(call, chat, started, event -> {
      last[0] = event;
      try {
        blocks.accept(event);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    call.routeHeaders(chat.route());
    call.costHeader(reply.cost());
    limits.write(call);
    blocks.close();
    String detail = last[0] instanceof ChatEvent.Completed c ? c.detail() : null;
    call.json(200, new AnthropicWire.Message(messageId(chat), "message", "assistant", body.requiredString("model"),
        collector.content(), stopReason(reply.finish(), detail), null, AnthropicWire.counts(reply.usage())));
  }

  private void countTokens(Call call) {
    Fields body = call.body();
    ChatRequest request = Fields.checked(() -> AnthropicRequests.prompt(body, call.json())
        .model(body.requiredString("model")).caller(call.caller()).build());
    call.json(200, new AnthropicWire.TokenCount(gateway.countTokens(request)));
  }

  private static String messageId(GatewayChat chat) {
    return "msg_" + chat.requestId().substring(4);
  }

  /** The provider's own stop reason when it is Anthropic's, else the finish reason in Anthropic's words. */
  static String stopReason(FinishReason finish, @Nullable String detail) {
    if (detail != null && STOP_REASONS.contains(detail)) {
      return detail;
    }
    return switch (finish) {
      case LENGTH -> "max_tokens";
      case TOOL_CALLS -> "tool_use";
      case CONTENT_FILTER -> "refusal";
      case STOP, OTHER -> "end_turn";
    };
  }

  /**
   * Anthropic's event stream: {@code message_start} (with the input usage, once the provider has told it),
   * {@code ping}, each block's start, deltas and stop, {@code message_delta} with the stop reason and the final
   * usage, {@code message_stop}; a broken stream ends with an {@code error} event instead.
   */
  private static final class StreamFormat implements ChatCalls.Format {
    private final String model;
    private @Nullable Sse sse;
    private final AnthropicBlocks blocks = new AnthropicBlocks((type, event) -> sse().event(type, event));
    private String id = "";
    private boolean started;

    StreamFormat(String model) {
      this.model = model;
    }

    private Sse sse() {
      if (sse == null) {
        throw new IllegalStateException("the stream has not started");
      }
      return sse;
    }

    @Override
    public void start(Sse out, GatewayChat chat) {
      sse = out;
      id = messageId(chat);
    }

    @Override
    public void event(Sse out, ChatEvent event) throws IOException {
      if (event instanceof ChatEvent.UsageReport u) {
        begin(u.usage());
        return;
      }
      if (event instanceof ChatEvent.ResponseIdentity) {
        return; // the provider's own reply id: message_start waits for the usage that follows it
      }
      begin(Usage.ZERO);
      blocks.accept(event);
    }

    private void begin(Usage usage) throws IOException {
      if (started) {
        return;
      }
      started = true;
      sse().event("message_start", new AnthropicWire.MessageStart("message_start",
          new AnthropicWire.Message(id, "message", "assistant", model, List.of(), null, null,
              AnthropicWire.counts(new Usage(usage.promptTokens(), Math.min(1, usage.completionTokens()),
                  usage.cachedTokens(), 0, usage.cacheWriteTokens(), null)))));
      sse().event("ping", new AnthropicWire.Bare("ping"));
    }

    @Override
    public void completed(Sse out, ChatEvent.Completed end, Usage usage, BigDecimal cost) throws IOException {
      begin(usage);
      blocks.close();
      out.event("message_delta", new AnthropicWire.MessageDelta("message_delta",
          new AnthropicWire.StopDelta(stopReason(end.reason(), end.detail()), null), AnthropicWire.counts(usage)));
      out.event("message_stop", new AnthropicWire.Bare("message_stop"));
    }

    @Override
    public void end(Sse out) {
      // message_stop was the end: Anthropic's streams have no [DONE].
    }

    @Override
    public void failed(Sse out, Problem problem) throws IOException {
      out.event("error", problem.body(Endpoint.Dialect.ANTHROPIC));
    }
  }
}
