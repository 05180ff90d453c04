package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real API; runs only when ANTHROPIC_API_KEY is set. */
@EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
class AnthropicLiveTest {
  private final AnthropicDriver driver = new AnthropicDriver();

  private ProviderConnection connect() {
    ProviderInstance instance = driver.fromEnvironment(System.getenv()).getFirst();
    return driver.connect(instance, Secret.of(System.getenv("ANTHROPIC_API_KEY")));
  }

  @Test
  void listsModelsAndAnswersAShortPrompt() {
    ProviderConnection connection = connect();
    ModelListing listing = connection.discovery().listModels();
    assertThat(listing.models()).isNotEmpty();
    ChatRequest request = ChatRequest.builder().message(io.modelgate.core.chat.ChatMessage.user("Say 'ok'."))
        .sampling(SamplingOptions.DEFAULTS.withMaxTokens(16)).build();
    ChatResponse reply = connection.chat().complete("claude-haiku-4-5", request);
    assertThat(reply.text()).isNotBlank();
    assertThat(reply.usage().promptTokens()).isPositive();
  }
}
