package io.modelgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.Modelgate;
import io.modelgate.core.MutableClock;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.port.SpeechModel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.routing.Attempt;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.routing.CircuitBreakers;
import io.modelgate.core.routing.FailoverSettings;
import io.modelgate.core.routing.ModelAlias;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, failover, circuit breakers and load balancing, on Ollama nodes scripted per node: what the caller sees,
 * which targets were tried in which order, what the usage log recorded, and that nothing is billed twice.
 */
class FailoverTest {
  private final MutableClock clock = new MutableClock();
  private final Nodes nodes = new Nodes();
  private final InMemoryUsageLog usage = new InMemoryUsageLog(new InMemoryQuotaLedger());
  private final InMemoryAliasStore aliases = new InMemoryAliasStore();
  private Modelgate modelgate;

  /** How a node answers one call. */
  interface Behaviour extends Function<ChatEventQueue, Void> {}

  static final Behaviour OK = q -> {
    q.emit(new ChatEvent.TextDelta(0, "ok"));
    q.emit(new ChatEvent.Completed(FinishReason.STOP, Usage.of(10, 2), null));
    return null;
  };

  static Behaviour failing(ModelgateException e) {
    return q -> {
      q.emit(new ChatEvent.Failed(e));
      return null;
    };
  }

  static final Behaviour HANG = q -> null;

  /** Ollama nodes whose answers the test scripts, by node id; every call is logged as {@code node:model}. */
  static final class Nodes implements ProviderDriver {
    final Map<String, Behaviour> behaviour = new ConcurrentHashMap<>();
    final Map<String, RuntimeException> unreachable = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<DiscoveredModel>> models = new ConcurrentHashMap<>();
    /** Run on the calling thread as each call reaches a node. */
    volatile Runnable onCall = () -> { };

    @Override
    public Set<ProviderKind> kinds() {
      return Set.of(ProviderKind.OLLAMA);
    }

    @Override
    public ProviderConnection connect(ProviderInstance instance, Secret apiKey) {
      return new ProviderConnection(
          () -> ModelListing.of(models.getOrDefault(instance.id(), List.of())),
          (model, request) -> {
            calls.add(instance.id() + ":" + model);
            onCall.run();
            RuntimeException down = unreachable.get(instance.id());
            if (down != null) {
              throw down;
            }
            ChatEventQueue queue = new ChatEventQueue();
            Behaviour b = behaviour.getOrDefault(instance.id(), OK);
            Thread.ofVirtual().start(() -> {
              b.apply(queue);
              if (b != HANG) {
                queue.finish();
              }
            });
            return queue;
          },
          (model, request) -> {
            reach(instance, model);
            return new EmbeddingResponse(List.of(new float[] {1f, 2f}), Usage.of(3, 0));
          },
          new SpeechModel() {
            @Override
            public SpeechAudio speak(String model, SpeechRequest request) {
              reach(instance, model);
              return new SpeechAudio("audio/mpeg", new ByteArrayInputStream(
                  request.voice().getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public List<String> voices(String model) {
              return List.of("alloy");
            }
          },
          () -> new HealthStatus(HealthState.HEALTHY, null, null, Instant.EPOCH));
    }

    /** Logs a non-streaming call and throws what the test set for the node, if anything. */
    private void reach(ProviderInstance instance, String model) {
      calls.add(instance.id() + ":" + model);
      RuntimeException down = unreachable.get(instance.id());
      if (down != null) {
        throw down;
      }
    }
  }

  private static DiscoveredModel model(String name, Set<Capability> caps) {
    return model(name, ModelCategory.TEXT, caps);
  }

  private static DiscoveredModel model(String name, ModelCategory category, Set<Capability> caps) {
    return new DiscoveredModel(name, category, null, null, 8_192, null, caps, Pricing.perMillion("1", "2"),
        null, ModelSource.DISCOVERED);
  }

  private void build(FailoverSettings settings, ProviderInstance... instances) {
    modelgate = replica(settings, new InMemoryQuotaLedger(), instances);
  }

  /** A gateway over these nodes whose outbound rate limits count on {@code ledger} (shared, as replicas share it). */
  private Modelgate replica(FailoverSettings settings, InMemoryQuotaLedger ledger, ProviderInstance... instances) {
    return replica(clock, settings, ledger, instances);
  }

  private Modelgate replica(java.time.InstantSource clock, FailoverSettings settings, InMemoryQuotaLedger ledger,
      ProviderInstance... instances) {
    Modelgate.Builder b = Modelgate.builder().driver(nodes).clock(clock).usageLog(usage).aliasStore(aliases)
        .quotaLedger(ledger)
        .failover(settings)
        .accessPolicy((caller, entry, instance) -> entry.id().model().equals("secret")
            ? Optional.of("org may not use it") : Optional.empty());
    for (ProviderInstance i : instances) {
      b.instance(i);
    }
    Modelgate built = b.build();
    built.discovery().discover(DiscoveryRequest.ALL);
    for (var e : built.catalog().list(io.modelgate.core.catalog.ModelFilter.ALL)) {
      built.catalog().setStatus(e.id(), ModelStatus.ENABLED);
    }
    return built;
  }

  private static ProviderInstance node(String id) {
    return ProviderInstance.builder(id, ProviderKind.OLLAMA).baseUrl("http://127.0.0.1:1").build();
  }

  private static FailoverSettings fast() {
    return FailoverSettings.DEFAULTS.newBuilder().backoff(Duration.ZERO, Duration.ZERO)
        .firstByteTimeout(Duration.ofMillis(300)).build();
  }

  @BeforeEach
  void twoNodesServeOneModel() {
    for (String n : List.of("mac", "win", "pi")) {
      nodes.models.put(n, new ArrayList<>(List.of(model("llama", Set.of(Capability.STREAMING)))));
    }
    nodes.models.get("mac").add(model("coder", Set.of(Capability.TOOLS)));
    nodes.models.get("mac").add(model("secret", Set.of(Capability.TOOLS)));
    nodes.models.get("mac").add(model("plain", Set.of()));
  }

  private GatewayResult<ChatResponse> chat(String model) {
    return chat(model, CallerContext.user("ann", null));
  }

  private GatewayResult<ChatResponse> chat(String model, CallerContext caller) {
    return modelgate.gateway().chat(ChatRequest.builder().model(model).message(ChatMessage.user("hi"))
        .caller(caller).build());
  }

  private List<UsageRecord> records() {
    return usage.find(UsageQuery.ALL);
  }

  @Test
  void aRetriableFailureMovesToTheNextNodeAndTheCallIsRecordedOnceWithEveryAttempt() {
    build(fast().newBuilder().build(), node("mac"), node("win"));
    nodes.behaviour.put("mac", failing(new UpstreamUnavailableException("boom", 500, null, null)));
    modelgate.router(); // routing picks mac first: ordered by registry, balanced least-busy with a fresh balancer
    for (int i = 0; i < 4; i++) {
      GatewayResult<ChatResponse> r = chat("mac:llama");
      assertThat(r.value().text()).isEqualTo("ok");
      assertThat(r.route().instance().id()).isEqualTo("win");
    }
    assertThat(nodes.calls).contains("mac:llama", "win:llama");
    assertThat(records()).hasSize(4).allSatisfy(rec -> {
      assertThat(rec.outcome()).isEqualTo(UsageOutcome.SUCCESS);
      assertThat(rec.provider()).isEqualTo("win");
      assertThat(rec.usage()).isEqualTo(Usage.of(10, 2));
    });
    assertThat(records()).anySatisfy(rec -> assertThat(rec.route())
        .contains("attempt: mac:llama failed upstream_unavailable").contains("attempt: win:llama served"));
  }

  @Test
  void aNonRetriableErrorGoesStraightBack() {
    build(fast(), node("mac"), node("win"));
    nodes.behaviour.put("mac", failing(new InvalidRequestException("bad field", "messages")));
    nodes.behaviour.put("win", failing(new InvalidRequestException("bad field", "messages")));
    assertThatThrownBy(() -> chat("mac:llama")).isInstanceOf(InvalidRequestException.class);
    assertThat(nodes.calls).hasSize(1);
    assertThat(records()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(UsageOutcome.ERROR));
  }

  @Test
  void aFailureAfterTheFirstTokenIsNeverRetried() {
    build(fast(), node("mac"), node("win"));
    Behaviour cut = q -> {
      q.emit(new ChatEvent.TextDelta(0, "half"));
      q.emit(new ChatEvent.Failed(new StreamBrokenException("cut", null)));
      return null;
    };
    nodes.behaviour.put("mac", cut);
    nodes.behaviour.put("win", cut);
    GatewayChat call = modelgate.gateway().stream(ChatRequest.builder().model("mac:llama")
        .message(ChatMessage.user("hi")).build());
    List<ChatEvent> events = new ArrayList<>();
    for (ChatEvent e = call.stream().next(); ; e = call.stream().next()) {
      events.add(e);
      if (e.terminal()) {
        break;
      }
    }
    assertThat(events.getFirst()).isEqualTo(new ChatEvent.TextDelta(0, "half"));
    assertThat(events.getLast()).isInstanceOf(ChatEvent.Failed.class);
    assertThat(nodes.calls).hasSize(1);
    assertThat(call.route().attempts()).singleElement()
        .extracting(Attempt::outcome).isEqualTo(Attempt.Outcome.SERVED);
  }

  @Test
  void aProvidersOwnEventsAreNoTokenSoAFailureAfterThemStillFailsOverAndTheyAreNotMetered() {
    nodes.behaviour.put("mac", q -> {
      q.emit(new ChatEvent.NativeEvent(io.modelgate.core.chat.OriginalBody.Protocol.OPENAI_RESPONSES,
          "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"web_search_call\"}}"));
      q.emit(new ChatEvent.Failed(new StreamBrokenException("reset mid-search", null)));
      return null;
    });
    nodes.behaviour.put("win", q -> {
      q.emit(new ChatEvent.NativeEvent(io.modelgate.core.chat.OriginalBody.Protocol.OPENAI_RESPONSES,
          "{\"type\":\"response.output_item.added\",\"output_index\":0,\"item\":{\"type\":\"message\"}}"));
      return OK.apply(q);
    });
    build(fast(), node("mac"), node("win"));
    ChatResponse answer = chat("mac:llama").value();
    assertThat(answer.text()).isEqualTo("ok");
    assertThat(answer.usage()).isEqualTo(Usage.of(10, 2));
    assertThat(nodes.calls).containsExactly("mac:llama", "win:llama");
    assertThat(records()).singleElement().satisfies(r -> assertThat(r.usage()).isEqualTo(Usage.of(10, 2)));
  }

  @Test
  void aStreamBrokenBeforeItsFirstTokenIsRetriedElsewhere() {
    build(fast(), node("mac"), node("win"));
    nodes.behaviour.put("mac", failing(new StreamBrokenException("reset before anything", null)));
    nodes.behaviour.put("win", failing(new StreamBrokenException("reset before anything", null)));
    nodes.behaviour.put("pi", OK);
    build(fast(), node("mac"), node("win"), node("pi"));
    assertThat(chat("mac:llama").value().text()).isEqualTo("ok");
    assertThat(nodes.calls).last().isEqualTo("pi:llama");
  }

  @Test
  void anUnreachableNodeAndAHangingOneAreLeftForTheNext() {
    build(fast(), node("mac"), node("win"), node("pi"));
    nodes.unreachable.put("mac", new UpstreamUnavailableException("connection refused", 0, null, null));
    nodes.behaviour.put("pi", HANG);
    aliases.save(new ModelAlias("in-order", List.of(ModelId.parse("mac:llama")), Map.of(), BalanceStrategy.ORDERED));
    GatewayResult<ChatResponse> r = chat("in-order");
    assertThat(nodes.calls).containsExactly("mac:llama", "pi:llama", "win:llama");
    assertThat(r.route().instance().id()).isEqualTo("win");
    assertThat(r.route().attempts()).extracting(Attempt::outcome).containsExactly(Attempt.Outcome.FAILED,
        Attempt.Outcome.TIMED_OUT, Attempt.Outcome.SERVED);
  }

  @Test
  void everyAttemptFailingEndsWithTheLastErrorWithinTheBudget() {
    build(fast().newBuilder().maxAttempts(3).build(), node("mac"), node("win"));
    nodes.behaviour.put("mac", failing(new UpstreamUnavailableException("boom", 503, null, null)));
    nodes.behaviour.put("win", failing(new UpstreamUnavailableException("boom", 502, null, null)));
    assertThatThrownBy(() -> chat("mac:llama")).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(nodes.calls).hasSize(3);
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.ERROR);
      assertThat(r.costUsd()).isZero();
    });
  }

  @Test
  void aShortRetryAfterIsWaitedForAndALongOneMovesOn() {
    build(fast().newBuilder().maxRetryAfterWait(Duration.ofSeconds(1)).build(), node("mac"));
    int[] n = {0};
    nodes.behaviour.put("mac", q -> {
      if (n[0]++ == 0) {
        q.emit(new ChatEvent.Failed(new RateLimitedException("slow down", Duration.ofMillis(50))));
      } else {
        OK.apply(q);
      }
      return null;
    });
    assertThat(chat("mac:llama").route().attempts()).hasSize(2);
    assertThat(nodes.calls).containsExactly("mac:llama", "mac:llama");

    build(fast(), node("mac"), node("win"));
    nodes.calls.clear();
    nodes.behaviour.put("mac", failing(new RateLimitedException("come back in a minute", Duration.ofSeconds(60))));
    nodes.behaviour.put("win", OK);
    GatewayResult<ChatResponse> moved = chat("mac:llama");
    assertThat(moved.route().instance().id()).isEqualTo("win");
    // the long Retry-After is not waited for, and mac is not tried again within the call
    assertThat(nodes.calls).containsExactly("mac:llama", "win:llama");
  }

  @Test
  void withOneOfTwoNodesDownEveryCallSucceedsAndTheBreakerKeepsCallsAwayUntilItsCooldown() {
    FailoverSettings settings = fast().newBuilder().breakerFailures(3)
        .breakerCooldown(Duration.ofSeconds(30)).build();
    build(settings, node("mac"), node("win"));
    nodes.unreachable.put("mac", new UpstreamUnavailableException("connection refused", 0, null, null));
    int reachedDeadAfterOpen = 0;
    for (int i = 0; i < 100; i++) {
      boolean open = modelgate.circuitBreakers().state(ModelId.parse("mac:llama")) == CircuitBreakers.State.OPEN;
      int before = count("mac:llama");
      assertThat(chat("mac:llama").value().text()).isEqualTo("ok");
      if (open) {
        reachedDeadAfterOpen += count("mac:llama") - before;
      }
    }
    assertThat(count("mac:llama")).isLessThanOrEqualTo(3);
    assertThat(reachedDeadAfterOpen).isLessThan(5);
    assertThat(modelgate.providerStates().of("mac").health()).isEqualTo(HealthState.DOWN);

    nodes.unreachable.remove("mac");
    clock.advance(Duration.ofSeconds(30));
    int before = count("mac:llama");
    for (int i = 0; i < 4; i++) {
      chat("mac:llama");
    }
    assertThat(count("mac:llama")).isGreaterThan(before);
    assertThat(modelgate.circuitBreakers().state(ModelId.parse("mac:llama"))).isEqualTo(CircuitBreakers.State.CLOSED);
    assertThat(modelgate.providerStates().of("mac").health()).isNotEqualTo(HealthState.DOWN);
  }

  private int count(String call) {
    synchronized (nodes.calls) {
      return (int) nodes.calls.stream().filter(call::equals).count();
    }
  }

  @Test
  void roundRobinAndLeastBusySplitEvenly() {
    for (BalanceStrategy strategy : List.of(BalanceStrategy.ROUND_ROBIN, BalanceStrategy.LEAST_BUSY)) {
      build(fast(), node("mac"), node("win"));
      aliases.save(new ModelAlias("llama-" + strategy.wireName(), List.of(ModelId.parse("mac:llama")), Map.of(),
          strategy));
      nodes.calls.clear();
      for (int i = 0; i < 1_000; i++) {
        chat("llama-" + strategy.wireName());
      }
      assertThat(count("mac:llama")).as(strategy.wireName()).isBetween(450, 550);
      assertThat(count("win:llama")).as(strategy.wireName()).isBetween(450, 550);
    }
  }

  @Test
  void latencySendsFewCallsToANodeTenTimesSlower() {
    build(fast(), node("mac"), node("win"));
    io.modelgate.core.routing.LoadBalancer balancer =
        new io.modelgate.core.routing.LoadBalancer(new java.util.SplittableRandom(7));
    var mac = new io.modelgate.core.routing.Target(modelgate.catalog().find(ModelId.parse("mac:llama"),
        ModelCategory.TEXT).orElseThrow(), node("mac"));
    var win = new io.modelgate.core.routing.Target(modelgate.catalog().find(ModelId.parse("win:llama"),
        ModelCategory.TEXT).orElseThrow(), node("win"));
    int slow = 0;
    for (int i = 0; i < 1_000; i++) {
      io.modelgate.core.routing.Target chosen = balancer.order(List.of(mac, win), BalanceStrategy.LATENCY).getFirst();
      Runnable done = balancer.started(chosen);
      balancer.firstToken(chosen, chosen == win ? Duration.ofMillis(200) : Duration.ofMillis(20));
      done.run();
      if (chosen == win) {
        slow++;
      }
    }
    assertThat(slow).isPositive().isLessThan(200);
  }

  @Test
  void failoverNeverLandsOnAModelTheOrgMayNotUseAPrivateNodeOfSomeoneElseOrOneLackingACapability() {
    ProviderInstance bobs = node("bobs").newBuilder().owner("bob").visibility(Visibility.PRIVATE).build();
    nodes.models.put("bobs", List.of(model("llama", Set.of()), model("coder", Set.of(Capability.TOOLS))));
    build(fast().newBuilder().maxAttempts(6).breakerFailures(100).build(), node("mac"), bobs);
    nodes.behaviour.put("mac", failing(new UpstreamUnavailableException("boom", 503, null, null)));
    aliases.save(new ModelAlias("tools", List.of(ModelId.parse("mac:coder"), ModelId.parse("mac:secret"),
        ModelId.parse("mac:plain"), ModelId.parse("bobs:coder")), Map.of()));
    ChatRequest withTools = ChatRequest.builder().model("tools").message(ChatMessage.user("hi"))
        .tools(List.of(new ToolDefinition("lookup", null, "{}"))).caller(CallerContext.user("ann", null)).build();

    assertThatThrownBy(() -> modelgate.gateway().chat(withTools)).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(nodes.calls).containsOnly("mac:coder");

    nodes.calls.clear();
    assertThatThrownBy(() -> chat("mac:llama")).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(nodes.calls).containsOnly("mac:llama");
    // Bob's own call may use his node.
    assertThat(chat("mac:llama", CallerContext.user("bob", null)).route().instance().id()).isEqualTo("bobs");
  }

  @Test
  void aStreamSilentTooLongAfterItsFirstTokenEndsWithATimeoutAndIsNotRetried() {
    build(fast().newBuilder().idleTimeout(Duration.ofMillis(300)).build(), node("mac"), node("win"));
    Behaviour stalls = q -> {
      q.emit(new ChatEvent.TextDelta(0, "thinking"));
      pauseQuietly();
      return null;
    };
    nodes.behaviour.put("mac", stalls);
    nodes.behaviour.put("win", stalls);
    aliases.save(new ModelAlias("in-order", List.of(ModelId.parse("mac:llama")), Map.of(), BalanceStrategy.ORDERED));
    GatewayChat call = modelgate.gateway().stream(ChatRequest.builder().model("in-order")
        .message(ChatMessage.user("hi")).build());
    assertThat(call.stream().next()).isEqualTo(new ChatEvent.TextDelta(0, "thinking"));
    ChatEvent end = call.stream().next();
    assertThat(end).isInstanceOfSatisfying(ChatEvent.Failed.class,
        f -> assertThat(f.error().code()).isEqualTo("upstream_timeout"));
    assertThat(nodes.calls).containsExactly("mac:llama");
    assertThat(records()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(UsageOutcome.ERROR));
  }

  @Test
  void aCallerWhoLeavesReleasesTheCallAndItsNodeSlot() {
    build(fast(), node("mac"));
    nodes.behaviour.put("mac", q -> {
      q.emit(new ChatEvent.TextDelta(0, "partial"));
      pauseQuietly();
      return null;
    });
    GatewayChat call = modelgate.gateway().stream(ChatRequest.builder().model("mac:llama")
        .message(ChatMessage.user("hi")).build());
    var target = new io.modelgate.core.routing.Target(call.route().served(), call.route().instance());
    assertThat(modelgate.loadBalancer().busy(target)).isEqualTo(1);
    call.close();
    assertThat(modelgate.loadBalancer().busy(target)).isZero();
    assertThat(records()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(UsageOutcome.CANCELLED));
  }

  @Test
  void embeddingsFailOverToTheSameModelOnAnotherNodeButNeverToAnotherModel() {
    nodes.models.get("mac").add(model("nomic", ModelCategory.EMBEDDING, Set.of()));
    nodes.models.get("mac").add(model("other-embed", ModelCategory.EMBEDDING, Set.of()));
    nodes.models.get("win").add(model("nomic", ModelCategory.EMBEDDING, Set.of()));
    build(fast().newBuilder().breakerFailures(100).build(), node("mac"), node("win"));
    aliases.save(new ModelAlias("vectors", List.of(ModelId.parse("mac:nomic"), ModelId.parse("mac:other-embed")),
        Map.of(), BalanceStrategy.ORDERED));
    nodes.unreachable.put("mac", new UpstreamUnavailableException("connection refused", 0, null, null));
    EmbeddingRequest request = new EmbeddingRequest("vectors", List.of("hello"), null,
        CallerContext.user("ann", null));

    GatewayResult<EmbeddingResponse> served = modelgate.gateway().embed(request);
    assertThat(served.route().servedId()).isEqualTo(ModelId.parse("win:nomic"));
    assertThat(served.route().attempts()).extracting(a -> a.target() + " " + a.outcome()).containsExactly(
        "mac:nomic FAILED", "win:nomic SERVED");
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.SUCCESS);
      assertThat(r.provider()).isEqualTo("win");
      assertThat(r.route()).contains("attempt: mac:nomic failed upstream_unavailable");
    });

    nodes.calls.clear();
    nodes.unreachable.put("win", new UpstreamUnavailableException("boom", 503, null, null));
    assertThatThrownBy(() -> modelgate.gateway().embed(request)).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(nodes.calls).doesNotContain("mac:other-embed").contains("mac:nomic", "win:nomic");
    assertThat(records()).hasSize(2).last().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.ERROR);
      assertThat(r.route()).contains("attempt: mac:nomic failed").contains("attempt: win:nomic failed");
    });

    nodes.calls.clear();
    nodes.unreachable.put("mac", new InvalidRequestException("bad input", "input"));
    assertThatThrownBy(() -> modelgate.gateway().embed(request)).isInstanceOf(InvalidRequestException.class);
    assertThat(nodes.calls).containsExactly("mac:nomic");
  }

  @Test
  void speechFailsOverWithTheSameRulesAndTheVoiceFollows() throws Exception {
    ProviderInstance bobs = node("bobs").newBuilder().owner("bob").visibility(Visibility.PRIVATE).build();
    for (String n : List.of("mac", "win")) {
      nodes.models.get(n).add(model("speak", ModelCategory.TTS, Set.of()));
    }
    nodes.models.get("win").add(model("secret", ModelCategory.TTS, Set.of()));
    nodes.models.put("bobs", List.of(model("speak", ModelCategory.TTS, Set.of())));
    build(fast().newBuilder().breakerFailures(100).build(), node("mac"), node("win"), bobs);
    aliases.save(new ModelAlias("voice", List.of(ModelId.parse("mac:speak")), Map.of(), BalanceStrategy.ORDERED));
    nodes.unreachable.put("mac", new UpstreamUnavailableException("boom", 503, null, null));

    try (GatewaySpeech speech = modelgate.gateway().speak(new SpeechRequest("voice", "Hello", "mac:alloy", null,
        null, CallerContext.user("ann", null)))) {
      assertThat(speech.route().servedId()).isEqualTo(ModelId.parse("win:speak"));
      assertThat(new String(speech.audio().body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("alloy");
    }
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.provider()).isEqualTo("win");
      assertThat(r.route()).contains("attempt: mac:speak failed").contains("attempt: win:speak served");
    });

    // Neither the org-forbidden model nor Bob's private node is tried for Ann; Bob's own call may use his node.
    nodes.calls.clear();
    nodes.unreachable.put("win", new UpstreamUnavailableException("boom", 503, null, null));
    aliases.save(new ModelAlias("voice", List.of(ModelId.parse("mac:speak"), ModelId.parse("win:secret")),
        Map.of(), BalanceStrategy.ORDERED));
    SpeechRequest ann = new SpeechRequest("voice", "Hello", "alloy", null, null, CallerContext.user("ann", null));
    assertThatThrownBy(() -> modelgate.gateway().speak(ann)).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(nodes.calls).containsOnly("mac:speak", "win:speak");
    try (GatewaySpeech speech = modelgate.gateway().speak(new SpeechRequest("voice", "Hello", "alloy", null, null,
        CallerContext.user("bob", null)))) {
      assertThat(speech.route().instance().id()).isEqualTo("bobs");
    }
  }

  private static ProviderInstance limited(String id, String option, String value) {
    return node(id).newBuilder().options(Map.of(option, value)).build();
  }

  @Test
  void aNodeAtItsRequestsPerMinuteIsPassedOverAndTheLimitHoldsAcrossReplicas() {
    InMemoryQuotaLedger shared = new InMemoryQuotaLedger();
    ProviderInstance mac = limited("mac", ProviderRateLimits.RPM_OPTION, "3");
    modelgate = replica(fast(), shared, mac, node("win"));
    Modelgate other = replica(fast(), shared, mac, node("win"));
    aliases.save(new ModelAlias("in-order", List.of(ModelId.parse("mac:llama")), Map.of(), BalanceStrategy.ORDERED));
    ChatRequest request = ChatRequest.builder().model("in-order").message(ChatMessage.user("hi")).build();
    List<String> servedBy = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Modelgate replica = i % 2 == 0 ? modelgate : other;
      servedBy.add(replica.gateway().chat(request).route().instance().id());
    }
    assertThat(servedBy).containsExactly("mac", "mac", "mac", "win", "win", "win");
    assertThat(nodes.calls.stream().filter(c -> c.startsWith("mac:"))).hasSize(3);

    clock.advance(Duration.ofMinutes(1));
    assertThat(other.gateway().chat(request).route().instance().id()).isEqualTo("mac");
  }

  @Test
  void withNoOtherTargetTheCallerIsToldWhenTheMinuteEnds() {
    clock.advance(Duration.ofSeconds(20));
    build(fast(), limited("mac", ProviderRateLimits.RPM_OPTION, "1"));
    assertThat(chat("mac:llama").value().text()).isEqualTo("ok");
    assertThatThrownBy(() -> chat("mac:llama")).isInstanceOfSatisfying(RateLimitedException.class, e -> {
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(40));
      assertThat(e.getMessage()).contains("outbound rate limit");
    });
    assertThat(nodes.calls).containsExactly("mac:llama");
    assertThat(records()).hasSize(1);
  }

  @Test
  void withNoOtherTargetACallWaitsForTheNextMinuteWhenItIsNear() {
    // A clock that runs in real time from 300 ms before a minute ends.
    Instant start = Instant.parse("2026-11-23T10:00:59.700Z");
    long t0 = System.nanoTime();
    java.time.InstantSource running = () -> start.plusNanos(System.nanoTime() - t0);
    modelgate = replica(running, fast(), new InMemoryQuotaLedger(), limited("mac", ProviderRateLimits.RPM_OPTION, "1"));
    assertThat(chat("mac:llama").value().text()).isEqualTo("ok");
    assertThat(chat("mac:llama").value().text()).isEqualTo("ok");
    assertThat(running.instant()).isAfterOrEqualTo(Instant.parse("2026-11-23T10:01:00Z"));
    assertThat(nodes.calls).containsExactly("mac:llama", "mac:llama");
  }

  @Test
  void tokensPerMinuteCountWhatCallsUsedNotWhatTheyReserved() {
    build(fast(), limited("mac", ProviderRateLimits.TPM_OPTION, "100"), node("win"));
    aliases.save(new ModelAlias("in-order", List.of(ModelId.parse("mac:llama")), Map.of(), BalanceStrategy.ORDERED));
    // Each call reserves its prompt and 50 output tokens, and uses 12: two reservations would not fit in 100.
    ChatRequest request = ChatRequest.builder().model("in-order").message(ChatMessage.user("hi"))
        .sampling(io.modelgate.core.chat.SamplingOptions.DEFAULTS.withMaxTokens(50)).build();
    for (int i = 0; i < 4; i++) {
      assertThat(modelgate.gateway().chat(request).route().instance().id()).isEqualTo("mac");
    }
    ChatRequest big = ChatRequest.builder().model("in-order").message(ChatMessage.user("hi"))
        .sampling(io.modelgate.core.chat.SamplingOptions.DEFAULTS.withMaxTokens(90)).build();
    assertThat(modelgate.gateway().chat(big).route().instance().id()).isEqualTo("win");
  }

  /** Keeps a node's stream open (silent) for longer than any test waits for it. */
  private static void pauseQuietly() {
    try {
      Thread.sleep(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
