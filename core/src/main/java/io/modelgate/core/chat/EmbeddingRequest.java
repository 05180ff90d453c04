package io.modelgate.core.chat;

import io.modelgate.core.model.CallerContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Texts to embed, with an optional output size, for the model asked (id, alias or none). */
public record EmbeddingRequest(
    @Nullable String model, List<String> inputs, @Nullable Integer dimensions, CallerContext caller) {
  public EmbeddingRequest {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("'input' must not be empty");
    }
    if (dimensions != null && dimensions <= 0) {
      throw new IllegalArgumentException("'dimensions' must be positive, was " + dimensions);
    }
    caller = caller == null ? CallerContext.ANONYMOUS : caller;
  }

  public static EmbeddingRequest of(@Nullable String model, String... inputs) {
    return new EmbeddingRequest(model, List.of(inputs), null, CallerContext.ANONYMOUS);
  }
}
