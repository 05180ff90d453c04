package io.modelgate.core.chat;

import java.util.Objects;

/**
 * A request exactly as the client sent it in a provider's own protocol. A target that speaks that protocol is sent
 * this body (with the served model and streaming set), so nothing the core values do not model is lost: Anthropic's
 * {@code cache_control}, signed thinking blocks, documents, citations. Any other target gets the translation held
 * in the {@link ChatRequest}'s values.
 */
public record OriginalBody(Protocol protocol, String json) {
  /** The protocols a client may speak to us that some provider also speaks. */
  public enum Protocol {
    /** Anthropic's Messages API ({@code POST /v1/messages}). */
    ANTHROPIC_MESSAGES,
    /**
     * OpenAI's Responses API ({@code POST /v1/responses}): the whole input as items (what
     * {@code previous_response_id} named put in front), nothing stored upstream.
     */
    OPENAI_RESPONSES
  }

  public OriginalBody {
    Objects.requireNonNull(protocol, "'protocol' must not be null");
    if (json == null || !json.strip().startsWith("{")) {
      throw new IllegalArgumentException("'json' of an original body must be a JSON object");
    }
  }

  @Override
  public String toString() {
    return "OriginalBody[" + protocol + ", " + json.length() + " chars]";
  }
}
