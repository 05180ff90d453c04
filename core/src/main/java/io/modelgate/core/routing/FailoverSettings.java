package io.modelgate.core.routing;

import io.modelgate.core.model.ProviderInstance;
import java.time.Duration;

/**
 * How the gateway copes with failing providers: how many attempts a call may make across its targets and how long
 * it waits between them, the timeouts of each attempt, and when a target's circuit breaker opens. Provider
 * instances override the timeouts with their options ({@code first-byte-timeout-ms}, {@code idle-timeout-ms},
 * {@code request-timeout-ms}).
 *
 * @param maxAttempts attempts per call, over every target (one retry cycle per call, never restarted per hop)
 * @param backoffBase first backoff before trying a target again; doubled each time, with full jitter
 * @param backoffCap longest backoff
 * @param maxRetryAfterWait the longest {@code Retry-After} the gateway waits for; a longer one moves on to the next
 *     target and leaves the one that sent it for the rest of the call
 * @param firstByteTimeout how long an attempt may wait for the provider's first event
 * @param idleTimeout the longest silence between two events of a stream
 * @param requestTimeout the whole call, every attempt and the stream included
 * @param breakerFailures consecutive failures that open a circuit
 * @param breakerFailureRate failure rate over {@code breakerWindow} that opens a circuit (with at least
 *     {@code breakerMinCalls} calls in it)
 * @param breakerWindow the window the failure rate is measured over
 * @param breakerMinCalls calls a window needs before its rate counts
 * @param breakerCooldown how long an open circuit stays open before one trial call may test it
 */
public record FailoverSettings(
    int maxAttempts,
    Duration backoffBase,
    Duration backoffCap,
    Duration maxRetryAfterWait,
    Duration firstByteTimeout,
    Duration idleTimeout,
    Duration requestTimeout,
    int breakerFailures,
    double breakerFailureRate,
    Duration breakerWindow,
    int breakerMinCalls,
    Duration breakerCooldown) {

  public static final String FIRST_BYTE_TIMEOUT_OPTION = "first-byte-timeout-ms";
  public static final String IDLE_TIMEOUT_OPTION = "idle-timeout-ms";
  public static final String REQUEST_TIMEOUT_OPTION = "request-timeout-ms";

  public static final FailoverSettings DEFAULTS = new FailoverSettings(4, Duration.ofMillis(200),
      Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(120),
      Duration.ofMinutes(10), 5, 0.5, Duration.ofSeconds(60), 10, Duration.ofSeconds(30));

  public FailoverSettings {
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("'maxAttempts' must be 1 to 20, was " + maxAttempts);
    }
    positiveOrZero(backoffBase, "backoffBase");
    positiveOrZero(backoffCap, "backoffCap");
    positiveOrZero(maxRetryAfterWait, "maxRetryAfterWait");
    positive(firstByteTimeout, "firstByteTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(requestTimeout, "requestTimeout");
    positive(breakerWindow, "breakerWindow");
    positive(breakerCooldown, "breakerCooldown");
    if (breakerFailures < 1) {
      throw new IllegalArgumentException("'breakerFailures' must be at least 1, was " + breakerFailures);
    }
    if (!(breakerFailureRate > 0 && breakerFailureRate <= 1)) {
      throw new IllegalArgumentException("'breakerFailureRate' must be over 0 and at most 1, was "
          + breakerFailureRate);
    }
    if (breakerMinCalls < 1) {
      throw new IllegalArgumentException("'breakerMinCalls' must be at least 1, was " + breakerMinCalls);
    }
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("'" + name + "' must be positive");
    }
  }

  private static void positiveOrZero(Duration d, String name) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("'" + name + "' must not be negative");
    }
  }

  /** The timeouts that hold for calls to {@code instance}: its options where set, else these. */
  public Timeouts timeouts(ProviderInstance instance) {
    return new Timeouts(millis(instance, FIRST_BYTE_TIMEOUT_OPTION, firstByteTimeout),
        millis(instance, IDLE_TIMEOUT_OPTION, idleTimeout), millis(instance, REQUEST_TIMEOUT_OPTION, requestTimeout));
  }

  private static Duration millis(ProviderInstance instance, String option, Duration fallback) {
    String raw = instance.options().get(option);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      long ms = Long.parseLong(raw.strip());
      return ms > 0 ? Duration.ofMillis(ms) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The timeouts of calls to one provider. */
  public record Timeouts(Duration firstByte, Duration idle, Duration request) {}

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Changes some settings, keeping the rest. */
  public static final class Builder {
    private int maxAttempts;
    private Duration backoffBase;
    private Duration backoffCap;
    private Duration maxRetryAfterWait;
    private Duration firstByteTimeout;
    private Duration idleTimeout;
    private Duration requestTimeout;
    private int breakerFailures;
    private double breakerFailureRate;
    private Duration breakerWindow;
    private int breakerMinCalls;
    private Duration breakerCooldown;

    private Builder(FailoverSettings s) {
      maxAttempts = s.maxAttempts;
      backoffBase = s.backoffBase;
      backoffCap = s.backoffCap;
      maxRetryAfterWait = s.maxRetryAfterWait;
      firstByteTimeout = s.firstByteTimeout;
      idleTimeout = s.idleTimeout;
      requestTimeout = s.requestTimeout;
      breakerFailures = s.breakerFailures;
      breakerFailureRate = s.breakerFailureRate;
      breakerWindow = s.breakerWindow;
      breakerMinCalls = s.breakerMinCalls;
      breakerCooldown = s.breakerCooldown;
    }

    public Builder maxAttempts(int value) { maxAttempts = value; return this; }
    public Builder backoff(Duration base, Duration cap) { backoffBase = base; backoffCap = cap; return this; }
    public Builder maxRetryAfterWait(Duration value) { maxRetryAfterWait = value; return this; }
    public Builder firstByteTimeout(Duration value) { firstByteTimeout = value; return this; }
    public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
    public Builder requestTimeout(Duration value) { requestTimeout = value; return this; }
    public Builder breakerFailures(int value) { breakerFailures = value; return this; }
    public Builder breakerFailureRate(double rate, Duration window, int minCalls) {
      breakerFailureRate = rate;
      breakerWindow = window;
      breakerMinCalls = minCalls;
      return this;
    }
    public Builder breakerCooldown(Duration value) { breakerCooldown = value; return this; }

    public FailoverSettings build() {
      return new FailoverSettings(maxAttempts, backoffBase, backoffCap, maxRetryAfterWait, firstByteTimeout,
          idleTimeout, requestTimeout, breakerFailures, breakerFailureRate, breakerWindow, breakerMinCalls,
          breakerCooldown);
    }
  }
}
