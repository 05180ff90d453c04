package io.modelgate.app.redis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis on 127.0.0.1:6379, started as the CI machine starts it when it is down. Every ledger it opens writes
 * under its own random prefix, so tests never see each other's counters; all of them are deleted after the class.
 */
final class LocalRedis implements BeforeAllCallback, AfterAllCallback {
  static final String URL = "redis://127.0.0.1:6379/0";
  private static final List<String> START = List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1",
      "-::1", "--port", "6379", "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile",
      "/var/log/redis/ci.log");

  private final String runPrefix = "modelgate-test:" + UUID.randomUUID() + ":";
  private final AtomicInteger opened = new AtomicInteger();
  private final List<RedisQuota> open = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (answers()) {
      return;
    }
    try {
      Process start = new ProcessBuilder(START).redirectErrorStream(true).start();
      String output = new String(start.getInputStream().readAllBytes());
      if (!start.waitFor(10, TimeUnit.SECONDS) || start.exitValue() != 0) {
        throw new IllegalStateException("redis-server exited with " + start.exitValue() + ": " + output);
      }
    } catch (IOException | IllegalStateException e) {
      throw new IllegalStateException("Redis is not running on 127.0.0.1:6379 and could not be started with "
          + String.join(" ", START) + " — install redis-server or start it: " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!answers()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server was started but 127.0.0.1:6379 does not answer after 10 s; "
            + "see /var/log/redis/ci.log");
      }
      Thread.sleep(100);
    }
  }

  /** A new connection whose keys start with a prefix of their own: a fresh, empty set of counters. */
  RedisQuota fresh() {
    return open(newPrefix());
  }

  /** A new connection (another replica) writing under {@code prefix}. */
  synchronized RedisQuota open(String prefix) {
    RedisQuota quota = RedisQuota.connect(URL, prefix);
    open.add(quota);
    return quota;
  }

  /** A prefix of this run for {@link #open}. */
  String newPrefix() {
    return runPrefix + opened.incrementAndGet() + ":";
  }

  /** Every key written under {@code prefix}. */
  List<String> keys(String prefix) {
    try (RedisClient client = RedisClient.create(URL)) {
      return scan(client, prefix);
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    open.forEach(RedisQuota::close);
    open.clear();
    try (RedisClient client = RedisClient.create(URL)) {
      List<String> keys = scan(client, runPrefix);
      if (!keys.isEmpty()) {
        client.del(keys.toArray(String[]::new));
      }
    }
  }

  private static List<String> scan(RedisClient client, String prefix) {
    List<String> keys = new ArrayList<>();
    ScanParams match = new ScanParams().match(prefix + "*").count(1_000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = client.scan(cursor, match);
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return keys;
  }

  private static boolean answers() {
    try (RedisClient client = RedisClient.create(URL)) {
      return "PONG".equals(client.ping());
    } catch (JedisException e) {
      return false;
    }
  }
}
