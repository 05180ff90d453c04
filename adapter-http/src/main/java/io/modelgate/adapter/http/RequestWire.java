package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import io.modelgate.wire.ChatCompletionWire;
import io.modelgate.wire.OllamaOptions;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies the handlers parse ({@link Call#body(Class)}), one record per body: public to Moshi,
 * invisible outside the package. {@code /openapi.json} describes each body from its record ({@link WireSchema}):
 * a field is required unless {@link Nullable}; {@code Object} is a field that takes more than one JSON type.
 */
final class RequestWire {
  private RequestWire() {}

  // OpenAI's chat-completions request is ChatCompletionWire.Request (module wire): the OpenAI provider writes it too.

  /** OpenAI's embeddings request; {@code input} is a string or an array of strings. */
  public record Embeddings(
      @Nullable String model,
      Object input,
      @Json(name = "encoding_format") @Nullable String encodingFormat,
      @Nullable Integer dimensions) {}

  /** OpenAI's image generation request. */
  public record Images(
      @Nullable String model,
      String prompt,
      @Nullable Integer n,
      @Nullable String size,
      @Nullable String quality,
      @Nullable String style,
      @Json(name = "response_format") @Nullable String responseFormat,
      @Nullable String user) {}

  /** OpenAI's speech request. */
  public record Speech(
      @Nullable String model,
      String input,
      @Nullable String voice,
      @Json(name = "response_format") @Nullable String responseFormat,
      @Nullable Double speed) {}

  /**
   * The catalog API's chat ({@code /ai/chat}, {@code /ai/stream}): a {@code prompt}, or {@code messages} (after
   * any {@code history}); a conversation sticks to the model that first served it.
   */
  public record CatalogChat(
      @Nullable String model,
      @Nullable String prompt,
      @Nullable List<ChatCompletionWire.Message> messages,
      @Nullable List<ChatCompletionWire.Message> history,
      @Json(name = "conversation_id") @Nullable String conversationId) {}

  // ---- Anthropic's Messages API ---------------------------------------------------------------------------------

  /**
   * Anthropic's Messages request ({@code /v1/messages}). {@code system} is a string or an array of text blocks;
   * {@code tool_choice} is {@code {type: auto|any|none|tool, name?}}; an Anthropic target gets the body as sent.
   */
  public record AnthropicMessages(
      String model,
      @Json(name = "max_tokens") Integer maxTokens,
      List<AnthropicMessage> messages,
      @Nullable Object system,
      @Nullable Boolean stream,
      @Nullable Double temperature,
      @Json(name = "top_p") @Nullable Double topP,
      @Json(name = "top_k") @Nullable Integer topK,
      @Json(name = "stop_sequences") @Nullable List<String> stopSequences,
      @Nullable List<AnthropicTool> tools,
      @Json(name = "tool_choice") @Nullable Map<String, Object> toolChoice,
      @Nullable Thinking thinking,
      @Nullable AnthropicMetadata metadata) {}

  /** {@code /v1/messages/count_tokens}: the prompt part of a Messages request. */
  public record AnthropicCount(
      String model,
      List<AnthropicMessage> messages,
      @Nullable Object system,
      @Nullable List<AnthropicTool> tools,
      @Nullable Thinking thinking) {}

  /**
   * One turn; {@code content} is a string or an array of blocks ({@code text}, {@code image}, {@code document},
   * {@code tool_use}, {@code tool_result}, {@code thinking}, {@code redacted_thinking}).
   */
  public record AnthropicMessage(String role, Object content) {}

  /** A client tool ({@code input_schema} a JSON Schema), or a server tool named by its {@code type}. */
  public record AnthropicTool(
      String name,
      @Nullable String type,
      @Nullable String description,
      @Json(name = "input_schema") @Nullable Map<String, Object> inputSchema,
      @Json(name = "cache_control") @Nullable Map<String, Object> cacheControl) {}

  /**
   * Extended thinking: {@code type} is {@code enabled} (with {@code budget_tokens}) or {@code disabled}. A target
   * that is not Anthropic gets it as its own reasoning setting.
   */
  public record Thinking(String type, @Json(name = "budget_tokens") @Nullable Integer budgetTokens) {}

  public record AnthropicMetadata(@Json(name = "user_id") @Nullable String userId) {}

  // ---- OpenAI's Responses API -----------------------------------------------------------------------------------

  /**
   * OpenAI's Responses request ({@code /v1/responses}). {@code input} is a string or an array of items (messages,
   * {@code function_call}, {@code function_call_output}, {@code reasoning}); {@code tool_choice} is a keyword or
   * {@code {type: function, name}}.
   */
  public record Responses(
      @Nullable String model,
      Object input,
      @Nullable String instructions,
      @Nullable Boolean stream,
      @Nullable Boolean store,
      @Json(name = "previous_response_id") @Nullable String previousResponseId,
      @Nullable List<ResponsesTool> tools,
      @Json(name = "tool_choice") @Nullable Object toolChoice,
      @Json(name = "parallel_tool_calls") @Nullable Boolean parallelToolCalls,
      @Nullable ResponsesText text,
      @Nullable Reasoning reasoning,
      @Json(name = "max_output_tokens") @Nullable Integer maxOutputTokens,
      @Nullable Double temperature,
      @Json(name = "top_p") @Nullable Double topP,
      @Nullable String user,
      @Nullable Map<String, Object> metadata) {}

  /** A tool in the Responses API's flat shape ({@code type: function}, its name and JSON Schema parameters). */
  public record ResponsesTool(
      String type,
      @Nullable String name,
      @Nullable String description,
      @Nullable Map<String, Object> parameters,
      @Nullable Boolean strict) {}

  /** {@code format}: {@code {type: text | json_object | json_schema, name?, schema?, strict?}}. */
  public record ResponsesText(@Nullable Map<String, Object> format) {}

  /** {@code effort}: minimal, low, medium or high; {@code summary}: auto, concise or detailed. */
  public record Reasoning(@Nullable String effort, @Nullable String summary) {}

  // ---- Ollama's API ---------------------------------------------------------------------------------------------

  /** Ollama's chat request ({@code /ollama/api/chat}); {@code format} is {@code "json"} or a JSON Schema. */
  public record OllamaChat(
      String model,
      List<OllamaMessage> messages,
      @Nullable Boolean stream,
      @Nullable Object format,
      @Nullable OllamaOptions options,
      @Nullable List<ChatCompletionWire.Tool> tools,
      @Nullable Object think,
      @Json(name = "keep_alive") @Nullable Object keepAlive) {}

  /** One message; {@code images} are base64; a {@code tool} message answers the call its {@code tool_name} names. */
  public record OllamaMessage(
      String role,
      @Nullable String content,
      @Nullable List<String> images,
      @Json(name = "tool_calls") @Nullable List<OllamaToolCall> toolCalls,
      @Json(name = "tool_name") @Nullable String toolName) {}

  public record OllamaToolCall(OllamaFunction function) {}

  /** {@code arguments} is a JSON object. */
  public record OllamaFunction(String name, @Nullable Map<String, Object> arguments) {}

  /** Ollama's generate request ({@code /ollama/api/generate}); an empty prompt only loads the model. */
  public record OllamaGenerate(
      String model,
      @Nullable String prompt,
      @Nullable String system,
      @Nullable Boolean stream,
      @Nullable Object format,
      @Nullable OllamaOptions options,
      @Nullable List<String> images,
      @Json(name = "keep_alive") @Nullable Object keepAlive) {}

  /** {@code /ollama/api/show}: {@code model} (or the older {@code name}). */
  public record OllamaShow(@Nullable String model, @Nullable String name) {}

  /** {@code /ollama/api/embed}: {@code input} is a string or an array of strings. */
  public record OllamaEmbed(String model, Object input, @Nullable Integer dimensions) {}

  /** {@code /ollama/api/embeddings} (legacy): one {@code prompt}. */
  public record OllamaEmbedding(String model, String prompt) {}

  /** The model management requests Modelgate does not serve ({@code pull}, {@code push}, {@code create}, ...). */
  public record OllamaManage(@Nullable String model, @Nullable String name, @Nullable String source,
      @Nullable String destination) {}

  // ---- the service's own routes ---------------------------------------------------------------------------------

  /** Console sign-in with a gateway key. */
  public record SignIn(String key) {}

  /**
   * Seed 002's LLM preference: the caller's own, or (an admin's) an org's ({@code scope: organization}) or an
   * agent's ({@code scope: agent}); a null {@code preferred_model} clears it.
   */
  public record LlmPreference(
      @Json(name = "preferred_provider") @Nullable String preferredProvider,
      @Json(name = "preferred_model") @Nullable String preferredModel,
      @Nullable String scope,
      @Json(name = "organization_id") @Nullable String organizationId,
      @Json(name = "agent_id") @Nullable String agentId) {}

  /** Seed 002's AI-gateway call ({@code /api/generate}): only {@code feature: llm}, {@code subfeature: chat}. */
  public record Generate(
      @Nullable String provider,
      @Nullable String model,
      @Nullable String feature,
      @Nullable String subfeature,
      @Nullable GenerateOptions featureOptions,
      GenerateInput input,
      @Json(name = "conversation_id") @Nullable String conversationId,
      @Json(name = "agent_id") @Nullable String agentId) {}

  public record GenerateOptions(@Nullable Boolean streaming, @Nullable Boolean json) {}

  /** {@code messages} as OpenAI's; {@code tools} as OpenAI's function tools. */
  public record GenerateInput(
      @Nullable List<ChatCompletionWire.Message> messages,
      @Nullable String systemPrompt,
      @Nullable List<ChatCompletionWire.Tool> tools) {}

  /** The caller's default model per category. */
  public record DefaultModels(@Json(name = "default_models") Map<String, String> defaultModels) {}

  /**
   * A caller's own provider key: {@code { provider, key }} replaces their key for the provider; seed 003's
   * {@code { provider, key_name, api_key }} adds one more named key; {@code kind} (with {@code base_url?},
   * {@code name?}) creates a private provider of the caller's.
   */
  public record OwnKey(
      String provider,
      @Nullable String key,
      @Json(name = "api_key") @Nullable String apiKey,
      @Json(name = "key_name") @Nullable String keyName,
      @Nullable String kind,
      @Json(name = "base_url") @Nullable String baseUrl,
      @Nullable String name) {}

  /**
   * A provider config: {@code { provider, key?, default_model?, temperature?, max_tokens?, is_default? }} or seed
   * 003's {@code { provider_type, api_key_id, config: { model, temperature, max_tokens }, is_default }}.
   */
  public record ProviderConfig(
      @Nullable String provider,
      @Json(name = "provider_type") @Nullable String providerType,
      @Nullable String key,
      @Json(name = "api_key_id") @Nullable Long apiKeyId,
      @Json(name = "default_model") @Nullable String defaultModel,
      @Nullable Double temperature,
      @Json(name = "max_tokens") @Nullable Integer maxTokens,
      @Nullable ProviderSettings config,
      @Json(name = "is_default") @Nullable Boolean isDefault) {}

  public record ProviderSettings(@Nullable String model, @Nullable Double temperature,
      @Json(name = "max_tokens") @Nullable Integer maxTokens) {}

  /** A model's new status ({@code enabled}, {@code disabled}, {@code deprecated}, ...) and/or admin notes. */
  public record ModelPatch(@Nullable String status, @Json(name = "admin_notes") @Nullable String adminNotes) {}
}
