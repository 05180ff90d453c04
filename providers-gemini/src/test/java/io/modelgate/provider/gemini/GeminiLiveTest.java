package io.modelgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real API; runs only when GEMINI_API_KEY is set (GEMINI_LIVE_MODEL picks the chat model). */
@EnabledIfEnvironmentVariable(named = "GEMINI_API_KEY", matches = ".+")
class GeminiLiveTest {
  private ProviderConnection connection;

  @BeforeEach
  void connect() {
    GeminiDriver driver = new GeminiDriver();
    ProviderInstance instance = driver.fromEnvironment(System.getenv()).getFirst();
    connection = driver.connect(instance, Secret.of(System.getenv("GEMINI_API_KEY")));
  }

  @Test
  void listsTextAndEmbeddingModels() {
    ModelListing listing = connection.discovery().listModels();
    assertThat(listing.models()).anyMatch(m -> m.category() == ModelCategory.TEXT);
    assertThat(listing.models()).anyMatch(m -> m.category() == ModelCategory.EMBEDDING);
  }

  @Test
  void streamsAReply() {
    String model = System.getenv().getOrDefault("GEMINI_LIVE_MODEL", "gemini-2.0-flash");
    ChatResponse reply = connection.chat().complete(model, ChatRequest.of(null, "Say hello in one word."));
    assertThat(reply.text()).isNotBlank();
    assertThat(reply.usage().promptTokens()).isPositive();
  }

  @Test
  void embedsTwoTexts() {
    assertThat(connection.embeddings().embed("gemini-embedding-001", EmbeddingRequest.of(null, "a", "b"))
        .vectors()).hasSize(2);
  }
}
