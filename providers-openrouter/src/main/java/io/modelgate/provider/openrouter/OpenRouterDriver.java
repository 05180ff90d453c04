package io.modelgate.provider.openrouter;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.provider.openai.OpenAiDriver;
import io.modelgate.provider.openai.internal.HealthCheck;
import io.modelgate.provider.openai.internal.OpenAiChat;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import io.modelgate.provider.http.Lazy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * OpenRouter ({@code openrouter}, base {@code https://openrouter.ai/api/v1}). Chat is the OpenAI protocol of
 * providers-openai plus OpenRouter's extras: the attribution headers {@code HTTP-Referer} and {@code X-Title} from
 * the instance options {@value #REFERER_OPTION} and {@value #TITLE_OPTION}, provider routing preferences passed
 * through as the {@code provider} extension, and {@code usage.cost} kept as the billed cost. Thread-safe; one OkHttp
 * client is shared by every instance.
 */
public final class OpenRouterDriver implements ProviderDriver {
  public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";
  /** Instance option: the app URL sent as {@code HTTP-Referer} (OpenRouter's app attribution). */
  public static final String REFERER_OPTION = "referer";
  /** Instance option: the app name sent as {@code X-Title}. */
  public static final String TITLE_OPTION = "title";

  // Made when the first instance connects, not at start (see Lazy).
  private final Lazy<OkHttpClient> sharedClient;
  private final Clock clock;

  public OpenRouterDriver() {
    this(new Lazy<>(OpenAiHttp::newSharedClient), Clock.systemUTC());
  }

  OpenRouterDriver(OkHttpClient sharedClient, Clock clock) {
    this(Lazy.of(sharedClient), clock);
  }

  private OpenRouterDriver(Lazy<OkHttpClient> sharedClient, Clock clock) {
    this.sharedClient = sharedClient;
    this.clock = clock;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.OPENROUTER);
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey) {
    if (instance.kind() != ProviderKind.OPENROUTER) {
      throw new IllegalArgumentException("OpenRouterDriver cannot connect instance '" + instance.id()
          + "' of kind " + instance.kind().wireName());
    }
    String base = instance.baseUrl() != null ? instance.baseUrl() : DEFAULT_BASE_URL;
    OkHttpClient client = OpenAiHttp.forInstance(sharedClient.get(), instance);
    Headers.Builder headers = new Headers.Builder();
    if (apiKey != null) {
      headers.add("Authorization", "Bearer " + apiKey.reveal());
    }
    String referer = instance.options().get(REFERER_OPTION);
    if (referer != null && !referer.isBlank()) {
      headers.add("HTTP-Referer", referer);
    }
    String title = instance.options().get(TITLE_OPTION);
    if (title != null && !title.isBlank()) {
      headers.add("X-Title", title);
    }
    Headers all = headers.build();
    OpenAiChat chat = new OpenAiChat(client, OpenAiHttp.endpoint(base, "chat/completions"), all,
        OpenAiChat.MaxTokensField.MAX_TOKENS);
    Request keyProbe = new Request.Builder().url(OpenAiHttp.endpoint(base, "key")).headers(all).get().build();
    return new ProviderConnection(
        new OpenRouterDiscovery(client, OpenAiHttp.endpoint(base, "models"), all),
        new UsageAccountingChat(chat),
        // OpenRouter's /embeddings speaks OpenAI's protocol: the OpenAI driver's embeddings, at OpenRouter's URL.
        new OpenAiDriver().connect(ProviderInstance.builder(instance.id(), ProviderKind.OPENAI_COMPATIBLE)
            .baseUrl(base).options(instance.options()).build(), apiKey).embeddings(),
        null,
        new HealthCheck(client, keyProbe, instance, clock, KeyHealth::verdict));
  }

  /** {@code OPENROUTER_API_KEY} (+ {@code OPENROUTER_BASE_URL}) → the shared instance {@code openrouter}. */
  @Override
  public List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    String key = env.get("OPENROUTER_API_KEY");
    if (key == null || key.isBlank()) {
      return List.of();
    }
    String base = env.get("OPENROUTER_BASE_URL");
    return List.of(ProviderInstance.builder("openrouter", ProviderKind.OPENROUTER)
        .displayName("OpenRouter")
        .baseUrl(base == null || base.isBlank() ? DEFAULT_BASE_URL : base.strip())
        .credentialRef(ProviderInstance.envCredential("OPENROUTER_API_KEY"))
        .build());
  }

  /**
   * Asks OpenRouter for its usage accounting ({@code "usage": {"include": true}}) when the caller wants usage, so
   * the final chunk carries {@code usage.cost}; a caller's own {@code usage} extension wins.
   */
  private record UsageAccountingChat(ChatModel delegate) implements ChatModel {
    @Override
    public ChatStream stream(String model, ChatRequest request) {
      if (request.includeUsage() && !request.extensions().containsKey("usage")) {
        request = request.newBuilder().extension("usage", Map.of("include", true)).build();
      }
      return delegate.stream(model, request);
    }
  }
}
