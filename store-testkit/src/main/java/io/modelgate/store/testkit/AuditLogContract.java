package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.port.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} does. Subclass it with a fresh, empty log per test. Newest means latest
 * {@link AuditEvent#at()}; events at the same instant come newest-appended first.
 */
public abstract class AuditLogContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

  private AuditLog audit;

  /** A new, empty log. */
  protected abstract AuditLog newLog();

  @BeforeEach
  final void createLog() {
    audit = newLog();
  }

  private static AuditEvent event(Instant at, String action) {
    return new AuditEvent(at, "anna", action, "openai:gpt-4o", null, null);
  }

  @Test
  void emptyLogHasNoEvents() {
    assertThat(audit.recent(10)).isEmpty();
  }

  @Test
  void eventComesBackWithWhoWhatTargetBeforeAndAfter() {
    AuditEvent e = new AuditEvent(T0, "admin:anna", "model.status", "openai:gpt-4o",
        "{\"status\":\"pending\"}", "{\"status\":\"enabled\",\n \"note\":\"ok ü\"}");
    AuditEvent created = new AuditEvent(T0.plusSeconds(1), "anna", "key.create", "", null, "{\"prefix\":\"mg_ab\"}");
    audit.append(e);
    audit.append(created);

    assertThat(audit.recent(10)).containsExactly(created, e);
  }

  @Test
  void recentIsNewestFirstAndHonoursTheLimit() {
    for (int i = 0; i < 5; i++) {
      audit.append(event(T0.plusSeconds(i), "action-" + i));
    }

    assertThat(audit.recent(3)).extracting(AuditEvent::action).containsExactly("action-4", "action-3", "action-2");
    assertThat(audit.recent(100)).hasSize(5);
    assertThat(audit.recent(0)).isEmpty();
  }

  @Test
  void newestMeansLatestTimeThenLatestAppended() {
    audit.append(event(T0.plusSeconds(10), "late"));
    audit.append(event(T0, "early"));
    audit.append(event(T0.plusSeconds(10), "late-again"));

    assertThat(audit.recent(10)).extracting(AuditEvent::action).containsExactly("late-again", "late", "early");
  }

  @Test
  void concurrentAppendsAreAllKept() throws Exception {
    List<Callable<Void>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      AuditEvent e = event(T0.plusMillis(i), "action-" + i);
      calls.add(() -> {
        audit.append(e);
        return null;
      });
    }
    Concurrently.call(8, calls);

    assertThat(audit.recent(1_000)).hasSize(100).first().extracting(AuditEvent::action).isEqualTo("action-99");
  }

  @Test
  void badInputIsRejectedClearlyAndNothingChanges() {
    audit.append(event(T0, "kept"));

    assertThatThrownBy(() -> audit.append(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> audit.recent(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThat(audit.recent(10)).hasSize(1);
  }
}
