package io.modelgate.provider.ollama;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.http.ProviderHttp;
import io.modelgate.provider.http.Lazy;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Speaks Ollama's native API to a node on someone's machine ({@link ProviderKind#OLLAMA}). The base URL has no
 * version path ({@code http://host:11434}, the default being {@code http://localhost:11434}). Nodes are keyless;
 * when a key is given (a node behind a proxy) it goes in {@code Authorization: Bearer}. There is no speech.
 * {@link #fromEnvironment} reads {@code OLLAMA_URL} and {@code OLLAMA_API_KEY}. Thread-safe; one HTTP client is
 * shared by every connection.
 */
public final class OllamaDriver implements ProviderDriver {
  static final String DEFAULT_BASE_URL = "http://localhost:11434";

  // Made when the first instance connects, not at start (see Lazy).
  private final Lazy<OkHttpClient> client;
  private final Clock clock;

  @Inject
  public OllamaDriver() {
    this(new Lazy<>(ProviderHttp::newClient), Clock.systemUTC());
  }

  OllamaDriver(OkHttpClient client, Clock clock) {
    this(Lazy.of(client), clock);
  }

  private OllamaDriver(Lazy<OkHttpClient> client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.OLLAMA);
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey) {
    OllamaHttp http = http(instance, apiKey);
    return new ProviderConnection(new OllamaDiscovery(http), new OllamaChat(http), new OllamaEmbeddings(http), null,
        new OllamaHealth(http, clock));
  }

  @Override
  public List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    return OllamaEnvironment.instances(env);
  }

  /**
   * What the node has loaded in memory right now ({@code GET /api/ps}). Throws a
   * {@link io.modelgate.core.error.ModelgateException} when the node cannot say.
   */
  public List<OllamaLoadedModel> loadedModels(ProviderInstance instance, @Nullable Secret apiKey) {
    OllamaWire.PsResponse ps = http(instance, apiKey).get("api/ps", OllamaWire.PsResponse.class);
    List<OllamaLoadedModel> loaded = new ArrayList<>();
    for (OllamaWire.PsModel model : ps.models() == null ? List.<OllamaWire.PsModel>of() : ps.models()) {
      String name = model.model() != null && !model.model().isBlank() ? model.model() : model.name();
      if (name == null || name.isBlank()) {
        continue;
      }
      OllamaWire.Details details = model.details();
      loaded.add(new OllamaLoadedModel(name, Math.max(0, orZero(model.size())), Math.max(0, orZero(model.sizeVram())),
          instant(model.expiresAt()), model.contextLength(),
          details == null ? null : details.parameterSize(), details == null ? null : details.quantizationLevel()));
    }
    return List.copyOf(loaded);
  }

  private OllamaHttp http(ProviderInstance instance, @Nullable Secret apiKey) {
    if (instance.kind() != ProviderKind.OLLAMA) {
      throw new IllegalArgumentException(
          "OllamaDriver speaks kind 'ollama', not '" + instance.kind().wireName() + "' (" + instance.id() + ")");
    }
    String base = instance.baseUrl() == null ? DEFAULT_BASE_URL : instance.baseUrl();
    HttpUrl url = HttpUrl.parse(base);
    if (url == null) {
      throw new IllegalArgumentException("'baseUrl' of " + instance.id() + " is not a URL: '" + base + "'");
    }
    return new OllamaHttp(ProviderHttp.forInstance(client.get(), instance), url, apiKey);
  }

  private static @Nullable Instant instant(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }
}
