package io.modelgate.core.chat;

import io.modelgate.core.model.CallerContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat call: the model asked for (a model id, an alias, or none to let routing choose), the messages, sampling,
 * tools and response format, and who is calling. {@code extensions} carries request fields we do not model,
 * passed through to protocols that understand them (OpenAI's {@code user}, OpenRouter's {@code provider}).
 * {@code original} is the client's own body when it spoke a provider's protocol, for a target of that protocol.
 * {@code reasoning} is how hard the model should think, when the client asked (null: the model's own default).
 */
public record ChatRequest(
    @Nullable String model,
    List<ChatMessage> messages,
    SamplingOptions sampling,
    List<ToolDefinition> tools,
    @Nullable String toolChoice,
    @Nullable ResponseFormat responseFormat,
    boolean includeUsage,
    Map<String, Object> extensions,
    CallerContext caller,
    @Nullable OriginalBody original,
    @Nullable Reasoning reasoning) {

  public ChatRequest {
    messages = messages == null ? List.of() : List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("'messages' must not be empty");
    }
    sampling = sampling == null ? SamplingOptions.DEFAULTS : sampling;
    tools = tools == null ? List.of() : List.copyOf(tools);
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    caller = caller == null ? CallerContext.ANONYMOUS : caller;
    if (model != null && model.isBlank()) {
      model = null;
    }
  }

  /** A one-message request from an anonymous caller. */
  public static ChatRequest of(@Nullable String model, String prompt) {
    return builder().model(model).message(ChatMessage.user(prompt)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.messages.addAll(messages);
    b.sampling = sampling;
    b.tools.addAll(tools);
    b.toolChoice = toolChoice;
    b.responseFormat = responseFormat;
    b.includeUsage = includeUsage;
    b.extensions.putAll(extensions);
    b.caller = caller;
    b.original = original;
    b.reasoning = reasoning;
    return b;
  }

  /** Builds a {@link ChatRequest}; at least one message is required. */
  public static final class Builder {
    private @Nullable String model;
    private final List<ChatMessage> messages = new java.util.ArrayList<>();
    private SamplingOptions sampling = SamplingOptions.DEFAULTS;
    private final List<ToolDefinition> tools = new java.util.ArrayList<>();
    private @Nullable String toolChoice;
    private @Nullable ResponseFormat responseFormat;
    private boolean includeUsage = true;
    private final Map<String, Object> extensions = new java.util.LinkedHashMap<>();
    private CallerContext caller = CallerContext.ANONYMOUS;
    private @Nullable OriginalBody original;
    private @Nullable Reasoning reasoning;

    private Builder() {}

    public Builder model(@Nullable String value) { model = value; return this; }
    public Builder message(ChatMessage value) { messages.add(Objects.requireNonNull(value)); return this; }
    public Builder messages(List<ChatMessage> value) { messages.clear(); messages.addAll(value); return this; }
    public Builder sampling(SamplingOptions value) { sampling = value; return this; }
    public Builder tools(List<ToolDefinition> value) { tools.clear(); tools.addAll(value); return this; }
    public Builder toolChoice(@Nullable String value) { toolChoice = value; return this; }
    public Builder responseFormat(@Nullable ResponseFormat value) { responseFormat = value; return this; }
    public Builder includeUsage(boolean value) { includeUsage = value; return this; }
    public Builder extension(String key, Object value) { extensions.put(key, value); return this; }
    public Builder extensions(Map<String, Object> value) { extensions.clear(); extensions.putAll(value); return this; }
    public Builder caller(CallerContext value) { caller = value; return this; }
    public Builder original(@Nullable OriginalBody value) { original = value; return this; }
    public Builder reasoning(@Nullable Reasoning value) { reasoning = value; return this; }

    public ChatRequest build() {
      return new ChatRequest(model, messages, sampling, tools, toolChoice, responseFormat, includeUsage, extensions,
          caller, original, reasoning);
    }
  }
}
