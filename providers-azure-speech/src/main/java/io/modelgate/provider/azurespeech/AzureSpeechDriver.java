package io.modelgate.provider.azurespeech;

import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import io.modelgate.core.port.HealthProbe;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.http.ProviderHttp;
import io.modelgate.provider.http.Lazy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The Azure AI Speech driver for kind {@link ProviderKind#AZURE_SPEECH}: its voices as the catalog's TTS models,
 * speech from SSML, and a health probe (the voices list); it has no chat or embeddings. The base URL is the
 * region's text-to-speech host ({@code https://westeurope.tts.speech.microsoft.com}); the key goes in the
 * {@code Ocp-Apim-Subscription-Key} header. Thread-safe; one OkHttp client is shared by every connection.
 */
public final class AzureSpeechDriver implements ProviderDriver {
  public static final String API_KEY_VARIABLE = "AZURE_SPEECH_KEY";
  public static final String REGION_VARIABLE = "AZURE_SPEECH_REGION";
  public static final String BASE_URL_VARIABLE = "AZURE_SPEECH_BASE_URL";

  // Made when the first instance connects, not at start (see Lazy).
  private final Lazy<OkHttpClient> client;

  public AzureSpeechDriver() {
    this.client = new Lazy<>(ProviderHttp::newClient);
  }

  /** A driver sharing {@code client} (its connection pool and dispatcher) with the rest of the application. */
  public AzureSpeechDriver(OkHttpClient client) {
    this.client = Lazy.of(client);
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.AZURE_SPEECH);
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey) {
    if (instance.kind() != ProviderKind.AZURE_SPEECH) {
      throw new IllegalArgumentException("the Azure AI Speech driver cannot connect a '"
          + instance.kind().wireName() + "' instance ('" + instance.id() + "')");
    }
    if (instance.baseUrl() == null || instance.baseUrl().isBlank()) {
      throw new IllegalArgumentException("provider '" + instance.id() + "' needs a base URL: set "
          + REGION_VARIABLE + " or " + BASE_URL_VARIABLE);
    }
    HttpUrl base = HttpUrl.parse(instance.baseUrl().strip());
    if (base == null) {
      throw new IllegalArgumentException("'baseUrl' of provider '" + instance.id() + "' is not a valid URL");
    }
    // The shared transport: timeouts, no silent OkHttp retries, one safe retry of a request Azure never saw.
    AzureSpeechApi api = new AzureSpeechApi(ProviderHttp.forInstance(client.get(), instance), base, apiKey);
    AzureVoices voices = new AzureVoices(api);
    return new ProviderConnection(new AzureSpeechDiscovery(voices, api),
        ChatModel.unsupported("Azure AI Speech ('" + instance.id() + "')"), null, new AzureSynthesis(api, voices),
        health(api, Clock.systemUTC()));
  }

  /** The voices list, timed: an answer is HEALTHY, 429 DEGRADED, anything else DOWN. Never throws. */
  private static HealthProbe health(AzureSpeechApi api, Clock clock) {
    return () -> {
      long started = System.nanoTime();
      try (Response r = api.client().newCall(api.voicesRequest()).execute()) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        HealthState state = r.isSuccessful() ? HealthState.HEALTHY
            : r.code() == 429 ? HealthState.DEGRADED : HealthState.DOWN;
        String detail = r.isSuccessful() ? null : "HTTP " + r.code() + ": " + api.errors.fromResponse(r).getMessage();
        return new HealthStatus(state, took, detail, clock.instant());
      } catch (IOException e) {
        return new HealthStatus(HealthState.DOWN, Duration.ofNanos(System.nanoTime() - started),
            api.errors.fromIo(e, false).getMessage(), clock.instant());
      }
    };
  }

  /**
   * {@code azure-speech} from {@code AZURE_SPEECH_KEY} (referenced, not copied) and {@code AZURE_SPEECH_BASE_URL},
   * or the region's host {@code https://<AZURE_SPEECH_REGION>.tts.speech.microsoft.com}.
   */
  @Override
  public List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    String region = env.getOrDefault(REGION_VARIABLE, "").strip();
    if (!region.isEmpty() && !region.matches("[a-z0-9]+")) {
      throw new IllegalArgumentException(REGION_VARIABLE + " must be an Azure region name such as westeurope, was '"
          + region + "'");
    }
    boolean hasBase = !env.getOrDefault(BASE_URL_VARIABLE, "").isBlank();
    if (region.isEmpty() && !hasBase && !env.getOrDefault(API_KEY_VARIABLE, "").isBlank()) {
      throw new IllegalArgumentException(API_KEY_VARIABLE + " is set but " + REGION_VARIABLE + " (or "
          + BASE_URL_VARIABLE + ") is not: Azure AI Speech needs the region its key belongs to");
    }
    String regional = region.isEmpty() ? "" : "https://" + region + ".tts.speech.microsoft.com";
    return ProviderDriver.sharedInstance(env,
        ProviderInstance.builder("azure-speech", ProviderKind.AZURE_SPEECH).displayName("Azure AI Speech"),
        API_KEY_VARIABLE, BASE_URL_VARIABLE, regional);
  }
}
