package io.modelgate.adapter.http;

import io.modelgate.app.HttpSettings;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.responses.ResponseHistory;
import io.modelgate.core.responses.StoredResponse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI's Responses API, for the newer OpenAI SDK features and agents: {@code POST /v1/responses} (streamed with
 * the semantic events when {@code stream} is true), and the replies kept with {@code store} (the default) read and
 * deleted at {@code /v1/responses/{id}} by their owner alone. {@code previous_response_id} continues a kept reply's
 * conversation. Every target is served through the gateway's one path, with its routing, quotas, usage and route
 * headers: one that speaks the Responses API itself (OpenAI) is sent the client's body and its own output items come
 * back as it sent them ({@link ResponseItems}); any other is translated from chat completions.
 */
@Singleton
final class ResponsesApi {
  private static final String TAG = "openai";

  private final ChatCalls chats;
  private final ResponseHistory history;
  private final RateLimitHeaders limits;
  private final Duration retention;

  @Inject
  ResponsesApi(ChatCalls chats, ResponseHistory history, RateLimitHeaders limits, HttpSettings settings) {
    this.chats = chats;
    this.history = history;
    this.limits = limits;
    this.retention = settings.responsesRetention();
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.POST, "/v1/responses", user, TAG,
            "Responses API: a reply, streamed as semantic events with stream: true", this::create)
            .body(RequestWire.Responses.class).reply(ResponsesWire.Response.class),
        new Endpoint(Method.GET, "/v1/responses/{id}", user, TAG, "A reply this caller kept (store: true)",
            this::get).reply(ResponsesWire.Response.class),
        new Endpoint(Method.DELETE, "/v1/responses/{id}", user, TAG, "Deletes a reply this caller kept",
            this::delete).reply(ResponsesWire.Deleted.class));
  }

  private void get(Call call) {
    StoredResponse kept = history.find(call.path("id"), call.caller()).orElse(null);
    if (kept == null) {
      call.fail(notFound(call.path("id")));
      return;
    }
    call.send(200, kept.body().getBytes(StandardCharsets.UTF_8));
  }

  private void delete(Call call) {
    String id = call.path("id");
    if (!history.delete(id, call.caller())) {
      call.fail(notFound(id));
      return;
    }
    call.json(200, new ResponsesWire.Deleted(id, "response.deleted", true));
  }

  private static Problem notFound(String id) {
    return new Problem(404, "invalid_request_error", "not_found", "no response '" + Problems.scrub(id)
        + "' is kept for you", "id", null);
  }

  private void create(Call call) throws IOException {
    long started = System.nanoTime();
    Fields body = call.body();
    List<Object> items = new ArrayList<>();
    String previous = body.string("previous_response_id");
    if (previous != null) {
      StoredResponse kept = history.find(previous, call.caller()).orElseThrow(() -> new InvalidRequestException(
          "'previous_response_id' names no response kept for you: '" + Problems.scrub(previous) + "'",
          "previous_response_id"));
      if (!(call.json().parse(kept.history()) instanceof List<?> earlier)) {
        throw new IllegalStateException("kept response " + previous + " has no history");
      }
      items.addAll(earlier);
    }
    List<Object> input = ResponsesRequests.inputItems(body);
    items.addAll(input);
    ChatRequest request = ResponsesRequests.request(body, items, call.caller(), call.json());
    boolean store = body.bool("store", true);
    GatewayChat chat = chats.open(request, call.requestId());
    ResponsesWire.Response shell = shell(body, chat, previous, store);
    Keeper keeper = new Keeper(call.caller(), items, store, call.json());
    if (body.bool("stream", false)) {
      chats.relay(call, chat, started, new Events(shell, keeper, call.json()));
      return;
    }
    ResponseItems output = new ResponseItems((type, event) -> { }, call.json());
    ChatEvent[] last = new ChatEvent[1];
    ChatCalls.Reply reply = chats.join(call, chat, started, event -> {
      last[0] = event;
      try {
        output.accept(event);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    output.close();
    call.routeHeaders(chat.route());
    call.costHeader(reply.cost());
    limits.write(call);
    ResponsesWire.Response done = finished(shell, output, reply.finish(), reply.usage());
    keeper.keep(done, output);
    call.json(200, done);
  }

  private static ResponsesWire.Response shell(Fields body, GatewayChat chat, @Nullable String previous,
      boolean store) {
    Object tools = body.raw("tools");
    Object text = body.raw("text");
    Object metadata = body.raw("metadata");
    Object toolChoice = body.raw("tool_choice");
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = metadata instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return new ResponsesWire.Response("resp_" + chat.requestId().substring(4), "response",
        Instant.now().getEpochSecond(), "in_progress", null, null, body.string("instructions"),
        body.smallInteger("max_output_tokens"), chat.route().servedId().toString(), List.of(),
        body.bool("parallel_tool_calls", true), previous, body.number("temperature"), body.number("top_p"),
        toolChoice == null ? "auto" : Fields.normalised(toolChoice),
        tools instanceof List<?> l ? List.copyOf(l.stream().map(Fields::normalised).toList()) : List.of(), store,
        null, meta, text == null ? Map.of("format", Map.of("type", "text")) : Fields.normalised(text),
        Fields.normalised(body.raw("reasoning")), body.string("user"));
  }

  private static ResponsesWire.Response finished(ResponsesWire.Response shell, ResponseItems output,
      FinishReason finish, Usage usage) {
    ResponsesWire.Incomplete incomplete = switch (finish) {
      case LENGTH -> new ResponsesWire.Incomplete("max_output_tokens");
      case CONTENT_FILTER -> new ResponsesWire.Incomplete("content_filter");
      default -> null;
    };
    return shell.with(incomplete == null ? "completed" : "incomplete", output.output(),
        ResponsesWire.counts(usage), null, incomplete);
  }

  /** Keeps a finished reply and its conversation for the caller, when the request asked to store it. */
  private final class Keeper {
    private final CallerContext caller;
    private final List<Object> items;
    private final boolean store;
    private final JsonCodec json;

    Keeper(CallerContext caller, List<Object> items, boolean store, JsonCodec json) {
      this.caller = caller;
      this.items = items;
      this.store = store;
      this.json = json;
    }

    void keep(ResponsesWire.Response response, ResponseItems output) {
      if (!store) {
        return;
      }
      List<Object> conversation = new ArrayList<>(items);
      conversation.addAll(output.history());
      history.keep(response.id(), caller, new String(json.write(response), StandardCharsets.UTF_8),
          json.treeText(conversation), retention);
    }
  }

  /**
   * The Responses stream: {@code response.created}, {@code response.in_progress}, the items' events,
   * {@code response.completed} with the whole response; a broken stream ends with {@code response.failed} instead.
   * Each event carries its {@code sequence_number}.
   */
  private static final class Events implements ChatCalls.Format {
    private final Keeper keeper;
    private ResponsesWire.Response response;
    private @Nullable Sse sse;
    private int sequence;
    private final ResponseItems items;

    Events(ResponsesWire.Response shell, Keeper keeper, JsonCodec json) {
      this.response = shell;
      this.keeper = keeper;
      this.items = new ResponseItems(this::send, json);
    }

    private void send(String type, Map<String, Object> event) throws IOException {
      if (sse == null) {
        throw new IllegalStateException("the stream has not started");
      }
      event.put("sequence_number", sequence++);
      sse.event(type, event);
    }

    private void whole(String type) throws IOException {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("type", type);
      event.put("response", response);
      send(type, event);
    }

    @Override
    public void start(Sse out, GatewayChat chat) throws IOException {
      sse = out;
      whole("response.created");
      whole("response.in_progress");
    }

    @Override
    public void event(Sse out, ChatEvent event) throws IOException {
      items.accept(event);
    }

    @Override
    public void completed(Sse out, ChatEvent.Completed end, Usage usage, BigDecimal cost) throws IOException {
      items.close();
      response = finished(response, items, end.reason(), usage);
      keeper.keep(response, items);
      whole(response.status().equals("completed") ? "response.completed" : "response.incomplete");
    }

    @Override
    public void end(Sse out) {
      // response.completed was the end: the Responses stream has no [DONE].
    }

    @Override
    public void failed(Sse out, Problem problem) throws IOException {
      response = response.with("failed", items.output(), null,
          new ResponsesWire.Failure(problem.code(), problem.message()), null);
      whole("response.failed");
    }
  }
}
