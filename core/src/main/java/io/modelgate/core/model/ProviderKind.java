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
