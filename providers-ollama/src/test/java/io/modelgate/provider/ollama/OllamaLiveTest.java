package io.modelgate.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against a real node; runs only when {@code OLLAMA_URL} is set (the first node listed there is used). */
@EnabledIfEnvironmentVariable(named = "OLLAMA_URL", matches = ".+")
class OllamaLiveTest {
  @Test
  void realNodeListsAnswersAndChats() {
    OllamaDriver driver = new OllamaDriver();
    ProviderInstance node = driver.fromEnvironment(System.getenv()).getFirst();
    String key = System.getenv("OLLAMA_API_KEY");
    Secret secret = key == null || key.isBlank() ? null : Secret.of(key);
    ProviderConnection connection = driver.connect(node, secret);

    assertThat(connection.health().probe().state()).isEqualTo(HealthState.HEALTHY);
    assertThat(driver.loadedModels(node, secret)).isNotNull();
    DiscoveredModel model = connection.discovery().listModels().models().stream()
        .filter(m -> m.category() == ModelCategory.TEXT).findFirst().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(model != null, "the node has no text model pulled");
    ChatResponse reply = connection.chat().complete(model.model(),
        ChatRequest.builder().message(io.modelgate.core.chat.ChatMessage.user("Say hi in one word."))
            .sampling(io.modelgate.core.chat.SamplingOptions.DEFAULTS.withMaxTokens(16)).build());
    assertThat(reply.usage().completionTokens()).isPositive();
  }
}
