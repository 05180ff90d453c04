package io.modelgate.app.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.app.Configuration;
import io.modelgate.app.DatabaseStoreModule;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

class RedisQuotaTest {
  @RegisterExtension
  static final LocalRedis redis = new LocalRedis();

  private static final QuotaSubject ANNA = new QuotaSubject(QuotaSubject.Kind.USER, "anna:with:colons");
  private static final QuotaCounterKey MINUTE = new QuotaCounterKey(ANNA, QuotaWindow.MINUTE, "2026-11-23T10:15");
  private static final QuotaCounterKey DAY = new QuotaCounterKey(ANNA, QuotaWindow.DAY, "2026-11-23");

  @Test
  void minuteCountersLiveInRedisAndEveryOtherWindowInTheDatabase() {
    InMemoryQuotaLedger database = new InMemoryQuotaLedger();
    String prefix = redis.newPrefix();
    QuotaLedger ledger = redis.open(prefix).ledger(database);

    assertThat(ledger.tryReserve(MINUTE, new QuotaAmount(1, 500, BigDecimal.ZERO), new QuotaLimit(5L, 1_000L, null)))
        .isTrue();
    assertThat(ledger.tryReserve(DAY, new QuotaAmount(1, 500, BigDecimal.ZERO), QuotaLimit.UNLIMITED)).isTrue();

    assertThat(database.read(MINUTE).sameAs(QuotaAmount.ZERO)).isTrue();
    assertThat(database.read(DAY).requests()).isEqualTo(1);
    assertThat(redis.keys(prefix)).containsExactly(prefix + "MINUTE:2026-11-23T10:15:USER:anna:with:colons");
  }

  @Test
  void aMinuteCounterExpiresOneToTwoMinutesAfterItsMinuteEnds() {
    String prefix = redis.newPrefix();
    QuotaLedger ledger = redis.open(prefix).ledger(new InMemoryQuotaLedger());
    ledger.adjust(MINUTE, new QuotaAmount(1, 0, BigDecimal.ZERO));
    ledger.adjust(MINUTE, new QuotaAmount(1, 0, BigDecimal.ZERO));

    try (RedisClient client = RedisClient.create(LocalRedis.URL)) {
      long ttl = client.ttl(prefix + "MINUTE:2026-11-23T10:15:USER:anna:with:colons");
      assertThat(ttl).isBetween(100L, 120L);
    }
  }

  @Test
  void usdIsKeptToTheDatabasesTenDecimalPlaces() {
    QuotaLedger ledger = redis.fresh().ledger(new InMemoryQuotaLedger());

    ledger.adjust(MINUTE, new QuotaAmount(0, 0, new BigDecimal("123456.0000000001")));
    ledger.adjust(MINUTE, new QuotaAmount(0, 0, new BigDecimal("-0.00000000004")));

    assertThat(ledger.read(MINUTE).usd()).isEqualByComparingTo("123456.0000000001");
  }

  @Test
  void amountsBeyondTheExactRangeAreRefusedAndHugeLimitsCountAsNone() {
    QuotaLedger ledger = redis.fresh().ledger(new InMemoryQuotaLedger());

    assertThatThrownBy(() -> ledger.adjust(MINUTE, new QuotaAmount(0, 1L << 53, BigDecimal.ZERO)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tokens'");
    assertThat(ledger.tryReserve(MINUTE, new QuotaAmount(1, 1, BigDecimal.ONE),
        new QuotaLimit(Long.MAX_VALUE, Long.MAX_VALUE, new BigDecimal("1e30")))).isTrue();
  }

  @Test
  void theUsageLogSettlesMinuteCountersInRedisAndTheRestWithItsRecord() {
    InMemoryQuotaLedger database = new InMemoryQuotaLedger();
    RedisQuota quota = redis.fresh();
    QuotaLedger ledger = quota.ledger(database);
    UsageLog log = quota.usageLog(new InMemoryUsageLog(database));
    ledger.adjust(MINUTE, new QuotaAmount(1, 1_000, new BigDecimal("0.01")));
    ledger.adjust(DAY, new QuotaAmount(1, 1_000, new BigDecimal("0.01")));
    QuotaAmount delta = new QuotaAmount(0, -900, new BigDecimal("-0.0095"));

    log.record(record(), List.of(new QuotaAdjustment(MINUTE, delta), new QuotaAdjustment(DAY, delta)));

    QuotaAmount settled = new QuotaAmount(1, 100, new BigDecimal("0.0005"));
    assertThat(ledger.read(MINUTE).sameAs(settled)).isTrue();
    assertThat(database.read(DAY).sameAs(settled)).isTrue();
    assertThat(database.read(MINUTE).sameAs(QuotaAmount.ZERO)).isTrue();
    assertThat(log.find(UsageQuery.ALL)).singleElement().extracting(UsageRecord::requestId).isEqualTo("req-1");
  }

  @Test
  void anUnreachableRedisStopsTheStartNamingTheSettingWithoutItsPassword() {
    assertThatThrownBy(() -> DatabaseStoreModule.redis(
        Configuration.load(Map.of("MODELGATE_REDIS_URL", "redis://:s3cret@127.0.0.1:1/0"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("MODELGATE_REDIS_URL: cannot reach Redis at redis://127.0.0.1:1/0")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aUrlThatIsNotRedisIsRejected() {
    assertThatThrownBy(() -> RedisQuota.connect("http://127.0.0.1:6379", "x:"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis://host:6379/0");
  }

  @Test
  void withoutTheSettingEverythingStaysInTheDatabase() {
    assertThat(DatabaseStoreModule.redis(Configuration.load(Map.of()))).isEmpty();
    assertThat(DatabaseStoreModule.redis(Configuration.load(Map.of("MODELGATE_REDIS_URL", " ")))).isEmpty();
  }

  private static UsageRecord record() {
    Instant at = Instant.parse("2026-11-23T10:15:30Z");
    return new UsageRecord(at, "req-1", "chat", "anna", "acme", "mg_live_ab12", "conv-1", "openai:gpt-4o-mini",
        "openai:gpt-4o-mini", "openai", "chosen: openai:gpt-4o-mini", Usage.of(80, 20), null,
        new BigDecimal("0.0005"), Duration.ofMillis(20), null, UsageOutcome.SUCCESS, null);
  }
}
