package io.modelgate.core.chat;

import io.modelgate.core.error.ModelgateException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a chat stream delivers. A stream ends with exactly one terminal event: {@link Completed} for a clean
 * end, {@link Failed} for anything else. No other event ends a stream, so an error can never pass for a finish.
 */
public sealed interface ChatEvent {
  /** Whether this event ends the stream. */
  default boolean terminal() {
    return false;
  }

  /** Text the model produced, for choice {@code choice} (0 unless {@code n} was asked). */
  record TextDelta(int choice, String text) implements ChatEvent {
    public TextDelta {
      Objects.requireNonNull(text, "'text' must not be null");
    }

    public TextDelta(String text) {
      this(0, text);
    }
  }

  /**
   * Which backend configuration of the provider produced the answer (OpenAI's {@code system_fingerprint}, which
   * changes when the provider changes what may affect determinism); sent when first known and when it changes.
   */
  record SystemFingerprint(String value) implements ChatEvent {
    public SystemFingerprint {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("'value' must not be blank");
      }
    }
  }

  /**
   * Which reply the provider says this is: its id for it ({@code chatcmpl-…}) and the model (version) that wrote it
   * ({@code gpt-4o-2024-08-06}), either null when it does not say; sent once, before or with the first token.
   */
  record ResponseIdentity(@Nullable String id, @Nullable String model) implements ChatEvent {}

  /**
   * The model's refusal to answer, for choice {@code choice}: its words, kept apart from the answer (OpenAI's
   * {@code refusal}, for structured outputs it declined).
   */
  record RefusalDelta(int choice, String text) implements ChatEvent {
    public RefusalDelta {
      Objects.requireNonNull(text, "'text' must not be null");
    }
  }

  /**
   * Reasoning text a model shows while it thinks, kept apart from the answer. A provider that signs its reasoning
   * (Anthropic) sends the signature of the reasoning so far as a {@code signature}, which closes that piece of
   * reasoning; a {@code redacted} piece holds reasoning the provider encrypted, as opaque {@code text} to hand back
   * unchanged, never to show.
   */
  record ReasoningDelta(String text, @Nullable String signature, boolean redacted) implements ChatEvent {
    public ReasoningDelta {
      Objects.requireNonNull(text, "'text' must not be null");
    }

    public ReasoningDelta(String text) {
      this(text, null, false);
    }

    /** The text a reader may see: none for a redacted piece. */
    public String visibleText() {
      return redacted ? "" : text;
    }
  }

  /**
   * A piece of a tool call: the first piece for an {@code index} carries its id and name, later ones more of the
   * arguments' JSON text.
   */
  record ToolCallDelta(int choice, int index, @Nullable String id, @Nullable String name, String arguments)
      implements ChatEvent {
    public ToolCallDelta {
      arguments = arguments == null ? "" : arguments;
    }
  }

  /**
   * Token log probabilities for a piece of choice {@code choice}'s answer, when the request asked for them: a JSON
   * array of token entries in OpenAI's {@code logprobs.content} shape ({@code token}, {@code logprob},
   * {@code bytes}, {@code top_logprobs}), kept as text.
   */
  record LogprobsDelta(int choice, String content) implements ChatEvent {
    public LogprobsDelta {
      if (content == null || !content.strip().startsWith("[")) {
        throw new IllegalArgumentException("'content' must be a JSON array of token entries");
      }
    }
  }

  /**
   * One event of the reply as the provider sent it in its own {@code protocol} — the one the client spoke, when a
   * request was passed through ({@link OriginalBody}) — as opaque JSON text. It carries what core does not model
   * (a built-in tool's call, encrypted reasoning, citations on the text) and, alongside the other events, what core
   * does: the text, reasoning and tool calls in it come as their own events too. So a client of that protocol may be
   * sent these verbatim in place of a rendering of the other events, and every other reader ignores them. Never a
   * token: metering, time to first token and failover go by the other events.
   */
  record NativeEvent(OriginalBody.Protocol protocol, String json) implements ChatEvent {
    public NativeEvent {
      Objects.requireNonNull(protocol, "'protocol' must not be null");
      if (json == null || !json.strip().startsWith("{")) {
        throw new IllegalArgumentException("'json' of a native event must be a JSON object");
      }
    }

    @Override
    public String toString() {
      return "NativeEvent[" + protocol + ", " + json.length() + " chars]";
    }
  }

  /** The usage so far; the last one seen counts. */
  record UsageReport(Usage usage) implements ChatEvent {
    public UsageReport {
      Objects.requireNonNull(usage, "'usage' must not be null");
    }
  }

  /** The clean end: why the model stopped, the final usage if the provider told it, and its raw reason. */
  record Completed(FinishReason reason, @Nullable Usage usage, @Nullable String detail) implements ChatEvent {
    public Completed {
      Objects.requireNonNull(reason, "'reason' must not be null");
    }

    public Completed(FinishReason reason, @Nullable Usage usage) {
      this(reason, usage, null);
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** The stream broke or was refused: never a clean end, whatever came before. */
  record Failed(ModelgateException error) implements ChatEvent {
    public Failed {
      Objects.requireNonNull(error, "'error' must not be null");
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }
}
