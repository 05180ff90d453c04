package io.modelgate.core.gateway;

import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ToolDefinition;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.TokenCounter;
import io.modelgate.core.routing.PromptSize;

/**
 * A chat prompt's tokens as the {@link TokenCounter} counts them for the model it routes to: each message's text
 * plus four tokens of framing, and each tool's name, description and schema. Counted when first asked for, and
 * kept: a call needs the count only to reserve against a limit, to check a context window its bound does not fit,
 * or to bill a prompt the provider did not count — a counter may need a tokenizer's tables in memory (jtokkit's
 * {@code cl100k_base}: ~11 MB of live heap). Thread-safe.
 */
final class PromptTokens implements PromptSize {
  private static final long MESSAGE_FRAMING_TOKENS = 4;
  private static final long NOT_COUNTED = -1;

  private final ChatRequest request;
  private final ModelId model;
  private final TokenCounter counter;
  private volatile long counted = NOT_COUNTED;

  PromptTokens(ChatRequest request, ModelId model, TokenCounter counter) {
    this.request = request;
    this.model = model;
    this.counter = counter;
  }

  @Override
  public long atMost() {
    long known = counted;
    return known != NOT_COUNTED ? known : sum(false);
  }

  /** The count; two threads asking at once may both count, to the same result. */
  @Override
  public long tokens() {
    long known = counted;
    if (known == NOT_COUNTED) {
      known = sum(true);
      counted = known;
    }
    return known;
  }

  private long sum(boolean exact) {
    long total = 0;
    for (ChatMessage m : request.messages()) {
      total += size(m.text(), exact) + MESSAGE_FRAMING_TOKENS;
    }
    for (ToolDefinition tool : request.tools()) {
      total += size(tool.name(), exact) + size(tool.parametersSchema(), exact)
          + (tool.description() == null ? 0 : size(tool.description(), exact)) + MESSAGE_FRAMING_TOKENS;
    }
    return total;
  }

  private long size(String text, boolean exact) {
    return exact ? counter.count(model, text) : counter.atMost(model, text);
  }
}
