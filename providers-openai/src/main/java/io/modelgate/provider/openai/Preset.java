package io.modelgate.provider.openai;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI-compatible services that need nothing but a base URL and a key. An {@code openai-compatible} instance
 * uses one through its {@code preset} option, or by being named after it ({@code xai}); its own base URL, if set,
 * still wins. See README.md for where each URL comes from.
 */
enum Preset {
  XAI("xAI", "https://api.x.ai/v1", "XAI_API_KEY", "xai", true),
  MISTRAL("Mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", "mistral", true),
  DEEPSEEK("DeepSeek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", "deepseek", true),
  GROQ("Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", "groq", false),
  TOGETHER("Together AI", "https://api.together.xyz/v1", "TOGETHER_API_KEY", "together", false),
  REQUESTY("Requesty", "https://router.requesty.ai/v1", "REQUESTY_API_KEY", null, true),
  /** Eden AI's V3 LLM endpoint speaks chat completions (models named provider/model). */
  EDENAI("Eden AI", "https://api.edenai.run/v3", "EDENAI_API_KEY", null, false),
  /** fal's OpenRouter-backed router; fal wants {@code Authorization: Key <FAL_KEY>}, not Bearer. */
  FAL("fal (OpenRouter router)", "https://fal.run/openrouter/router/openai/v1", "FAL_KEY", null, false, "Key"),
  VLLM("vLLM", "http://localhost:8000/v1", null, null, false),
  LLAMACPP("llama.cpp server", "http://localhost:8080/v1", null, null, false),
  LMSTUDIO("LM Studio", "http://localhost:1234/v1", null, null, false);

  final String displayName;
  final String baseUrl;
  /** The variable that holds the key, or null for a keyless local server. */
  final @Nullable String keyVariable;
  /** The provider's key in the curated resource, or null when the dataset has nothing for it. */
  final @Nullable String curatedKey;
  /** Whether the shared environment contract configures it ({@code XAI_API_KEY} → instance {@code xai}). */
  final boolean inEnvironmentContract;
  final String authScheme;

  Preset(String displayName, String baseUrl, @Nullable String keyVariable, @Nullable String curatedKey,
      boolean inEnvironmentContract) {
    this(displayName, baseUrl, keyVariable, curatedKey, inEnvironmentContract, "Bearer");
  }

  Preset(String displayName, String baseUrl, @Nullable String keyVariable, @Nullable String curatedKey,
      boolean inEnvironmentContract, String authScheme) {
    this.displayName = displayName;
    this.baseUrl = baseUrl;
    this.keyVariable = keyVariable;
    this.curatedKey = curatedKey;
    this.inEnvironmentContract = inEnvironmentContract;
    this.authScheme = authScheme;
  }

  /** {@code xai}, {@code llamacpp}: the preset's name in config and the instance id it gets from the environment. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The variable overriding its base URL: {@code XAI_BASE_URL}. */
  String baseUrlVariable() {
    return name() + "_BASE_URL";
  }

  static Optional<Preset> named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.id().equals(wanted)).findFirst();
  }

  /** The preset {@code instance} uses: its {@code preset} option, else its id; none for other kinds. */
  static Optional<Preset> of(ProviderInstance instance) {
    if (instance.kind() != ProviderKind.OPENAI_COMPATIBLE) {
      return Optional.empty();
    }
    String option = instance.options().get(OpenAiDriver.PRESET_OPTION);
    if (option != null) {
      return Optional.of(named(option).orElseThrow(() -> new IllegalArgumentException(
          "unknown preset '" + option + "' for instance '" + instance.id() + "'; expected one of "
              + Arrays.stream(values()).map(Preset::id).toList())));
    }
    return named(instance.id());
  }
}
