package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real OpenAI API; runs only when OPENAI_API_KEY is set. */
@EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
class OpenAiLiveTest {
  private ProviderConnection connect() {
    OpenAiDriver driver = new OpenAiDriver();
    ProviderInstance openai = driver.fromEnvironment(System.getenv()).stream()
        .filter(i -> i.id().equals("openai")).findFirst().orElseThrow();
    return driver.connect(openai, Secret.of(System.getenv("OPENAI_API_KEY")));
  }

  @Test
  void listsRealModels() {
    ModelListing listing = connect().discovery().listModels();
    assertThat(listing.models()).extracting(m -> m.model()).contains("gpt-4o-mini");
  }

  @Test
  void streamsARealAnswer() {
    var reply = connect().chat().complete("gpt-4o-mini", ChatRequest.of(null, "Say just: hello"));
    assertThat(reply.text()).isNotBlank();
    assertThat(reply.usage().promptTokens()).isPositive();
  }
}
