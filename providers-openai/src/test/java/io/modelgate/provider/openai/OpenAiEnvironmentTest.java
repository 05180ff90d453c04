package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The environment contract: which variables make which shared instances. */
class OpenAiEnvironmentTest {
  private final OpenAiDriver driver = new OpenAiDriver();

  private Map<String, ProviderInstance> instances(Map<String, String> env) {
    return driver.fromEnvironment(env).stream()
        .collect(Collectors.toMap(ProviderInstance::id, Function.identity()));
  }

  @Test
  void nothingSetMeansNoInstances() {
    assertThat(driver.fromEnvironment(Map.of("PATH", "/usr/bin", "OPENAI_API_KEY", " "))).isEmpty();
  }

  @Test
  void openAiKeyMakesTheOpenaiInstanceWithTheDefaultBaseUrl() {
    ProviderInstance openai = instances(Map.of("OPENAI_API_KEY", "sk-x")).get("openai");
    assertThat(openai.kind()).isEqualTo(ProviderKind.OPENAI);
    assertThat(openai.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(openai.credentialRef()).isEqualTo(CredentialRef.env("OPENAI_API_KEY"));
  }

  @Test
  void baseUrlVariablesOverrideTheDefaults() {
    Map<String, ProviderInstance> found = instances(Map.of(
        "OPENAI_API_KEY", "sk-x", "OPENAI_BASE_URL", "http://localhost:9999/v1",
        "XAI_API_KEY", "xai-x", "XAI_BASE_URL", "http://localhost:9998/v1"));
    assertThat(found.get("openai").baseUrl()).isEqualTo("http://localhost:9999/v1");
    assertThat(found.get("xai").baseUrl()).isEqualTo("http://localhost:9998/v1");
  }

  @Test
  void presetKeysMakeTheirInstances() {
    Map<String, ProviderInstance> found = instances(Map.of("XAI_API_KEY", "a", "MISTRAL_API_KEY", "b",
        "DEEPSEEK_API_KEY", "c", "REQUESTY_API_KEY", "d", "GROQ_API_KEY", "not-in-the-contract"));
    assertThat(found.keySet()).containsExactlyInAnyOrder("xai", "mistral", "deepseek", "requesty");
    assertThat(found.values()).allSatisfy(i -> assertThat(i.kind()).isEqualTo(ProviderKind.OPENAI_COMPATIBLE));
    assertThat(found.get("xai").baseUrl()).isEqualTo("https://api.x.ai/v1");
    assertThat(found.get("mistral").baseUrl()).isEqualTo("https://api.mistral.ai/v1");
    assertThat(found.get("deepseek").baseUrl()).isEqualTo("https://api.deepseek.com/v1");
    assertThat(found.get("requesty").baseUrl()).isEqualTo("https://router.requesty.ai/v1");
    assertThat(found.get("mistral").credentialRef()).isEqualTo(CredentialRef.env("MISTRAL_API_KEY"));
    assertThat(found.get("deepseek").options()).containsEntry(OpenAiDriver.PRESET_OPTION, "deepseek");
  }

  @Test
  void openWebUiNeedsItsUrlAndTakesAnOptionalKey() {
    assertThat(instances(Map.of("OPENWEBUI_API_KEY", "k"))).isEmpty();
    ProviderInstance keyless = instances(Map.of("OPENWEBUI_URL", "http://nas.local:3000")).get("openwebui");
    assertThat(keyless.kind()).isEqualTo(ProviderKind.OPENWEBUI);
    assertThat(keyless.baseUrl()).isEqualTo("http://nas.local:3000");
    assertThat(keyless.credentialRef()).isNull();
    assertThat(instances(Map.of("OPENWEBUI_URL", "http://nas.local:3000", "OPENWEBUI_API_KEY", "k"))
        .get("openwebui").credentialRef()).isEqualTo(CredentialRef.env("OPENWEBUI_API_KEY"));
  }

  @Test
  void keysAreReferencedNeverCopied() {
    assertThat(driver.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-secret-value-123456", "XAI_API_KEY",
        "xai-secret-value-123456")).toString()).doesNotContain("secret-value");
  }
}
