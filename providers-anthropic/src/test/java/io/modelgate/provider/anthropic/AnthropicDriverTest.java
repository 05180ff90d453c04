package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AnthropicDriverTest {
  private final AnthropicDriver driver = new AnthropicDriver();

  @Test
  void speaksTheAnthropicKindOnly() {
    assertThat(driver.kinds()).containsExactly(ProviderKind.ANTHROPIC);
  }

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(ProviderDriver.class).stream()
        .map(ServiceLoader.Provider::type)).contains(AnthropicDriver.class);
  }

  @Test
  void keyInTheEnvironmentMakesTheSharedAnthropicInstance() {
    List<ProviderInstance> instances = driver.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-ant-abc"));
    assertThat(instances).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo("anthropic");
      assertThat(i.kind()).isEqualTo(ProviderKind.ANTHROPIC);
      assertThat(i.baseUrl()).isEqualTo("https://api.anthropic.com");
      assertThat(i.credentialRef()).isEqualTo(CredentialRef.env("ANTHROPIC_API_KEY"));
      assertThat(i.toString()).doesNotContain("sk-ant-abc");
    });
  }

  @Test
  void baseUrlOverridePointsTheInstanceElsewhere() {
    assertThat(driver.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "k", "ANTHROPIC_BASE_URL", "http://localhost:9999")))
        .singleElement().extracting(ProviderInstance::baseUrl).isEqualTo("http://localhost:9999");
  }

  @Test
  void nothingInTheEnvironmentMeansNoInstance() {
    assertThat(driver.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-x", "ANTHROPIC_API_KEY", " "))).isEmpty();
  }

  @Test
  void connectionHasNoEmbeddingsOrSpeech() {
    ProviderConnection connection = driver.connect(
        ProviderInstance.builder("anthropic", ProviderKind.ANTHROPIC).build(), Secret.of("sk-ant-abc-123456789"));
    assertThat(connection.embeddings()).isNull();
    assertThat(connection.speech()).isNull();
    assertThat(connection.discovery().curatedModels()).isNotEmpty();
  }

  @Test
  void refusesAnotherKindAndABadReadTimeout() {
    assertThatThrownBy(() -> driver.connect(ProviderInstance.builder("x", ProviderKind.OPENAI).build(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> driver.connect(ProviderInstance.builder("anthropic", ProviderKind.ANTHROPIC)
        .options(Map.of(ProviderInstance.READ_TIMEOUT_OPTION, "soon")).build(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-timeout-ms");
  }
}
