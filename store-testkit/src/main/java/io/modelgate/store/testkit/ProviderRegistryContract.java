package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.port.ProviderRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ProviderRegistry} does. Subclass it with a fresh, empty registry per test. */
public abstract class ProviderRegistryContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

  private ProviderRegistry registry;

  /** A new, empty registry. */
  protected abstract ProviderRegistry newRegistry();

  @BeforeEach
  final void createRegistry() {
    registry = newRegistry();
  }

  static ProviderInstance privateOllama() {
    return ProviderInstance.builder("ollama-mac", ProviderKind.OLLAMA)
        .displayName("Anna's Mac Studio")
        .baseUrl("http://192.168.1.20:11434")
        .credentialRef(CredentialRef.vault())
        .owner("anna")
        .visibility(Visibility.PRIVATE)
        .approvalPolicy(ApprovalPolicy.AUTO_ENABLE)
        .defaultModel(ModelCategory.TEXT, "llama3.1:8b")
        .defaultModel(ModelCategory.EMBEDDING, "nomic-embed-text:latest")
        .discoveryInterval(Duration.ofSeconds(90))
        .enabled(false)
        .options(Map.of("read-timeout-ms", "120000", "header.X-Team", "a \"quoted\", comma=ok"))
        .build();
  }

  @Test
  void emptyRegistryHasNoInstances() {
    assertThat(registry.list()).isEmpty();
    assertThat(registry.find("openai")).isEmpty();
  }

  @Test
  void savedInstanceComesBackWithEveryField() {
    ProviderInstance instance = privateOllama();
    registry.save(instance);

    assertThat(registry.find("ollama-mac")).contains(instance);
  }

  @Test
  void sharedInstanceWithDefaultsComesBackAsSaved() {
    ProviderInstance instance = ProviderInstance.builder("openai", ProviderKind.OPENAI).build();
    registry.save(instance);

    ProviderInstance stored = registry.find("openai").orElseThrow();
    assertThat(stored).isEqualTo(instance);
    assertThat(stored.owner()).isNull();
    assertThat(stored.baseUrl()).isNull();
    assertThat(stored.defaultModels()).isEmpty();
    assertThat(stored.options()).isEmpty();
    assertThat(stored.enabled()).isTrue();
  }

  @Test
  void saveReplacesTheInstanceWithTheSameId() {
    registry.save(privateOllama());
    ProviderInstance changed = privateOllama().newBuilder()
        .displayName("renamed").defaultModel(ModelCategory.EMBEDDING, null).options(Map.of()).enabled(true).build();
    registry.save(changed);

    assertThat(registry.list()).containsExactly(changed);
  }

  @Test
  void listIsInIdOrder() {
    registry.save(ProviderInstance.builder("openrouter", ProviderKind.OPENROUTER).build());
    registry.save(ProviderInstance.builder("anthropic", ProviderKind.ANTHROPIC).build());
    registry.save(privateOllama());

    assertThat(registry.list()).extracting(ProviderInstance::id)
        .containsExactly("anthropic", "ollama-mac", "openrouter");
  }

  @Test
  void lastDiscoveryIsKeptPerCategory() {
    registry.save(privateOllama());
    assertThat(registry.lastDiscovery("ollama-mac", ModelCategory.TEXT)).isEmpty();

    registry.markDiscovered("ollama-mac", ModelCategory.TEXT, T0);
    registry.markDiscovered("ollama-mac", ModelCategory.EMBEDDING, T0.plusSeconds(5));

    assertThat(registry.lastDiscovery("ollama-mac", ModelCategory.TEXT)).contains(T0);
    assertThat(registry.lastDiscovery("ollama-mac", ModelCategory.EMBEDDING)).contains(T0.plusSeconds(5));
    assertThat(registry.lastDiscovery("ollama-mac", ModelCategory.TTS)).isEmpty();
  }

  @Test
  void markDiscoveredAgainReplacesTheTime() {
    registry.save(privateOllama());
    registry.markDiscovered("ollama-mac", ModelCategory.TEXT, T0);
    registry.markDiscovered("ollama-mac", ModelCategory.TEXT, T0.plusSeconds(300));

    assertThat(registry.lastDiscovery("ollama-mac", ModelCategory.TEXT)).contains(T0.plusSeconds(300));
  }

  @Test
  void savingAnInstanceAgainKeepsItsDiscoveryTimes() {
    registry.save(privateOllama());
    registry.markDiscovered("ollama-mac", ModelCategory.TEXT, T0);
    registry.save(privateOllama().newBuilder().displayName("renamed").build());

    assertThat(registry.lastDiscovery("ollama-mac", ModelCategory.TEXT)).contains(T0);
  }

  @Test
  void removeDeletesTheInstanceAndItsDiscoveryTimesOnly() {
    registry.save(privateOllama());
    registry.save(ProviderInstance.builder("ollama-mac-2", ProviderKind.OLLAMA).build());
    registry.markDiscovered("ollama-mac", ModelCategory.TEXT, T0);
    registry.markDiscovered("ollama-mac-2", ModelCategory.TEXT, T0);

    assertThat(registry.remove("ollama-mac")).isTrue();
    assertThat(registry.remove("ollama-mac")).isFalse();
    assertThat(registry.find("ollama-mac")).isEmpty();
    assertThat(registry.lastDiscovery("ollama-mac", ModelCategory.TEXT)).isEmpty();
    assertThat(registry.lastDiscovery("ollama-mac-2", ModelCategory.TEXT)).contains(T0);
    assertThat(registry.list()).extracting(ProviderInstance::id).containsExactly("ollama-mac-2");
  }

  @Test
  void nullArgumentsAreRejectedAndNothingChanges() {
    registry.save(privateOllama());

    assertThatThrownBy(() -> registry.save(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> registry.markDiscovered("ollama-mac", null, T0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> registry.markDiscovered("ollama-mac", ModelCategory.TEXT, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(registry.list()).hasSize(1);
    assertThat(registry.lastDiscovery("ollama-mac", ModelCategory.TEXT)).isEmpty();
  }
}
