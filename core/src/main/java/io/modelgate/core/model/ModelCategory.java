package io.modelgate.core.model;

import java.util.Locale;

/** What a model does: generate text, embed text, speak, or make images. */
public enum ModelCategory {
  TEXT,
  EMBEDDING,
  TTS,
  IMAGE;

  /** Parses {@code text}, {@code embedding}, {@code tts} or {@code image}, in any case. */
  public static ModelCategory parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("'category' must not be null");
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown category '" + text + "'; expected one of text, embedding, tts, image", e);
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
