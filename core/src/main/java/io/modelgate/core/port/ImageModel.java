package io.modelgate.core.port;

import io.modelgate.core.chat.ImageRequest;
import io.modelgate.core.chat.ImageResponse;

/** Makes images from a prompt with one provider instance's image models. Thread-safe. */
public interface ImageModel {
  /** Generates the images asked; {@code model} is the provider's own name. Throws a ModelgateException on failure. */
  ImageResponse generate(String model, ImageRequest request);
}
