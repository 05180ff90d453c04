package io.modelgate.app.redis;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimit;
import io.modelgate.core.quota.QuotaWindow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * Counters as Redis hashes ({@code requests}, {@code tokens}, {@code usd}), one per key, whatever its window. A
 * reservation is one Lua script — read, check every part of the limit, add — which Redis runs atomically, so a
 * limit holds across every process sharing the server. USD is kept as a whole number of 10⁻¹⁰ dollars, the scale
 * the database keeps, so sums are exact; Lua compares in doubles, which is exact because amounts and counters are
 * held below 2⁵², and a limit at or above that is treated as none (no counter gets there in a window). A key expires
 * its window's length plus a minute after it is created, so a minute's counter is gone one to two minutes after the
 * minute ends. Thread-safe.
 */
final class RedisCounters implements QuotaLedger {
  /** 2⁵²: operands below it add and compare exactly in a Lua double. */
  static final BigInteger EXACT = BigInteger.ONE.shiftLeft(52);
  private static final int USD_SCALE = 10;
  private static final Duration GRACE = Duration.ofMinutes(1);

  /**
   * KEYS[1] the counter; ARGV 1-3 the amount (requests, tokens, usd units), 4-6 the limit of each ('' for none),
   * 7 the key's time to live in seconds. Returns 1 when added, 0 when a limit refused.
   */
  private static final String ADD = """
      local fields = {'requests', 'tokens', 'usd'}
      local current = redis.call('HMGET', KEYS[1], 'requests', 'tokens', 'usd')
      for i = 1, 3 do
        local value = tonumber(current[i]) or 0
        if value >= 4503599627370496 or value <= -4503599627370496 then
          return redis.error_reply('quota counter ' .. KEYS[1] .. ' is beyond the exact range')
        end
        local limit = ARGV[3 + i]
        if limit ~= '' and value + tonumber(ARGV[i]) > tonumber(limit) then
          return 0
        end
      end
      for i = 1, 3 do
        if ARGV[i] ~= '0' or current[i] == false then
          redis.call('HINCRBY', KEYS[1], fields[i], ARGV[i])
        end
      end
      if redis.call('TTL', KEYS[1]) == -1 then
        redis.call('EXPIRE', KEYS[1], ARGV[7])
      end
      return 1
      """;

  private final UnifiedJedis redis;
  private final String prefix;

  RedisCounters(UnifiedJedis redis, String prefix) {
    this.redis = Objects.requireNonNull(redis, "'redis' must not be null");
    this.prefix = Objects.requireNonNull(prefix, "'prefix' must not be null");
  }

  @Override
  public boolean tryReserve(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
    Objects.requireNonNull(key, "'key' must not be null");
    Objects.requireNonNull(amount, "'amount' must not be null");
    Objects.requireNonNull(limit, "'limit' must not be null");
    return add(key, amount, limit);
  }

  @Override
  public void adjust(QuotaCounterKey key, QuotaAmount delta) {
    Objects.requireNonNull(key, "'key' must not be null");
    Objects.requireNonNull(delta, "'delta' must not be null");
    add(key, delta, QuotaLimit.UNLIMITED);
  }

  @Override
  public QuotaAmount read(QuotaCounterKey key) {
    Objects.requireNonNull(key, "'key' must not be null");
    List<String> values = redis.hmget(redisKey(key), "requests", "tokens", "usd");
    return new QuotaAmount(parse(values.get(0)), parse(values.get(1)), usd(parse(values.get(2))));
  }

  /** {@code prefix + window:period:kind:id}: the window fixes the period's shape, so ids may hold colons. */
  String redisKey(QuotaCounterKey key) {
    return prefix + key.window().name() + ':' + key.period() + ':' + key.subject().kind().name() + ':'
        + key.subject().id();
  }

  private boolean add(QuotaCounterKey key, QuotaAmount amount, QuotaLimit limit) {
    List<String> args = List.of(
        exact(BigInteger.valueOf(amount.requests()), "requests").toString(),
        exact(BigInteger.valueOf(amount.tokens()), "tokens").toString(),
        exact(units(amount.usd()), "usd").toString(),
        bound(limit.requests() == null ? null : BigInteger.valueOf(limit.requests())),
        bound(limit.tokens() == null ? null : BigInteger.valueOf(limit.tokens())),
        bound(limit.usd() == null ? null : units(limit.usd())),
        Long.toString(ttl(key.window()).toSeconds()));
    Object added = redis.eval(ADD, List.of(redisKey(key)), args);
    return Long.valueOf(1).equals(added);
  }

  /** How long a counter of {@code window} lives after it is created: the window's longest length plus a minute. */
  static Duration ttl(QuotaWindow window) {
    Duration length = switch (window) {
      case MINUTE -> Duration.ofMinutes(1);
      case DAY -> Duration.ofDays(1);
      case MONTH -> Duration.ofDays(31);
    };
    return length.plus(GRACE);
  }

  private static BigInteger units(BigDecimal usd) {
    return usd.setScale(USD_SCALE, RoundingMode.HALF_UP).unscaledValue();
  }

  private static BigDecimal usd(long units) {
    BigDecimal value = BigDecimal.valueOf(units, USD_SCALE).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  private static BigInteger exact(BigInteger value, String name) {
    if (value.abs().compareTo(EXACT) >= 0) {
      throw new IllegalArgumentException("'" + name + "' is too large for a Redis quota counter: " + value);
    }
    return value;
  }

  private static String bound(@Nullable BigInteger limit) {
    return limit == null || limit.compareTo(EXACT) >= 0 ? "" : limit.toString();
  }

  private static long parse(@Nullable String value) {
    return value == null ? 0 : Long.parseLong(value);
  }
}
