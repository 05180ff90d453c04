package io.modelgate.core.gateway;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.NoUsableModelException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.error.UpstreamTimeoutException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.CallObserver;
import io.modelgate.core.port.CallObserver.AttemptEnd;
import io.modelgate.core.port.CallObserver.FailoverStep;
import io.modelgate.core.provider.ProviderConnections;
import io.modelgate.core.routing.Attempt;
import io.modelgate.core.routing.CircuitBreakers;
import io.modelgate.core.routing.FailoverSettings;
import io.modelgate.core.routing.LoadBalancer;
import io.modelgate.core.routing.Plan;
import io.modelgate.core.routing.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a chat at the first target of a {@link Plan} that answers, trying the next on a retriable failure (connect
 * failure, timeout or a stream broken before its first token, 408, 409, 429, 5xx): one attempt budget and one
 * deadline per call, exponential backoff with full jitter before trying a target again, a {@code Retry-After} waited
 * for when short and skipped past when long. A call is never retried once its first token is known: the stream is
 * read up to it (events before it are kept and replayed) before the call is handed on. Every attempt is kept, and
 * reported to the circuit breakers and the load balancer, and watched by the {@link CallObserver} (each attempt from
 * its start to its end, current on the calling thread while the provider opens its request, and each step of the
 * route). Thread-safe.
 */
final class Failover {
  private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

  /**
   * A call that found its target: what it answered, where it went, every attempt made, and the observation of the
   * attempt that answered, which the caller ends.
   */
  record Served<T>(Target target, T value, List<Attempt> attempts, Runnable finished,
      CallObserver.Observation observation, ProviderRateLimits.Permit permit) {}

  /**
   * A chat that found its target: the stream from its first event, where it went, every attempt made, and the
   * observation of the attempt that answered, ended by whoever reads the stream to its end.
   */
  record Opened(Target target, ChatStream stream, List<Attempt> attempts, Runnable finished,
      CallObserver.Observation observation, ProviderRateLimits.Permit permit) {}

  /** What one attempt at one target came to (a failure a retry cannot cure is thrown instead). */
  sealed interface Step<T> {
    /**
     * The call stays with this target: a reply, or an answer a retry cannot cure ({@code refused}, with its code).
     * {@code firstToken}, when known, is how long the target took to start answering (for the load balancer).
     */
    record Done<T>(T value, @Nullable String refused, @Nullable Duration firstToken) implements Step<T> {}

    /**
     * A failure another target may cure; {@code answer}, when not null, is what the caller gets should no later
     * attempt do better (a chat's stream holding the failure), else the error is thrown.
     */
    record Failed<T>(ModelgateException error, Attempt.Outcome outcome, @Nullable T answer) implements Step<T> {}
  }

  /**
   * One attempt at one target, within its timeouts and the call's deadline (nanoTime); the provider opens its
   * request within {@code observation}'s scope.
   */
  @FunctionalInterface
  interface Attempter<T> {
    Step<T> attempt(Target target, FailoverSettings.Timeouts timeouts, long callDeadline,
        CallObserver.Observation observation);
  }

  /** What the observer is told of the attempt numbered {@code number} at {@code target}. */
  @FunctionalInterface
  interface Described {
    CallObserver.AttemptStart start(Target target, int number);
  }

  private final FailoverSettings settings;
  private final CircuitBreakers breakers;
  private final LoadBalancer balancer;
  private final ProviderConnections connections;
  private final CallObserver observer;
  private final ProviderRateLimits limits;

  Failover(FailoverSettings settings, CircuitBreakers breakers, LoadBalancer balancer,
      ProviderConnections connections, CallObserver observer, ProviderRateLimits limits) {
    this.observer = observer;
    this.limits = limits;
    this.settings = settings;
    this.breakers = breakers;
    this.balancer = balancer;
    this.connections = connections;
  }

  /**
   * The request as {@code target} gets it: the reasoning asked for only when its model reasons (a model that does
   * not would refuse the setting, and a client such as Claude Code asks for thinking whatever the model).
   */
  static ChatRequest forTarget(ChatRequest request, Target target) {
    if (request.reasoning() == null || target.entry().capabilities().contains(Capability.REASONING)) {
      return request;
    }
    return request.newBuilder().reasoning(null).build();
  }

  /**
   * Opens {@code request} at the plan's targets in turn. Returns the stream of the target that answered — with a
   * reply, or with an error a retry cannot cure — or, when every attempt failed and the last failure was an answer,
   * a stream holding that failure. Throws when the last failure was thrown (the provider could not be reached), or
   * when no target was free to try.
   */
  Opened open(Plan plan, ChatRequest request, CallerContext caller, long startedNanos, LongSupplier tokens) {
    Described described = (target, number) -> new CallObserver.AttemptStart("chat", target.provider(),
        target.instance().kind(), target.instance().baseUrl(), target.id(), number, request.sampling().maxTokens(),
        request.sampling().temperature(), request.sampling().topP(), caller.conversationId());
    Served<ChatStream> served = run(plan, startedNanos, tokens, new ArrayList<>(), described,
        (target, timeouts, callDeadline, observation) -> {
      long t0 = System.nanoTime();
      ChatStream stream;
      try (CallObserver.Scope scope = observation.enter()) {
        stream = connections.connect(target.instance(), caller.principal()).chat()
            .stream(target.id().model(), forTarget(request, target));
      }
      try {
        List<ChatEvent> prefix = new ArrayList<>();
        ChatEvent first = firstToken(stream, prefix, timeouts.firstByte(), callDeadline);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (first == null) {
          stream.close();
          return new Step.Failed<>(new UpstreamTimeoutException("provider '" + target.provider()
              + "' sent nothing within " + timeouts.firstByte().toSeconds() + " s", null),
              Attempt.Outcome.TIMED_OUT, null);
        }
        if (first instanceof ChatEvent.Failed f && f.error().retriable()) {
          stream.close();
          return new Step.Failed<>(f.error(), Attempt.Outcome.FAILED,
              new TimedStream(List.of(f), null, timeouts.idle(), callDeadline));
        }
        ChatStream rest = new TimedStream(prefix, stream, timeouts.idle(), callDeadline);
        if (first instanceof ChatEvent.Failed f) {
          return new Step.Done<>(rest, f.error().code(), null);
        }
        return new Step.Done<>(rest, null, first instanceof ChatEvent.Completed ? null : took);
      } catch (RuntimeException e) {
        stream.close();
        throw e;
      }
    });
    return new Opened(served.target(), served.value(), served.attempts(), served.finished(), served.observation(),
        served.permit());
  }

  /**
   * Calls {@code attempter} at the plan's targets in turn until one answers, under the same attempt budget,
   * deadline, backoff, {@code Retry-After} and circuit-breaker rules as a chat; {@code attempts} collects every
   * attempt as it is made (also when the call fails). A target whose provider is at its outbound rate limit
   * ({@link ProviderRateLimits}, the call counted as {@code tokens}, asked for only under a tokens-per-minute
   * limit) is passed over; when that kept the call from every target, it waits for the next minute if that is no
   * longer than the longest {@code Retry-After} waited for, else throws a {@link RateLimitedException} saying when
   * to come back. Returns the answer of the target that served — or, when every attempt failed and the last
   * failure carried an answer, that answer. Throws the last failure otherwise, or a
   * {@link NoUsableModelException} when no target was free to try.
   */
  <T> Served<T> run(Plan plan, long startedNanos, LongSupplier tokens, List<Attempt> attempts, Described described,
      Attempter<T> attempter) {
    long deadline = startedNanos + settings.requestTimeout().toNanos();
    Served<T> served = runOnce(plan, startedNanos, deadline, tokens, attempts, described, attempter);
    if (served != null) {
      return served;
    }
    Duration wait = limits.untilNextWindow();
    if (wait.compareTo(settings.maxRetryAfterWait()) <= 0 && pause(wait.plusMillis(5), deadline)) {
      served = runOnce(plan, startedNanos, deadline, tokens, attempts, described, attempter);
      if (served != null) {
        return served;
      }
      wait = limits.untilNextWindow();
    }
    throw new RateLimitedException("every target of the call is at its provider's outbound rate limit: "
        + plan.targets().getFirst().provider() + (plan.targets().size() > 1 ? " and the others" : "")
        + "; try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
  }

  /** One pass of {@link #run}; null when only outbound rate limits kept the call from every target. */
  private <T> @Nullable Served<T> runOnce(Plan plan, long startedNanos, long deadline, LongSupplier tokens,
      List<Attempt> attempts, Described described, Attempter<T> attempter) {
    List<Target> order = new ArrayList<>();
    for (List<Target> group : plan.groups()) {
      order.addAll(balancer.order(group, plan.strategy()));
    }
    Map<ModelId, Integer> tries = new HashMap<>();
    Map<ModelId, Duration> waitBeforeRetry = new HashMap<>();
    Set<ModelId> skipped = new HashSet<>();
    Set<ModelId> circuitOpen = new HashSet<>();
    Set<String> limited = new HashSet<>();
    @Nullable ModelgateException lastThrown = null;
    @Nullable Served<T> lastAnswer = null;
    int index = 0;
    int idlePasses = 0;
    while (attempts.size() < settings.maxAttempts() && System.nanoTime() < deadline) {
      if (index >= order.size()) {
        index = 0;
        if (++idlePasses > settings.maxAttempts()) {
          break;
        }
      }
      Target target = order.get(index++);
      if (skipped.contains(target.id())) {
        continue;
      }
      if (!breakers.tryAcquire(target.id())) {
        if (circuitOpen.add(target.id())) {
          observer.failoverStep(new FailoverStep(FailoverStep.Kind.CIRCUIT_OPEN, target.id(), null, null, null));
        }
        continue;
      }
      ProviderRateLimits.Permit permit = limits.tryAcquire(target.instance(), tokens);
      if (permit == null) {
        breakers.release(target.id());
        if (limited.add(target.provider())) {
          LOG.debug("provider '{}' is at its outbound rate limit: passing over {}", target.provider(), target);
        }
        continue;
      }
      int tried = tries.merge(target.id(), 1, Integer::sum);
      Duration waited = tried > 1 ? backoff(tried - 1, waitBeforeRetry.get(target.id())) : Duration.ZERO;
      if (tried > 1 && !pause(waited, deadline)) {
        breakers.release(target.id());
        permit.settle(0);
        break;
      }
      idlePasses = 0;
      if (!attempts.isEmpty()) {
        Attempt before = attempts.getLast();
        boolean again = before.target().equals(target.id());
        observer.failoverStep(new FailoverStep(again ? FailoverStep.Kind.RETRY : FailoverStep.Kind.FALLBACK,
            target.id(), before.target(), before.error(), again ? waited : null));
      }
      CallObserver.Observation observation = observer.attemptStarted(described.start(target, attempts.size() + 1));
      FailoverSettings.Timeouts timeouts = settings.timeouts(target.instance());
      long callDeadline = Math.min(deadline, startedNanos + timeouts.request().toNanos());
      Runnable finished = balancer.started(target);
      long t0 = System.nanoTime();
      try {
        Step<T> step = attempter.attempt(target, timeouts, callDeadline, observation);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (step instanceof Step.Failed<T> failed) {
          finished.run();
          permit.settle(0);
          ModelgateException e = failed.error();
          attempts.add(new Attempt(target.id(), failed.outcome(), e.code(), took));
          count(target.id(), e);
          observation.ended(AttemptEnd.failed(e.code()));
          circuitOpened(target.id(), e.code());
          remember(waitBeforeRetry, skipped, target.id(), e.retryAfter());
          lastAnswer = failed.answer() == null ? null : new Served<>(target, failed.answer(),
              List.copyOf(attempts), () -> { }, CallObserver.Observation.NONE,
              ProviderRateLimits.Permit.UNLIMITED);
          lastThrown = failed.answer() == null ? e : null;
          continue;
        }
        Step.Done<T> done = (Step.Done<T>) step;
        breakers.succeeded(target.id());
        if (done.refused() != null) {
          attempts.add(new Attempt(target.id(), Attempt.Outcome.REFUSED, done.refused(), took));
        } else {
          attempts.add(new Attempt(target.id(), Attempt.Outcome.SERVED, null, took));
          if (done.firstToken() != null) {
            balancer.firstToken(target, done.firstToken());
          }
        }
        return new Served<>(target, done.value(), List.copyOf(attempts), finished, observation, permit);
      } catch (ModelgateException e) {
        finished.run();
        permit.settle(0);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        observation.ended(AttemptEnd.failed(e.code()));
        if (!e.retriable()) {
          breakers.release(target.id());
          throw e;
        }
        attempts.add(new Attempt(target.id(), Attempt.Outcome.FAILED, e.code(), took));
        count(target.id(), e);
        circuitOpened(target.id(), e.code());
        remember(waitBeforeRetry, skipped, target.id(), e.retryAfter());
        lastThrown = e;
        lastAnswer = null;
      } catch (RuntimeException e) {
        finished.run();
        permit.settle(0);
        observation.ended(AttemptEnd.failed(e.getClass().getName()));
        breakers.release(target.id());
        throw e;
      }
    }
    if (!attempts.isEmpty()) {
      LOG.info("call gave up after {} attempts: {}", attempts.size(), attempts);
    }
    if (lastAnswer != null) {
      return new Served<>(lastAnswer.target(), lastAnswer.value(), List.copyOf(attempts), () -> { },
          CallObserver.Observation.NONE, ProviderRateLimits.Permit.UNLIMITED);
    }
    if (lastThrown != null) {
      throw lastThrown;
    }
    if (!limited.isEmpty()) {
      return null;
    }
    Duration wait = null;
    for (Target t : order) {
      Duration in = breakers.retryIn(t.id());
      if (in != null && (wait == null || in.compareTo(wait) < 0)) {
        wait = in;
      }
    }
    throw new NoUsableModelException("no target of the call may be tried now: " + order.getFirst().id()
        + (order.size() > 1 ? " and the others are" : " is") + " failing (circuit open)", wait);
  }

  /**
   * Tells the circuit breakers of a retriable failure: throttling (429) is the provider asking us to slow down, not
   * failing, and frees a half-open circuit's trial; a failure with no answer at all counts against the provider.
   */
  private void count(ModelId target, ModelgateException e) {
    if (e instanceof RateLimitedException) {
      breakers.release(target);
      return;
    }
    boolean unreachable = e instanceof UpstreamTimeoutException
        || (e instanceof UpstreamUnavailableException u && u.status() == 0);
    breakers.failed(target, e.code(), unreachable);
  }

  /** Tells the observer when the failure just counted opened the target's circuit. */
  private void circuitOpened(ModelId target, String error) {
    if (breakers.state(target) == CircuitBreakers.State.OPEN) {
      observer.failoverStep(new FailoverStep(FailoverStep.Kind.CIRCUIT_OPENED, target, null, error, null));
    }
  }

  /** Keeps a short {@code Retry-After} to wait before trying the target again; a long one takes it out of the call. */
  private void remember(Map<ModelId, Duration> waits, Set<ModelId> skipped, ModelId target,
      @Nullable Duration retryAfter) {
    if (retryAfter == null) {
      return;
    }
    if (retryAfter.compareTo(settings.maxRetryAfterWait()) > 0) {
      skipped.add(target);
    } else {
      waits.put(target, retryAfter);
    }
  }

  /** Full jitter: a random wait up to base × 2^(n-1), capped; at least the provider's {@code Retry-After}. */
  private Duration backoff(int retry, @Nullable Duration retryAfter) {
    long cap = settings.backoffCap().toNanos();
    long ceiling = Math.min(cap, settings.backoffBase().toNanos() << Math.min(20, retry - 1));
    long jitter = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    Duration wait = Duration.ofNanos(jitter);
    return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
  }

  /** Waits {@code wait}; false when that would pass the deadline (the call gives up instead). */
  private static boolean pause(Duration wait, long deadline) {
    if (wait.isZero()) {
      return true;
    }
    if (System.nanoTime() + wait.toNanos() >= deadline) {
      return false;
    }
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Reads {@code stream} up to its first token (a delta), its end, or its failure, keeping what came before in
   * {@code prefix}; null when nothing came within {@code firstByte} (or by the deadline).
   */
  private static @Nullable ChatEvent firstToken(ChatStream stream, List<ChatEvent> prefix, Duration firstByte,
      long deadline) {
    long until = Math.min(deadline, System.nanoTime() + firstByte.toNanos());
    while (true) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      ChatEvent event = stream.poll(Duration.ofNanos(left));
      if (event == null) {
        return null;
      }
      prefix.add(event);
      if (event.terminal() || event instanceof ChatEvent.TextDelta || event instanceof ChatEvent.ToolCallDelta
          || event instanceof ChatEvent.ReasoningDelta) {
        return event;
      }
    }
  }
}
