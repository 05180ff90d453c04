package io.modelgate.core.port;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider driver gives for one instance and credential: its discovery, chat, health probe, and embeddings
 * and speech where its protocol has them.
 */
public record ProviderConnection(
    ModelDiscovery discovery,
    ChatModel chat,
    @Nullable EmbeddingModel embeddings,
    @Nullable SpeechModel speech,
    HealthProbe health) {

  public ProviderConnection {
    Objects.requireNonNull(discovery, "'discovery' must not be null");
    Objects.requireNonNull(chat, "'chat' must not be null");
    Objects.requireNonNull(health, "'health' must not be null");
  }
}
