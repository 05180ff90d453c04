package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.routing.Route;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Seed 002's AI-gateway call, {@code POST /api/generate}: {@code provider, model, feature: 'llm', subfeature:
 * 'chat', featureOptions {streaming, json}, input {messages, systemPrompt, tools}}, authorised by a gateway key
 * (the seed's {@code AI_GATEWAY_API_KEY}). The same gateway path as every chat: routing, quotas, usage, route
 * headers. Streams use {@code /ai/stream}'s events; a whole answer carries the text, usage and
 * {@code estimated_cost}.
 */
@Singleton
final class GenerateApi {
  private static final String TAG = "catalog";

  private final ChatCalls chats;
  private final JsonCodec json;

  @Inject
  GenerateApi(ChatCalls chats, JsonCodec json) {
    this.chats = chats;
    this.json = json;
  }

  List<Endpoint> endpoints() {
    return List.of(new Endpoint(Method.POST, "/api/generate", Endpoint.Access.USER, TAG,
        "Seed 002's AI-gateway call: { provider, model, feature: llm, subfeature: chat, featureOptions: { streaming, "
            + "json }, input: { messages, systemPrompt, tools }, conversation_id? }",
        this::generate).body(RequestWire.Generate.class).reply(Reply.class));
  }

  /** A whole answer of {@code /api/generate}. */
  public record Reply(
      String id,
      String provider,
      String model,
      @Json(name = "requested_model") @Nullable String requestedModel,
      String text,
      OpenAiWire.Message message,
      @Json(name = "finish_reason") String finishReason,
      OpenAiWire.UsageCounts usage,
      @Json(name = "estimated_cost") BigDecimal estimatedCost,
      CatalogWire.RouteView route,
      @Json(name = "conversation_id") @Nullable String conversationId) {}

  private void generate(Call call) throws IOException {
    long started = System.nanoTime();
    Fields body = call.body();
    String feature = body.string("feature");
    if (feature != null && !feature.equals("llm")) {
      throw body.invalid("feature", "'" + feature + "' is not served here; only 'llm' is");
    }
    String subfeature = body.string("subfeature");
    if (subfeature != null && !subfeature.equals("chat")) {
      throw body.invalid("subfeature", "'" + subfeature + "' is not served here; only 'chat' is");
    }
    Fields options = body.object("featureOptions");
    boolean streaming = options != null && options.bool("streaming", false);
    boolean jsonOutput = options != null && options.bool("json", false);
    Fields input = body.object("input");
    if (input == null) {
      throw body.invalid("input", "is required: { messages, systemPrompt?, tools? }");
    }
    List<ChatMessage> messages = new ArrayList<>();
    String system = input.string("systemPrompt");
    if (system != null && !system.isBlank()) {
      messages.add(ChatMessage.system(system));
    }
    messages.addAll(ChatRequests.messages(input, "messages", json));
    if (messages.stream().noneMatch(m -> m.role() != io.modelgate.core.chat.Role.SYSTEM)) {
      throw input.invalid("messages", "must hold at least one message");
    }
    CallerContext caller = call.caller(body.string("conversation_id"), body.string("agent_id"));
    ChatRequest request = Fields.checked(() -> ChatRequest.builder()
        .model(Params.providerModel(body.string("provider"), body.string("model")))
        .messages(messages)
        .tools(ChatRequests.tools(input, json))
        .responseFormat(jsonOutput ? ResponseFormat.JSON_OBJECT : null)
        .includeUsage(true)
        .caller(caller)
        .build());
    GatewayChat chat = chats.open(request, call.requestId());
    if (streaming) {
      chats.relay(call, chat, started, RouteEventFormat.INSTANCE);
      return;
    }
    ChatCalls.Reply reply = chats.join(call, chat, started);
    chats.answerHeaders(call, reply);
    ChatCalls.Choice first = reply.choices().getFirst();
    Route route = chat.route();
    call.json(200, new Reply(chat.requestId(), route.instance().id(), route.servedId().toString(),
        route.requested(), first.text(),
        OpenAiWire.assistant(first),
        reply.finish().wireName(), OpenAiWire.usage(reply.usage()), reply.cost(), CatalogWire.route(route),
        caller.conversationId()));
  }
}
