package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.account.GatewayKey;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryChangeVersions;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.model.Secret;
import io.modelgate.core.memory.InMemoryQuotaPolicyStore;
import io.modelgate.core.port.ChangeVersions;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.port.QuotaPolicyStore;
import io.modelgate.core.quota.QuotaPolicy;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaSubject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedStateTest {
  private static final QuotaSubject ANNA = new QuotaSubject(QuotaSubject.Kind.USER, "anna");
  private static final GatewayKey KEY = new GatewayKey("mg_ab12cd34", "hash", "anna", "laptop",
      Instant.parse("2026-11-30T10:00:00Z"), null, null);

  /** The in-memory policy store, counting its reads. */
  private static final class CountingPolicies implements QuotaPolicyStore {
    final InMemoryQuotaPolicyStore store = new InMemoryQuotaPolicyStore();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<QuotaLimits> get(QuotaSubject subject) {
      reads.incrementAndGet();
      return store.get(subject);
    }

    @Override
    public void set(QuotaSubject subject, QuotaLimits limits) {
      store.set(subject, limits);
    }

    @Override
    public boolean delete(QuotaSubject subject) {
      return store.delete(subject);
    }

    @Override
    public List<QuotaPolicy> list() {
      return store.list();
    }
  }

  /** Versions that can be made unreadable, as a database that stops answering. */
  private static final class FlakyVersions implements ChangeVersions {
    final InMemoryChangeVersions versions = new InMemoryChangeVersions();
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public void raise(String part) {
      versions.raise(part);
    }

    @Override
    public Map<String, Long> read() {
      if (down.get()) {
        throw new IllegalStateException("database unreachable");
      }
      return versions.read();
    }
  }

  @Test
  void onceLoadedAReadCostsTheStoreNothingUntilItsPartChanges() {
    CountingPolicies database = new CountingPolicies();
    try (SharedState state = new SharedState(new InMemoryChangeVersions(), Duration.ofMillis(100),
        Duration.ofSeconds(30))) {
      CachedStores.QuotaPolicies policies = new CachedStores.QuotaPolicies(database, state);
      for (int i = 0; i < 100; i++) {
        assertThat(policies.get(ANNA)).isEmpty();
      }
      assertThat(database.reads).hasValue(1);

      policies.set(ANNA, QuotaLimits.builder().requestsPerDay(5L).build());

      assertThat(policies.get(ANNA)).hasValueSatisfying(l -> assertThat(l.requestsPerDay()).isEqualTo(5L));
      assertThat(policies.get(ANNA)).isPresent();
      assertThat(database.reads).hasValue(2);
    }
  }

  @Test
  void whileTheVersionsCannotBeReadEveryReadGoesToTheStore() throws Exception {
    CountingPolicies database = new CountingPolicies();
    FlakyVersions versions = new FlakyVersions();
    try (SharedState state = new SharedState(versions, Duration.ofMillis(50), Duration.ofMillis(300))) {
      CachedStores.QuotaPolicies policies = new CachedStores.QuotaPolicies(database, state);
      policies.get(ANNA);
      versions.down.set(true);
      // Changed behind this replica's back (another replica whose version raise never arrived).
      database.store.set(ANNA, QuotaLimits.builder().requestsPerDay(5L).build());
      Thread.sleep(500);

      int before = database.reads.get();
      assertThat(policies.get(ANNA)).as("no longer trusted: read from the store").isPresent();
      assertThat(policies.get(ANNA)).isPresent();
      assertThat(database.reads.get()).isEqualTo(before + 2);

      versions.down.set(false);
      Thread.sleep(300);
      assertThat(policies.get(ANNA)).as("what was held before the lapse is loaded again").isPresent();
      int trusted = database.reads.get();
      policies.get(ANNA);
      assertThat(database.reads.get()).as("memory trusted again").isEqualTo(trusted);
    }
  }

  @Test
  void itsVersionMovesWithAWriteHereAndAChangeSeenFromAnotherReplicaAndIsUnknownWhileNotTrusted() throws Exception {
    FlakyVersions versions = new FlakyVersions();
    CountingPolicies database = new CountingPolicies();
    try (SharedState here = new SharedState(versions, Duration.ofMillis(50), Duration.ofMillis(300));
        SharedState there = new SharedState(versions, Duration.ofMillis(50), Duration.ofMillis(300))) {
      long before = here.current().orElseThrow();
      assertThat(here.current()).hasValue(before);

      new CachedStores.QuotaPolicies(database, here).set(ANNA, QuotaLimits.builder().requestsPerDay(5L).build());
      long afterWrite = here.current().orElseThrow();
      assertThat(afterWrite).isNotEqualTo(before);

      long seen = there.current().orElseThrow();
      new CachedStores.QuotaPolicies(database, here).delete(ANNA);
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (there.current().orElseThrow() == seen && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(there.current()).as("the other replica's poll saw the change").isNotEqualTo(
          java.util.OptionalLong.of(seen));

      versions.down.set(true);
      Thread.sleep(500);
      assertThat(here.current()).as("not trusted: nothing may be kept on its strength").isEmpty();
    }
  }

  @Test
  void aKeyRevokedOnOneReplicaIsRefusedByTheOtherWithinAPoll() throws Exception {
    InMemoryAccountStore database = new InMemoryAccountStore();
    InMemoryChangeVersions versions = new InMemoryChangeVersions();
    try (SharedState stateA = new SharedState(versions, Duration.ofMillis(100), Duration.ofSeconds(1));
        SharedState stateB = new SharedState(versions, Duration.ofMillis(100), Duration.ofSeconds(1))) {
      CachedStores.Accounts a = new CachedStores.Accounts(database, stateA);
      CachedStores.Accounts b = new CachedStores.Accounts(database, stateB);
      a.saveKey(KEY);
      assertThat(b.findKey(KEY.prefix())).hasValueSatisfying(k -> assertThat(k.revoked()).isFalse());

      a.revokeKey(KEY.prefix(), Instant.parse("2026-11-30T11:00:00Z"));

      assertThat(a.findKey(KEY.prefix())).hasValueSatisfying(k -> assertThat(k.revoked()).isTrue());
      long started = System.nanoTime();
      while (!b.findKey(KEY.prefix()).orElseThrow().revoked()) {
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        Thread.sleep(5);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }
  }

  @Test
  void aStoredProviderKeyInUseIsReadThroughTheVaultAboutOnceAMinuteNotOnEveryCall() {
    AtomicInteger reads = new AtomicInteger();
    InMemoryCredentialVault vault = new InMemoryCredentialVault(InstantSource.system());
    CredentialVault counting = (CredentialVault) java.lang.reflect.Proxy.newProxyInstance(
        CredentialVault.class.getClassLoader(), new Class<?>[] {CredentialVault.class}, (proxy, method, args) -> {
          if (method.getName().equals("get")) {
            reads.incrementAndGet();
          }
          return method.invoke(vault, args);
        });
    try (SharedState state = new SharedState(new InMemoryChangeVersions(), Duration.ofMillis(100),
        Duration.ofSeconds(30))) {
      CachedStores.Credentials credentials = new CachedStores.Credentials(counting, state);
      credentials.put(CredentialVault.SHARED, "openai", Secret.of("sk-shared-0000000000000000000"));
      for (int i = 0; i < 100; i++) {
        assertThat(credentials.get(CredentialVault.SHARED, "openai")).hasValue(
            Secret.of("sk-shared-0000000000000000000"));
      }

      assertThat(reads.get()).as("the first use stamps the key; then memory serves").isBetween(1, 2);
      assertThat(credentials.list(CredentialVault.SHARED).getFirst().lastUsedAt()).isNotNull();
      credentials.remove(CredentialVault.SHARED, "openai");
      assertThat(credentials.get(CredentialVault.SHARED, "openai")).isEmpty();
    }
  }
}
