package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.routing.ModelAlias;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("modelgate.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void readsSeveralInstancesNodesAndTheDefaultModel() throws IOException {
    ConfigFile config = ConfigFile.read(write("""
        default_model: ollama-mac:llama3.1:8b
        providers:
          - id: ollama-mac
            kind: ollama
            name: Mac Studio
            base_url: http://10.0.0.5:11434
            approval: auto-enable
            discovery_interval: 10m
            defaults: { text: "llama3.1:8b" }
            options: { read-timeout-ms: 60000 }
          - id: bobs-pc
            kind: ollama
            base_url: http://10.0.0.6:11434
            visibility: private
            owner: usr_bob
          - id: vllm
            kind: openai-compatible
            base_url: http://gpu-box:8000/v1
            api_key_env: VLLM_KEY
        """));
    assertThat(config.defaultModel()).isEqualTo(ModelId.parse("ollama-mac:llama3.1:8b"));
    assertThat(config.providers()).extracting(ProviderInstance::id).containsExactly("ollama-mac", "bobs-pc", "vllm");
    ProviderInstance mac = config.providers().getFirst();
    assertThat(mac.kind()).isEqualTo(ProviderKind.OLLAMA);
    assertThat(mac.displayName()).isEqualTo("Mac Studio");
    assertThat(mac.approvalPolicy()).isEqualTo(ApprovalPolicy.AUTO_ENABLE);
    assertThat(mac.discoveryInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(mac.defaultModel(ModelCategory.TEXT)).isEqualTo(ModelId.parse("ollama-mac:llama3.1:8b"));
    assertThat(mac.readTimeout(Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.providers().get(1).visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(config.providers().get(2).credentialRef()).isEqualTo(CredentialRef.env("VLLM_KEY"));
  }

  @Test
  void aKeyWrittenInTheFileIsRefusedWithoutEchoingIt() throws IOException {
    Path file = write("""
        providers:
          - id: openai
            kind: openai
            api_key: sk-live-should-not-be-here-000000
        """);
    assertThatThrownBy(() -> ConfigFile.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("providers[0]").hasMessageContaining("api_key_env")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-live"));
  }

  @Test
  void errorsNameTheFileTheEntryAndTheField() throws IOException {
    Path file = write("""
        providers:
          - id: ok
            kind: ollama
          - id: Bad_Id
            kind: ollama
        """);
    assertThatThrownBy(() -> ConfigFile.read(file)).hasMessageContaining(file.toString())
        .hasMessageContaining("providers[1]").hasMessageContaining("lower-case");
    assertThatThrownBy(() -> ConfigFile.read(write("providers:\n  - id: x\n    kind: llama\n")))
        .hasMessageContaining("unknown provider kind 'llama'");
    assertThatThrownBy(() -> ConfigFile.read(write("providers:\n  - id: x\n    kind: ollama\n    colour: red\n")))
        .hasMessageContaining("unknown field 'colour'");
    assertThatThrownBy(() -> ConfigFile.read(write("providers:\n  - {id: x, kind: ollama}\n  - {id: x, kind: ollama}\n")))
        .hasMessageContaining("a second provider is named 'x'");
    assertThatThrownBy(() -> ConfigFile.read(write("providers: [\n"))).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> ConfigFile.read(write(
        "providers:\n  - id: x\n    kind: ollama\n    discovery_interval: soon\n")))
        .hasMessageContaining("'discovery_interval' must look like");
  }

  @Test
  void theFileIsFoundThroughTheEnvironmentOrTheDataDirectory() throws IOException {
    write("providers:\n  - {id: mac, kind: ollama, base_url: 'http://10.0.0.5:11434'}\n");
    assertThat(Configuration.load(Map.of("MODELGATE_HOME", dir.toString())).file().providers()).hasSize(1);
    assertThat(Configuration.load(Map.of("MODELGATE_CONFIG", dir.resolve("modelgate.yaml").toString()))
        .file().providers()).hasSize(1);
    assertThat(Configuration.load(Map.of("MODELGATE_HOME", dir.resolve("empty").toString())).file()).isEqualTo(
        ConfigFile.NONE);
    assertThatThrownBy(() -> Configuration.load(Map.of("MODELGATE_CONFIG", dir.resolve("missing.yaml").toString())))
        .hasMessageContaining("MODELGATE_CONFIG names").hasMessageContaining("not a file");
  }

  @Test
  void readsAliasesWithTheirStrategyUnderTheApisNames() throws IOException {
    ConfigFile config = ConfigFile.read(write("""
        aliases:
          fast:
            models: [ollama-mac:llama3.1:8b, vllm:llama3.1:8b]
            strategy: round-robin
            defaults: { temperature: 0.2 }
          careful:
            models: [openai:gpt-4o]
        """));
    assertThat(config.aliases()).extracting(ModelAlias::name).containsExactly("fast", "careful");
    ModelAlias fast = config.aliases().getFirst();
    assertThat(fast.models()).containsExactly(ModelId.parse("ollama-mac:llama3.1:8b"),
        ModelId.parse("vllm:llama3.1:8b"));
    assertThat(fast.balancing()).isEqualTo(BalanceStrategy.ROUND_ROBIN);
    assertThat(fast.defaults()).containsEntry("temperature", 0.2);
    assertThat(config.aliases().get(1).balancing()).isEqualTo(BalanceStrategy.DEFAULT);

    assertThatThrownBy(() -> ConfigFile.read(write("aliases:\n  fast:\n    models: [a:b]\n    strategy: fastest\n")))
        .hasMessageContaining("aliases.fast").hasMessageContaining("fastest").hasMessageContaining("least-busy");
    assertThatThrownBy(() -> ConfigFile.read(write("aliases:\n  fast:\n    strategy: ordered\n")))
        .hasMessageContaining("aliases.fast").hasMessageContaining("'models' must list");
    assertThatThrownBy(() -> ConfigFile.read(write("aliases:\n  fast:\n    models: [a:b]\n    weight: 2\n")))
        .hasMessageContaining("unknown field 'weight'");
  }

  @Test
  void anEmptyFileConfiguresNothing() throws IOException {
    assertThat(ConfigFile.read(write("")).providers()).isEmpty();
  }
}
