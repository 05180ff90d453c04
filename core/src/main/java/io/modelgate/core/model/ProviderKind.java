package io.modelgate.core.model;

import java.util.Locale;

/** The protocol family a provider instance speaks. */
public enum ProviderKind {
  OPENAI,
  OPENAI_COMPATIBLE,
  GEMINI,
  ANTHROPIC,
  OLLAMA,
  OPENWEBUI,
  OPENROUTER,
  ELEVENLABS,
  AZURE_SPEECH,
  DEMO;

  /** {@code openai-compatible}, {@code openwebui}, ...: the name used in config, APIs and the CLI. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The provider as OpenTelemetry's GenAI conventions name it ({@code gen_ai.provider.name}) for an instance of this
   * kind with id {@code instance}: {@code openai}, {@code anthropic}, {@code gcp.gemini}, {@code azure.ai.speech}; an
   * OpenAI-compatible instance by its well-known id ({@code x_ai}, {@code mistral_ai}, {@code deepseek}, …); else the
   * kind's wire name. Spans and metrics use the same name.
   */
  public String genAiProviderName(String instance) {
    return switch (this) {
      case OPENAI -> "openai";
      case ANTHROPIC -> "anthropic";
      case GEMINI -> "gcp.gemini";
      case AZURE_SPEECH -> "azure.ai.speech";
      case OPENAI_COMPATIBLE -> switch (instance) {
        case "xai" -> "x_ai";
        case "mistral" -> "mistral_ai";
        case "deepseek" -> "deepseek";
        case "groq" -> "groq";
        case "perplexity" -> "perplexity";
        default -> wireName();
      };
      default -> wireName();
    };
  }

  public static ProviderKind parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("'kind' must not be null");
    }
    String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (ProviderKind kind : values()) {
      if (kind.name().equals(normalised)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown provider kind '" + text + "'; expected one of "
        + java.util.Arrays.stream(values()).map(ProviderKind::wireName).collect(java.util.stream.Collectors.joining(", ")));
  }
}
