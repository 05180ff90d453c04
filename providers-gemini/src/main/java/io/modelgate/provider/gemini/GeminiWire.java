package io.modelgate.provider.gemini;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Generative Language API's JSON, as Moshi records. Public only so Moshi can read them; the holder is
 * package-private, so nothing outside this package sees them. Mapped once to core types by the classes beside it.
 */
final class GeminiWire {
  private GeminiWire() {}

  /** A JSON value kept as its text: a schema, function arguments, a model's listing entry. */
  public record RawJson(String json) {
    public RawJson {
      Objects.requireNonNull(json, "'json' must not be null");
    }
  }

  // ---- models.list ------------------------------------------------------------------------------------------

  /** One page of {@code GET /v1beta/models}; each entry is kept raw and parsed again as a {@link Model}. */
  public record ModelPage(@Nullable List<RawJson> models, @Nullable String nextPageToken) {}

  public record Model(
      String name,
      @Nullable String version,
      @Nullable String displayName,
      @Nullable String description,
      @Nullable Integer inputTokenLimit,
      @Nullable Integer outputTokenLimit,
      @Nullable List<String> supportedGenerationMethods,
      @Nullable Boolean thinking) {}

  // ---- generateContent / streamGenerateContent --------------------------------------------------------------

  public record GenerateContentRequest(
      List<Content> contents,
      @Nullable Content systemInstruction,
      @Nullable List<Tool> tools,
      @Nullable ToolConfig toolConfig,
      @Nullable GenerationConfig generationConfig,
      @Nullable RawJson safetySettings,
      @Nullable String cachedContent) {}

  public record Content(@Nullable String role, @Nullable List<Part> parts) {}

  public record Part(
      @Nullable String text,
      @Nullable Boolean thought,
      @Nullable String thoughtSignature,
      @Nullable Blob inlineData,
      @Nullable FileData fileData,
      @Nullable FunctionCall functionCall,
      @Nullable FunctionResponse functionResponse) {

    static Part text(String text) {
      return new Part(text, null, null, null, null, null, null);
    }

    static Part inline(Blob blob) {
      return new Part(null, null, null, blob, null, null, null);
    }

    static Part file(FileData file) {
      return new Part(null, null, null, null, file, null, null);
    }

    static Part call(FunctionCall call, @Nullable String thoughtSignature) {
      return new Part(null, null, thoughtSignature, null, null, call, null);
    }

    static Part response(FunctionResponse response) {
      return new Part(null, null, null, null, null, null, response);
    }
  }

  public record Blob(String mimeType, String data) {}

  public record FileData(@Nullable String mimeType, String fileUri) {}

  public record FunctionCall(@Nullable String id, String name, @Nullable RawJson args) {}

  public record FunctionResponse(@Nullable String id, String name, RawJson response) {}

  public record Tool(List<FunctionDeclaration> functionDeclarations) {}

  /** A function the model may call; its parameters are a full JSON Schema ({@code parametersJsonSchema}). */
  public record FunctionDeclaration(String name, @Nullable String description, RawJson parametersJsonSchema) {}

  public record ToolConfig(FunctionCallingConfig functionCallingConfig) {}

  public record FunctionCallingConfig(String mode, @Nullable List<String> allowedFunctionNames) {}

  /** The thinking a request asks for: a budget in tokens, and the thoughts sent back as thought parts. */
  public record ThinkingConfig(int thinkingBudget, boolean includeThoughts) {}

  public record GenerationConfig(
      @Nullable Double temperature,
      @Nullable Double topP,
      @Nullable Integer topK,
      @Nullable Integer maxOutputTokens,
      @Nullable List<String> stopSequences,
      @Nullable Integer seed,
      @Nullable Integer candidateCount,
      @Nullable Double presencePenalty,
      @Nullable Double frequencyPenalty,
      @Nullable Boolean responseLogprobs,
      @Nullable Integer logprobs,
      @Nullable String responseMimeType,
      @Nullable RawJson responseJsonSchema,
      @Nullable RawJson thinkingConfig,
      @Nullable List<String> responseModalities,
      @Nullable SpeechConfig speechConfig) {

    /** A config that asks only for spoken audio in {@code voice}, for the TTS models. */
    static GenerationConfig speech(String voice) {
      return new GenerationConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          List.of("AUDIO"), new SpeechConfig(new VoiceConfig(new PrebuiltVoiceConfig(voice))));
    }
  }

  public record SpeechConfig(VoiceConfig voiceConfig) {}

  public record VoiceConfig(PrebuiltVoiceConfig prebuiltVoiceConfig) {}

  public record PrebuiltVoiceConfig(String voiceName) {}

  /** One event of the stream (or a whole generateContent reply); a mid-stream failure carries {@code error}. */
  public record GenerateContentResponse(
      @Nullable List<Candidate> candidates,
      @Nullable PromptFeedback promptFeedback,
      @Nullable UsageMetadata usageMetadata,
      @Nullable String modelVersion,
      @Nullable String responseId,
      @Nullable Status error) {}

  public record Candidate(
      @Nullable Content content, @Nullable String finishReason, @Nullable Integer index,
      @Nullable String finishMessage) {}

  public record PromptFeedback(@Nullable String blockReason, @Nullable String blockReasonMessage,
      @Nullable List<SafetyRating> safetyRatings) {}

  public record SafetyRating(@Nullable String category, @Nullable String probability, @Nullable Boolean blocked) {}

  public record UsageMetadata(
      @Nullable Long promptTokenCount,
      @Nullable Long candidatesTokenCount,
      @Nullable Long cachedContentTokenCount,
      @Nullable Long thoughtsTokenCount,
      @Nullable Long toolUsePromptTokenCount,
      @Nullable Long totalTokenCount) {}

  // ---- embedContent / batchEmbedContents --------------------------------------------------------------------

  public record EmbedContentRequest(
      @Nullable String model, Content content, @Nullable Integer outputDimensionality) {}

  public record BatchEmbedContentsRequest(List<EmbedContentRequest> requests) {}

  public record ContentEmbedding(@Nullable List<Float> values) {}

  public record EmbedContentResponse(@Nullable ContentEmbedding embedding, @Nullable UsageMetadata usageMetadata) {}

  public record BatchEmbedContentsResponse(
      @Nullable List<ContentEmbedding> embeddings, @Nullable UsageMetadata usageMetadata) {}

  // ---- the curated resource (derived from genai-prices) ------------------------------------------------------

  /** {@code gemini-models.json}: the curated models, written by the generator under src/test. */
  public record CuratedFile(String source, String license, List<CuratedModel> models) {}

  /**
   * One curated model: its name, category, limits, prices in USD per million tokens (as decimal strings), and the
   * dataset's rule for which listed names it covers ({@code equals}, {@code starts_with}, {@code or}, ...).
   */
  public record CuratedModel(
      String model,
      String category,
      @Nullable String displayName,
      @Nullable String description,
      @Nullable Integer contextWindow,
      @Nullable String inputPerMillion,
      @Nullable String outputPerMillion,
      @Nullable String cachedInputPerMillion,
      List<String> capabilities,
      java.util.Map<String, Object> match) {}

  // ---- errors -----------------------------------------------------------------------------------------------

  public record ErrorBody(@Nullable Status error) {}

  /** A google.rpc.Status: HTTP-like code, message, canonical status name and typed details. */
  public record Status(
      @Nullable Integer code, @Nullable String message, @Nullable String status,
      @Nullable List<java.util.Map<String, Object>> details) {}
}
