package io.modelgate.adapter.http;

import io.modelgate.core.account.User;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.session.ConsoleSession;
import io.modelgate.core.session.SessionService;
import io.modelgate.core.session.SignedIn;
import io.modelgate.core.account.AccountService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Console sign-in: {@code POST /api/session {key}} answers with the session cookie and the CSRF token (never the
 * key, which the browser forgets at once); {@code GET} tells who is signed in, {@code DELETE} signs out. Users list
 * and revoke their sessions; admins anybody's.
 */
@Singleton
final class SessionApi {
  private static final String TAG = "console";

  private final SessionService sessions;
  private final AccountService accounts;

  @Inject
  SessionApi(SessionService sessions, AccountService accounts) {
    this.sessions = sessions;
    this.accounts = accounts;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.POST, "/api/session", Endpoint.Access.PUBLIC, TAG,
            "Sign in to the console with a gateway key: { key }; sets an HttpOnly session cookie", this::signIn)
            .body(RequestWire.SignIn.class),
        new Endpoint(Method.GET, "/api/session", user, TAG, "Who is signed in, and the session's CSRF token",
            this::current),
        new Endpoint(Method.DELETE, "/api/session", user, TAG, "Sign out: ends this session", this::signOut),
        new Endpoint(Method.GET, "/api/sessions", user, TAG,
            "The caller's console sessions (?user= for an admin)", this::list),
        new Endpoint(Method.DELETE, "/api/sessions/{id}", user, TAG, "Revoke a console session", this::revoke));
  }

  private void signIn(Call call) {
    String key = call.body().string("key");
    SignedIn in;
    try {
      in = sessions.signIn(key, call.header("User-Agent").orElse(null));
    } catch (AuthenticationException e) {
      call.fail(Problems.unauthenticated(e));
      return;
    }
    SessionCookies.set(call, in.token().reveal(), SessionService.LIFETIME.toSeconds());
    call.header("Cache-Control", "no-store");
    call.send(200, call.json().writeWithNulls(who(in.caller(), in.session(), in.csrfToken())));
  }

  private void current(Call call) {
    Optional<String> token = SessionCookies.token(call);
    if (SessionCookies.bearer(call) == null && token.isPresent()) {
      SessionService.Active active = sessions.active(token.get());
      call.send(200, call.json().writeWithNulls(who(call.caller(), active.session(), active.csrfToken())));
    } else {
      call.send(200, call.json().writeWithNulls(who(call.caller(), null, null)));
    }
  }

  private void signOut(Call call) {
    SessionCookies.token(call).ifPresent(sessions::signOut);
    SessionCookies.clear(call);
    call.noContent();
  }

  private void list(Call call) {
    CallerContext caller = call.caller();
    String userId = call.query("user").orElse(call.principal());
    String current = SessionCookies.token(call).map(t -> {
      try {
        return sessions.active(t).session().id();
      } catch (RuntimeException e) {
        return null;
      }
    }).orElse(null);
    Instant now = Instant.now();
    List<ConsoleWire.Session> out = sessions.list(caller, userId).stream()
        .map(s -> view(s, s.id().equals(current), now)).toList();
    call.send(200, call.json().writeWithNulls(new ConsoleWire.Sessions(out)));
  }

  private void revoke(Call call) {
    boolean revoked = sessions.revoke(call.caller(), call.path("id"));
    call.json(200, new ConsoleWire.Revoked(call.path("id"), revoked));
  }

  private ConsoleWire.Who who(CallerContext caller, @Nullable ConsoleSession session, @Nullable String csrf) {
    String id = caller.principal();
    Optional<User> user = id == null ? Optional.empty() : accounts.user(id);
    return new ConsoleWire.Who(id, user.map(User::name).orElse(null), caller.admin() ? "admin" : "member",
        caller.orgId(), caller.gatewayKey(), session == null ? null : session.id(),
        session == null ? null : session.expiresAt().toString(), csrf);
  }

  private static ConsoleWire.Session view(ConsoleSession s, boolean current, Instant now) {
    Instant revoked = s.revokedAt();
    return new ConsoleWire.Session(s.id(), s.userId(), s.keyPrefix(), s.createdAt().toString(),
        s.expiresAt().toString(), revoked == null ? null : revoked.toString(), s.activeAt(now), s.userAgent(), current);
  }
}
