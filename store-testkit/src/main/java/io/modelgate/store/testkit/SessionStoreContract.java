package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.port.SessionStore;
import io.modelgate.core.session.ConsoleSession;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} does. Subclass it with a fresh, empty store per test. Instants are whole
 * milliseconds, so sessions come back {@code equals} to what was saved.
 */
public abstract class SessionStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

  private SessionStore store;

  /** A new, empty store. */
  protected abstract SessionStore newStore();

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  private static ConsoleSession session(String id, String user, Instant created) {
    return new ConsoleSession(id, "hash-of-" + id, user, "mg_0000000a", created, created.plus(Duration.ofHours(12)),
        null, "Mozilla/5.0 (X11; Linux x86_64)");
  }

  @Test
  void savedSessionIsFoundByIdAndByTokenHash() {
    ConsoleSession s = session("ses_1", "usr_anna", T0);
    store.save(s);
    assertThat(store.find("ses_1")).contains(s);
    assertThat(store.findByTokenHash("hash-of-ses_1")).contains(s);
    assertThat(store.findByTokenHash("hash-of-nothing")).isEmpty();
    assertThat(store.find("ses_2")).isEmpty();
  }

  @Test
  void sameIdTwiceIsRefused() {
    store.save(session("ses_1", "usr_anna", T0));
    assertThatThrownBy(() -> store.save(session("ses_1", "usr_bob", T0))).isInstanceOf(RuntimeException.class);
    assertThat(store.find("ses_1").orElseThrow().userId()).isEqualTo("usr_anna");
  }

  @Test
  void listsOnlyThatUsersSessionsNewestFirst() {
    store.save(session("ses_old", "usr_anna", T0));
    store.save(session("ses_new", "usr_anna", T0.plusSeconds(60)));
    store.save(session("ses_bob", "usr_bob", T0.plusSeconds(30)));
    assertThat(store.listByUser("usr_anna")).extracting(ConsoleSession::id).containsExactly("ses_new", "ses_old");
    assertThat(store.listByUser("usr_carl")).isEmpty();
  }

  @Test
  void revokeMarksTheSessionOnceAndKeepsIt() {
    store.save(session("ses_1", "usr_anna", T0));
    Instant at = T0.plusSeconds(120);
    assertThat(store.revoke("ses_1", at)).isTrue();
    assertThat(store.revoke("ses_1", at.plusSeconds(5))).isFalse();
    assertThat(store.revoke("ses_unknown", at)).isFalse();
    ConsoleSession revoked = store.find("ses_1").orElseThrow();
    assertThat(revoked.revokedAt()).isEqualTo(at);
    assertThat(revoked.activeAt(at)).isFalse();
    assertThat(store.findByTokenHash("hash-of-ses_1")).contains(revoked);
  }

  @Test
  void deleteExpiredRemovesOnlyThoseThatEndedBefore() {
    store.save(session("ses_old", "usr_anna", T0));
    store.save(session("ses_new", "usr_anna", T0.plus(Duration.ofHours(20))));
    assertThat(store.deleteExpired(T0.plus(Duration.ofHours(13)))).isEqualTo(1);
    assertThat(store.find("ses_old")).isEmpty();
    assertThat(store.find("ses_new")).isPresent();
  }
}
