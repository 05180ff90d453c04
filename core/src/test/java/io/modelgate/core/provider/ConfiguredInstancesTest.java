package io.modelgate.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.ProviderRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfiguredInstancesTest {
  private final InMemoryProviderRegistry registry = new InMemoryProviderRegistry();
  private final ConfiguredInstances configured = new ConfiguredInstances(registry);

  private static ProviderInstance.Builder mac() {
    return ProviderInstance.builder("mac", ProviderKind.OLLAMA).baseUrl("http://10.0.0.5:11434");
  }

  @Test
  void anAdminsDefaultSurvivesARestartUnlessConfigurationNamesThatCategory() {
    configured.apply(List.of(mac().build()));
    registry.save(registry.find("mac").orElseThrow().newBuilder()
        .defaultModel(ModelCategory.TEXT, "llama3.1:8b").defaultModel(ModelCategory.EMBEDDING, "nomic").build());

    configured.apply(List.of(mac().defaultModel(ModelCategory.TEXT, "qwen3:8b").build()));

    ProviderInstance mac = registry.find("mac").orElseThrow();
    assertThat(mac.defaultModel(ModelCategory.TEXT)).isEqualTo(ModelId.parse("mac:qwen3:8b"));
    assertThat(mac.defaultModel(ModelCategory.EMBEDDING)).isEqualTo(ModelId.parse("mac:nomic"));
  }

  @Test
  void anInstanceConfigurationNoLongerNamesIsSwitchedOffNotDeleted() {
    configured.apply(List.of(mac().build()));
    configured.apply(List.of());
    assertThat(registry.find("mac")).get().extracting(ProviderInstance::enabled).isEqualTo(false);
    configured.apply(List.of(mac().build()));
    assertThat(registry.find("mac")).get().extracting(ProviderInstance::enabled).isEqualTo(true);
  }

  @Test
  void theSameConfigurationAgainSavesNothing() {
    List<String> saves = new java.util.ArrayList<>();
    ProviderRegistry counting = new ProviderRegistry() {
      @Override public List<ProviderInstance> list() { return registry.list(); }
      @Override public java.util.Optional<ProviderInstance> find(String id) { return registry.find(id); }
      @Override public boolean remove(String id) { return registry.remove(id); }
      @Override public java.util.Optional<java.time.Instant> lastDiscovery(String id, ModelCategory category) {
        return registry.lastDiscovery(id, category);
      }
      @Override public void markDiscovered(String id, ModelCategory category, java.time.Instant when) {
        registry.markDiscovered(id, category, when);
      }
      @Override public void save(ProviderInstance instance) {
        saves.add(instance.id());
        registry.save(instance);
      }
    };
    ConfiguredInstances restarts = new ConfiguredInstances(counting);
    restarts.apply(List.of(mac().build()));
    assertThat(restarts.apply(List.of(mac().build()))).containsExactly(registry.find("mac").orElseThrow());
    assertThat(saves).containsExactly("mac");

    restarts.apply(List.of(mac().baseUrl("http://10.0.0.6:11434").build()));
    assertThat(registry.find("mac").orElseThrow().baseUrl()).isEqualTo("http://10.0.0.6:11434");
    assertThat(saves).containsExactly("mac", "mac");
  }

  @Test
  void anInstanceAddedThroughTheApiIsLeftAlone() {
    registry.save(ProviderInstance.builder("team-box", ProviderKind.OPENAI_COMPATIBLE).build());
    configured.apply(List.of(mac().build()));
    assertThat(registry.find("team-box")).get().extracting(ProviderInstance::enabled).isEqualTo(true);
  }
}
