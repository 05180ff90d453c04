package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.Modelgate;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.routing.RouteSource;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ModelCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dagger graph's front door is the library's {@link Modelgate}, with configuration applied by start(). */
class ModelgateWiringTest {
  @TempDir
  Path home;

  private Modelgate start(Map<String, String> env) {
    return DaggerTestComponent.factory().create(env).modelgate().start();
  }

  @Test
  void theConfigFileAndTheEnvironmentBothRegisterInstancesAndTheFileWins() throws IOException {
    Files.writeString(home.resolve("modelgate.yaml"), """
        default_model: demo:echo
        providers:
          - id: openai
            kind: openai-compatible
            name: Our proxy
            base_url: http://proxy.internal:8080/v1
          - id: ollama-mac
            kind: ollama
            base_url: http://10.0.0.5:11434
        """);
    Modelgate app = start(Map.of("MODELGATE_HOME", home.toString(),
        "OPENAI_API_KEY", "sk-test-000000000000000000", "MISTRAL_API_KEY", "test-mistral-key"));
    assertThat(app.providers().list()).extracting(ProviderInstance::id)
        .contains("openai", "ollama-mac", "mistral", "demo");
    ProviderInstance openai = app.providers().find("openai").orElseThrow();
    assertThat(openai.kind()).isEqualTo(ProviderKind.OPENAI_COMPATIBLE);
    assertThat(openai.displayName()).isEqualTo("Our proxy");
  }

  @Test
  void theConfigFilesDefaultModelIsTheServerDefault() throws IOException {
    Files.writeString(home.resolve("modelgate.yaml"), "default_model: demo:echo\n");
    Modelgate app = start(Map.of("MODELGATE_HOME", home.toString())).ensureDiscovered();
    assertThat(app.router().resolve(null, ModelCategory.TEXT, CallerContext.ANONYMOUS).source())
        .isEqualTo(RouteSource.SERVER_DEFAULT);
  }

  @Test
  void theConfigFilesAliasesAreSavedWithTheirStrategy() throws IOException {
    Files.writeString(home.resolve("modelgate.yaml"), """
        aliases:
          fast:
            models: [demo:echo]
            strategy: latency
        """);
    Map<String, String> env = Map.of("MODELGATE_HOME", home.toString());
    Modelgate app = start(env).ensureDiscovered();
    assertThat(app.aliases().find("fast")).hasValueSatisfying(a -> {
      assertThat(a.models()).containsExactly(ModelId.parse("demo:echo"));
      assertThat(a.balancing()).isEqualTo(BalanceStrategy.LATENCY);
    });
    assertThat(app.router().resolve("fast", ModelCategory.TEXT, CallerContext.ANONYMOUS).source())
        .isEqualTo(RouteSource.ALIAS);
  }

  @Test
  void theDemoCanBeSwitchedOff() {
    Modelgate app = start(Map.of("MODELGATE_HOME", home.toString(), "MODELGATE_DEMO", "off"));
    assertThat(app.providers().find("demo")).isEmpty();
  }

  @Test
  void theWrongSettingsAreAllNamedAtOnce() {
    var graph = DaggerTestComponent.factory().create(Map.of("MODELGATE_HOME", home.toString(),
        "MODELGATE_PORT", "eighty", "MODELGATE_DEFAULT_MODEL", "no-colon"));
    org.assertj.core.api.Assertions.assertThatThrownBy(graph::modelgate)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MODELGATE_PORT must be a port number").hasMessageContaining("MODELGATE_DEFAULT_MODEL: ");
  }
}
