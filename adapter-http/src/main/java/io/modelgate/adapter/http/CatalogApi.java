package io.modelgate.adapter.http;

import io.helidon.http.Method;
import io.modelgate.core.catalog.CatalogDiscovery;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelCatalog;
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

  @Inject
  CatalogApi(ModelCatalog catalog, CatalogDiscovery discovery, ProviderStates states, ModelRouter router,
      Gateway gateway, ChatCalls chats, JsonCodec json) {
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
    boolean force = call.queryFlag("force");
    if (force) {
      if (!caller.admin()) {
        throw new AccessDeniedException("only an admin may force a refresh from the providers");
      }
      discovery.discover(new DiscoveryRequest(provider != null && router.visibleProvider(caller, provider).isPresent()
          ? provider : null, category, true));
    }
    List<CatalogEntry> usable = router.usable(caller, category, provider);
    Map<String, ProviderState> states = this.states.all();
    Map<String, ProviderInstance> instances = new LinkedHashMap<>();
    for (ProviderInstance i : router.visibleProviders(caller)) {
      if (provider == null || provider.equals(i.id())) {
        instances.put(i.id(), i);
      }
    }
    List<CatalogWire.Model> models = new ArrayList<>();
    Instant lastUpdated = Instant.EPOCH;
    for (CatalogEntry e : usable) {
      Instant seen = e.lastSeenAt() != null ? e.lastSeenAt() : e.discoveredAt();
      if (seen.isAfter(lastUpdated)) {
        lastUpdated = seen;
      }
      ProviderInstance instance = instances.get(e.id().instance());
      ProviderState state = states.get(e.id().instance());
      models.add(new CatalogWire.Model(e.id().toString(), e.id().instance(), e.source().wireName(),
          instance == null ? e.id().instance() : instance.displayName(), e.category().wireName(),
          e.status().wireName(), state == null || state.latency() == null ? null : state.latency().toMillis(),
          ModelWire.capabilities(e), e.contextWindow(), ModelWire.price(e), CatalogWire.metadata(e, json),
          voices(e, caller)));
    }
    Map<String, CatalogWire.Provider> providers = new LinkedHashMap<>();
    for (ProviderInstance i : instances.values()) {
      List<CatalogEntry> all = catalog.list(new io.modelgate.core.catalog.ModelFilter(i.id(), category, null, null,
          null));
      int count = (int) usable.stream().filter(e -> e.id().instance().equals(i.id())).count();
      int pending = (int) all.stream().filter(e -> e.status() == ModelStatus.PENDING).count();
      ProviderState state = states.get(i.id());
      Instant checked = state == null ? null : state.lastChecked();
      if (checked != null && checked.isAfter(lastUpdated)) {
        lastUpdated = checked;
      }
      CatalogFreshness freshness = this.states.catalog(i.id());
      providers.put(i.id(), new CatalogWire.Provider(
          !i.enabled() ? "disabled" : state == null ? "unknown" : state.health().wireName(), checked,
          state == null || state.latency() == null ? null : state.latency().toMillis(), count,
          caller.admin() ? pending : 0, Problems.providerError(state == null ? null : state.error(), caller.admin()),
          freshness.stale(), freshness.listedAt()));
    }
    call.cacheableJson(new CatalogWire.Models(defaultModel(caller, category), models, providers, lastUpdated,
        !force));
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
