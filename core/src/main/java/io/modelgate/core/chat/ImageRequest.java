package io.modelgate.core.chat;

import io.modelgate.core.model.CallerContext;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Images to make from {@code prompt}: how many ({@code n}, 1 to 10), and the provider's own {@code size},
 * {@code quality} and {@code style} where given; {@code responseFormat} is {@code url} or {@code b64_json} (null:
 * the model's default).
 */
public record ImageRequest(
    @Nullable String model, String prompt, int n, @Nullable String size, @Nullable String quality,
    @Nullable String style, @Nullable String responseFormat, CallerContext caller) {
  public static final int MAX_IMAGES = 10;
  private static final Set<String> FORMATS = Set.of("url", "b64_json");

  public ImageRequest {
    if (prompt == null || prompt.isBlank()) {
      throw new IllegalArgumentException("'prompt' must not be blank");
    }
    if (n < 1 || n > MAX_IMAGES) {
      throw new IllegalArgumentException("'n' must be between 1 and " + MAX_IMAGES + ", was " + n);
    }
    if (responseFormat != null && !FORMATS.contains(responseFormat)) {
      throw new IllegalArgumentException("'response_format' must be url or b64_json, was '" + responseFormat + "'");
    }
    caller = caller == null ? CallerContext.ANONYMOUS : caller;
  }

  /** One image of {@code prompt} with the model's defaults. */
  public static ImageRequest of(@Nullable String model, String prompt) {
    return new ImageRequest(model, prompt, 1, null, null, null, null, CallerContext.ANONYMOUS);
  }
}
