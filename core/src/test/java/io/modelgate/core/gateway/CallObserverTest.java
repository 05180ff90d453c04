package io.modelgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.Modelgate;
import io.modelgate.core.MutableClock;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.CallObserver;
import io.modelgate.core.routing.FailoverSettings;
import io.modelgate.core.routing.RouteStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What the gateway tells its {@link CallObserver}: each attempt from its start to its one end (current on the
 * calling thread while the provider opens its request), and each step of the route — on scripted Ollama nodes.
 */
class CallObserverTest {
  private final MutableClock clock = new MutableClock();
  private final FailoverTest.Nodes nodes = new FailoverTest.Nodes();
  private final Recording observer = new Recording();

  /** Writes down, in order, every start, scope, end and route step; knows which attempt is current per thread. */
  static final class Recording implements CallObserver {
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<AttemptStart> starts = Collections.synchronizedList(new ArrayList<>());
    final List<AttemptEnd> ends = Collections.synchronizedList(new ArrayList<>());
    final ThreadLocal<@Nullable String> current = new ThreadLocal<>();

    @Override
    public Observation attemptStarted(AttemptStart start) {
      starts.add(start);
      String name = start.model().toString();
      log.add("start " + name + " #" + start.number());
      return new Observation() {
        @Override
        public Scope enter() {
          current.set(name);
          return () -> current.remove();
        }

        @Override
        public void ended(AttemptEnd end) {
          ends.add(end);
          log.add("end " + name + " " + end.error());
        }
      };
    }

    @Override
    public void routeStep(RouteStep step) {
      log.add("route " + step);
    }

    @Override
    public void failoverStep(FailoverStep step) {
      log.add(step.kind() + " " + step.target() + (step.from() == null ? "" : " from " + step.from() + " "
          + step.error()));
    }
  }

  private Modelgate build(FailoverSettings settings, String... nodeIds) {
    Modelgate.Builder b = Modelgate.builder().driver(nodes).clock(clock).failover(settings).observer(observer);
    for (String id : nodeIds) {
      nodes.models.put(id, new ArrayList<>(List.of(new DiscoveredModel("llama", ModelCategory.TEXT, null, null,
          8_192, null, Set.of(Capability.STREAMING), Pricing.perMillion("1", "2"), null, ModelSource.DISCOVERED))));
      b.instance(ProviderInstance.builder(id, ProviderKind.OLLAMA).baseUrl("http://127.0.0.1:1").build());
    }
    Modelgate modelgate = b.build();
    modelgate.discovery().discover(DiscoveryRequest.ALL);
    for (var e : modelgate.catalog().list(ModelFilter.ALL)) {
      modelgate.catalog().setStatus(e.id(), ModelStatus.ENABLED);
    }
    return modelgate;
  }

  private static FailoverSettings fast() {
    return FailoverSettings.DEFAULTS.newBuilder().backoff(Duration.ZERO, Duration.ZERO)
        .firstByteTimeout(Duration.ofMillis(300)).build();
  }

  private static ChatRequest hi(String model, CallerContext caller) {
    return ChatRequest.builder().model(model).message(ChatMessage.user("a prompt nobody may see"))
        .sampling(SamplingOptions.DEFAULTS.withMaxTokens(50).withTemperature(0.3)).caller(caller).build();
  }

  @Test
  void aFailoverIsTwoAttemptsAndAFallbackStepAndEachAttemptEndsOnce() {
    Modelgate modelgate = build(fast(), "mac", "win");
    nodes.behaviour.put("mac", FailoverTest.failing(new UpstreamUnavailableException("boom", 500, null, null)));
    List<String> currentWhenCalled = Collections.synchronizedList(new ArrayList<>());
    nodes.onCall = () -> currentWhenCalled.add(observer.current.get());

    var result = modelgate.gateway().chat(hi("mac:llama", CallerContext.user("ann", null).inConversation("trip")));

    assertThat(result.value().text()).isEqualTo("ok");
    assertThat(observer.log).containsExactly("route chosen: mac:llama",
        "start mac:llama #1", "end mac:llama upstream_unavailable",
        "FALLBACK win:llama from mac:llama upstream_unavailable",
        "start win:llama #2", "end win:llama null");
    assertThat(currentWhenCalled).containsExactly("mac:llama", "win:llama");
    assertThat(observer.current.get()).isNull();
    assertThat(observer.starts).allSatisfy(s -> {
      assertThat(s.operation()).isEqualTo("chat");
      assertThat(s.kind()).isEqualTo(ProviderKind.OLLAMA);
      assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:1");
      assertThat(s.maxTokens()).isEqualTo(50);
      assertThat(s.temperature()).isEqualTo(0.3);
      assertThat(s.conversationId()).isEqualTo("trip");
    });
    assertThat(observer.ends.getLast()).isEqualTo(new CallObserver.AttemptEnd(null, Usage.of(10, 2),
        FinishReason.STOP, result.requestId(), null));
  }

  @Test
  void aSecondTryOfTheSameNodeIsARetryStep() {
    Modelgate modelgate = build(fast(), "mac");
    AtomicInteger calls = new AtomicInteger();
    nodes.behaviour.put("mac", q -> {
      if (calls.incrementAndGet() == 1) {
        q.emit(new ChatEvent.Failed(new UpstreamUnavailableException("busy", 503, null, null)));
      } else {
        FailoverTest.OK.apply(q);
      }
      return null;
    });

    ChatResponse reply = modelgate.gateway().chat(hi("mac:llama", CallerContext.user("ann", null))).value();

    assertThat(reply.text()).isEqualTo("ok");
    assertThat(observer.log).containsExactly("route chosen: mac:llama", "start mac:llama #1",
        "end mac:llama upstream_unavailable", "RETRY mac:llama from mac:llama upstream_unavailable", "start mac:llama #2", "end mac:llama null");
  }

  @Test
  void aFailureThatOpensTheCircuitIsAStep() {
    Modelgate modelgate = build(fast().newBuilder().breakerFailures(1).breakerCooldown(Duration.ofMinutes(5))
        .build(), "mac", "win");
    nodes.unreachable.put("mac", new UpstreamUnavailableException("connection refused", 0, null, null));

    modelgate.gateway().chat(hi("mac:llama", CallerContext.user("ann", null)));

    assertThat(observer.log).containsExactly("route chosen: mac:llama", "start mac:llama #1",
        "end mac:llama upstream_unavailable", "CIRCUIT_OPENED mac:llama",
        "FALLBACK win:llama from mac:llama upstream_unavailable", "start win:llama #2", "end win:llama null");
  }

  @Test
  void aCallerWhoLeavesEndsTheAttemptAsCancelled() {
    Modelgate modelgate = build(fast(), "mac");
    nodes.behaviour.put("mac", q -> {
      q.emit(new ChatEvent.TextDelta(0, "partial"));
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    GatewayChat call = modelgate.gateway().stream(hi("mac:llama", CallerContext.user("ann", null)));
    call.close();
    assertThat(observer.log).containsExactly("route chosen: mac:llama", "start mac:llama #1",
        "end mac:llama cancelled");
    assertThat(ModelId.parse("mac:llama")).isEqualTo(observer.starts.getFirst().model());
  }
}
