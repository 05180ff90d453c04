package io.modelgate.core.routing;

import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ContentPart;
import io.modelgate.core.chat.ResponseFormat;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a call needs of a model it fails over to: the capabilities its request uses (tools, images, JSON output) and
 * a context window that holds its prompt. The prompt is counted only for a window its bound does not fit.
 */
public record Needs(Set<Capability> capabilities, PromptSize prompt) {
  public static final Needs NOTHING = new Needs(Set.of(), PromptSize.of(0));

  public Needs {
    capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(capabilities);
    Objects.requireNonNull(prompt, "'prompt' must not be null");
  }

  /** What {@code request}, of {@code prompt}'s size, needs. */
  public static Needs of(ChatRequest request, PromptSize prompt) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    if (!request.tools().isEmpty()) {
      caps.add(Capability.TOOLS);
    }
    ResponseFormat format = request.responseFormat();
    if (format != null && format.type() != ResponseFormat.Type.TEXT) {
      caps.add(Capability.JSON_OUTPUT);
    }
    for (ChatMessage m : request.messages()) {
      if (m.content().stream().anyMatch(p -> p instanceof ContentPart.Image)) {
        caps.add(Capability.VISION);
        break;
      }
    }
    return new Needs(caps, prompt);
  }

  /** Why {@code entry} cannot take this call, or null if it can. */
  public @org.jspecify.annotations.Nullable String unmetBy(CatalogEntry entry) {
    for (Capability c : capabilities) {
      if (!entry.capabilities().contains(c)) {
        return "lacks " + c.wireName();
      }
    }
    Integer window = entry.contextWindow();
    if (window != null && prompt.atMost() > window) {
      long tokens = prompt.tokens();
      if (tokens > window) {
        return "has a context window of " + window + " tokens, under the prompt's " + tokens;
      }
    }
    return null;
  }
}
