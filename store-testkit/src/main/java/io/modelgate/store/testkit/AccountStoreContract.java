package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.GatewayKey;
import io.modelgate.core.account.Org;
import io.modelgate.core.account.User;
import io.modelgate.core.port.AccountStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStore} does. Subclass it with a fresh, empty store per test. */
public abstract class AccountStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
  private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private AccountStore accounts;

  /** A new, empty store. */
  protected abstract AccountStore newStore();

  @BeforeEach
  final void createStore() {
    accounts = newStore();
  }

  private static GatewayKey key(String prefix, String user, Instant created) {
    return new GatewayKey(prefix, HASH, user, "laptop", created, null, null);
  }

  @Test
  void emptyStoreHasNothing() {
    assertThat(accounts.listUsers()).isEmpty();
    assertThat(accounts.listOrgs()).isEmpty();
    assertThat(accounts.findUser("anna")).isEmpty();
    assertThat(accounts.findOrg("acme")).isEmpty();
    assertThat(accounts.findKey("mg_ab12")).isEmpty();
    assertThat(accounts.listKeys("anna")).isEmpty();
  }

  @Test
  void usersComeBackAsSavedAndAreReplacedById() {
    User anna = new User("anna", "Anna Berg", AccountRole.ADMIN, "acme", T0);
    User ben = new User("ben", "Ben", AccountRole.MEMBER, null, T0.plusSeconds(1));
    accounts.saveUser(anna);
    accounts.saveUser(ben);

    assertThat(accounts.findUser("anna")).contains(anna);
    assertThat(accounts.findUser("ben")).contains(ben);

    User demoted = new User("anna", "Anna B.", AccountRole.MEMBER, null, T0);
    accounts.saveUser(demoted);
    assertThat(accounts.findUser("anna")).contains(demoted);
    assertThat(accounts.listUsers()).containsExactly(demoted, ben);
  }

  @Test
  void usersAreListedByCreationThenId() {
    User c = new User("cara", "Cara", AccountRole.MEMBER, null, T0);
    User b = new User("bob", "Bob", AccountRole.MEMBER, null, T0);
    User a = new User("abe", "Abe", AccountRole.MEMBER, null, T0.plusSeconds(5));
    accounts.saveUser(a);
    accounts.saveUser(c);
    accounts.saveUser(b);

    assertThat(accounts.listUsers()).containsExactly(b, c, a);
  }

  @Test
  void orgsKeepTheirAllowedModelsInOrder() {
    Org acme = new Org("acme", "Acme Corp", List.of("openai:gpt-4o", "ollama-mac:*",
        "openrouter:meta-llama/llama-3.1-8b:free", "anthropic:claude-3,5"), T0);
    Org open = new Org("globex", "Globex", List.of(), T0.plusSeconds(1));
    accounts.saveOrg(open);
    accounts.saveOrg(acme);

    assertThat(accounts.findOrg("acme")).contains(acme);
    assertThat(accounts.findOrg("globex")).contains(open);
    assertThat(accounts.listOrgs()).containsExactly(acme, open);

    Org narrowed = acme.withAllowedModels(List.of("openai:*"));
    accounts.saveOrg(narrowed);
    assertThat(accounts.findOrg("acme")).contains(narrowed);
  }

  @Test
  void keysAreFoundByPrefixAndKeepTheHashNotTheKey() {
    GatewayKey key = new GatewayKey("mg_ab12", HASH, "anna", null, T0, T0.plusSeconds(9), null);
    accounts.saveKey(key);

    assertThat(accounts.findKey("mg_ab12")).contains(key);
    assertThat(accounts.findKey("mg_ab1")).isEmpty();
    assertThat(accounts.findKey("MG_AB12")).isEmpty();
  }

  @Test
  void savingAKeyAgainReplacesIt() {
    accounts.saveKey(key("mg_ab12", "anna", T0));
    GatewayKey used = new GatewayKey("mg_ab12", HASH, "anna", "laptop", T0, T0.plusSeconds(60), null);
    accounts.saveKey(used);

    assertThat(accounts.findKey("mg_ab12")).contains(used);
    assertThat(accounts.listKeys("anna")).containsExactly(used);
  }

  @Test
  void keysAreListedPerUserByCreationThenPrefix() {
    GatewayKey late = key("mg_aaaa", "anna", T0.plusSeconds(10));
    GatewayKey second = key("mg_zzzz", "anna", T0);
    GatewayKey first = key("mg_mmmm", "anna", T0);
    accounts.saveKey(late);
    accounts.saveKey(second);
    accounts.saveKey(first);
    accounts.saveKey(key("mg_bbbb", "ben", T0));

    assertThat(accounts.listKeys("anna")).containsExactly(first, second, late);
    assertThat(accounts.listKeys("ben")).extracting(GatewayKey::prefix).containsExactly("mg_bbbb");
    assertThat(accounts.listKeys("nobody")).isEmpty();
  }

  @Test
  void revokeMarksTheKeyOnceAndSaysWhetherItExists() {
    accounts.saveKey(key("mg_ab12", "anna", T0));

    assertThat(accounts.revokeKey("mg_ab12", T0.plusSeconds(30))).isTrue();
    assertThat(accounts.revokeKey("mg_ab12", T0.plusSeconds(90))).isTrue();
    assertThat(accounts.revokeKey("mg_none", T0)).isFalse();

    GatewayKey revoked = accounts.findKey("mg_ab12").orElseThrow();
    assertThat(revoked.revoked()).isTrue();
    assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(revoked.hash()).isEqualTo(HASH);
    assertThat(accounts.findKey("mg_none")).isEmpty();
  }

  @Test
  void nullsAreRejectedAndNothingChanges() {
    assertThatThrownBy(() -> accounts.saveUser(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> accounts.saveOrg(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> accounts.saveKey(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> accounts.revokeKey("mg_ab12", null)).isInstanceOf(NullPointerException.class);
    assertThat(accounts.listUsers()).isEmpty();
    assertThat(accounts.listOrgs()).isEmpty();
  }
}
