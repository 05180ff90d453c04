package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.port.ResponseStore;
import io.modelgate.core.responses.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ResponseStore} does. Subclass it with a fresh, empty store per test. */
public abstract class ResponseStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
  private static final String BODY = "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[{\"text\":\"é ✓ \\\"q\\\"\"}]}";

  private ResponseStore store;

  /** A new, empty store. */
  protected abstract ResponseStore newStore();

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  private static StoredResponse response(String id, String owner, Duration life) {
    return new StoredResponse(id, owner, T0, T0.plus(life), BODY, "[{\"role\":\"user\",\"content\":\"" + id + "\"}]");
  }

  @Test
  void aKeptResponseComesBackWithEveryFieldToItsOwner() {
    StoredResponse kept = response("resp_1", "user-a", Duration.ofDays(30));
    store.save(kept);
    assertThat(store.find("resp_1", "user-a", T0.plusSeconds(1))).contains(kept);
  }

  @Test
  void anotherCallerNeitherFindsNorDeletesIt() {
    store.save(response("resp_1", "user-a", Duration.ofDays(30)));
    assertThat(store.find("resp_1", "user-b", T0)).isEmpty();
    assertThat(store.delete("resp_1", "user-b")).isFalse();
    assertThat(store.find("resp_1", "user-a", T0)).isPresent();
  }

  @Test
  void anExpiredResponseIsNotFoundAndIsDeletedWithTheOtherExpiredOnes() {
    store.save(response("resp_old", "user-a", Duration.ofHours(1)));
    store.save(response("resp_older", "user-b", Duration.ofMinutes(1)));
    store.save(response("resp_new", "user-a", Duration.ofDays(1)));
    Instant later = T0.plus(Duration.ofHours(1));
    assertThat(store.find("resp_old", "user-a", later)).isEmpty();
    assertThat(store.deleteExpired(later)).isEqualTo(2);
    assertThat(store.find("resp_new", "user-a", later)).isPresent();
    assertThat(store.deleteExpired(later)).isZero();
  }

  @Test
  void deleteRemovesItOnce() {
    store.save(response("resp_1", "user-a", Duration.ofDays(1)));
    assertThat(store.delete("resp_1", "user-a")).isTrue();
    assertThat(store.delete("resp_1", "user-a")).isFalse();
    assertThat(store.find("resp_1", "user-a", T0)).isEmpty();
  }

  @Test
  void savingTheSameIdReplacesIt() {
    store.save(response("resp_1", "user-a", Duration.ofDays(1)));
    StoredResponse second = new StoredResponse("resp_1", "user-a", T0, T0.plus(Duration.ofDays(2)), "{}", "[]");
    store.save(second);
    assertThat(store.find("resp_1", "user-a", T0)).contains(second);
  }
}
