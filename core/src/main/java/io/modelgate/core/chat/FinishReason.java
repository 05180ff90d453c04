package io.modelgate.core.chat;

import java.util.Locale;

/** Why the model stopped. */
public enum FinishReason {
  STOP,
  LENGTH,
  TOOL_CALLS,
  /** A safety or content filter blocked the answer or the prompt: not an empty answer. */
  CONTENT_FILTER,
  OTHER;

  /** OpenAI's spelling: {@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}. */
  public String wireName() {
    return this == OTHER ? "stop" : name().toLowerCase(Locale.ROOT);
  }
}
