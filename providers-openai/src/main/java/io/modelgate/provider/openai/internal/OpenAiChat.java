package io.modelgate.provider.openai.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.OriginalBody;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.port.ChatModel;
import io.modelgate.provider.http.OriginalBodies;
import io.modelgate.provider.http.ServerSentEvents;
import io.modelgate.provider.http.StreamedCall;
import io.modelgate.wire.ChatCompletionWire;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Chat over the OpenAI chat-completions protocol, always streamed ({@code stream: true}); the blocking call is
 * {@link ChatModel#complete}'s default, the collected stream. Each call reads the SSE body on a virtual thread that
 * feeds a {@link ChatEventQueue}; closing the stream cancels the HTTP call. Thread-safe.
 *
 * <p>{@link ChatRequest#extensions()} are sent as extra top-level fields (OpenAI's {@code user}, OpenRouter's
 * {@code provider}); they never replace a field this class sets itself.
 */
public final class OpenAiChat implements ChatModel {
  /** Which field carries the output limit. */
  public enum MaxTokensField {
    /**
     * {@code max_completion_tokens}: what OpenAI itself asks for since its reasoning models, which refuse
     * {@code max_tokens} with a 400 (and {@code max_tokens} is deprecated there).
     */
    MAX_COMPLETION_TOKENS,
    /** {@code max_tokens}: what every compatible server (vLLM, llama.cpp, LM Studio, Groq…) and OpenRouter read. */
    MAX_TOKENS
  }

  /**
   * With its charset: OkHttp adds {@code charset=utf-8} to a text body's type that has none, parsing the type
   * again with regular expressions on every call; the header sent is the same.
   */
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ByteString UTF8_BOM = ByteString.decodeHex("efbbbf");
  private static final Set<String> TOOL_CHOICE_KEYWORDS = Set.of("auto", "none", "required");
  private static final JsonAdapter<ChatCompletionWire.Request> REQUEST =
      OpenAiHttp.MOSHI.adapter(ChatCompletionWire.Request.class);
  private static final JsonAdapter<Map<String, Object>> BODY =
      OpenAiHttp.MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final JsonAdapter<Object> ANY = OpenAiHttp.MOSHI.adapter(Object.class);

  private final OkHttpClient client;
  private final HttpUrl endpoint;
  private final Headers headers;
  private final MaxTokensField maxTokensField;
  private final @Nullable HttpUrl responses;

  /**
   * @param endpoint the full chat URL ({@code …/v1/chat/completions}, Open WebUI's {@code …/api/chat/completions})
   * @param headers sent on every call: the key's {@code Authorization}, attribution headers
   */
  public OpenAiChat(OkHttpClient client, HttpUrl endpoint, Headers headers, MaxTokensField maxTokensField) {
    this(client, endpoint, headers, maxTokensField, null);
  }

  /**
   * A chat whose server also speaks the Responses API at {@code responses} ({@code …/v1/responses}, OpenAI's own):
   * a request a client sent in that API ({@link OriginalBody.Protocol#OPENAI_RESPONSES}) goes there as it came —
   * items, reasoning, tools and every field we do not model — and its events are read back.
   */
  public OpenAiChat(OkHttpClient client, HttpUrl endpoint, Headers headers, MaxTokensField maxTokensField,
      @Nullable HttpUrl responses) {
    this.responses = responses;
    this.client = Objects.requireNonNull(client, "'client' must not be null");
    this.endpoint = Objects.requireNonNull(endpoint, "'endpoint' must not be null");
    this.headers = Objects.requireNonNull(headers, "'headers' must not be null");
    this.maxTokensField = Objects.requireNonNull(maxTokensField, "'maxTokensField' must not be null");
  }

  @Override
  public ChatStream stream(String model, ChatRequest request) {
    OriginalBody original = request.original();
    if (responses != null && original != null && original.protocol() == OriginalBody.Protocol.OPENAI_RESPONSES) {
      return passedThrough(model, request, original);
    }
    ByteString body;
    try {
      body = requestBody(model, request);
    } catch (IllegalArgumentException e) {
      return StreamedCall.failedBeforeSending(e);
    }
    ChatEventQueue queue = new ChatEventQueue();
    Call call = client.newCall(new Request.Builder()
        .url(endpoint)
        .headers(headers)
        .header("Accept", "text/event-stream")
        .post(RequestBody.create(body, JSON_TYPE))
        .build());
    queue.onClose(call::cancel);
    Thread.ofVirtual().name("openai-chat-stream").start(() -> read(call, queue, request.includeUsage()));
    return queue;
  }

  /** The client's Responses body, with the served model and streaming set, to the Responses API. */
  private ChatStream passedThrough(String model, ChatRequest request, OriginalBody original) {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("model", model);
    set.put("stream", true);
    Map<String, Object> defaults = new LinkedHashMap<>();
    if (request.sampling().maxTokens() != null) {
      defaults.put("max_output_tokens", request.sampling().maxTokens());
    }
    if (request.sampling().temperature() != null) {
      defaults.put("temperature", request.sampling().temperature());
    }
    String body;
    try {
      body = OriginalBodies.rewrite(original.json(), set, defaults);
    } catch (InvalidRequestException e) {
      return StreamedCall.failedBeforeSending(e);
    }
    ChatEventQueue queue = new ChatEventQueue();
    Call call = client.newCall(new Request.Builder().url(Objects.requireNonNull(responses)).headers(headers)
        .header("Accept", "text/event-stream").post(RequestBody.create(body, JSON_TYPE)).build());
    queue.onClose(call::cancel);
    Thread.ofVirtual().name("openai-responses-stream").start(() ->
        StreamedCall.read(call, queue, "provider's", OpenAiErrors::fromResponse, OpenAiErrors::fromIo, response -> {
          ResponsesStream state = new ResponsesStream(queue);
          ServerSentEvents.read(response, (event, data) -> state.onData(data));
          return null;
        }));
    return queue;
  }

  private static void read(Call call, ChatEventQueue queue, boolean usageExpected) {
    StreamedCall.read(call, queue, "provider's", OpenAiErrors::fromResponse, OpenAiErrors::fromIo, response -> {
      StreamState state = new StreamState(queue, usageExpected);
      String type = response.header("Content-Type");
      if (type != null && isJson(type)) {
        // A server that ignored stream:true and answered with one JSON document: the same events, all at once.
        if (!isUtf8(type)) {
          state.onWholeAnswer(response.body().string()); // another charset: OkHttp decodes it
          return null;
        }
        Buffer body = wholeBody(response.body().source());
        if (body.rangeEquals(0, UTF8_BOM)) {
          body.skip(UTF8_BOM.size()); // as ResponseBody.string() skips it
        }
        state.onWholeAnswer(body);
        return null;
      }
      // okhttp-sse parses the events; comments (": OPENROUTER PROCESSING") and event names carry nothing here.
      if (ServerSentEvents.read(response, (event, data) -> state.onData(data))) {
        state.onEndOfBody();
      }
      return null;
    });
  }

  /**
   * What is left of {@code source}, in a buffer of its own. The source's first read from the connection goes into a
   * buffer that already holds one byte of ours (dropped before anything is read): okio then copies the answer into
   * that buffer's segment. Into an empty buffer it shares the connection's segment instead when the answer is 1 KB
   * or more, and a shared segment never goes back to okio's pool, so every such answer cost a new 8 KB segment.
   */
  static Buffer wholeBody(BufferedSource source) throws IOException {
    Buffer buffered = source.getBuffer();
    if (buffered.size() == 0) {
      buffered.writeByte(0);
      source.request(Long.MAX_VALUE); // to the end
      source.skip(1);
    }
    Buffer body = new Buffer();
    body.writeAll(source);
    return body;
  }

  /**
   * Whether a Content-Type names JSON ({@code application/json}, parameters allowed): what OkHttp's
   * {@code MediaType.parse(type).subtype().equals("json")} answers, without the regular expressions it runs on every
   * call (1.7% of the gateway's CPU at c=256 in a JFR CPU-time profile).
   */
  static boolean isJson(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    int slash = contentType.indexOf('/');
    int end = slash + 1 + "json".length();
    return slash > 0 && contentType.regionMatches(true, slash + 1, "json", 0, "json".length())
        && (end == contentType.length() || contentType.charAt(end) == ';');
  }

  /** Whether a Content-Type names no charset (JSON is UTF-8) or UTF-8. */
  static boolean isUtf8(String contentType) {
    String lower = contentType.toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("charset=");
    if (at < 0) {
      return true;
    }
    int end = lower.indexOf(';', at);
    String charset = lower.substring(at + "charset=".length(), end < 0 ? lower.length() : end).strip();
    return charset.equals("utf-8") || charset.equals("\"utf-8\"");
  }

  // ---- the request body -----------------------------------------------------------------------------------------

  /**
   * The request's JSON, as the UTF-8 bytes Moshi writes: not decoded into a String for OkHttp to encode it again.
   */
  ByteString requestBody(String model, ChatRequest request) {
    SamplingOptions s = request.sampling();
    boolean completionField = maxTokensField == MaxTokensField.MAX_COMPLETION_TOKENS;
    ChatCompletionWire.Request wire = new ChatCompletionWire.Request(
        model,
        request.messages().stream().map(OpenAiChat::message).toList(),
        true,
        request.includeUsage() ? new ChatCompletionWire.StreamOptions(true) : null,
        s.temperature(),
        s.topP(),
        completionField ? null : s.maxTokens(),
        completionField ? s.maxTokens() : null,
        s.stop().isEmpty() ? null : s.stop(),
        s.seed(),
        s.presencePenalty(),
        s.frequencyPenalty(),
        s.n(),
        s.logprobs(),
        s.topLogprobs(),
        request.tools().isEmpty() ? null : request.tools().stream().map(OpenAiChat::tool).toList(),
        toolChoice(request.toolChoice()),
        responseFormat(request.responseFormat()),
        request.reasoning() == null ? null : request.reasoning().effort().wireName(),
        null);
    if (request.extensions().isEmpty()) {
      return utf8(REQUEST, wire); // the same text as through the tree below, without building the tree
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) REQUEST.toJsonValue(wire));
    request.extensions().forEach(json::putIfAbsent);
    return utf8(BODY, json);
  }

  private static <T> ByteString utf8(JsonAdapter<T> adapter, T value) {
    Buffer json = new Buffer();
    try {
      adapter.toJson(json, value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // writing to memory
    }
    return json.readByteString();
  }

  private static ChatCompletionWire.Message message(ChatMessage m) {
    Object content;
    if (m.content().isEmpty()) {
      content = m.toolCalls().isEmpty() ? "" : null;
    } else if (m.content().size() == 1 && m.content().getFirst() instanceof ContentPart.Text t) {
      content = t.text();
    } else {
      content = m.content().stream().map(p -> switch (p) {
        case ContentPart.Text t -> new ChatWire.Part("text", t.text(), null);
        case ContentPart.Image i -> new ChatWire.Part("image_url", null, new ChatWire.ImageUrl(i.url(), i.detail()));
      }).toList();
    }
    List<ChatCompletionWire.ToolCall> calls = m.toolCalls().isEmpty() ? null : m.toolCalls().stream()
        .map(c -> new ChatCompletionWire.ToolCall(c.id(), "function",
            new ChatCompletionWire.FunctionCall(c.name(), c.arguments())))
        .toList();
    return new ChatCompletionWire.Message(m.role().wireName(), content, m.name(), calls, m.toolCallId());
  }

  private static ChatCompletionWire.Tool tool(ToolDefinition t) {
    return new ChatCompletionWire.Tool("function", new ChatCompletionWire.Function(t.name(), t.description(),
        object(t.parametersSchema(), "parameters of tool " + t.name())));
  }

  private static @Nullable Object toolChoice(@Nullable String choice) {
    if (choice == null || choice.isBlank()) {
      return null;
    }
    if (TOOL_CHOICE_KEYWORDS.contains(choice)) {
      return choice;
    }
    // Any other value names the one function the model must call.
    return Map.of("type", "function", "function", Map.of("name", choice));
  }

  private static ChatCompletionWire.@Nullable ResponseFormat responseFormat(@Nullable ResponseFormat format) {
    if (format == null) {
      return null;
    }
    return switch (format.type()) {
      case TEXT -> new ChatCompletionWire.ResponseFormat("text", null);
      case JSON_OBJECT -> new ChatCompletionWire.ResponseFormat("json_object", null);
      case JSON_SCHEMA -> new ChatCompletionWire.ResponseFormat("json_schema", new ChatCompletionWire.JsonSchema(
          format.schemaName() == null ? "response" : format.schemaName(),
          object(Objects.requireNonNull(format.schema()), "response_format schema")));
    };
  }

  /** A JSON Schema given as text, parsed so that it is sent as an object and not as a string. */
  private static Map<String, Object> object(String text, String what) {
    Object value;
    try {
      value = ANY.fromJson(text);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the " + what + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("the " + what + " must be a JSON object, was " + value);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) map;
    return object;
  }
}
