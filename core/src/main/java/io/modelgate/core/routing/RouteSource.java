package io.modelgate.core.routing;

import java.util.Locale;

/** Which rule chose the model. */
public enum RouteSource {
  REQUEST,
  ALIAS,
  CONVERSATION,
  USER_PREFERENCE,
  ORG_DEFAULT,
  SERVER_DEFAULT,
  FIRST_AVAILABLE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
