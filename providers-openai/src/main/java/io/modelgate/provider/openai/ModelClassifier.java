package io.modelgate.provider.openai;

import io.modelgate.core.model.ModelCategory;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an OpenAI-style list's model is, from its id alone (the list says nothing else): a category, or the reason
 * it has no place in the catalog ({@code transcription}, {@code moderation}, {@code video}).
 */
record ModelClassifier(@Nullable ModelCategory category, @Nullable String skipReason) {
  static ModelClassifier classify(String id) {
    String name = id.toLowerCase(Locale.ROOT);
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      name = name.substring(slash + 1); // a router's "openai/text-embedding-3-small"
    }
    if (name.contains("moderation")) {
      return skip("moderation");
    }
    if (name.startsWith("dall-e") || name.startsWith("gpt-image") || name.startsWith("chatgpt-image")) {
      return new ModelClassifier(ModelCategory.IMAGE, null);
    }
    if (name.startsWith("whisper") || name.contains("transcribe")) {
      return skip("transcription");
    }
    if (name.startsWith("sora")) {
      return skip("video");
    }
    if (name.startsWith("tts-") || name.endsWith("-tts") || name.contains("-tts-")) {
      return new ModelClassifier(ModelCategory.TTS, null);
    }
    // text-embedding-* is OpenAI's; "embed" also catches mistral-embed, nomic-embed-text and the like on
    // compatible servers, whose ids follow no one convention.
    if (name.startsWith("text-embedding") || name.contains("embed")) {
      return new ModelClassifier(ModelCategory.EMBEDDING, null);
    }
    return new ModelClassifier(ModelCategory.TEXT, null);
  }

  private static ModelClassifier skip(String reason) {
    return new ModelClassifier(null, reason);
  }

  boolean skipped() {
    return skipReason != null;
  }
}
