package io.modelgate.core.chat;

import org.jspecify.annotations.Nullable;

/** One part of a message's content: text, or an image by URL (a {@code data:} URL for inline bytes). */
public sealed interface ContentPart {
  record Text(String text) implements ContentPart {
    public Text {
      if (text == null) {
        throw new IllegalArgumentException("'text' must not be null");
      }
    }
  }

  record Image(String url, @Nullable String detail) implements ContentPart {
    public Image {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("'url' of an image part must not be blank");
      }
    }
  }

  static ContentPart text(String text) {
    return new Text(text);
  }
}
