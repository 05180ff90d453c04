package io.modelgate.core.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.MutableClock;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.memory.InMemoryResponseStore;
import io.modelgate.core.model.CallerContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResponseHistoryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
  private final InMemoryResponseStore store = new InMemoryResponseStore();
  private final ResponseHistory history = new ResponseHistory(store, clock);
  private final CallerContext anna = CallerContext.user("anna", null);
  private final CallerContext ben = CallerContext.user("ben", null);

  @Test
  void aReplyIsKeptForItsOwnerForTheRetentionThenGone() {
    history.keep("resp_1", anna, "{}", "[]", Duration.ofDays(30));
    assertThat(history.find("resp_1", anna)).isPresent();
    assertThat(history.find("resp_1", ben)).isEmpty();
    clock.advance(Duration.ofDays(30));
    assertThat(history.find("resp_1", anna)).isEmpty();
  }

  @Test
  void keepingDropsWhatHasExpired() {
    history.keep("resp_old", anna, "{}", "[]", Duration.ofDays(1));
    clock.advance(Duration.ofDays(2));
    history.keep("resp_new", anna, "{}", "[]", Duration.ofDays(1));
    assertThat(store.deleteExpired(clock.instant())).isZero();
    assertThat(history.find("resp_new", anna)).isPresent();
  }

  @Test
  void onlyItsOwnerDeletesIt() {
    history.keep("resp_1", anna, "{}", "[]", Duration.ofDays(1));
    assertThat(history.delete("resp_1", ben)).isFalse();
    assertThat(history.delete("resp_1", anna)).isTrue();
  }

  @Test
  void aCallerWithoutAKeyCannotKeepOne() {
    assertThatThrownBy(() -> history.keep("resp_1", CallerContext.ANONYMOUS, "{}", "[]", Duration.ofDays(1)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("gateway key");
  }
}
