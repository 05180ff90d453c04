package io.modelgate.provider.gemini;

import io.modelgate.provider.http.JsonText;

import com.squareup.moshi.Moshi;
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
 * The Gemini (Generative Language API) driver for kind {@link ProviderKind#GEMINI}: discovery, streaming chat,
 * embeddings, speech from the TTS models and a health probe. The base URL carries no version
 * ({@code https://generativelanguage.googleapis.com}); calls go under {@code /v1beta}, the key in the
 * {@code x-goog-api-key} header. Thread-safe; one OkHttp client is shared by every connection it makes.
 */
public final class GeminiDriver implements ProviderDriver {
  public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
  public static final String API_KEY_VARIABLE = "GEMINI_API_KEY";
  public static final String BASE_URL_VARIABLE = "GEMINI_BASE_URL";

  // The client and the curated models are made when the first instance connects, not at start (see Lazy).
  private final Lazy<OkHttpClient> client;
  private final Moshi moshi;
  private final Lazy<CuratedModels> curated;
  private final Clock clock;

  public GeminiDriver() {
    this(new Lazy<>(ProviderHttp::newClient));
  }

  /** A driver sharing {@code client} (its connection pool and dispatcher) with the rest of the application. */
  public GeminiDriver(OkHttpClient client) {
    this(Lazy.of(client));
  }

  private GeminiDriver(Lazy<OkHttpClient> client) {
    this.client = client;
    this.moshi = newMoshi();
    this.curated = new Lazy<>(() -> CuratedModels.load(moshi));
    this.clock = Clock.systemUTC();
  }

  static Moshi newMoshi() {
    return new Moshi.Builder().add(GeminiWire.RawJson.class,
        JsonText.adapter(GeminiWire.RawJson::new, GeminiWire.RawJson::json)).build();
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.GEMINI);
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey) {
    if (instance.kind() != ProviderKind.GEMINI) {
      throw new IllegalArgumentException("the Gemini driver cannot connect a '" + instance.kind().wireName()
          + "' instance ('" + instance.id() + "')");
    }
    OkHttpClient instanceClient = ProviderHttp.forInstance(client.get(), instance);
    GeminiApi api = new GeminiApi(instanceClient, baseUrl(instance.baseUrl()), apiKey, moshi);
    return new ProviderConnection(new GeminiDiscovery(api, curated.get()), new GeminiChat(api),
        new GeminiEmbeddings(api), new GeminiSpeech(api), new GeminiHealth(api, clock));
  }

  /** {@code gemini} from {@code GEMINI_API_KEY} (referenced, not copied) and {@code GEMINI_BASE_URL}. */
  @Override
  public List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    String key = env.get(API_KEY_VARIABLE);
    String base = env.get(BASE_URL_VARIABLE);
    boolean hasKey = key != null && !key.isBlank();
    boolean hasBase = base != null && !base.isBlank();
    if (!hasKey && !hasBase) {
      return List.of();
    }
    return List.of(ProviderInstance.builder("gemini", ProviderKind.GEMINI)
        .displayName("Google Gemini")
        .baseUrl(hasBase ? base.strip() : DEFAULT_BASE_URL)
        .credentialRef(hasKey ? ProviderInstance.envCredential(API_KEY_VARIABLE) : null)
        .build());
  }

  /** The base URL without a trailing slash or version path ({@code /v1beta} and {@code /v1} are tolerated). */
  static HttpUrl baseUrl(@Nullable String configured) {
    String url = configured == null || configured.isBlank() ? DEFAULT_BASE_URL : configured.strip();
    url = url.replaceAll("/+$", "").replaceAll("/(v1beta|v1)$", "");
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException("'baseUrl' is not a valid URL: '" + url + "'");
    }
    return parsed;
  }
}
