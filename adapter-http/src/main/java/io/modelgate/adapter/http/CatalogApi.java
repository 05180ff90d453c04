package io.modelgate.adapter.http;

import io.modelgate.core.catalog.CatalogDiscovery;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.CatalogFreshness;
import io.modelgate.core.catalog.ProviderState;
import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.routing.ModelRouter;
import io.modelgate.core.routing.Route;
import io.modelgate.wire.ModelWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The catalog API for apps: the models with their providers' state, and chat that shows the route it took. */
@Singleton
final class CatalogApi {
  private static final String TAG = "catalog";

  private final ModelCatalog catalog;
  private final CatalogDiscovery discovery;
  private final ProviderStates states;
  private final ModelRouter router;
  private final Gateway gateway;
  private final ChatCalls chats;
  private final JsonCodec json;
  private final PreparedAnswers prepared;

  @Inject
  CatalogApi(ModelCatalog catalog, CatalogDiscovery discovery, ProviderStates states, ModelRouter router,
      Gateway gateway, ChatCalls chats, JsonCodec json, PreparedAnswers prepared) {
    this.prepared = prepared;
    this.catalog = catalog;
    this.discovery = discovery;
    this.states = states;
    this.router = router;
    this.gateway = gateway;
    this.chats = chats;
    this.json = json;
  }

  /** The voices of a speech model, as its provider lists them; null for other models or when it cannot say. */
  private @Nullable List<String> voices(CatalogEntry entry, CallerContext caller) {
    if (entry.category() != ModelCategory.TTS) {
      return null;
    }
    try {
      return gateway.voices(entry.id().toString(), caller);
    } catch (RuntimeException e) {
      return null;
    }
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.GET, "/ai/models", user, TAG,
            "The models this caller may use with their providers' state; ?category=&provider=, ?force=true (admin)",
            this::models),
        new Endpoint(Method.POST, "/ai/chat", user, TAG, "Chat, answering with the route taken", this::chat)
            .body(RequestWire.CatalogChat.class).reply(CatalogWire.Reply.class),
        new Endpoint(Method.POST, "/ai/stream", user, TAG, "Chat streamed as server-sent events", this::stream)
            .body(RequestWire.CatalogChat.class));
  }

  private void models(Call call) {
    CallerContext caller = call.caller();
    ModelCategory category = Params.category(call.query("category").orElse(null), "category");
    String provider = call.query("provider").orElse(null);
    if (call.queryFlag("force")) {
      if (!caller.admin()) {
        throw new AccessDeniedException("only an admin may force a refresh from the providers");
      }
      discovery.discover(new DiscoveryRequest(provider != null && router.visibleProvider(caller, provider).isPresent()
          ? provider : null, category, true));
      call.cacheableJson(list(caller, category, provider, defaultModel(caller, category), false));
      return;
    }
    // A speech model's voices are listed with the caller's own provider keys: such a list is the caller's own.
    List<Object> parameters = Arrays.asList(category, provider, speaks(category, provider) ? caller.principal() : null);
    JsonCodec.Tagged list = prepared.answer("/ai/models", parameters, caller,
        () -> list(caller, category, provider, null, true), json);
    // The default is the caller's own (their preferences, their org's): set into the list prepared for their view.
    call.cacheable(prepared.withField(list, "default_model_id", defaultModel(caller, category), json),
        Call.REVALIDATE);
  }

  /** Whether the list of {@code category} (null: all) from {@code provider} (null: all) may hold a speech model. */
  private boolean speaks(@Nullable ModelCategory category, @Nullable String provider) {
    return (category == null || category == ModelCategory.TTS)
        && catalog.stream(new ModelFilter(provider, ModelCategory.TTS, ModelStatus.ENABLED, null, null)).findAny()
            .isPresent();
  }

  /** The models the caller may use, with their providers' state; the default model as given. */
  private CatalogWire.Models list(CallerContext caller, @Nullable ModelCategory category, @Nullable String provider,
      @Nullable String defaultModel, boolean cacheHit) {
    List<CatalogEntry> usable = router.usable(caller, category, provider);
    Map<String, ProviderState> states = this.states.all();
    Map<String, ProviderInstance> instances = new LinkedHashMap<>();
    for (ProviderInstance i : router.visibleProviders(caller)) {
      if (provider == null || provider.equals(i.id())) {
        instances.put(i.id(), i);
      }
    }
    List<CatalogWire.Model> models = new ArrayList<>(usable.size());
    Map<String, Integer> counts = new HashMap<>();
    Instant lastUpdated = Instant.EPOCH;
    for (CatalogEntry e : usable) {
      Instant seen = e.lastSeenAt() != null ? e.lastSeenAt() : e.discoveredAt();
      if (seen.isAfter(lastUpdated)) {
        lastUpdated = seen;
      }
      counts.merge(e.id().instance(), 1, Integer::sum);
      ProviderInstance instance = instances.get(e.id().instance());
      ProviderState state = states.get(e.id().instance());
      models.add(new CatalogWire.Model(e.id().toString(), e.id().instance(), e.source().wireName(),
          instance == null ? e.id().instance() : instance.displayName(), e.category().wireName(),
          e.status().wireName(), state == null || state.latency() == null ? null : state.latency().toMillis(),
          ModelWire.capabilities(e), e.contextWindow(), ModelWire.price(e), CatalogWire.metadata(e, json),
          voices(e, caller)));
    }
    Map<String, Integer> pending = new HashMap<>();
    if (caller.admin()) {
      for (CatalogEntry e : catalog.list(new ModelFilter(provider, category, ModelStatus.PENDING, null, null))) {
        pending.merge(e.id().instance(), 1, Integer::sum);
      }
    }
    Map<String, CatalogWire.Provider> providers = new LinkedHashMap<>();
    for (ProviderInstance i : instances.values()) {
      ProviderState state = states.get(i.id());
      Instant checked = state == null ? null : state.lastChecked();
      if (checked != null && checked.isAfter(lastUpdated)) {
        lastUpdated = checked;
      }
      CatalogFreshness freshness = this.states.catalog(i.id());
      providers.put(i.id(), new CatalogWire.Provider(
          !i.enabled() ? "disabled" : state == null ? "unknown" : state.health().wireName(), checked,
          state == null || state.latency() == null ? null : state.latency().toMillis(),
          counts.getOrDefault(i.id(), 0), pending.getOrDefault(i.id(), 0),
          Problems.providerError(state == null ? null : state.error(), caller.admin()),
          freshness.stale(), freshness.listedAt()));
    }
    return new CatalogWire.Models(defaultModel, models, providers, lastUpdated, cacheHit);
  }

  private @Nullable String defaultModel(CallerContext caller, @Nullable ModelCategory category) {
    try {
      return router.resolve(null, category == null ? ModelCategory.TEXT : category, caller).servedId().toString();
    } catch (ModelgateException e) {
      return null;
    }
  }

  // ---- chat -----------------------------------------------------------------------------------------------------

  private ChatRequest request(Call call) {
    Fields body = call.body();
    RequestWire.CatalogChat in = call.body(RequestWire.CatalogChat.class);
    List<ChatMessage> messages = new ArrayList<>(ChatRequests.messages(body, "history", json));
    messages.addAll(ChatRequests.messages(body, "messages", json));
    String prompt = in.prompt();
    if (prompt != null) {
      messages.add(ChatMessage.user(prompt));
    }
    if (messages.isEmpty()) {
      throw body.invalid("prompt", "is required (or messages)");
    }
    CallerContext caller = call.caller(in.conversationId(), body.string("agent_id"));
    return ChatRequest.builder().model(in.model()).messages(messages).caller(caller).build();
  }

  private void chat(Call call) {
    long started = System.nanoTime();
    ChatRequest request = request(call);
    GatewayChat chat = chats.open(request, call.requestId());
    ChatCalls.Reply reply = chats.join(call, chat, started);
    chats.answerHeaders(call, reply);
    ChatCalls.Choice first = reply.choices().getFirst();
    Route route = chat.route();
    call.json(200, new CatalogWire.Reply(chat.requestId(), route.servedId().toString(), route.requested(),
        route.instance().id(), CatalogWire.route(route),
        OpenAiWire.assistant(first),
        reply.finish().wireName(), OpenAiWire.usage(reply.usage()), reply.cost(),
        request.caller().conversationId()));
  }

  private void stream(Call call) throws IOException {
    long started = System.nanoTime();
    ChatRequest request = request(call);
    GatewayChat chat = chats.open(request, call.requestId());
    chats.relay(call, chat, started, RouteEventFormat.INSTANCE);
  }
}
