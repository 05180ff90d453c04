package io.modelgate.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.Conversation;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.CredentialVault;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/** What only a database store must show: sealed keys bound to their owner, rotation, quiet logs, upgrades. */
final class DatabaseChecks {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
  private static final Secret KEY = Secret.of("sk-proj-Very-Secret-Value-1234567890-abcdefXYZ9");

  private final TestDatabase database;

  DatabaseChecks(TestDatabase database) {
    this.database = database;
  }

  void vaultRowMovedToAnotherOwnerDoesNotDecrypt() {
    JdbiStores stores = database.fresh();
    stores.credentials().put("anna", "openai", KEY);
    stores.jdbi().useHandle(h -> h.execute("UPDATE credential SET owner_id = 'mallory' WHERE owner_id = 'anna'"));

    assertThatThrownBy(() -> stores.credentials().get("mallory", "openai"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not decrypt")
        .hasMessageNotContaining(KEY.reveal());
    assertThat(stores.credentials().list("mallory")).singleElement()
        .satisfies(c -> assertThat(c.toString()).doesNotContain(KEY.reveal()));
    assertThat(stores.credentials().get("anna", "openai")).isEmpty();

    stores.credentials().put("anna", "openai", KEY);
    stores.jdbi().useHandle(h -> h.execute("UPDATE credential SET instance = 'openai-eu' WHERE owner_id = 'anna'"));
    assertThatThrownBy(() -> stores.credentials().get("anna", "openai-eu"))
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(KEY.reveal());
  }

  void storedKeyIsNotInTheDatabaseInClear() {
    JdbiStores stores = database.fresh();
    stores.credentials().put("anna", "openai", KEY);

    List<String> rows = stores.jdbi().withHandle(h -> h.createQuery("SELECT * FROM credential")
        .map((rs, ctx) -> {
          List<String> cells = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            cells.add(rs.getString(i));
          }
          return String.join("|", cells);
        }).list());
    assertThat(rows).singleElement().satisfies(row -> assertThat(row).doesNotContain(KEY.reveal())
        .doesNotContain(KEY.reveal().substring(8, 30)).contains(KEY.masked()));
  }

  void rotationKeepsEveryKeyReadable() throws Exception {
    database.fresh();
    Path keyset = database.dir().resolve("rotation-" + System.nanoTime()).resolve("master-keyset.json");
    try (JdbiStores stores = JdbiStores.builder(database.url()).keysetFile(keyset).maxPoolSize(2).open()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
      for (int i = 0; i < 5; i++) {
        stores.credentials().put("user-" + i, "openai", Secret.of(KEY.reveal() + i));
      }
      long before = stores.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT key_id FROM credential")
          .mapTo(Long.class).one());

      assertThat(stores.rotateMasterKey()).isEqualTo(5);
      assertThat(stores.rotateMasterKey()).isEqualTo(5);

      for (int i = 0; i < 5; i++) {
        assertThat(stores.credentials().get("user-" + i, "openai")).contains(Secret.of(KEY.reveal() + i));
      }
      List<Long> after = stores.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT key_id FROM credential")
          .mapTo(Long.class).list());
      assertThat(after).singleElement().isNotEqualTo(before);
      assertThat(stores.reencryptCredentials()).isZero();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
    }
    try (JdbiStores reopened = JdbiStores.builder(database.url()).keysetFile(keyset).maxPoolSize(2).open()) {
      assertThat(reopened.credentials().get("user-3", "openai")).contains(Secret.of(KEY.reveal() + 3));
    }
  }

  void keyFromTheEnvironmentCannotRotateHereButReencryptionWorks() {
    JdbiStores stores = database.fresh();
    stores.credentials().put("anna", "openai", KEY);

    assertThatThrownBy(stores::rotateMasterKey).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MODELGATE_MASTER_KEY");
    assertThat(stores.reencryptCredentials()).isZero();
    assertThat(stores.credentials().get("anna", "openai")).contains(KEY);
  }

  void noLogLineOrExceptionShowsAStoredKey() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
    List<String> messages = new ArrayList<>();
    try {
      database.fresh();
      Path keyset = database.dir().resolve("logs-" + System.nanoTime()).resolve("master-keyset.json");
      try (JdbiStores stores = JdbiStores.builder(database.url()).keysetFile(keyset).maxPoolSize(2).open()) {
        CredentialVault vault = stores.credentials();
        vault.put("anna", "openai", KEY);
        vault.put(CredentialVault.SHARED, "anthropic", KEY);
        vault.get("anna", "openai");
        vault.list("anna");
        stores.rotateMasterKey();
        stores.jdbi().useHandle(h -> h.execute("UPDATE credential SET owner_id = 'ben' WHERE owner_id = 'anna'"));
        try {
          vault.get("ben", "openai");
        } catch (RuntimeException e) {
          messages.add(String.valueOf(e));
          messages.add(String.valueOf(e.getCause()));
        }
        try {
          vault.put(" ", "openai", KEY);
        } catch (RuntimeException e) {
          messages.add(String.valueOf(e));
        }
        messages.add(vault.list("ben").toString());
        messages.add(vault.put("anna", "openai", KEY).toString());
      }
    } finally {
      root.detachAppender(appender);
      root.setLevel(level);
    }
    for (ILoggingEvent event : appender.list) {
      messages.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        messages.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    assertThat(appender.list).isNotEmpty();
    assertThat(messages).noneMatch(m -> m.contains(KEY.reveal()) || m.contains(KEY.reveal().substring(8, 30)));
  }

  void upgradeFromTheFirstMigrationKeepsData() throws Exception {
    String url = database.newDatabaseUrl();
    Dialect dialect = database.dialect();
    String masterKey = CredentialCipher.newKeysetJson();
    CatalogEntry entry = new CatalogEntry(ModelId.parse("ollama-mac:llama3.1:8b"), ProviderKind.OLLAMA,
        ModelCategory.TEXT, "Llama", null, 131_072, null, Set.of(), Pricing.perMillion("0.1", "0.2"),
        ModelStatus.ENABLED, ModelSource.DISCOVERED, T0, T0, null, T0, "{\"size\":1}", "ok", null);
    QuotaCounterKey counter = new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, "anna"), QuotaWindow.DAY,
        "2026-11-23");
    try (HikariDataSource v1 = JdbiStores.pool(url, dialect, 2)) {
      JdbiStores.migrate(v1, dialect, "1");
      Jdbi jdbi = Jdbi.create(v1);
      assertThat(schemaVersion(jdbi)).isEqualTo("1");
      new JdbiCatalogStore(jdbi, dialect).save(entry);
      JdbiQuotaLedger ledger = new JdbiQuotaLedger(v1, dialect);
      new JdbiUsageLog(jdbi, dialect, ledger).record(usage("req-1"),
          List.of(new QuotaAdjustment(counter, new QuotaAmount(1, 30, new BigDecimal("0.25")))));
      // The vault of today writes today's schema: the first schema's credential row is written as it was then.
      CredentialCipher.Sealed sealed = CredentialCipher.fromText(masterKey).seal("anna", "openai", KEY.reveal());
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO credential (owner_id, instance, key_id, ciphertext, masked, "
              + "created_at) VALUES ('anna', 'openai', :key_id, :ciphertext, :masked, 1)")
          .bind("key_id", sealed.keyId()).bind("ciphertext", sealed.ciphertext()).bind("masked", KEY.masked())
          .execute());
    }

    try (JdbiStores latest = JdbiStores.builder(url).masterKey(masterKey).maxPoolSize(2).open()) {
      assertThat(schemaVersion(latest.jdbi())).isEqualTo(latestMigration());
      assertThat(latest.catalog().find(new CatalogKey(entry.id(), ModelCategory.TEXT))).hasValueSatisfying(e -> {
        assertThat(e.adminNotes()).isEqualTo("ok");
        assertThat(e.rawMetadata()).isEqualTo("{\"size\":1}");
      });
      assertThat(latest.usage().find(UsageQuery.ALL)).extracting(UsageRecord::requestId).containsExactly("req-1");
      assertThat(latest.quota().read(counter).usd()).isEqualByComparingTo("0.25");
      assertThat(latest.credentials().get("anna", "openai")).contains(KEY);
      // V9 gave the old row an id of its own: it is listed, and can be read and removed by it.
      long id = latest.credentials().list("anna").getFirst().id();
      assertThat(latest.credentials().key("anna", id)).contains(KEY);
      latest.quotaPolicies().set(counter.subject(), QuotaLimits.builder().usdPerMonth("5").build());
      assertThat(latest.quotaPolicies().list()).hasSize(1);
    }
  }

  /**
   * Opening skips Flyway only when the history holds exactly this build's migrations: not on a new database, one
   * migrations behind, or one whose history shows a changed, failed or unknown migration; Flyway then still
   * migrates, and still refuses a changed migration.
   */
  void schemaHistoryIsUpToDateOnlyWithEveryMigrationOfThisBuild() throws Exception {
    String url = database.newDatabaseUrl();
    Dialect dialect = database.dialect();
    try (HikariDataSource pool = JdbiStores.pool(url, dialect, 2)) {
      Jdbi jdbi = Jdbi.create(pool);
      assertThat(SchemaHistory.upToDate(pool)).as("no history").isFalse();
      JdbiStores.migrate(pool, dialect, "4");
      assertThat(SchemaHistory.upToDate(pool)).as("at V4").isFalse();
      JdbiStores.migrate(pool, dialect, null);
      assertThat(SchemaHistory.upToDate(pool)).as("migrated").isTrue();

      jdbi.useHandle(h -> h.execute("UPDATE \"flyway_schema_history\" SET \"success\" = false "
          + "WHERE \"version\" = '2'"));
      assertThat(SchemaHistory.upToDate(pool)).as("V2 failed").isFalse();
      jdbi.useHandle(h -> h.execute("UPDATE \"flyway_schema_history\" SET \"success\" = true "
          + "WHERE \"version\" = '2'"));
      jdbi.useHandle(h -> h.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
          + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", "
          + "\"success\") VALUES (999, '999', 'from a newer build', 'SQL', 'V999__from_a_newer_build.sql', 1, "
          + "'test', 0, true)"));
      assertThat(SchemaHistory.upToDate(pool)).as("a migration this build does not know").isFalse();
      jdbi.useHandle(h -> h.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '999'"));
      assertThat(SchemaHistory.upToDate(pool)).as("back as migrated").isTrue();

      jdbi.useHandle(h -> h.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 "
          + "WHERE \"version\" = '3'"));
      assertThat(SchemaHistory.upToDate(pool)).as("V3 changed").isFalse();
    }
    assertThatThrownBy(() -> JdbiStores.builder(url).masterKey(CredentialCipher.newKeysetJson()).maxPoolSize(2)
        .open().close()).hasMessageContaining("checksum mismatch");
  }

  /**
   * Pins kept by conversation id alone (before V5) go to the user whose call in that conversation came first; the
   * others who used the same id get none, and a pin no call explains stays with no owner.
   */
  void conversationPinsGoToTheirOwnersOnUpgrade() throws Exception {
    String url = database.newDatabaseUrl();
    Dialect dialect = database.dialect();
    try (HikariDataSource v4 = JdbiStores.pool(url, dialect, 2)) {
      JdbiStores.migrate(v4, dialect, "4");
      Jdbi jdbi = Jdbi.create(v4);
      JdbiUsageLog log = new JdbiUsageLog(jdbi, dialect, new JdbiQuotaLedger(v4, dialect));
      log.record(inConversation("req-b", "bob", "trip", T0.plusSeconds(5)), List.of());
      log.record(inConversation("req-a", "alice", "trip", T0), List.of());
      log.record(inConversation("req-x", null, "anonymous-trip", T0), List.of());
      jdbi.useHandle(h -> {
        for (String[] row : List.of(new String[] {"trip", "alicebox:gpt-4o-mini"},
            new String[] {"anonymous-trip", "demo:echo"}, new String[] {"forgotten", "openai:gpt-4o"})) {
          h.createUpdate("INSERT INTO model_setting (scope, subject, category, model_id) "
              + "VALUES ('conversation', :id, '', :model)").bind("id", row[0]).bind("model", row[1]).execute();
        }
        h.createUpdate("INSERT INTO model_setting (scope, subject, category, model_id) "
            + "VALUES ('user', 'alice', 'TEXT', 'demo:echo')").execute();
      });
    }
    try (JdbiStores latest = JdbiStores.builder(url).masterKey(CredentialCipher.newKeysetJson()).maxPoolSize(2)
        .open()) {
      var settings = latest.settings();
      assertThat(settings.pinnedModel(new Conversation("alice", "trip")))
          .contains(ModelId.parse("alicebox:gpt-4o-mini"));
      assertThat(settings.pinnedModel(new Conversation("bob", "trip"))).isEmpty();
      assertThat(settings.pinnedModel(new Conversation(Conversation.NO_OWNER, "trip"))).isEmpty();
      assertThat(settings.pinnedModel(new Conversation(Conversation.NO_OWNER, "anonymous-trip")))
          .contains(ModelId.parse("demo:echo"));
      assertThat(settings.pinnedModel(new Conversation(Conversation.NO_OWNER, "forgotten")))
          .contains(ModelId.parse("openai:gpt-4o"));
      assertThat(settings.userDefault("alice", ModelCategory.TEXT)).contains(ModelId.parse("demo:echo"));
      long left = latest.jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM model_setting WHERE scope = 'conversation'").mapTo(Long.class).one());
      assertThat(left).isZero();
    }
  }

  private static UsageRecord inConversation(String requestId, String principal, String conversation, Instant at) {
    return new UsageRecord(at, requestId, "chat", principal, null, null, conversation, null, "demo:echo", "demo",
        null, Usage.of(1, 1), null, BigDecimal.ZERO, Duration.ofMillis(5), null, UsageOutcome.SUCCESS, null);
  }

  void usageRecordIsRolledBackWhenASettlementFails() {
    JdbiStores stores = database.fresh();
    QuotaCounterKey counter = new QuotaCounterKey(new QuotaSubject(QuotaSubject.Kind.USER, "anna"), QuotaWindow.DAY,
        "2026-11-23");
    stores.jdbi().useHandle(h -> h.execute("ALTER TABLE quota_counter RENAME TO quota_counter_away"));
    try {
      assertThatThrownBy(() -> stores.usage().record(usage("req-1"),
          List.of(new QuotaAdjustment(counter, new QuotaAmount(1, 0, BigDecimal.ZERO)))))
          .isInstanceOf(RuntimeException.class);
    } finally {
      stores.jdbi().useHandle(h -> h.execute("ALTER TABLE quota_counter_away RENAME TO quota_counter"));
    }

    assertThat(stores.usage().find(UsageQuery.ALL)).isEmpty();
    assertThat(stores.quota().read(counter).sameAs(QuotaAmount.ZERO)).isTrue();
  }

  private static String schemaVersion(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery(
        "SELECT \"version\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\" DESC").mapTo(String.class).list()).getFirst();
  }

  private static UsageRecord usage(String requestId) {
    return new UsageRecord(T0, requestId, "chat", "anna", null, null, null, null, "openai:gpt-4o", "openai", null,
        Usage.of(10, 20), null, new BigDecimal("0.25"), Duration.ofMillis(5), null, UsageOutcome.SUCCESS, null);
  }

  /** The highest version among the migration files: what a database is at after opening. */
  private static String latestMigration() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max(Integer::compare)
          .map(String::valueOf).orElseThrow();
    }
  }
}
