package io.modelgate.adapter.http;

import io.modelgate.core.account.AccountService;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.session.SessionService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: the gateway key in {@code Authorization: Bearer}, else the console session in the
 * {@value #COOKIE} cookie. A request signed in by cookie that changes state (anything but GET, HEAD, OPTIONS) must
 * carry the session's CSRF token in {@value #CSRF_HEADER}; without it the request is refused with 403.
 */
@Singleton
final class SessionCookies {
  static final String COOKIE = "mg_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final AccountService accounts;
  private final SessionService sessions;

  @Inject
  SessionCookies(AccountService accounts, SessionService sessions) {
    this.accounts = accounts;
    this.sessions = sessions;
  }

  /** The caller of {@code call}; throws {@link io.modelgate.core.error.AuthenticationException} when none. */
  CallerContext authenticate(Call call) {
    String bearer = bearer(call);
    Optional<String> token = token(call);
    if (bearer != null || token.isEmpty()) {
      return accounts.authenticate(bearer);
    }
    CallerContext caller = sessions.authenticate(token.get());
    String method = call.method();
    boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    if (!safe && !sessions.csrfMatches(token.get(), call.header(CSRF_HEADER).orElse(null))) {
      throw new AccessDeniedException("missing or wrong " + CSRF_HEADER + " header for a console session");
    }
    return caller;
  }

  /** The session token in the request's cookie, if any. */
  static Optional<String> token(Call call) {
    return call.cookie(COOKIE).filter(s -> !s.isBlank());
  }

  /**
   * Sets the session cookie: HttpOnly, SameSite=Strict, Secure when the request came over TLS (to the proxy in front
   * of us, which says so in {@code X-Forwarded-Proto}; we speak plain HTTP).
   */
  static void set(Call call, String token, long maxAgeSeconds) {
    call.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=Strict" + (secure(call) ? "; Secure" : ""));
  }

  static void clear(Call call) {
    call.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        + (secure(call) ? "; Secure" : ""));
  }

  private static boolean secure(Call call) {
    return call.header("X-Forwarded-Proto")
        .map(p -> p.strip().equalsIgnoreCase("https")).orElse(false);
  }

  /** The gateway key: a bearer token, or Anthropic's {@code x-api-key} header for clients that send only that. */
  static @Nullable String bearer(Call call) {
    String value = call.header("Authorization").orElse(null);
    if (value == null) {
      return call.header("x-api-key").map(String::strip).filter(k -> !k.isEmpty()).orElse(null);
    }
    String trimmed = value.strip();
    return trimmed.toLowerCase(Locale.ROOT).startsWith("bearer ") ? trimmed.substring(7).strip() : null;
  }
}
