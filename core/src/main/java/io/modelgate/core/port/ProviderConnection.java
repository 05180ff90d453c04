package io.modelgate.core.port;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider driver gives for one instance and credential: its discovery, chat, health probe, and embeddings,
 * speech and image generation where its protocol has them.
 */
public record ProviderConnection(
    ModelDiscovery discovery,
    ChatModel chat,
    @Nullable EmbeddingModel embeddings,
    @Nullable SpeechModel speech,
    HealthProbe health,
    @Nullable ImageModel images) {

  /** A connection whose protocol makes no images. */
  public ProviderConnection(ModelDiscovery discovery, ChatModel chat, @Nullable EmbeddingModel embeddings,
      @Nullable SpeechModel speech, HealthProbe health) {
    this(discovery, chat, embeddings, speech, health, null);
  }

  public ProviderConnection {
    Objects.requireNonNull(discovery, "'discovery' must not be null");
    Objects.requireNonNull(chat, "'chat' must not be null");
    Objects.requireNonNull(health, "'health' must not be null");
  }
}
