package io.modelgate.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.MutableClock;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
  private final InMemoryAccountStore store = new InMemoryAccountStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final AccountService accounts = new AccountService(store, audit, new MutableClock());

  @Test
  void anIssuedKeyAuthenticatesAsItsUserAndIsStoredOnlyAsAHash() {
    Org org = accounts.createOrg("admin", "Eng");
    User ann = accounts.createUser("admin", "Ann", AccountRole.MEMBER, org.id());
    IssuedKey key = accounts.issueKey("admin", ann.id(), "laptop");
    assertThat(key.key().reveal()).startsWith(key.prefix() + "_").hasSize(44);
    assertThat(store.findKey(key.prefix()).orElseThrow().hash()).doesNotContain(key.key().reveal())
        .hasSize(64);
    CallerContext caller = accounts.authenticate(key.key().reveal());
    assertThat(caller.principal()).isEqualTo(ann.id());
    assertThat(caller.orgId()).isEqualTo(org.id());
    assertThat(caller.gatewayKey()).isEqualTo(key.prefix());
    assertThat(caller.admin()).isFalse();
  }

  @Test
  void eachKeyIsStoredAsTheSha256OfItsOwnTextWhoeverHashesAtTheSameTime() throws Exception {
    User ann = accounts.createUser("admin", "Ann", AccountRole.MEMBER, null);
    List<IssuedKey> keys = java.util.stream.IntStream.range(0, 8)
        .mapToObj(i -> accounts.issueKey("admin", ann.id(), "key " + i)).toList();
    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<String>> seen = new java.util.ArrayList<>();
      for (int round = 0; round < 50; round++) {
        for (IssuedKey key : keys) {
          seen.add(threads.submit(() -> accounts.authenticate(key.key().reveal()).gatewayKey()));
        }
      }
      for (int i = 0; i < seen.size(); i++) {
        assertThat(seen.get(i).get()).isEqualTo(keys.get(i % keys.size()).prefix());
      }
    }
    for (IssuedKey key : keys) {
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
          .digest(key.key().reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(store.findKey(key.prefix()).orElseThrow().hash())
          .isEqualTo(java.util.HexFormat.of().formatHex(sha));
    }
  }

  @Test
  void aWrongMissingOrRevokedKeyIsRefusedWithoutRepeatingIt() {
    User ann = accounts.createUser("admin", "Ann", AccountRole.MEMBER, null);
    IssuedKey key = accounts.issueKey("admin", ann.id(), null);
    String forged = key.prefix() + "_" + "x".repeat(32);
    assertThatThrownBy(() -> accounts.authenticate(forged)).isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(forged));
    assertThatThrownBy(() -> accounts.authenticate(null)).hasMessageContaining("missing gateway key");
    assertThatThrownBy(() -> accounts.authenticate("sk-not-ours")).hasMessageContaining("invalid gateway key");
    accounts.revokeKey("admin", key.prefix());
    assertThatThrownBy(() -> accounts.authenticate(key.key().reveal())).hasMessageContaining("revoked");
  }

  @Test
  void bootstrapCreatesTheAdminOnceAndHonoursAConfiguredKey() {
    Secret configured = Secret.of("mg_0123abcd_" + "k".repeat(24));
    IssuedKey first = accounts.bootstrap(configured).orElseThrow();
    assertThat(first.key()).isEqualTo(configured);
    assertThat(accounts.authenticate(configured.reveal()).admin()).isTrue();
    assertThat(accounts.bootstrap(configured)).isEmpty();
    assertThat(accounts.users()).hasSize(1);
  }

  @Test
  void anAdminKeyWithExactlySixteenCharactersAfterThePrefixIsAcceptedAndFifteenAreNot() {
    Secret sixteen = Secret.of("mg_0a1b2c3d_abcdefghijklmnop");
    assertThat(accounts.bootstrap(sixteen).orElseThrow().prefix()).isEqualTo("mg_0a1b2c3d");
    assertThat(accounts.authenticate(sixteen.reveal()).admin()).isTrue();
    User ann = accounts.createUser("admin", "Ann", AccountRole.MEMBER, null);
    assertThatThrownBy(() -> accounts.registerKey("admin", ann.id(), null, Secret.of("mg_0a1b2c3e_abcdefghijklmno")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at least 16 characters");
  }

  @Test
  void theAuditLogRecordsKeyActionsButNeverAKeysValue() {
    User ann = accounts.createUser("admin", "Ann", AccountRole.MEMBER, null);
    IssuedKey key = accounts.issueKey("admin", ann.id(), null);
    accounts.revokeKey("admin", key.prefix());
    assertThat(audit.recent(10)).extracting(AuditEvent::action).contains("key.create", "key.revoke");
    assertThat(audit.recent(10).toString()).doesNotContain(key.key().reveal());
  }

  @Test
  void orgAllowedModelsAreIdsOrProviderWildcardsAndAreEnforcedByThePolicy() {
    Org org = accounts.createOrg("admin", "Eng");
    assertThatThrownBy(() -> accounts.setAllowedModels("admin", org.id(), List.of("not an id")))
        .isInstanceOf(InvalidRequestException.class);
    accounts.setAllowedModels("admin", org.id(), List.of("openai:gpt-4o-mini", "demo:*"));
    OrgAccessPolicy policy = new OrgAccessPolicy(store);
    CallerContext member = CallerContext.user("usr_1", org.id());
    assertThat(policy.denies(member, entry("demo:echo"), null)).isEmpty();
    assertThat(policy.denies(member, entry("openai:gpt-4o-mini"), null)).isEmpty();
    assertThat(policy.denies(member, entry("openai:gpt-4o"), null)).get().asString().contains("does not allow");
    assertThat(policy.denies(CallerContext.ANONYMOUS, entry("openai:gpt-4o"), null)).isEmpty();
  }

  private static CatalogEntry entry(String id) {
    return new CatalogEntry(ModelId.parse(id), ProviderKind.OPENAI, ModelCategory.TEXT, null, null, null, null,
        Set.of(Capability.STREAMING), null, ModelStatus.ENABLED, ModelSource.DISCOVERED, java.time.Instant.EPOCH,
        null, null, null, null, null, null);
  }
}
