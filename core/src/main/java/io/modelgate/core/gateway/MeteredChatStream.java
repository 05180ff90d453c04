package io.modelgate.core.gateway;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.usage.UsageOutcome;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a provider's stream: times the first token, keeps the last usage seen, guarantees the stream ends with a
 * terminal event, and reports the call exactly once — at its end, or when it is closed early (cancelled).
 */
final class MeteredChatStream implements ChatStream {
  /** Told once how the call ended. */
  interface Outcome {
    void ended(UsageOutcome outcome, Usage usage, @Nullable Duration timeToFirstToken,
        @Nullable ModelgateException error);
  }

  private final ChatStream upstream;
  private final Outcome outcome;
  private final long startedNanos;
  private final AtomicBoolean reported = new AtomicBoolean();
  private @Nullable Duration timeToFirstToken;
  private Usage usage = Usage.ZERO;
  private long deltas;
  private boolean ended;

  MeteredChatStream(ChatStream upstream, long startedNanos, Outcome outcome) {
    this.upstream = upstream;
    this.startedNanos = startedNanos;
    this.outcome = outcome;
  }

  @Override
  public ChatEvent next() {
    if (ended) {
      throw new NoSuchElementException("the stream has already ended");
    }
    ChatEvent event = upstream.next();
    switch (event) {
      case ChatEvent.TextDelta d -> firstToken();
      case ChatEvent.ToolCallDelta d -> firstToken();
      case ChatEvent.ReasoningDelta d -> firstToken();
      case ChatEvent.UsageReport u -> usage = u.usage();
      case ChatEvent.Completed c -> {
        ended = true;
        if (c.usage() != null) {
          usage = c.usage();
        }
        report(UsageOutcome.SUCCESS, null);
      }
      case ChatEvent.Failed f -> {
        ended = true;
        report(UsageOutcome.ERROR, f.error());
      }
    }
    return event;
  }

  private void firstToken() {
    deltas++;
    if (timeToFirstToken == null) {
      timeToFirstToken = Duration.ofNanos(System.nanoTime() - startedNanos);
    }
  }

  private void report(UsageOutcome how, @Nullable ModelgateException error) {
    if (reported.compareAndSet(false, true)) {
      outcome.ended(how, usage, timeToFirstToken, error);
    }
  }

  @Override
  public void close() {
    upstream.close();
    if (!ended) {
      // Cancelled before the end: bill what we know was produced.
      if (usage.completionTokens() < deltas) {
        usage = new Usage(usage.promptTokens(), deltas, usage.cachedTokens(), usage.reasoningTokens(),
            usage.billedCostUsd());
      }
      report(UsageOutcome.CANCELLED, null);
    }
  }
}
