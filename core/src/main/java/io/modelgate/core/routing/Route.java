package io.modelgate.core.routing;

import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which model serves a request and why: the id asked for (if any), the id that serves, the rule that chose it,
 * and every step taken on the way, so a caller can see each fallback. {@code requestedEntry} is the catalog entry
 * of a named model, when it exists, so callers can be told it is deprecated and what succeeds it.
 */
public record Route(
    @Nullable String requested,
    CatalogEntry served,
    ProviderInstance instance,
    RouteSource source,
    List<RouteStep> steps,
    Map<String, Object> defaults,
    @Nullable CatalogEntry requestedEntry) {

  public Route {
    steps = List.copyOf(steps);
    defaults = Map.copyOf(defaults);
  }

  public ModelId servedId() {
    return served.id();
  }

  /** Whether any fallback happened, i.e. a step other than picking the first choice. */
  public boolean fellBack() {
    return steps.stream().anyMatch(s -> !s.kind().equals("chosen") && !s.kind().equals("alias"));
  }

  /** Whether the model asked for by name is deprecated. */
  public boolean requestedDeprecated() {
    return requestedEntry != null && requestedEntry.status() == ModelStatus.DEPRECATED;
  }

  /** The steps as one line, for a header: {@code skipped: openai:gpt-4 is disabled; provider-default: ...}. */
  public String trail() {
    return steps.stream().map(RouteStep::toString).collect(Collectors.joining("; "));
  }
}
