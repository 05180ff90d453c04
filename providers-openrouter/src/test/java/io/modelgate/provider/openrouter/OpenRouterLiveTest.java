package io.modelgate.provider.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real OpenRouter; runs only when OPENROUTER_API_KEY is set. */
@EnabledIfEnvironmentVariable(named = "OPENROUTER_API_KEY", matches = ".+")
class OpenRouterLiveTest {
  private ProviderConnection connect() {
    OpenRouterDriver driver = new OpenRouterDriver();
    return driver.connect(driver.fromEnvironment(System.getenv()).getFirst(),
        Secret.of(System.getenv("OPENROUTER_API_KEY")));
  }

  @Test
  void listsModelsWithPrices() {
    assertThat(connect().discovery().listModels().models()).anySatisfy(m -> assertThat(m.pricing()).isNotNull());
  }

  @Test
  void keyProbeAnswers() {
    assertThat(connect().health().probe().state()).isNotEqualTo(HealthState.DOWN);
  }

  @Test
  void streamsAnAnswerWithItsCost() {
    var reply = connect().chat().complete("openai/gpt-4o-mini", ChatRequest.of(null, "Say just: hello"));
    assertThat(reply.text()).isNotBlank();
    assertThat(reply.usage().billedCostUsd()).isNotNull();
  }
}
