package io.modelgate.core.session;

import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.Secret;
import java.util.Objects;

/**
 * A sign-in's result: the session, the token for the browser's cookie (shown to the browser once, never stored),
 * the CSRF token that state-changing requests of this session must carry, and who signed in.
 */
public record SignedIn(ConsoleSession session, Secret token, String csrfToken, CallerContext caller) {
  public SignedIn {
    Objects.requireNonNull(session, "'session' must not be null");
    Objects.requireNonNull(token, "'token' must not be null");
    Objects.requireNonNull(csrfToken, "'csrfToken' must not be null");
    Objects.requireNonNull(caller, "'caller' must not be null");
  }
}
