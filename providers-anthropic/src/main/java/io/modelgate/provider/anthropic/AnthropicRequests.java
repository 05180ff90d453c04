package io.modelgate.provider.anthropic;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.OriginalBody;
import io.modelgate.core.chat.Reasoning;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.ToolCall;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.provider.anthropic.AnthropicWire.Block;
import io.modelgate.provider.anthropic.AnthropicWire.Message;
import io.modelgate.provider.http.OriginalBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Maps a core {@link ChatRequest} to the body of {@code POST /v1/messages}, always streaming:
 *
 * <ul>
 *   <li>system messages are joined into the top-level {@code system};
 *   <li>tool calls of an assistant message become {@code tool_use} blocks, tool messages become {@code tool_result}
 *       blocks of a user message, and consecutive messages of the same wire role are merged, since Anthropic wants
 *       user and assistant to alternate;
 *   <li>images become {@code image} blocks: base64 from a {@code data:} URL, a {@code url} source otherwise;
 *   <li>{@code max_tokens}, which Anthropic requires, is the request's own, else the model's curated maximum output,
 *       else {@value #DEFAULT_MAX_TOKENS};
 *   <li>a {@code json_schema} response format becomes {@code output_config.format}; Anthropic has no schema-less
 *       JSON mode, so {@code json_object} is refused as an invalid request;
 *   <li>extensions Anthropic understands ({@code top_k}, {@code thinking}, {@code metadata}, {@code service_tier})
 *       are passed through; others (OpenAI's {@code user}, ...) are dropped;
 *   <li>a request a client sent in the Messages protocol itself ({@link ChatRequest#original()}) goes out as it came,
 *       with only the model and streaming set, so cache_control, signed thinking and documents reach Anthropic;
 *       only thinking blocks Anthropic did not sign (another provider's, sent back by the client) are left out
 *       ({@link UnsignedThinking}).
 * </ul>
 *
 * Options Anthropic lacks ({@code n}, {@code seed}, penalties, logprobs) are not sent. Thread-safe.
 */
final class AnthropicRequests {
  static final int DEFAULT_MAX_TOKENS = 4096;
  static final Set<String> PASSED_EXTENSIONS = Set.of("top_k", "thinking", "metadata", "service_tier");

  private final JsonAdapter<AnthropicWire.MessagesRequest> requestAdapter;
  private final JsonAdapter<Map<String, Object>> mapAdapter;
  private final Function<String, @Nullable Integer> curatedMaxOutput;

  AnthropicRequests(Moshi moshi, Function<String, @Nullable Integer> curatedMaxOutput) {
    this.requestAdapter = moshi.adapter(AnthropicWire.MessagesRequest.class);
    this.mapAdapter = moshi.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    this.curatedMaxOutput = curatedMaxOutput;
  }

  /** The JSON body for {@code model}; throws {@link InvalidRequestException} for what Anthropic cannot take. */
  String toJson(String model, ChatRequest request) {
    OriginalBody original = request.original();
    if (original != null && original.protocol() == OriginalBody.Protocol.ANTHROPIC_MESSAGES) {
      return passedThrough(model, original.json(), request.sampling());
    }
    AnthropicWire.MessagesRequest wire = toWire(model, request);
    String json = requestAdapter.toJson(wire);
    Map<String, Object> extensions = new LinkedHashMap<>();
    request.extensions().forEach((key, value) -> {
      if (PASSED_EXTENSIONS.contains(key)) {
        extensions.put(key, value);
      }
    });
    Map<String, Object> thinking = thinking(request, wire.maxTokens());
    if (thinking != null) {
      extensions.putIfAbsent("thinking", thinking);
    }
    if (extensions.isEmpty()) {
      return json;
    }
    String extra = mapAdapter.toJson(extensions);
    return json.substring(0, json.length() - 1) + "," + extra.substring(1);
  }

  /**
   * Extended thinking for the request's reasoning: its budget (at least Anthropic's 1024 tokens), only when it stays
   * under {@code max_tokens} and no temperature other than 1 was asked (Anthropic refuses thinking otherwise).
   */
  private static @Nullable Map<String, Object> thinking(ChatRequest request, int maxTokens) {
    Reasoning reasoning = request.reasoning();
    Double temperature = request.sampling().temperature();
    int budget = reasoning == null ? 0 : Math.max(1024, reasoning.budget());
    if (reasoning == null || budget >= maxTokens || (temperature != null && temperature != 1.0)) {
      return null;
    }
    return Map.of("type", "enabled", "budget_tokens", budget);
  }

  /**
   * The client's own Messages body, byte for byte but for its unsigned thinking blocks, with {@code model} set to
   * the served model and {@code stream} to true; a {@code max_tokens} or {@code temperature} the client left out
   * but the gateway filled (from an alias or the caller's settings) is added.
   */
  static String passedThrough(String model, String json, SamplingOptions sampling) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    if (sampling.maxTokens() != null) {
      defaults.put("max_tokens", sampling.maxTokens());
    }
    if (sampling.temperature() != null) {
      defaults.put("temperature", sampling.temperature());
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("model", model);
    set.put("stream", true);
    return OriginalBodies.rewrite(UnsignedThinking.strip(json), set, defaults);
  }

  AnthropicWire.MessagesRequest toWire(String model, ChatRequest request) {
    List<String> system = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      if (message.role() == Role.SYSTEM) {
        system.add(message.text());
        continue;
      }
      String role = message.role() == Role.ASSISTANT ? "assistant" : "user";
      List<Block> blocks = blocks(message);
      if (blocks.isEmpty()) {
        continue;
      }
      if (!messages.isEmpty() && messages.getLast().role().equals(role)) {
        List<Block> merged = new ArrayList<>(messages.getLast().content());
        merged.addAll(blocks);
        messages.set(messages.size() - 1, new Message(role, merged));
      } else {
        messages.add(new Message(role, blocks));
      }
    }
    if (messages.isEmpty()) {
      throw new InvalidRequestException("Anthropic needs at least one user or assistant message", "messages");
    }
    SamplingOptions sampling = request.sampling();
    List<AnthropicWire.Tool> tools = request.tools().stream().map(AnthropicRequests::tool).toList();
    return new AnthropicWire.MessagesRequest(
        model,
        maxTokens(model, sampling),
        system.isEmpty() ? null : String.join("\n\n", system),
        messages,
        tools.isEmpty() ? null : tools,
        toolChoice(request.toolChoice()),
        sampling.temperature(),
        sampling.topP(),
        sampling.stop().isEmpty() ? null : sampling.stop(),
        outputConfig(request.responseFormat()),
        true);
  }

  private int maxTokens(String model, SamplingOptions sampling) {
    if (sampling.maxTokens() != null) {
      return sampling.maxTokens();
    }
    Integer curated = curatedMaxOutput.apply(model);
    return curated != null ? curated : DEFAULT_MAX_TOKENS;
  }

  private static List<Block> blocks(ChatMessage message) {
    List<Block> blocks = new ArrayList<>();
    if (message.role() == Role.TOOL) {
      blocks.add(Block.toolResult(message.toolCallId(), message.text()));
      return blocks;
    }
    for (ContentPart part : message.content()) {
      switch (part) {
        case ContentPart.Text t -> {
          if (!t.text().isEmpty()) {
            blocks.add(Block.text(t.text()));
          }
        }
        case ContentPart.Image i -> blocks.add(Block.image(imageSource(i.url())));
      }
    }
    for (ToolCall call : message.toolCalls()) {
      blocks.add(Block.toolUse(call.id(), call.name(), RawJson.of(call.arguments(), "tool_calls.arguments")));
    }
    return blocks;
  }

  /** {@code data:image/png;base64,...} → a base64 source; any other URL → a url source. */
  static AnthropicWire.ImageSource imageSource(String url) {
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      String header = comma < 0 ? "" : url.substring(5, comma);
      if (comma < 0 || !header.endsWith(";base64")) {
        throw new InvalidRequestException("an image data: URL must be base64 ('data:<type>;base64,<data>')",
            "image_url");
      }
      String mediaType = header.substring(0, header.length() - ";base64".length());
      return new AnthropicWire.ImageSource("base64", mediaType, url.substring(comma + 1), null);
    }
    return new AnthropicWire.ImageSource("url", null, null, url);
  }

  private static AnthropicWire.Tool tool(ToolDefinition tool) {
    return new AnthropicWire.Tool(tool.name(), tool.description(),
        RawJson.of(tool.parametersSchema(), "tools.parameters"));
  }

  /**
   * {@code auto}, {@code any} (OpenAI's {@code required}), {@code none}, or a tool's name; OpenAI's object form
   * {@code {"type":"function","function":{"name":"x"}}} names a tool too.
   */
  AnthropicWire.@Nullable ToolChoice toolChoice(@Nullable String choice) {
    if (choice == null || choice.isBlank()) {
      return null;
    }
    String text = choice.strip();
    if (text.startsWith("{")) {
      return new AnthropicWire.ToolChoice("tool", toolNameIn(text));
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "auto" -> new AnthropicWire.ToolChoice("auto", null);
      case "any", "required" -> new AnthropicWire.ToolChoice("any", null);
      case "none" -> new AnthropicWire.ToolChoice("none", null);
      default -> new AnthropicWire.ToolChoice("tool", text);
    };
  }

  private String toolNameIn(String json) {
    Map<String, Object> object;
    try {
      object = mapAdapter.fromJson(json);
    } catch (java.io.IOException | RuntimeException e) {
      throw new InvalidRequestException("'tool_choice' is not valid JSON", "tool_choice");
    }
    Object name = object == null ? null : object.get("name");
    if (object != null && object.get("function") instanceof Map<?, ?> function) {
      name = function.get("name");
    }
    if (!(name instanceof String s) || s.isBlank()) {
      throw new InvalidRequestException("'tool_choice' names no tool", "tool_choice");
    }
    return s;
  }

  private static AnthropicWire.@Nullable OutputConfig outputConfig(@Nullable ResponseFormat format) {
    if (format == null || format.type() == ResponseFormat.Type.TEXT) {
      return null;
    }
    if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
      throw new InvalidRequestException(
          "Anthropic has no plain JSON mode; ask for a json_schema response format instead", "response_format");
    }
    return new AnthropicWire.OutputConfig(
        new AnthropicWire.OutputFormat("json_schema", RawJson.of(format.schema(), "response_format.schema")));
  }
}
