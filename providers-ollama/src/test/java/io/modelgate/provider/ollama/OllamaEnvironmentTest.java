package io.modelgate.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaEnvironmentTest {
  private static List<ProviderInstance> fromEnv(Map<String, String> env) {
    return new OllamaDriver().fromEnvironment(env);
  }

  @Test
  void nothingIsConfiguredWithoutOllamaUrl() {
    assertThat(fromEnv(Map.of())).isEmpty();
    assertThat(fromEnv(Map.of("OLLAMA_URL", "  "))).isEmpty();
    assertThat(fromEnv(Map.of("OLLAMA_API_KEY", "x"))).isEmpty();
  }

  @Test
  void oneUnnamedNodeIsOllama() {
    assertThat(fromEnv(Map.of("OLLAMA_URL", "http://localhost:11434/"))).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo("ollama");
      assertThat(i.kind()).isEqualTo(ProviderKind.OLLAMA);
      assertThat(i.displayName()).isEqualTo("Ollama");
      assertThat(i.baseUrl()).isEqualTo("http://localhost:11434");
      assertThat(i.credentialRef()).isNull();
      assertThat(i.approvalPolicy()).isEqualTo(ApprovalPolicy.MANUAL);
    });
  }

  @Test
  void namedNodesTakeTheirNameVerbatimWithAFriendlyDisplayName() {
    List<ProviderInstance> nodes = fromEnv(Map.of("OLLAMA_URL",
        "ollama-mac=http://10.0.0.5:11434, ollama-win=http://10.0.0.6:11434,studio=https://studio.lan"));

    assertThat(nodes).extracting(ProviderInstance::id, ProviderInstance::displayName, ProviderInstance::baseUrl)
        .containsExactly(
            tuple("ollama-mac", "Ollama (mac)", "http://10.0.0.5:11434"),
            tuple("ollama-win", "Ollama (win)", "http://10.0.0.6:11434"),
            tuple("studio", "Ollama (studio)", "https://studio.lan"));
  }

  @Test
  void unnamedNodesAreNumberedInOrderBesideNamedOnes() {
    List<ProviderInstance> nodes = fromEnv(Map.of("OLLAMA_URL",
        "http://a:11434,mac=http://b:11434,http://c:11434,10.0.0.9:11434,"));

    assertThat(nodes).extracting(ProviderInstance::id, ProviderInstance::displayName, ProviderInstance::baseUrl)
        .containsExactly(
            tuple("ollama", "Ollama", "http://a:11434"),
            tuple("mac", "Ollama (mac)", "http://b:11434"),
            tuple("ollama-2", "Ollama 2", "http://c:11434"),
            tuple("ollama-3", "Ollama 3", "http://10.0.0.9:11434"));
  }

  @Test
  void theKeyIsReferencedForEveryNodeNeverCopied() {
    List<ProviderInstance> nodes = fromEnv(Map.of("OLLAMA_URL", "http://a:11434,win=http://b:11434",
        "OLLAMA_API_KEY", "proxy-secret-value"));

    assertThat(nodes).extracting(ProviderInstance::credentialRef)
        .containsOnly(CredentialRef.env("OLLAMA_API_KEY"));
    assertThat(nodes.toString()).doesNotContain("proxy-secret-value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mac=http://10.0.0.5:11434", "my mac=http://10.0.0.5:11434", "mac=", "=http://a:1",
      "mac=ftp://10.0.0.5", "http://[bad"})
  void aBadEntryIsRefusedNamingTheEntry(String entry) {
    assertThatThrownBy(() -> fromEnv(Map.of("OLLAMA_URL", "http://ok:11434," + entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OLLAMA_URL entry '" + entry + "'");
  }

  @Test
  void aNameGivenTwiceIsRefused() {
    assertThatThrownBy(() -> fromEnv(Map.of("OLLAMA_URL", "http://a:11434,ollama=http://b:11434")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ollama' is named twice");
  }
}
