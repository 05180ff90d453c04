package io.modelgate.core.chat;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The images a model made ({@code created} in epoch seconds), and the tokens it reports where it counts them
 * ({@code gpt-image-1} does; {@link Usage#ZERO} otherwise).
 */
public record ImageResponse(long created, List<Image> images, Usage usage) {
  public ImageResponse {
    images = List.copyOf(images);
    Objects.requireNonNull(usage, "'usage' must not be null");
  }

  /** One image: a URL, or base64 data, and the prompt as the model revised it, if it did. */
  public record Image(@Nullable String url, @Nullable String b64Json, @Nullable String revisedPrompt) {
    public Image {
      if (url == null && b64Json == null) {
        throw new IllegalArgumentException("an image needs a 'url' or 'b64_json'");
      }
    }
  }
}
