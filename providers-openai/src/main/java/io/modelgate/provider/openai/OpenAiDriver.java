package io.modelgate.provider.openai;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.openai.internal.HealthCheck;
import io.modelgate.provider.openai.internal.OpenAiChat;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import io.modelgate.provider.http.Lazy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI protocol family: OpenAI itself ({@code openai}), any OpenAI-compatible server or preset
 * ({@code openai-compatible}: xAI, Mistral, DeepSeek, Groq, Together, Requesty, Eden AI, fal, vLLM, llama.cpp,
 * LM Studio) and Open WebUI ({@code openwebui}, whose API sits under {@code /api} of the server root). Base URLs of
 * the first two include the version path ({@code https://api.openai.com/v1}). Thread-safe; one OkHttp client is
 * shared by every instance it connects.
 */
public final class OpenAiDriver implements ProviderDriver {
  public static final String DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
  /** Instance option naming a preset ({@code xai}, {@code vllm}, …) for an {@code openai-compatible} instance. */
  public static final String PRESET_OPTION = "preset";
  /** Instance option: the scheme of the {@code Authorization} header, {@code Bearer} unless a preset says else. */
  public static final String AUTH_SCHEME_OPTION = "auth-scheme";

  // Made when the first instance connects, not at start (see Lazy).
  private final Lazy<OkHttpClient> sharedClient;
  private final Lazy<CuratedModels> curated = new Lazy<>(CuratedModels::load);
  private final Clock clock;

  public OpenAiDriver() {
    this(new Lazy<>(OpenAiHttp::newSharedClient), Clock.systemUTC());
  }

  OpenAiDriver(OkHttpClient sharedClient, Clock clock) {
    this(Lazy.of(sharedClient), clock);
  }

  private OpenAiDriver(Lazy<OkHttpClient> sharedClient, Clock clock) {
    this.sharedClient = sharedClient;
    this.clock = clock;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return EnumSet.of(ProviderKind.OPENAI, ProviderKind.OPENAI_COMPATIBLE, ProviderKind.OPENWEBUI);
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey) {
    if (!kinds().contains(instance.kind())) {
      throw new IllegalArgumentException("OpenAiDriver cannot connect instance '" + instance.id() + "' of kind "
          + instance.kind().wireName());
    }
    Optional<Preset> preset = Preset.of(instance);
    String base = baseUrl(instance, preset);
    OkHttpClient client = OpenAiHttp.forInstance(sharedClient.get(), instance);
    Headers headers = headers(instance, preset, apiKey);

    if (instance.kind() == ProviderKind.OPENWEBUI) {
      // Open WebUI's own API (backend/open_webui/main.py): GET /api/models, POST /api/chat/completions and
      // POST /api/embeddings (also /api/v1/embeddings), which takes and answers OpenAI's embeddings shape for every
      // model it serves, Ollama's included; /ollama/api/embed would reach only its Ollama connections.
      HttpUrl models = OpenAiHttp.endpoint(base, "api/models");
      return new ProviderConnection(
          new ModelListDiscovery(client, models, headers, curated.get().forProvider(null)),
          new OpenAiChat(client, OpenAiHttp.endpoint(base, "api/chat/completions"), headers,
              OpenAiChat.MaxTokensField.MAX_TOKENS),
          new OpenAiEmbeddings(client, OpenAiHttp.endpoint(base, "api/embeddings"), headers),
          null,
          health(client, models, headers, instance));
    }
    boolean openAi = instance.kind() == ProviderKind.OPENAI;
    String curatedKey = openAi ? "openai" : preset.map(p -> p.curatedKey).orElse(null);
    HttpUrl models = OpenAiHttp.endpoint(base, "models");
    return new ProviderConnection(
        new ModelListDiscovery(client, models, headers, curated.get().forProvider(curatedKey)),
        new OpenAiChat(client, OpenAiHttp.endpoint(base, "chat/completions"), headers,
            openAi ? OpenAiChat.MaxTokensField.MAX_COMPLETION_TOKENS : OpenAiChat.MaxTokensField.MAX_TOKENS,
            openAi ? OpenAiHttp.endpoint(base, "responses") : null),
        new OpenAiEmbeddings(client, OpenAiHttp.endpoint(base, "embeddings"), headers),
        new OpenAiSpeech(client, OpenAiHttp.endpoint(base, "audio/speech"), headers),
        health(client, models, headers, instance),
        new OpenAiImages(client, OpenAiHttp.endpoint(base, "images/generations"), headers));
  }

  /**
   * The environment contract: {@code OPENAI_API_KEY} → {@code openai}; {@code OPENWEBUI_URL} → {@code openwebui};
   * {@code XAI_API_KEY}, {@code MISTRAL_API_KEY}, {@code DEEPSEEK_API_KEY}, {@code REQUESTY_API_KEY} → the preset
   * of that name. Each {@code <NAME>_BASE_URL} overrides the base URL. Keys are referenced, never copied.
   */
  @Override
  public List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    List<ProviderInstance> instances = new ArrayList<>();
    if (isSet(env, "OPENAI_API_KEY")) {
      instances.add(ProviderInstance.builder("openai", ProviderKind.OPENAI)
          .displayName("OpenAI")
          .baseUrl(orDefault(env, "OPENAI_BASE_URL", DEFAULT_OPENAI_BASE_URL))
          .credentialRef(ProviderInstance.envCredential("OPENAI_API_KEY"))
          .build());
    }
    if (isSet(env, "OPENWEBUI_URL")) {
      instances.add(ProviderInstance.builder("openwebui", ProviderKind.OPENWEBUI)
          .displayName("Open WebUI")
          .baseUrl(env.get("OPENWEBUI_URL").strip())
          .credentialRef(isSet(env, "OPENWEBUI_API_KEY") ? ProviderInstance.envCredential("OPENWEBUI_API_KEY") : null)
          .build());
    }
    for (Preset preset : Preset.values()) {
      if (preset.inEnvironmentContract && preset.keyVariable != null && isSet(env, preset.keyVariable)) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(PRESET_OPTION, preset.id());
        instances.add(ProviderInstance.builder(preset.id(), ProviderKind.OPENAI_COMPATIBLE)
            .displayName(preset.displayName)
            .baseUrl(orDefault(env, preset.baseUrlVariable(), preset.baseUrl))
            .credentialRef(ProviderInstance.envCredential(preset.keyVariable))
            .options(options)
            .build());
      }
    }
    return instances;
  }

  private HealthCheck health(OkHttpClient client, HttpUrl models, Headers headers, ProviderInstance instance) {
    return new HealthCheck(client, new Request.Builder().url(models).headers(headers).get().build(), instance,
        clock, body -> HealthCheck.Verdict.HEALTHY);
  }

  private static String baseUrl(ProviderInstance instance, Optional<Preset> preset) {
    if (instance.baseUrl() != null) {
      return instance.baseUrl();
    }
    if (preset.isPresent()) {
      return preset.get().baseUrl;
    }
    if (instance.kind() == ProviderKind.OPENAI) {
      return DEFAULT_OPENAI_BASE_URL;
    }
    throw new IllegalArgumentException("instance '" + instance.id() + "' of kind " + instance.kind().wireName()
        + " needs a 'baseUrl' (or a '" + PRESET_OPTION + "' option)");
  }

  private static Headers headers(ProviderInstance instance, Optional<Preset> preset, @Nullable Secret apiKey) {
    Headers.Builder headers = new Headers.Builder();
    if (apiKey != null) {
      String scheme = instance.option(AUTH_SCHEME_OPTION, preset.map(p -> p.authScheme).orElse("Bearer"));
      headers.add("Authorization", scheme + " " + apiKey.reveal());
    }
    return headers.build();
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }

  private static String orDefault(Map<String, String> env, String name, String fallback) {
    return isSet(env, name) ? env.get(name).strip() : fallback;
  }
}
