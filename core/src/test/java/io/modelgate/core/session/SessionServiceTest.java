package io.modelgate.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.MutableClock;
import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.IssuedKey;
import io.modelgate.core.account.User;
import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.memory.InMemorySessionStore;
import io.modelgate.core.model.CallerContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
  private final MutableClock clock = new MutableClock();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemorySessionStore store = new InMemorySessionStore();
  private final AccountService accounts = new AccountService(new InMemoryAccountStore(), audit, clock);
  private final SessionService sessions = new SessionService(store, accounts, audit, clock);
  private final User ann = accounts.createUser("admin", "Ann", AccountRole.MEMBER, null);
  private final IssuedKey annKey = accounts.issueKey("admin", ann.id(), "laptop");

  @Test
  void signInGivesATokenThatAuthenticatesAsTheKeysUserAndStoresNeitherKeyNorToken() {
    SignedIn in = sessions.signIn(annKey.key().reveal(), "Firefox");
    CallerContext caller = sessions.authenticate(in.token().reveal());
    assertThat(caller.principal()).isEqualTo(ann.id());
    assertThat(caller.gatewayKey()).isEqualTo(annKey.prefix());
    ConsoleSession stored = store.find(in.session().id()).orElseThrow();
    assertThat(stored.toString()).doesNotContain(in.token().reveal()).doesNotContain(annKey.key().reveal());
    assertThat(stored.tokenHash()).hasSize(64);
    assertThat(audit.recent(10)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("session.create");
      assertThat(e.after()).doesNotContain(annKey.key().reveal());
    });
  }

  @Test
  void aBadKeyDoesNotSignIn() {
    assertThatThrownBy(() -> sessions.signIn("mg_00000000_" + "x".repeat(32), null))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> sessions.signIn(" ", null)).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).param()).isEqualTo("key"));
    assertThat(store.listByUser(ann.id())).isEmpty();
  }

  @Test
  void aSessionExpiresAfterItsLifetime() {
    SignedIn in = sessions.signIn(annKey.key().reveal(), null);
    clock.advance(SessionService.LIFETIME.minusSeconds(1));
    assertThat(sessions.authenticate(in.token().reveal()).principal()).isEqualTo(ann.id());
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> sessions.authenticate(in.token().reveal())).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void signOutAndRevocationEndTheSessionAndRevokingTheKeyEndsItToo() {
    SignedIn first = sessions.signIn(annKey.key().reveal(), null);
    assertThat(sessions.signOut(first.token().reveal())).isTrue();
    assertThatThrownBy(() -> sessions.authenticate(first.token().reveal())).hasMessageContaining("ended");
    assertThat(sessions.signOut(first.token().reveal())).isFalse();

    SignedIn second = sessions.signIn(annKey.key().reveal(), null);
    assertThat(sessions.revoke(CallerContext.user(ann.id(), null), second.session().id())).isTrue();
    assertThatThrownBy(() -> sessions.authenticate(second.token().reveal())).isInstanceOf(AuthenticationException.class);

    SignedIn third = sessions.signIn(annKey.key().reveal(), null);
    accounts.revokeKey("admin", annKey.prefix());
    assertThatThrownBy(() -> sessions.authenticate(third.token().reveal())).hasMessageContaining("revoked");
  }

  @Test
  void usersSeeAndRevokeOnlyTheirOwnSessionsAndAdminsAnybodys() {
    User bob = accounts.createUser("admin", "Bob", AccountRole.MEMBER, null);
    SignedIn annSession = sessions.signIn(annKey.key().reveal(), null);
    CallerContext asBob = CallerContext.user(bob.id(), null);
    assertThatThrownBy(() -> sessions.list(asBob, ann.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> sessions.revoke(asBob, annSession.session().id()))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(sessions.list(CallerContext.user(ann.id(), null), ann.id())).hasSize(1);
    CallerContext admin = new CallerContext("usr_admin", null, null, null, true);
    assertThat(sessions.list(admin, ann.id())).extracting(ConsoleSession::id).containsExactly(annSession.session().id());
    assertThat(sessions.revoke(admin, annSession.session().id())).isTrue();
  }

  @Test
  void theCsrfTokenBelongsToItsSessionOnly() {
    SignedIn a = sessions.signIn(annKey.key().reveal(), null);
    SignedIn b = sessions.signIn(annKey.key().reveal(), null);
    assertThat(sessions.csrfMatches(a.token().reveal(), a.csrfToken())).isTrue();
    assertThat(sessions.csrfMatches(a.token().reveal(), b.csrfToken())).isFalse();
    assertThat(sessions.csrfMatches(a.token().reveal(), null)).isFalse();
    assertThat(a.csrfToken()).doesNotContain(a.token().reveal());
  }
}
