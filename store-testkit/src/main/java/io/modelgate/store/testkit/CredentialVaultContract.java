package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.account.StoredCredential;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.CredentialVault;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CredentialVault} does. Subclass it with a fresh, empty vault per test that reads the time from
 * the given clock.
 */
public abstract class CredentialVaultContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
  private static final Secret OPENAI = Secret.of("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789xyz1");
  private static final Secret ANTHROPIC = Secret.of("sk-ant-api03-ZZZZYYYYXXXXWWWW-0000");

  private final TestClock clock = new TestClock(T0);
  private CredentialVault vault;

  /** A new, empty vault that takes {@code createdAt} and {@code lastUsedAt} from {@code clock}. */
  protected abstract CredentialVault newVault(InstantSource clock);

  @BeforeEach
  final void createVault() {
    vault = newVault(clock);
  }

  @Test
  void ownerGetsTheValueBack() {
    vault.put("anna", "openai", OPENAI);

    assertThat(vault.get("anna", "openai")).contains(OPENAI);
    assertThat(vault.get("anna", "openai").orElseThrow().reveal()).isEqualTo(OPENAI.reveal());
  }

  @Test
  void anotherOwnerGetsNothing() {
    vault.put("anna", "openai", OPENAI);

    assertThat(vault.get("ben", "openai")).isEmpty();
    assertThat(vault.get(CredentialVault.SHARED, "openai")).isEmpty();
    assertThat(vault.list("ben")).isEmpty();
  }

  @Test
  void unknownKeyIsEmpty() {
    assertThat(vault.get("anna", "openai")).isEmpty();
    assertThat(vault.list("anna")).isEmpty();
  }

  @Test
  void putReturnsAMaskedListingWithoutTheValue() {
    StoredCredential listing = vault.put("anna", "openai", OPENAI);

    assertThat(listing.owner()).isEqualTo("anna");
    assertThat(listing.instance()).isEqualTo("openai");
    assertThat(listing.masked()).isEqualTo(OPENAI.masked()).isEqualTo("sk-****89xyz1");
    assertThat(listing.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0);
    assertThat(listing.lastUsedAt()).isNull();
    assertThat(listing.toString()).doesNotContain(OPENAI.reveal());
  }

  @Test
  void listShowsTheOwnersKeysMaskedInInstanceOrderAndNeverTheValue() {
    vault.put("anna", "openai", OPENAI);
    vault.put("anna", "anthropic", ANTHROPIC);
    vault.put("ben", "openai", Secret.of("sk-ben-0000000000000000000"));

    assertThat(vault.list("anna")).extracting(StoredCredential::instance).containsExactly("anthropic", "openai");
    assertThat(vault.list("anna")).extracting(StoredCredential::masked)
        .containsExactly(ANTHROPIC.masked(), OPENAI.masked());
    assertThat(vault.list("anna").toString()).doesNotContain(OPENAI.reveal()).doesNotContain(ANTHROPIC.reveal());
  }

  @Test
  void getRecordsWhenTheKeyWasLastUsed() {
    vault.put("anna", "openai", OPENAI);
    Instant used = clock.advance(Duration.ofMinutes(5));

    vault.get("anna", "openai");

    StoredCredential listing = vault.list("anna").getFirst();
    assertThat(listing.lastUsedAt()).isNotNull();
    assertThat(listing.lastUsedAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(used);
    assertThat(listing.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(T0);
  }

  @Test
  void putReplacesTheOwnersKeyForTheInstance() {
    vault.put("anna", "openai", OPENAI);
    Secret next = Secret.of("sk-proj-second-key-000000000000000009999");
    vault.put("anna", "openai", next);

    assertThat(vault.get("anna", "openai")).contains(next);
    assertThat(vault.list("anna")).singleElement().extracting(StoredCredential::masked).isEqualTo(next.masked());
  }

  @Test
  void removeDeletesOnlyThatOwnersKey() {
    vault.put("anna", "openai", OPENAI);
    vault.put("ben", "openai", ANTHROPIC);

    assertThat(vault.remove("anna", "openai")).isTrue();
    assertThat(vault.remove("anna", "openai")).isFalse();
    assertThat(vault.get("anna", "openai")).isEmpty();
    assertThat(vault.get("ben", "openai")).contains(ANTHROPIC);
  }

  @Test
  void sharedKeysBelongToTheSharedOwner() {
    vault.put(CredentialVault.SHARED, "openai", OPENAI);

    assertThat(vault.get(CredentialVault.SHARED, "openai")).contains(OPENAI);
    assertThat(vault.list(CredentialVault.SHARED)).hasSize(1);
    assertThat(vault.get("anna", "openai")).isEmpty();
  }

  @Test
  void ownersAndInstancesWithSeparatorsDoNotMeet() {
    vault.put("a|b", "c", OPENAI);
    vault.put("a", "b|c", ANTHROPIC);

    assertThat(vault.get("a|b", "c")).contains(OPENAI);
    assertThat(vault.get("a", "b|c")).contains(ANTHROPIC);
    assertThat(vault.list("a")).hasSize(1);
  }

  @Test
  void longAndUnicodeValuesComeBackWhole() {
    Secret odd = Secret.of("ключ-" + "x".repeat(4_000) + "-\uD83D\uDD11");
    vault.put("anna", "custom", odd);

    assertThat(vault.get("anna", "custom").orElseThrow().reveal()).isEqualTo(odd.reveal());
  }

  @Test
  void blankOwnerOrInstanceIsRejectedAndNothingIsStored() {
    assertThatThrownBy(() -> vault.put(" ", "openai", OPENAI))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner")
        .hasMessageNotContaining(OPENAI.reveal());
    assertThatThrownBy(() -> vault.put("anna", "", OPENAI))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance")
        .hasMessageNotContaining(OPENAI.reveal());
    assertThatThrownBy(() -> vault.put("anna", "openai", null)).isInstanceOf(NullPointerException.class);
    assertThat(vault.list("anna")).isEmpty();
    assertThat(vault.list(" ")).isEmpty();
  }

  @Test
  void aUserKeepsSeveralNamedKeysPerProviderEachWithItsOwnId() {
    StoredCredential work = vault.add("anna", "openai", "Work key", OPENAI);
    Secret home = Secret.of("sk-home-0000000000000000000000home01");
    clock.advance(java.time.Duration.ofSeconds(1));
    StoredCredential personal = vault.add("anna", "openai", "My OpenAI Key", home);

    assertThat(work.id()).isNotEqualTo(personal.id()).isPositive().isLessThanOrEqualTo(StoredCredential.MAX_ID);
    assertThat(vault.list("anna")).extracting(StoredCredential::id, StoredCredential::name)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(work.id(), "Work key"),
            org.assertj.core.groups.Tuple.tuple(personal.id(), "My OpenAI Key"));
    assertThat(vault.key("anna", work.id())).contains(OPENAI);
    assertThat(vault.key("anna", personal.id())).contains(home);
    assertThat(vault.get("anna", "openai")).as("the newest key serves calls").contains(home);
  }

  @Test
  void anotherOwnerCannotReadOrRemoveAKeyById() {
    StoredCredential annas = vault.add("anna", "openai", "mine", OPENAI);

    assertThat(vault.key("ben", annas.id())).isEmpty();
    assertThat(vault.removeKey("ben", annas.id())).isFalse();
    assertThat(vault.key("anna", annas.id())).contains(OPENAI);
  }

  @Test
  void removingOneKeyByIdKeepsTheOthersAndPutReplacesThemAll() {
    StoredCredential first = vault.add("anna", "openai", "one", OPENAI);
    StoredCredential second = vault.add("anna", "openai", "two", ANTHROPIC);

    assertThat(vault.removeKey("anna", first.id())).isTrue();
    assertThat(vault.removeKey("anna", first.id())).isFalse();
    assertThat(vault.list("anna")).extracting(StoredCredential::id).containsExactly(second.id());

    vault.put("anna", "openai", OPENAI);
    assertThat(vault.list("anna")).singleElement().satisfies(c -> {
      assertThat(c.id()).isNotEqualTo(second.id());
      assertThat(c.name()).isNull();
    });
  }

  @Test
  void usingAKeyByIdRecordsWhenItWasUsed() {
    StoredCredential stored = vault.add("anna", "openai", "k", OPENAI);
    assertThat(vault.list("anna").getFirst().lastUsedAt()).isNull();

    vault.key("anna", stored.id());

    assertThat(vault.list("anna").getFirst().lastUsedAt()).isNotNull();
  }
}
