package io.modelgate.app.redis;

import io.modelgate.core.port.QuotaLedger;
import io.modelgate.core.port.UsageLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The rpm and tpm counters of every replica in one Redis, when {@code MODELGATE_REDIS_URL} names it. Wraps the database's
 * ledger and usage log: minute counters go to Redis, everything else stays in the database. Connecting checks the
 * server answers, so a wrong URL stops the start, not the first call. Thread-safe; close it to free its connections.
 *
 * <p>Why not Bucket4j: its token buckets refill continuously and take one amount from every bandwidth, while our
 * limits are fixed UTC minutes that a call reserves on requests and tokens at once, settles afterwards by any
 * delta (a release, or an overrun), and report what is used and when the window resets — one small Lua script on a
 * Redis hash does exactly that.
 */
public final class RedisQuota implements AutoCloseable {
  /** Where the counters live: {@code redis://[user:password@]host:port/db}, or {@code rediss://} for TLS. */
  /** The setting errors name: {@link io.modelgate.app.Configuration#REDIS_URL}. */
  private static final String REDIS_URL = io.modelgate.app.Configuration.REDIS_URL;
  /** What every key this gateway writes starts with. */
  public static final String DEFAULT_PREFIX = "modelgate:quota:";

  private final RedisClient client;
  private final RedisCounters counters;

  private RedisQuota(RedisClient client, String prefix) {
    this.client = client;
    this.counters = new RedisCounters(client, prefix);
  }

  /**
   * Connects to {@code url} and checks that the server answers; keys start with {@code keyPrefix}.
   *
   * @throws IllegalArgumentException if {@code url} is not a {@code redis://} or {@code rediss://} URL
   * @throws IllegalStateException if the server cannot be reached
   */
  public static RedisQuota connect(String url, String keyPrefix) {
    Objects.requireNonNull(url, "'url' must not be null");
    Objects.requireNonNull(keyPrefix, "'keyPrefix' must not be null");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(REDIS_URL + " is not a URL: " + e.getMessage(), e);
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(REDIS_URL + " must look like redis://host:6379/0 (or rediss:// for TLS), "
          + "was " + shown(uri));
    }
    RedisClient client = null;
    try {
      client = RedisClient.create(uri);
      client.ping();
      return new RedisQuota(client, keyPrefix);
    } catch (JedisException | IllegalArgumentException e) {
      if (client != null) {
        client.close();
      }
      throw new IllegalStateException(REDIS_URL + ": cannot reach Redis at " + shown(uri) + ": " + e.getMessage(), e);
    }
  }

  /** Minute counters here, every other window in {@code database}. */
  public QuotaLedger ledger(QuotaLedger database) {
    return new RedisQuotaLedger(counters, database);
  }

  /** {@code database}, with the settlements of minute counters applied here after its transaction commits. */
  public UsageLog usageLog(UsageLog database) {
    return new RedisSettlingUsageLog(counters, database);
  }

  @Override
  public void close() {
    client.close();
  }

  /** The URL without its password. */
  private static String shown(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + host + port + path;
  }
}
