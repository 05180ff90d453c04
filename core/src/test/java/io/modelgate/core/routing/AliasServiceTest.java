package io.modelgate.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.memory.InMemoryAliasStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.model.ModelId;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliasServiceTest {
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final AliasService aliases = new AliasService(new InMemoryAliasStore(), audit, InstantSource.system());

  @Test
  void eachChangeIsAuditedWithWhatItWasAndBecame() {
    aliases.save("anna", "fast", List.of(ModelId.parse("demo:echo")), Map.of("temperature", 0.1));
    aliases.save("anna", "fast", List.of(ModelId.parse("demo:shout")), Map.of());
    aliases.delete("ben", "fast");
    List<AuditEvent> events = audit.recent(10);
    assertThat(events).extracting(AuditEvent::action).containsExactly("alias.delete", "alias.save", "alias.save");
    assertThat(events.get(0).actor()).isEqualTo("ben");
    assertThat(events.get(0).before()).isEqualTo("{\"models\":[\"demo:shout\"]}");
    assertThat(events.get(1).before()).isEqualTo("{\"models\":[\"demo:echo\"]}");
    assertThat(events.get(1).after()).isEqualTo("{\"models\":[\"demo:shout\"]}");
  }

  @Test
  void aBadAliasIsRefusedAndNothingIsWritten() {
    assertThatThrownBy(() -> aliases.save("anna", "Has Spaces", List.of(ModelId.parse("demo:echo")), Map.of()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'name'");
    assertThatThrownBy(() -> aliases.delete("anna", "nothing")).isInstanceOf(ModelNotFoundException.class);
    assertThat(aliases.list()).isEmpty();
    assertThat(audit.recent(10)).isEmpty();
  }
}
