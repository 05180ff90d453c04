package io.modelgate.provider.elevenlabs;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
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
 * The ElevenLabs driver for kind {@link ProviderKind#ELEVENLABS}: discovery of its TTS models and their voices,
 * speech, and a health probe; it has no chat or embeddings. The base URL carries no version
 * ({@code https://api.elevenlabs.io}); the key goes in the {@code xi-api-key} header. Thread-safe; one OkHttp
 * client is shared by every connection it makes.
 */
public final class ElevenLabsDriver implements ProviderDriver {
  public static final String DEFAULT_BASE_URL = "https://api.elevenlabs.io";
  public static final String API_KEY_VARIABLE = "ELEVENLABS_API_KEY";
  public static final String BASE_URL_VARIABLE = "ELEVENLABS_BASE_URL";

  // Made when the first instance connects, not at start (see Lazy).
  private final Lazy<OkHttpClient> client;

  public ElevenLabsDriver() {
    this.client = new Lazy<>(ProviderHttp::newClient);
  }

  /** A driver sharing {@code client} (its connection pool and dispatcher) with the rest of the application. */
  public ElevenLabsDriver(OkHttpClient client) {
    this.client = Lazy.of(client);
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.ELEVENLABS);
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey) {
    if (instance.kind() != ProviderKind.ELEVENLABS) {
      throw new IllegalArgumentException("the ElevenLabs driver cannot connect a '" + instance.kind().wireName()
          + "' instance ('" + instance.id() + "')");
    }
    // The shared transport: timeouts, no silent OkHttp retries, one safe retry of a request ElevenLabs never saw.
    ElevenLabsApi api = new ElevenLabsApi(ProviderHttp.forInstance(client.get(), instance), baseUrl(instance.baseUrl()),
        apiKey);
    VoiceDirectory voices = new VoiceDirectory(api);
    return new ProviderConnection(new ElevenLabsDiscovery(api, voices),
        ChatModel.unsupported("ElevenLabs ('" + instance.id() + "')"), null, new ElevenLabsSpeech(api, voices),
        new ElevenLabsHealth(api, Clock.systemUTC()));
  }

  /** {@code elevenlabs} from {@code ELEVENLABS_API_KEY} (referenced, not copied) and {@code ELEVENLABS_BASE_URL}. */
  @Override
  public List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    return ProviderDriver.sharedInstance(env,
        ProviderInstance.builder("elevenlabs", ProviderKind.ELEVENLABS).displayName("ElevenLabs"),
        API_KEY_VARIABLE, BASE_URL_VARIABLE, DEFAULT_BASE_URL);
  }

  /** The base URL without a trailing slash or version path ({@code /v1} is tolerated). */
  static HttpUrl baseUrl(@Nullable String configured) {
    String url = configured == null || configured.isBlank() ? DEFAULT_BASE_URL : configured.strip();
    try {
      return HttpUrl.get(url.replaceAll("/+$", "").replaceAll("/v1$", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'baseUrl' is not a valid URL: '" + url + "'", e);
    }
  }
}
