package io.modelgate.core.gateway;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.usage.UsageOutcome;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a provider's stream: times the first token, keeps the last usage seen, guarantees the stream ends with a
 * terminal event, and reports the call exactly once — at its end, or when it is closed early (cancelled). A reply
 * that runs past the output tokens reserved for it is cut: the stream ends with {@link ChatEvent.Failed} holding a
 * {@link QuotaExceededException} and the provider's stream is closed. Output is counted as the larger of the
 * deltas seen (each at least one token) and the completion tokens the provider has reported so far, so a reply is
 * never cut early.
 */
final class MeteredChatStream implements ChatStream {
  /**
   * Told once how the call ended (and why the model stopped, and which reply the provider said it was, when it
   * said).
   */
  interface Outcome {
    void ended(UsageOutcome outcome, Usage usage, @Nullable Duration timeToFirstToken,
        @Nullable ModelgateException error, @Nullable FinishReason finishReason,
        ChatEvent.@Nullable ResponseIdentity identity);
  }

  private final ChatStream upstream;
  private final Outcome outcome;
  private final long startedNanos;
  private final LongSupplier estimatedPromptTokens;
  private final long reservedOutputTokens;
  private final AtomicBoolean reported = new AtomicBoolean();
  private @Nullable Duration timeToFirstToken;
  private Usage usage = Usage.ZERO;
  private long deltas;
  private ChatEvent.@Nullable ResponseIdentity identity;
  private boolean ended;

  /**
   * @param estimatedPromptTokens billed as the prompt when the stream ends early without the provider's count
   *     (asked for only then)
   * @param reservedOutputTokens the most output the call's reservation covers
   */
  MeteredChatStream(ChatStream upstream, long startedNanos, LongSupplier estimatedPromptTokens,
      long reservedOutputTokens, Outcome outcome) {
    if (reservedOutputTokens < 0) {
      throw new IllegalArgumentException("'reservedOutputTokens' must not be negative, was " + reservedOutputTokens);
    }
    this.upstream = upstream;
    this.startedNanos = startedNanos;
    this.estimatedPromptTokens = estimatedPromptTokens;
    this.reservedOutputTokens = reservedOutputTokens;
    this.outcome = outcome;
  }

  @Override
  public ChatEvent next() {
    if (ended) {
      throw new NoSuchElementException("the stream has already ended");
    }
    return meter(upstream.next());
  }

  @Override
  public @Nullable ChatEvent poll(Duration timeout) {
    if (ended) {
      throw new NoSuchElementException("the stream has already ended");
    }
    ChatEvent event = upstream.poll(timeout);
    return event == null ? null : meter(event);
  }

  private ChatEvent meter(ChatEvent event) {
    switch (event) {
      case ChatEvent.TextDelta d -> firstToken();
      case ChatEvent.ToolCallDelta d -> firstToken();
      case ChatEvent.ReasoningDelta d -> firstToken();
      case ChatEvent.RefusalDelta d -> firstToken();
      case ChatEvent.SystemFingerprint f -> { }
      case ChatEvent.ResponseIdentity r -> identity = r;
      case ChatEvent.UsageReport u -> usage = u.usage();
      case ChatEvent.LogprobsDelta l -> { }
      case ChatEvent.NativeEvent n -> { } // never a token: what it holds is metered through the other events
      case ChatEvent.Completed c -> {
        ended = true;
        if (c.usage() != null) {
          usage = c.usage();
        }
        report(UsageOutcome.SUCCESS, null, c.reason());
        return event;
      }
      case ChatEvent.Failed f -> {
        ended = true;
        report(UsageOutcome.ERROR, f.error(), null);
        return event;
      }
    }
    if (outputSeen() > reservedOutputTokens) {
      return cut();
    }
    return event;
  }

  private long outputSeen() {
    return Math.max(deltas, usage.completionTokens());
  }

  /**
   * Ends a reply that passed its reservation. What the provider produced is billed, as it bills it: the overshoot
   * past the reservation is at most the last delta.
   */
  private ChatEvent cut() {
    ended = true;
    QuotaExceededException error = new QuotaExceededException("the reply passed the " + reservedOutputTokens
        + " output tokens reserved for it (max_tokens, or the model's output limit) and was cut off",
        "max_tokens", null);
    usage = billable(outputSeen());
    try {
      upstream.close();
    } catch (RuntimeException e) {
      error.addSuppressed(e);
    }
    report(UsageOutcome.ERROR, error, null);
    return new ChatEvent.Failed(error);
  }

  private void firstToken() {
    deltas++;
    if (timeToFirstToken == null) {
      timeToFirstToken = Duration.ofNanos(System.nanoTime() - startedNanos);
    }
  }

  /** The usage known so far, with the estimated prompt if the provider has not counted it yet. */
  private Usage billable(long completionTokens) {
    long prompt = usage.promptTokens() > 0 ? usage.promptTokens() : estimatedPromptTokens.getAsLong();
    return new Usage(prompt, completionTokens, usage.cachedTokens(), Math.min(usage.reasoningTokens(),
        completionTokens), usage.billedCostUsd());
  }

  private void report(UsageOutcome how, @Nullable ModelgateException error, @Nullable FinishReason reason) {
    if (reported.compareAndSet(false, true)) {
      outcome.ended(how, usage, timeToFirstToken, error, reason, identity);
    }
  }

  @Override
  public void close() {
    upstream.close();
    if (!ended) {
      // Cancelled before the end: bill what we know was sent and produced.
      usage = billable(Math.max(usage.completionTokens(), deltas));
      report(UsageOutcome.CANCELLED, null, null);
    }
  }
}
