package io.modelgate.core.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a call may go, in order: groups of targets that serve one model (the model routing chose, on every node
 * that serves it, first; then the alias's or the model's fallbacks), and how to spread calls within a group.
 */
public record Plan(List<List<Target>> groups, BalanceStrategy strategy) {
  public Plan {
    groups = groups.stream().filter(g -> !g.isEmpty()).map(List::copyOf).toList();
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one target");
    }
    if (strategy == null) {
      throw new IllegalArgumentException("'strategy' must not be null");
    }
  }

  /** Every target, in plan order. */
  public List<Target> targets() {
    List<Target> all = new ArrayList<>();
    groups.forEach(all::addAll);
    return all;
  }
}
