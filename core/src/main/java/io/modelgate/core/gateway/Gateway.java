package io.modelgate.core.gateway;

import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.ImageRequest;
import io.modelgate.core.chat.ImageResponse;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.Conversation;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.RequestId;
import io.modelgate.core.port.CallObserver;
import io.modelgate.core.port.EmbeddingModel;
import io.modelgate.core.port.ImageModel;
import io.modelgate.core.port.ProviderConfigStore;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.SettingsStore;
import io.modelgate.core.port.SpeechModel;
import io.modelgate.core.port.TokenCounter;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.provider.ProviderConnections;
import io.modelgate.core.quota.QuotaStatus;
import io.modelgate.core.routing.ModelRouter;
import io.modelgate.core.routing.Attempt;
import io.modelgate.core.routing.CircuitBreakers;
import io.modelgate.core.routing.FailoverSettings;
import io.modelgate.core.routing.LoadBalancer;
import io.modelgate.core.routing.Needs;
import io.modelgate.core.routing.Plan;
import io.modelgate.core.routing.Route;
import io.modelgate.core.routing.Target;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageRecord;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every call takes: resolve the route, reserve quota, call the provider with the key that applies to
 * the caller, and record usage (tokens, cost at the catalog price, latency, time to first token, route, outcome).
 * Each attempt at a provider and each step of a route is told to the {@link CallObserver}. Thread-safe.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final long DEFAULT_MAX_OUTPUT = 4_096;

  private final ModelRouter router;
  private final ProviderConnections connections;
  private final QuotaGuard quota;
  private final UsageLog usageLog;
  private final TokenCounter tokens;
  private final ProviderConfigStore userConfigs;
  private final SettingsStore settings;
  private final InstantSource clock;
  private final Failover failover;
  private final CallObserver observer;

  @Inject
  public Gateway(ModelRouter router, ProviderConnections connections, QuotaGuard quota, UsageLog usageLog,
      TokenCounter tokens, ProviderConfigStore userConfigs, SettingsStore settings, InstantSource clock,
      FailoverSettings failoverSettings, CircuitBreakers breakers, LoadBalancer balancer, CallObserver observer,
      ProviderRateLimits rateLimits) {
    this.router = router;
    this.failover = new Failover(failoverSettings, breakers, balancer, connections, observer, rateLimits);
    this.observer = observer;
    this.settings = settings;
    this.userConfigs = userConfigs;
    this.connections = connections;
    this.quota = quota;
    this.usageLog = usageLog;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * Starts a chat and returns its stream. Routing, access and quota problems throw before anything is sent. The
   * call goes to the targets of the route's {@link Plan} in turn until one answers (see {@link Failover}); once its
   * first token is known it stays there. Provider failures arrive as the stream's {@link ChatEvent.Failed} end
   * (or are thrown when no provider could be reached at all), and so does a reply that runs past the
   * output tokens reserved for it (a {@link io.modelgate.core.error.QuotaExceededException} naming
   * {@code max_tokens}), after which the provider's stream is closed.
   */
  public GatewayChat stream(ChatRequest request) {
    return stream(request, RequestId.random());
  }

  /**
   * {@link #stream(ChatRequest)} under the id the caller made for this call. A call in a conversation that has no
   * pinned model yet pins the model that serves it, so the conversation sticks to it whatever door it comes through.
   */
  public GatewayChat stream(ChatRequest request, RequestId id) {
    String requestId = id.value();
    Route resolved = router.resolve(request.model(), ModelCategory.TEXT, request.caller());
    resolved.steps().forEach(observer::routeStep);
    ChatRequest effective = withDefaults(request, resolved);
    PromptTokens prompt = new PromptTokens(effective, resolved.servedId(), tokens);
    long maxOutput = maxOutput(effective, resolved.served());
    LongSupplier maxTokens = () -> prompt.tokens() + maxOutput;
    Plan plan = router.plan(resolved, Needs.of(effective, prompt), request.caller());
    QuotaGuard.Ticket ticket = quota.reserve(request.caller(), resolved.served(), new QuotaGuard.WorstCase() {
      @Override
      public long maxTokens() {
        return maxTokens.getAsLong();
      }

      // The dearest target the call may fail over to; settling bills what it used.
      @Override
      public BigDecimal maxUsd() {
        BigDecimal worst = BigDecimal.ZERO;
        for (Target t : plan.targets()) {
          worst = worst.max(t.entry().costOf(Usage.of(prompt.tokens(), maxOutput)));
        }
        return worst;
      }
    });
    long started = System.nanoTime();
    Failover.Opened opened;
    try {
      opened = failover.open(plan, effective, request.caller(), started, maxTokens);
    } catch (RuntimeException e) {
      ticket.release();
      throw e;
    }
    Route route = resolved.servedBy(opened.target(), opened.attempts());
    if (opened.attempts().getLast().outcome() == Attempt.Outcome.SERVED) {
      pin(request.caller(), route);
    }
    ChatStream metered = new MeteredChatStream(opened.stream(), started, prompt::tokens, maxOutput,
        (outcome, usage, ttft, error, finishReason, identity) -> {
          opened.finished().run();
          opened.permit().settle(usage.totalTokens());
          opened.observation().ended(new CallObserver.AttemptEnd(outcome == UsageOutcome.CANCELLED ? "cancelled"
              : error == null ? null : error.code(), usage, finishReason,
              identity != null && identity.id() != null ? identity.id() : requestId,
              identity == null ? null : identity.model()));
          record("chat", requestId, request.caller(), request.model(), route, usage, started, ttft, outcome, error,
              ticket);
        });
    return new GatewayChat(requestId, route, metered);
  }

  /** A whole chat reply: the stream, joined. Provider failures are thrown. */
  public GatewayResult<ChatResponse> chat(ChatRequest request) {
    return chat(request, RequestId.random());
  }

  /** {@link #chat(ChatRequest)} under the id the caller made for this call. */
  public GatewayResult<ChatResponse> chat(ChatRequest request, RequestId id) {
    GatewayChat call = stream(request, id);
    ChatResponse response = ChatResponse.collect(call.stream());
    return new GatewayResult<>(call.requestId(), call.route(), response,
        call.route().served().costOf(response.usage()));
  }

  /**
   * The prompt tokens of {@code request} as the gateway counts them to reserve quota, for the model it routes to;
   * nothing is sent to a provider. A routing or access problem throws as it would for the call itself.
   */
  public long countTokens(ChatRequest request) {
    Route route = router.resolve(request.model(), ModelCategory.TEXT, request.caller());
    return new PromptTokens(request, route.servedId(), tokens).tokens();
  }

  public GatewayResult<EmbeddingResponse> embed(EmbeddingRequest request) {
    return embed(request, RequestId.random());
  }

  /**
   * Embeds under the id the caller made for this call. A retriable failure moves on to the same model on another
   * node of its pool (never to another model: its vectors would not compare with the first's), under the same
   * attempt budget, deadline and circuit breakers as a chat.
   */
  public GatewayResult<EmbeddingResponse> embed(EmbeddingRequest request, RequestId id) {
    String requestId = id.value();
    Route route = router.resolve(request.model(), ModelCategory.EMBEDDING, request.caller());
    long tokens = request.inputs().stream().mapToLong(t -> this.tokens.count(route.servedId(), t)).sum();
    Plan plan = router.plan(route, Needs.NOTHING, request.caller());
    Plan sameModel = new Plan(List.of(plan.groups().getFirst()), plan.strategy());
    BigDecimal worst = BigDecimal.ZERO;
    for (Target t : sameModel.targets()) {
      worst = worst.max(worstCaseCost(t.entry(), tokens));
    }
    QuotaGuard.Ticket ticket = quota.reserve(request.caller(), route.served(), tokens, worst);
    long started = System.nanoTime();
    List<Attempt> attempts = new ArrayList<>();
    try {
      Failover.Served<EmbeddingResponse> served = failover.run(sameModel, started, () -> tokens, attempts,
          (target, number) -> attemptStart("embeddings", target, number, request.caller()),
          (target, t, d, observation) -> {
            EmbeddingModel model = capability(connections.connect(target.instance(), request.caller().principal())
                .embeddings(), target, "embeddings");
            try (CallObserver.Scope scope = observation.enter()) {
              return new Failover.Step.Done<>(model.embed(target.id().model(), request), null, null);
            }
          });
      served.finished().run();
      Route servedRoute = route.servedBy(served.target(), served.attempts());
      EmbeddingResponse response = served.value();
      served.permit().settle(response.usage().totalTokens());
      served.observation().ended(new CallObserver.AttemptEnd(null, response.usage(), null, requestId, null));
      record("embedding", requestId, request.caller(), request.model(), servedRoute, response.usage(), started,
          null, UsageOutcome.SUCCESS, null, ticket);
      return new GatewayResult<>(requestId, servedRoute, response, servedRoute.served().costOf(response.usage()));
    } catch (ModelgateException e) {
      record("embedding", requestId, request.caller(), request.model(), failed(route, attempts), Usage.ZERO,
          started, null, UsageOutcome.ERROR, e, ticket);
      throw e;
    } catch (RuntimeException e) {
      ticket.release();
      throw e;
    }
  }

  /**
   * Starts speech and returns its audio as the provider streams it. The voice is the serving provider's own name
   * for it, or a catalog id ({@code elevenlabs:George}): a voice prefixed with another provider's id is refused
   * (400 on {@code voice}) unless the serving provider itself lists that name. Speech is counted and priced per
   * input character: the usage record's prompt tokens are characters, and the catalog's input price is per million
   * characters for speech models.
   */
  public GatewaySpeech speak(SpeechRequest request) {
    return speak(request, RequestId.random());
  }

  /**
   * {@link #speak(SpeechRequest)} under the id the caller made for this call. A retriable failure before the audio
   * starts moves on to the same model on another node, then to fallbacks of the same provider kind (whose voices
   * have the same names), under the same rules as a chat; once the audio has started it stays.
   */
  public GatewaySpeech speak(SpeechRequest request, RequestId id) {
    String requestId = id.value();
    Route route = router.resolve(request.model(), ModelCategory.TTS, request.caller());
    long characters = request.characters();
    Usage usage = Usage.of(characters, 0);
    Plan plan = router.plan(route, Needs.NOTHING, request.caller());
    Plan sameVoices = new Plan(plan.groups().stream()
        .map(g -> g.stream().filter(t -> t.instance().kind() == route.instance().kind()).toList()).toList(),
        plan.strategy());
    BigDecimal worst = BigDecimal.ZERO;
    for (Target t : sameVoices.targets()) {
      worst = worst.max(t.entry().costOf(usage));
    }
    QuotaGuard.Ticket ticket = quota.reserve(request.caller(), route.served(), characters, worst);
    long started = System.nanoTime();
    List<Attempt> attempts = new ArrayList<>();
    try {
      Failover.Served<SpeechAudio> served = failover.run(sameVoices, started, () -> 0, attempts,
          (target, number) -> attemptStart("speech", target, number, request.caller()),
          (target, t, d, observation) -> {
            SpeechModel model = capability(connections.connect(target.instance(), request.caller().principal())
                .speech(), target, "speech");
            SpeechRequest effective = request.withVoice(voiceFor(request.voice(), route, target, model));
            try (CallObserver.Scope scope = observation.enter()) {
              return new Failover.Step.Done<>(model.speak(target.id().model(), effective), null, null);
            }
          });
      served.finished().run();
      served.observation().ended(new CallObserver.AttemptEnd(null, usage, null, requestId, null));
      Route servedRoute = route.servedBy(served.target(), served.attempts());
      record("speech", requestId, request.caller(), request.model(), servedRoute, usage, started, null,
          UsageOutcome.SUCCESS, null, ticket);
      return new GatewaySpeech(requestId, servedRoute, served.value(), servedRoute.served().costOf(usage));
    } catch (ModelgateException e) {
      record("speech", requestId, request.caller(), request.model(), failed(route, attempts), Usage.ZERO, started,
          null, UsageOutcome.ERROR, e, ticket);
      throw e;
    } catch (RuntimeException e) {
      ticket.release();
      throw e;
    }
  }

  /** What the observer is told of a non-chat attempt. */
  private static CallObserver.AttemptStart attemptStart(String operation, Target target, int number,
      CallerContext caller) {
    return new CallObserver.AttemptStart(operation, target.provider(), target.instance().kind(),
        target.instance().baseUrl(), target.id(), number, null, null, null, caller.conversationId());
  }

  /** {@code route} as a call that failed went: with the attempts it made. */
  private static Route failed(Route route, List<Attempt> attempts) {
    return attempts.isEmpty() ? route : route.servedBy(new Target(route.served(), route.instance()), attempts);
  }

  /**
   * The voice as the serving provider names it: {@code <instance>:<voice>} of the serving instance (or of the
   * instance routing chose, when the call failed over) loses its prefix; a prefix naming any other provider is refused, unless the serving model lists the whole name as one
   * of its voices (Azure's {@code en-US-Ava:DragonHDLatestNeural}).
   */
  private static String voiceFor(String voice, Route route, Target target, SpeechModel model) {
    int colon = voice.indexOf(':');
    if (colon <= 0) {
      return voice;
    }
    String prefix = voice.substring(0, colon);
    if (prefix.equals(target.provider()) || prefix.equals(route.instance().id())) {
      return voice.substring(colon + 1);
    }
    if (model.voices(target.id().model()).contains(voice)) {
      return voice;
    }
    throw new InvalidRequestException("voice '" + voice + "' belongs to provider '" + prefix + "', but '"
        + target.id() + "' is served by provider '" + target.provider() + "'; name one of its voices",
        "voice");
  }

  /**
   * Makes images: route to an image model, reserve the worst case (each image at the catalog's per-image price),
   * call the provider, and record usage (tokens where the provider reports them) at the catalog price.
   */
  public GatewayResult<ImageResponse> generateImages(ImageRequest request) {
    return generateImages(request, RequestId.random());
  }

  /** {@link #generateImages(ImageRequest)} under the id the caller made for this call. */
  public GatewayResult<ImageResponse> generateImages(ImageRequest request, RequestId id) {
    String requestId = id.value();
    Route route = router.resolve(request.model(), ModelCategory.IMAGE, request.caller());
    long promptTokens = tokens.count(route.servedId(), request.prompt());
    QuotaGuard.Ticket ticket = quota.reserve(request.caller(), route.served(), promptTokens,
        route.served().costOfImages(Usage.of(promptTokens, 0), request.n()));
    long started = System.nanoTime();
    try {
      ImageModel model = capability(connections.connect(route.instance(), request.caller().principal()).images(),
          route, "image generation");
      ImageResponse response = model.generate(route.servedId().model(), request);
      BigDecimal cost = route.served().costOfImages(response.usage(), response.images().size());
      record("image", requestId, request.caller(), request.model(), route, response.usage(), cost, started, null,
          UsageOutcome.SUCCESS, null, ticket);
      return new GatewayResult<>(requestId, route, response, cost);
    } catch (ModelgateException e) {
      record("image", requestId, request.caller(), request.model(), route, Usage.ZERO, BigDecimal.ZERO, started,
          null, UsageOutcome.ERROR, e, ticket);
      throw e;
    } catch (RuntimeException e) {
      ticket.release();
      throw e;
    }
  }

  /** The caller's limits as they stand: what is used and left of each, and when it resets. */
  public QuotaStatus quotaStatus(CallerContext caller) {
    return quota.status(caller);
  }

  /** The voices the TTS model that {@code model} routes to offers. */
  public List<String> voices(@Nullable String model, CallerContext caller) {
    Route route = router.resolve(model, ModelCategory.TTS, caller);
    return capability(connections.connect(route.instance(), caller.principal()).speech(), route, "speech")
        .voices(route.servedId().model());
  }

  private static <T> T capability(@Nullable T port, Route route, String what) {
    return capability(port, new Target(route.served(), route.instance()), what);
  }

  private static <T> T capability(@Nullable T port, Target target, String what) {
    if (port == null) {
      throw new UnsupportedCapabilityException("provider '" + target.provider() + "' ("
          + target.instance().kind().wireName() + ") does not offer " + what);
    }
    return port;
  }

  private void record(String operation, String requestId, CallerContext caller, @Nullable String requested,
      Route route, Usage usage, long startedNanos, @Nullable Duration ttft, UsageOutcome outcome,
      @Nullable ModelgateException error, QuotaGuard.Ticket ticket) {
    record(operation, requestId, caller, requested, route, usage, route.served().costOf(usage), startedNanos, ttft,
        outcome, error, ticket);
  }

  /** Records one call that cost {@code cost} (image calls are priced per image, not by their tokens alone). */
  private void record(String operation, String requestId, CallerContext caller, @Nullable String requested,
      Route route, Usage usage, BigDecimal cost, long startedNanos, @Nullable Duration ttft, UsageOutcome outcome,
      @Nullable ModelgateException error, QuotaGuard.Ticket ticket) {
    Pricing price = route.served().pricing();
    UsageRecord record = new UsageRecord(clock.instant(), requestId, operation, caller.principal(), caller.orgId(),
        caller.gatewayKey(), caller.conversationId(), requested, route.servedId().toString(), route.instance().id(),
        route.trail(), usage, price, cost, Duration.ofNanos(System.nanoTime() - startedNanos), ttft, outcome,
        error == null ? null : error.code());
    try {
      usageLog.record(record, ticket.settle(usage, cost));
    } catch (RuntimeException e) {
      LOG.error("could not record usage of request {}: {}", requestId, e.toString());
    }
  }

  private static BigDecimal worstCaseCost(CatalogEntry entry, long tokens) {
    Pricing price = entry.pricing();
    if (price == null) {
      return BigDecimal.ZERO;
    }
    return price.cost(Usage.of(0, tokens)).max(price.cost(Usage.of(tokens, 0)));
  }

  /** The most output the call may produce: the per-choice limit times the number of choices asked ({@code n}). */
  private static long maxOutput(ChatRequest request, CatalogEntry entry) {
    Integer asked = request.sampling().maxTokens();
    long perChoice = asked != null ? asked
        : entry.maxOutputTokens() != null ? entry.maxOutputTokens() : DEFAULT_MAX_OUTPUT;
    Integer n = request.sampling().n();
    return perChoice * (n == null ? 1 : n);
  }

  /**
   * Fills the sampling the request left open: first from the alias it named, then from the caller's own config for
   * the provider that serves (temperature, max tokens). What the request sets always wins.
   */
  private ChatRequest withDefaults(ChatRequest request, Route route) {
    SamplingOptions s = request.sampling();
    if (s.temperature() == null && route.defaults().get("temperature") instanceof Number t) {
      s = s.withTemperature(t.doubleValue());
    }
    if (s.maxTokens() == null && route.defaults().get("max_tokens") instanceof Number m) {
      s = s.withMaxTokens(m.intValue());
    }
    String principal = request.caller().principal();
    if (principal != null && (s.temperature() == null || s.maxTokens() == null)) {
      Optional<UserProviderConfig> own = userConfigs.find(principal, route.instance().id());
      if (own.isPresent()) {
        if (s.temperature() == null && own.get().temperature() != null) {
          s = s.withTemperature(own.get().temperature());
        }
        if (s.maxTokens() == null && own.get().maxTokens() != null) {
          s = s.withMaxTokens(own.get().maxTokens());
        }
      }
    }
    return s.equals(request.sampling()) ? request : request.newBuilder().sampling(s).build();
  }

  /** A conversation sticks to the model that first served it. */
  private void pin(CallerContext caller, Route route) {
    Conversation conversation = caller.conversation();
    if (conversation == null) {
      return;
    }
    try {
      if (settings.pinnedModel(conversation).isEmpty()) {
        settings.pin(conversation, route.servedId());
      }
    } catch (RuntimeException e) {
      LOG.warn("could not pin conversation {} to {}: {}", conversation, route.servedId(), e.toString());
    }
  }
}
