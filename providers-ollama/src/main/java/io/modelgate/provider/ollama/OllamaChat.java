package io.modelgate.provider.ollama;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.provider.ollama.OllamaWire.RawJson;
import io.modelgate.wire.OllamaOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import io.modelgate.provider.http.StreamedCall;
import okhttp3.Call;
import okhttp3.Response;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Chat over {@code POST /api/chat} and its NDJSON stream: content and thinking deltas, whole tool calls (their
 * argument objects turned into JSON text, ids made up where Ollama gives none), and the final {@code done} line's
 * reason and counts. The blocking call is the collected stream. Thread-safe.
 */
final class OllamaChat implements io.modelgate.core.port.ChatModel {
  private static final JsonAdapter<OllamaWire.ChatChunk> CHUNK = OllamaWire.MOSHI.adapter(OllamaWire.ChatChunk.class);

  private final OllamaHttp http;

  OllamaChat(OllamaHttp http) {
    this.http = http;
  }

  @Override
  public ChatStream stream(String model, ChatRequest request) {
    OllamaWire.ChatRequest body;
    try {
      body = toWire(model, request);
    } catch (ModelgateException | IllegalArgumentException e) {
      return StreamedCall.failedBeforeSending(e);
    }
    ChatEventQueue queue = new ChatEventQueue();
    Call call = http.newCall("api/chat", body, OllamaWire.ChatRequest.class);
    queue.onClose(call::cancel);
    Thread.ofVirtual().name("ollama-chat-" + model).start(() -> read(call, queue));
    return queue;
  }

  private static void read(Call call, ChatEventQueue queue) {
    // Ollama streams NDJSON, a JSON document a line; a body that ends without done:true is a broken stream.
    StreamedCall.read(call, queue, "Ollama", OllamaErrors::fromResponse, OllamaErrors::fromIo, response -> {
      StreamState state = new StreamState();
      BufferedSource source = response.body().source();
      String line;
      while ((line = source.readUtf8Line()) != null) {
        if (line.isBlank()) {
          continue;
        }
        OllamaWire.ChatChunk chunk;
        try {
          chunk = CHUNK.fromJson(line);
        } catch (JsonEncodingException | JsonDataException e) {
          throw OllamaErrors.malformed(line, e);
        }
        if (chunk == null) {
          throw OllamaErrors.malformed(line, new IOException("null line"));
        }
        if (!state.accept(chunk, queue)) {
          break;
        }
      }
      return null;
    });
  }

  /** What one stream has seen so far; turns each line into events. */
  private static final class StreamState {
    private int toolCalls;

    /** Emits the events of {@code chunk}; false when the stream is over (terminal sent, or the consumer left). */
    boolean accept(OllamaWire.ChatChunk chunk, ChatEventQueue queue) {
      if (chunk.error() != null) {
        queue.emit(new ChatEvent.Failed(OllamaErrors.midStream(chunk.error())));
        return false;
      }
      OllamaWire.Message message = chunk.message();
      if (message != null) {
        if (message.thinking() != null && !message.thinking().isEmpty()
            && !queue.emit(new ChatEvent.ReasoningDelta(message.thinking()))) {
          return false;
        }
        if (message.content() != null && !message.content().isEmpty()
            && !queue.emit(new ChatEvent.TextDelta(message.content()))) {
          return false;
        }
        for (OllamaWire.ToolCall call : message.toolCalls() == null ? List.<OllamaWire.ToolCall>of()
            : message.toolCalls()) {
          OllamaWire.ToolCallFunction function = call.function();
          if (function == null || function.name() == null) {
            continue;
          }
          String id = call.id() != null && !call.id().isBlank() ? call.id() : newCallId();
          String arguments = function.arguments() == null ? "{}" : argumentsText(function.arguments());
          if (!queue.emit(new ChatEvent.ToolCallDelta(0, toolCalls++, id, function.name(), arguments))) {
            return false;
          }
        }
      }
      if (Boolean.TRUE.equals(chunk.done())) {
        Usage usage = Usage.of(orZero(chunk.promptEvalCount()), orZero(chunk.evalCount()));
        queue.emit(new ChatEvent.UsageReport(usage));
        queue.emit(new ChatEvent.Completed(finishReason(chunk.doneReason(), toolCalls > 0), usage,
            chunk.doneReason()));
        return false;
      }
      return true;
    }
  }

  /** Ollama says {@code stop} even after tool calls; a reply that made calls finishes as {@code TOOL_CALLS}. */
  static FinishReason finishReason(@Nullable String doneReason, boolean madeToolCalls) {
    String reason = doneReason == null ? "stop" : doneReason;
    return switch (reason) {
      case "stop" -> madeToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
      case "length" -> FinishReason.LENGTH;
      default -> FinishReason.OTHER;
    };
  }

  /** Arguments arrive as an object; a model that sends a JSON string holding the object gets it unwrapped. */
  private static String argumentsText(RawJson arguments) {
    String json = arguments.json();
    if (json.startsWith("\"")) {
      try {
        Object inner = OllamaWire.MOSHI.adapter(Object.class).fromJson(json);
        if (inner instanceof String s && !s.isBlank()) {
          return s;
        }
      } catch (IOException | RuntimeException e) {
        return json;
      }
    }
    return json;
  }

  private static String newCallId() {
    byte[] bytes = new byte[12];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "call_" + HexFormat.of().formatHex(bytes);
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  // ---- request mapping ------------------------------------------------------------------------------------------

  /** The wire request for {@code request}; a value Ollama cannot take is an {@link InvalidRequestException}. */
  static OllamaWire.ChatRequest toWire(String model, ChatRequest request) {
    SamplingOptions sampling = request.sampling();
    if (sampling.n() != null && sampling.n() > 1) {
      throw new InvalidRequestException("Ollama returns one choice per call; 'n' must be 1, was " + sampling.n(), "n");
    }
    Map<String, String> toolNames = new HashMap<>();
    List<OllamaWire.Message> messages = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      messages.add(toWire(message, toolNames));
    }
    List<OllamaWire.Tool> tools = request.tools().isEmpty() ? null : request.tools().stream().map(OllamaChat::toWire)
        .toList();
    return new OllamaWire.ChatRequest(model, messages, tools, format(request.responseFormat()), options(sampling),
        think(request), extension(request, "keep_alive"), true);
  }

  private static OllamaWire.Message toWire(ChatMessage message, Map<String, String> toolNames) {
    List<String> images = new ArrayList<>();
    for (ContentPart part : message.content()) {
      if (part instanceof ContentPart.Image image) {
        images.add(base64Of(image.url()));
      }
    }
    List<OllamaWire.ToolCall> calls = null;
    if (!message.toolCalls().isEmpty()) {
      calls = new ArrayList<>();
      for (ToolCall call : message.toolCalls()) {
        toolNames.put(call.id(), call.name());
        RawJson arguments = jsonOf(call.arguments(), "tool_calls.function.arguments");
        calls.add(new OllamaWire.ToolCall(null, new OllamaWire.ToolCallFunction(null, call.name(), arguments)));
      }
    }
    String toolName = null;
    if (message.role() == Role.TOOL) {
      toolName = message.name() != null ? message.name() : toolNames.get(message.toolCallId());
    }
    return new OllamaWire.Message(message.role().wireName(), message.text(), null,
        images.isEmpty() ? null : images, calls, toolName);
  }

  private static OllamaWire.Tool toWire(ToolDefinition tool) {
    return new OllamaWire.Tool("function", new OllamaWire.ToolFunction(tool.name(), tool.description(),
        jsonOf(tool.parametersSchema(), "tools.function.parameters")));
  }

  /** Ollama takes images inline only, as bare base64: the payload of a {@code data:...;base64,} URL. */
  private static String base64Of(String url) {
    if (!url.startsWith("data:")) {
      throw new InvalidRequestException(
          "Ollama takes images inline only: give the image as a data: URL, not a link", "messages.content.image_url");
    }
    int comma = url.indexOf(',');
    if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      throw new InvalidRequestException("an image data: URL must be base64-encoded ('data:<type>;base64,...')",
          "messages.content.image_url");
    }
    return url.substring(comma + 1);
  }

  private static @Nullable RawJson format(@Nullable ResponseFormat format) {
    if (format == null) {
      return null;
    }
    return switch (format.type()) {
      case TEXT -> null;
      case JSON_OBJECT -> new RawJson("\"json\"");
      case JSON_SCHEMA -> jsonOf(format.schema(), "response_format.json_schema.schema");
    };
  }

  private static @Nullable OllamaOptions options(SamplingOptions s) {
    OllamaOptions options = new OllamaOptions(s.temperature(), s.topP(), s.maxTokens(),
        s.stop().isEmpty() ? null : s.stop(), s.seed(), s.presencePenalty(), s.frequencyPenalty());
    return options.equals(new OllamaOptions(null, null, null, null, null, null, null)) ? null : options;
  }

  /** {@code think}: the client's own, else {@code true} when the request asks for reasoning. */
  private static @Nullable RawJson think(ChatRequest request) {
    RawJson own = extension(request, "think");
    return own != null || request.reasoning() == null ? own : new RawJson("true");
  }

  /** A pass-through request field ({@code think}, {@code keep_alive}) from the request's extensions. */
  private static @Nullable RawJson extension(ChatRequest request, String name) {
    Object value = request.extensions().get(name);
    return value == null ? null : new RawJson(OllamaWire.MOSHI.adapter(Object.class).toJson(value));
  }

  private static RawJson jsonOf(@Nullable String text, String param) {
    if (text == null || text.isBlank()) {
      return new RawJson("{}");
    }
    try {
      return RawJson.parse(text, param);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), param);
    }
  }
}
