package io.modelgate.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.account.AuditEvent;
import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.memory.InMemoryProviderConfigStore;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProviderKeysTest {
  private final AtomicLong seconds = new AtomicLong();
  /** Each reading a second later: "newest" is well defined. */
  private final InstantSource clock = () -> Instant.parse("2026-11-30T10:00:00Z").plusSeconds(seconds.incrementAndGet());
  private final InMemoryCredentialVault vault = new InMemoryCredentialVault(clock);
  private final InMemoryProviderConfigStore configs = new InMemoryProviderConfigStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final CredentialResolver credentials = new CredentialResolver(Map.of(), vault, configs);
  private final ProviderKeys keys = new ProviderKeys(vault, credentials, audit, clock);
  private final ProviderInstance openai = ProviderInstance.builder("openai", ProviderKind.OPENAI).build();

  @Test
  void callsUseTheKeyTheConfigNamesElseTheNewestAndTheListingSaysTheSame() {
    StoredCredential first = keys.add("usr_a", "usr_a", "openai", "work", Secret.of("sk-first-0000000001"));
    StoredCredential second = keys.add("usr_a", "usr_a", "openai", "home", Secret.of("sk-second-000000002"));
    assertThat(keys.inUse("usr_a", "openai").map(StoredCredential::id)).contains(second.id());
    assertThat(credentials.keyFor(openai, "usr_a")).contains(Secret.of("sk-second-000000002"));

    configs.save(new UserProviderConfig("usr_a", "openai", null, null, null, false, clock.instant(), first.id()));
    assertThat(keys.inUse("usr_a", "openai").map(StoredCredential::id)).contains(first.id());
    assertThat(credentials.keyFor(openai, "usr_a")).contains(Secret.of("sk-first-0000000001"));

    // The named key removed: both the listing and the calls fall back to the newest, never to "no key".
    keys.remove("usr_a", "usr_a", String.valueOf(first.id()));
    assertThat(keys.inUse("usr_a", "openai").map(StoredCredential::id)).contains(second.id());
    assertThat(credentials.keyFor(openai, "usr_a")).contains(Secret.of("sk-second-000000002"));
  }

  @Test
  void everyChangeIsAuditedWithTheMaskedKeyOnly() {
    StoredCredential added = keys.add("usr_a", "usr_a", "openai", "work \"laptop\"\n", Secret.of("sk-audit-secret-42"));
    keys.replace("cli", "usr_a", "openai", Secret.of("sk-audit-secret-43"));
    keys.remove("usr_a", "usr_a", "openai");

    assertThat(audit.recent(10)).extracting(AuditEvent::action)
        .containsExactly("provider-key.remove", "provider-key.replace", "provider-key.add");
    assertThat(audit.recent(10)).extracting(AuditEvent::actor).containsExactly("usr_a", "cli", "usr_a");
    assertThat(audit.recent(10)).allSatisfy(e -> {
      assertThat(e.target()).isEqualTo("usr_a");
      assertThat(String.valueOf(e.before()) + e.after()).doesNotContain("sk-audit-secret-42", "sk-audit-secret-43");
    });
    assertThat(audit.recent(10).getLast().after()).contains("\"masked\":\"" + added.masked() + "\"")
        .contains("\"name\":\"work \\\"laptop\\\"\\u000a\"");
    assertThat(keys.list("usr_a")).isEmpty();
  }

  @Test
  void badInputIsRefusedAndChangesNothing() {
    keys.add("usr_a", "usr_a", "openai", null, Secret.of("sk-keep-me-0000001"));
    assertThatThrownBy(() -> keys.add("usr_a", "usr_a", "openai", " ", Secret.of("sk-other-00000001")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("key_name");
    assertThatThrownBy(() -> keys.add("usr_a", "usr_a", "openai", "x".repeat(101), Secret.of("sk-other-00000001")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> keys.remove("usr_a", "usr_a", "anthropic"))
        .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("'anthropic'");
    assertThatThrownBy(() -> keys.remove("usr_b", "usr_b", String.valueOf(keys.list("usr_a").getFirst().id())))
        .isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> keys.checkOwnKey("usr_b", "openai", keys.list("usr_a").getFirst().id(), "api_key_id"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("api_key_id");
    assertThat(keys.list("usr_a")).hasSize(1);
    assertThat(audit.recent(10)).hasSize(1);
  }
}
