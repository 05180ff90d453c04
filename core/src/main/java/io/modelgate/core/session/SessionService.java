package io.modelgate.core.session;

import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.AuditLog;
import io.modelgate.core.port.SessionStore;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Console sign-in: a gateway key typed once becomes a session. The browser holds only the session's token (256
 * random bits; only its SHA-256 is stored, never the gateway key). A session lasts {@link #LIFETIME}, ends at sign
 * out or revocation, and ends too when the gateway key that opened it is revoked. State-changing requests of a
 * session carry its CSRF token, which is derived from the session token, so it needs no storage and means nothing
 * without the cookie. Every sign-in, sign-out and revocation is audited. Thread-safe.
 */
public final class SessionService {
  /** How long a session signs its browser in. */
  public static final Duration LIFETIME = Duration.ofHours(12);
  private static final String TOKEN_PREFIX = "mgs_";

  private final SessionStore store;
  private final AccountService accounts;
  private final AuditLog audit;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();

  @Inject
  public SessionService(SessionStore store, AccountService accounts, AuditLog audit, InstantSource clock) {
    this.store = store;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  /** Signs in with a gateway key; throws {@link AuthenticationException} when the key is not valid. */
  public SignedIn signIn(@Nullable String gatewayKey, @Nullable String userAgent) {
    if (gatewayKey == null || gatewayKey.isBlank()) {
      throw new InvalidRequestException("'key' must be a gateway key (mg_…)", "key");
    }
    CallerContext caller = accounts.authenticate(gatewayKey);
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    Secret token = Secret.of(TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    Instant now = clock.instant();
    ConsoleSession session = new ConsoleSession("ses_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
        sha256(token.reveal()), Objects.requireNonNull(caller.principal()), Objects.requireNonNull(caller.gatewayKey()),
        now, now.plus(LIFETIME), null, userAgent);
    store.save(session);
    audit.append(new AuditEvent(now, caller.principal(), "session.create", session.id(), null,
        "{\"key\":\"" + caller.gatewayKey() + "\"}"));
    return new SignedIn(session, token, csrfToken(token.reveal()), caller);
  }

  /** The caller a session token signs in; throws {@link AuthenticationException} when it no longer does. */
  public CallerContext authenticate(@Nullable String token) {
    return active(token).caller();
  }

  /** The active session of a token, with its caller; throws {@link AuthenticationException} otherwise. */
  public Active active(@Nullable String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      throw new AuthenticationException("not signed in");
    }
    ConsoleSession session = store.findByTokenHash(sha256(token))
        .orElseThrow(() -> new AuthenticationException("not signed in"));
    if (!session.activeAt(clock.instant())) {
      throw new AuthenticationException(session.revokedAt() != null ? "the session was ended; sign in again"
          : "the session expired; sign in again");
    }
    return new Active(session, accounts.callerOfKey(session.keyPrefix()), csrfToken(token));
  }

  /** A session, its caller and its CSRF token. */
  public record Active(ConsoleSession session, CallerContext caller, String csrfToken) {}

  /** Whether {@code presented} is the CSRF token of the session {@code token}; compared in constant time. */
  public boolean csrfMatches(String token, @Nullable String presented) {
    return presented != null && MessageDigest.isEqual(csrfToken(token).getBytes(StandardCharsets.US_ASCII),
        presented.strip().getBytes(StandardCharsets.US_ASCII));
  }

  /** Ends the session of {@code token} (sign out); false when it was not active. */
  public boolean signOut(@Nullable String token) {
    Active active;
    try {
      active = active(token);
    } catch (AuthenticationException e) {
      return false;
    }
    return revokeAs(active.caller(), active.session());
  }

  /** A user's sessions, newest first: their own for anyone, anybody's for an admin. */
  public List<ConsoleSession> list(CallerContext actor, String userId) {
    mayManage(actor, userId);
    return store.listByUser(userId);
  }

  /** Revokes a session: one's own, or anybody's for an admin. False when it had ended already. */
  public boolean revoke(CallerContext actor, String sessionId) {
    ConsoleSession session = store.find(sessionId)
        .filter(s -> actor.admin() || s.userId().equals(actor.principal()))
        .orElseThrow(() -> new InvalidRequestException("no session '" + sessionId + "'", "id"));
    return revokeAs(actor, session);
  }

  /** Forgets sessions that expired more than a day ago; returns how many. */
  public int purgeExpired() {
    return store.deleteExpired(clock.instant().minus(Duration.ofDays(1)));
  }

  private boolean revokeAs(CallerContext actor, ConsoleSession session) {
    Instant now = clock.instant();
    boolean revoked = session.activeAt(now) && store.revoke(session.id(), now);
    if (revoked) {
      audit.append(new AuditEvent(now, actor.principal() == null ? "system" : actor.principal(), "session.revoke",
          session.id(), null, "{\"user\":\"" + session.userId() + "\"}"));
    }
    return revoked;
  }

  private static void mayManage(CallerContext actor, String userId) {
    if (!actor.admin() && !userId.equals(actor.principal())) {
      throw new AccessDeniedException("only an admin may see another user's sessions");
    }
  }

  private static String csrfToken(String token) {
    return sha256("csrf:" + token).substring(0, 40);
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
