package io.modelgate.provider.ollama;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A model an Ollama node holds in memory right now ({@code GET /api/ps}), as {@link OllamaDriver#loadedModels}
 * reports it.
 *
 * @param model the model's name on the node ({@code mistral:latest})
 * @param sizeBytes its size in memory
 * @param vramBytes the part of that in GPU memory
 * @param expiresAt when the node will unload it, if it said
 * @param contextLength the context it was loaded with, if it said
 * @param parameterSize e.g. {@code 7.2B}, if it said
 * @param quantization e.g. {@code Q4_0}, if it said
 */
public record OllamaLoadedModel(
    String model,
    long sizeBytes,
    long vramBytes,
    @Nullable Instant expiresAt,
    @Nullable Integer contextLength,
    @Nullable String parameterSize,
    @Nullable String quantization) {

  public OllamaLoadedModel {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("'model' must not be blank");
    }
    if (sizeBytes < 0 || vramBytes < 0) {
      throw new IllegalArgumentException("'sizeBytes' and 'vramBytes' must not be negative");
    }
  }

  /** Whether the whole model sits in GPU memory. */
  public boolean fullyOnGpu() {
    return sizeBytes > 0 && vramBytes >= sizeBytes;
  }
}
