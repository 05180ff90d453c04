package io.modelgate.core.routing;

import io.modelgate.core.routing.RouteStep.Kind;
import java.util.Locale;

/** Which rule chose the model, and the step that records it. */
public enum RouteSource {
  REQUEST(Kind.CHOSEN),
  ALIAS(Kind.ALIAS),
  CONVERSATION(Kind.CONVERSATION),
  AGENT_DEFAULT(Kind.AGENT_DEFAULT),
  USER_PREFERENCE(Kind.USER_PREFERENCE),
  ORG_DEFAULT(Kind.ORG_DEFAULT),
  SERVER_DEFAULT(Kind.SERVER_DEFAULT),
  FIRST_AVAILABLE(Kind.FIRST_AVAILABLE);

  private final Kind step;

  RouteSource(Kind step) {
    this.step = step;
  }

  /** The kind of step that records a model chosen by this rule. */
  public Kind step() {
    return step;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
