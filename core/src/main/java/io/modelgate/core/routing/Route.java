package io.modelgate.core.routing;

import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which model serves a request and why: the id asked for (if any), the id that serves, the rule that chose it,
 * every step taken on the way, so a caller can see each fallback, and — once the call is under way — each attempt
 * it made at a target. {@code requestedEntry} is the catalog entry of a named model, when it exists, so callers can
 * be told it is deprecated and what succeeds it.
 */
public record Route(
    @Nullable String requested,
    CatalogEntry served,
    ProviderInstance instance,
    RouteSource source,
    List<RouteStep> steps,
    Map<String, Object> defaults,
    @Nullable CatalogEntry requestedEntry,
    List<Attempt> attempts) {

  public Route {
    steps = List.copyOf(steps);
    defaults = Map.copyOf(defaults);
    attempts = List.copyOf(attempts);
  }

  /** A route as routing resolves it, before any attempt. */
  public Route(@Nullable String requested, CatalogEntry served, ProviderInstance instance, RouteSource source,
      List<RouteStep> steps, Map<String, Object> defaults, @Nullable CatalogEntry requestedEntry) {
    this(requested, served, instance, source, steps, defaults, requestedEntry, List.of());
  }

  /**
   * This route as the call went: served by {@code target} after {@code attempts}. A target of another model than
   * the one routing chose (a fallback after failures) adds a {@code failover} step.
   */
  public Route servedBy(Target target, List<Attempt> attempts) {
    List<RouteStep> all = new ArrayList<>(steps);
    if (!target.id().model().equals(served.id().model())) {
      all.add(new RouteStep(RouteStep.Kind.FAILOVER, served.id() + " → " + target.id()));
    }
    return new Route(requested, target.entry(), target.instance(), source, all, defaults, requestedEntry, attempts);
  }

  public ModelId servedId() {
    return served.id();
  }

  /**
   * Whether a model asked for or preferred (named in the request, an alias's first choice, the conversation's pin,
   * the user's or org's default) was replaced because it could not serve. A call that named nothing and got the
   * default has not fallen back.
   */
  public boolean fellBack() {
    return steps.stream().anyMatch(s -> s.kind() == RouteStep.Kind.SKIPPED || s.kind() == RouteStep.Kind.FAILOVER);
  }

  /** Whether the model asked for by name is deprecated. */
  public boolean requestedDeprecated() {
    return requestedEntry != null && requestedEntry.status() == ModelStatus.DEPRECATED;
  }

  /**
   * The steps as one line, for a header and the usage record: {@code skipped: openai:gpt-4 is disabled;
   * provider-default: ...}, then every attempt when there was more than one ({@code attempt: ...}).
   */
  public String trail() {
    if (steps.size() == 1 && attempts.size() <= 1) {
      return steps.getFirst().toString(); // the usual route: one step, one attempt
    }
    String trail = steps.stream().map(RouteStep::toString).collect(Collectors.joining("; "));
    if (attempts.size() > 1) {
      trail += attempts.stream().map(a -> "; attempt: " + a).collect(Collectors.joining());
    }
    return trail;
  }
}
