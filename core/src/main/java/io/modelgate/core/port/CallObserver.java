package io.modelgate.core.port;

import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.routing.RouteStep;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Watches the gateway's calls to providers: each attempt at an upstream from its start to its end, the steps
 * routing took to choose the model, and the steps of failover (a fallback to the next target, a retry of the same
 * one, a target kept out by its open circuit).
 * Tracing implements it (a client span per attempt); core only says what happened. It is never told a message's
 * text or a key. Implementations are thread-safe and cost next to nothing when off; {@link #NONE} watches nothing.
 */
public interface CallObserver {
  /**
   * An attempt starts now, on the calling thread, within the call it belongs to. Exactly one of the returned
   * observation's {@link Observation#ended} calls follows, on any thread.
   */
  Observation attemptStarted(AttemptStart start);

  /** A step routing took to choose the model of the call running on this thread. */
  void routeStep(RouteStep step);

  /** A failover step of the call running on this thread, before the attempt it leads to starts. */
  void failoverStep(FailoverStep step);

  /** One attempt being watched. */
  interface Observation {
    /** Watches nothing. */
    Observation NONE = new Observation() {
      @Override
      public Scope enter() {
        return Scope.NONE;
      }

      @Override
      public void ended(AttemptEnd end) {}
    };

    /**
     * Makes the attempt the current one on this thread until the scope closes, so what the provider sends from
     * this thread (the upstream request's {@code traceparent}) belongs to it.
     */
    Scope enter();

    /** The attempt ended (its stream finished, failed, or was cancelled); later calls are ignored. */
    void ended(AttemptEnd end);
  }

  /** What {@link Observation#enter} opened; closed on the thread that opened it. */
  interface Scope extends AutoCloseable {
    /** Opened nothing. */
    Scope NONE = () -> { };

    @Override
    void close();
  }

  /**
   * An attempt at an upstream.
   *
   * @param operation what is asked: {@code chat}, {@code embeddings}
   * @param provider the provider instance's id ({@code openai}, {@code ollama-mac})
   * @param kind the protocol the instance speaks
   * @param baseUrl where the instance is reached, if it has its own address
   * @param model the target model
   * @param number the attempt's place in its call, from 1
   * @param conversationId the call's conversation, if it belongs to one
   */
  record AttemptStart(String operation, String provider, ProviderKind kind, @Nullable String baseUrl, ModelId model,
      int number, @Nullable Integer maxTokens, @Nullable Double temperature, @Nullable Double topP,
      @Nullable String conversationId) {
    public AttemptStart {
      Objects.requireNonNull(operation, "'operation' must not be null");
      Objects.requireNonNull(provider, "'provider' must not be null");
      Objects.requireNonNull(kind, "'kind' must not be null");
      Objects.requireNonNull(model, "'model' must not be null");
      if (number < 1) {
        throw new IllegalArgumentException("'number' must be at least 1, was " + number);
      }
    }
  }

  /**
   * How an attempt ended.
   *
   * @param error the error code when it failed ({@code upstream_unavailable}, {@code rate_limited},
   *     {@code cancelled}), null when it served
   * @param usage the tokens it used, as far as known
   * @param finishReason why the model stopped, when it did
   * @param responseId the provider's id for its reply when it gave one, else the id of the reply the gateway gave
   *     for it; null when it did not serve
   * @param responseModel the model (version) the provider says answered, when it said
   */
  record AttemptEnd(@Nullable String error, Usage usage, @Nullable FinishReason finishReason,
      @Nullable String responseId, @Nullable String responseModel) {
    public AttemptEnd {
      Objects.requireNonNull(usage, "'usage' must not be null");
    }

    /** An attempt that failed with {@code error} before it answered. */
    public static AttemptEnd failed(String error) {
      return new AttemptEnd(Objects.requireNonNull(error, "'error' must not be null"), Usage.ZERO, null, null, null);
    }
  }

  /**
   * A failover step of a call.
   *
   * @param target the target the step is about: the one tried next (a fallback, a retry), or the one whose
   *     circuit opened or kept it out
   * @param from the target tried before, for a fallback or a retry
   * @param error why the target before failed (for an opened circuit: why the target failed)
   * @param waited how long the call waited before this try
   */
  record FailoverStep(Kind kind, ModelId target, @Nullable ModelId from, @Nullable String error,
      @Nullable Duration waited) {
    /** What failover did. */
    public enum Kind {
      /** The call moved on to another target after a failure. */
      FALLBACK,
      /** The call tried the same target again. */
      RETRY,
      /** The failure of the target's attempt opened its circuit: calls keep away from it for a while. */
      CIRCUIT_OPENED,
      /** A target was passed over because its circuit is open. */
      CIRCUIT_OPEN
    }

    public FailoverStep {
      Objects.requireNonNull(kind, "'kind' must not be null");
      Objects.requireNonNull(target, "'target' must not be null");
    }
  }

  /**
   * Every one of {@code observers}, told in turn ({@link #NONE} when there are none): tracing and metrics watch the
   * same calls side by side.
   */
  static CallObserver all(Collection<? extends CallObserver> observers) {
    List<CallObserver> each = List.copyOf(observers);
    if (each.isEmpty()) {
      return NONE;
    }
    if (each.size() == 1) {
      return each.getFirst();
    }
    return new CallObserver() {
      @Override
      public Observation attemptStarted(AttemptStart start) {
        List<Observation> observations = each.stream().map(o -> o.attemptStarted(start)).toList();
        return new Observation() {
          @Override
          public Scope enter() {
            List<Scope> scopes = observations.stream().map(Observation::enter).toList();
            return () -> scopes.reversed().forEach(Scope::close);
          }

          @Override
          public void ended(AttemptEnd end) {
            observations.forEach(o -> o.ended(end));
          }
        };
      }

      @Override
      public void routeStep(RouteStep step) {
        each.forEach(o -> o.routeStep(step));
      }

      @Override
      public void failoverStep(FailoverStep step) {
        each.forEach(o -> o.failoverStep(step));
      }
    };
  }

  /** Watches nothing. */
  CallObserver NONE = new CallObserver() {
    @Override
    public Observation attemptStarted(AttemptStart start) {
      return Observation.NONE;
    }

    @Override
    public void routeStep(RouteStep step) {}

    @Override
    public void failoverStep(FailoverStep step) {}
  };
}
