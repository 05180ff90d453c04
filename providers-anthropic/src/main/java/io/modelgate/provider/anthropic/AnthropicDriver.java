package io.modelgate.provider.anthropic;

import com.squareup.moshi.Moshi;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.http.ProviderHttp;
import io.modelgate.provider.http.Lazy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The Anthropic Messages API ({@link ProviderKind#ANTHROPIC}): discovery from {@code GET /v1/models} with the
 * curated list as fallback, streaming chat from {@code POST /v1/messages}, and a health probe. Anthropic has no
 * embeddings or speech. The base URL has no version path ({@code https://api.anthropic.com}); the key goes in the
 * {@code x-api-key} header. One OkHttp client ({@code ProviderHttp}) is shared by every instance this driver connects:
 * no silent OkHttp retries, only the one safe retry of a request Anthropic never saw. Thread-safe.
 */
public final class AnthropicDriver implements ProviderDriver {
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  static final String KEY_VARIABLE = "ANTHROPIC_API_KEY";
  static final String BASE_URL_VARIABLE = "ANTHROPIC_BASE_URL";

  // The client and the curated models are made when the first instance connects, not at start (see Lazy).
  private final Lazy<OkHttpClient> client;
  private final Moshi moshi;
  private final Lazy<CuratedModels> curated;
  private final AnthropicErrors errors;
  private final Clock clock;

  public AnthropicDriver() {
    this(new Lazy<>(ProviderHttp::newClient), Clock.systemUTC());
  }

  /** A driver on {@code client} (whose connection pool and dispatcher every instance shares). */
  public AnthropicDriver(OkHttpClient client, Clock clock) {
    this(Lazy.of(client), clock);
  }

  private AnthropicDriver(Lazy<OkHttpClient> client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.moshi = new Moshi.Builder().add(RawJson.class, RawJson.ADAPTER).build();
    this.curated = new Lazy<>(() -> CuratedModels.load(moshi));
    this.errors = new AnthropicErrors(moshi);
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.ANTHROPIC);
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey) {
    if (instance.kind() != ProviderKind.ANTHROPIC) {
      throw new IllegalArgumentException(
          "the Anthropic driver cannot connect instance '" + instance.id() + "' of kind " + instance.kind().wireName());
    }
    String base = instance.baseUrl() == null ? DEFAULT_BASE_URL : instance.baseUrl();
    HttpUrl baseUrl = HttpUrl.parse(base);
    if (baseUrl == null) {
      throw new IllegalArgumentException("'baseUrl' of instance '" + instance.id() + "' is not a URL");
    }
    AnthropicEndpoint endpoint = new AnthropicEndpoint(
        ProviderHttp.forInstance(client.get(), instance), baseUrl, apiKey);
    CuratedModels models = curated.get();
    AnthropicRequests requests = new AnthropicRequests(moshi,
        model -> models.find(model).map(DiscoveredModel::maxOutputTokens).orElse(null));
    return new ProviderConnection(
        new AnthropicDiscovery(endpoint, errors, models, moshi),
        new AnthropicChat(endpoint, requests, errors, moshi),
        null,
        null,
        new AnthropicHealth(endpoint, errors, clock));
  }

  /**
   * {@code anthropic} when {@code ANTHROPIC_API_KEY} (or {@code ANTHROPIC_BASE_URL}, for a keyless proxy) is set,
   * with the key referenced as {@code env:ANTHROPIC_API_KEY}.
   */
  @Override
  public List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    String key = env.get(KEY_VARIABLE);
    String baseUrl = env.get(BASE_URL_VARIABLE);
    boolean hasKey = key != null && !key.isBlank();
    boolean hasBaseUrl = baseUrl != null && !baseUrl.isBlank();
    if (!hasKey && !hasBaseUrl) {
      return List.of();
    }
    return List.of(ProviderInstance.builder("anthropic", ProviderKind.ANTHROPIC)
        .displayName("Anthropic")
        .baseUrl(hasBaseUrl ? baseUrl.strip() : DEFAULT_BASE_URL)
        .credentialRef(hasKey ? ProviderInstance.envCredential(KEY_VARIABLE) : null)
        .build());
  }
}
