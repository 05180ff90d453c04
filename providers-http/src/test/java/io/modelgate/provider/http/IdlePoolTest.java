package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class IdlePoolTest {
  private static void call(OkHttpClient client, MockWebServer upstream) throws Exception {
    try (Response r = client.newCall(new Request.Builder().url(upstream.url("/")).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      r.body().string();
    }
  }

  /** Polls until the pool holds {@code expected} connections, for at most {@code within}; the count seen last. */
  private static int awaitConnections(ConnectionPool pool, int expected, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (pool.connectionCount() != expected && System.nanoTime() - deadline < 0) {
      Thread.sleep(20);
    }
    return pool.connectionCount();
  }

  @Test
  void aConnectionIdlePastTheKeepAliveIsClosed() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.enqueue(new MockResponse.Builder().body("{}").build());
      upstream.enqueue(new MockResponse.Builder().body("{}").build());
      upstream.start();
      ConnectionPool pool = IdlePool.create(10, Duration.ofMillis(300));
      OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();

      call(client, upstream);
      call(client, upstream); // released twice: each release asks for the clean-up
      assertThat(upstream.takeRequest().getConnectionIndex()).isEqualTo(upstream.takeRequest().getConnectionIndex());

      assertThat(awaitConnections(pool, 0, IdlePool.SWEEP.multipliedBy(5))).isZero();
    }
  }

  @Test
  void idleConnectionsBeyondTheMostKeptAreClosed() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      for (int i = 0; i < 3; i++) {
        upstream.enqueue(new MockResponse.Builder().body("{}").headersDelay(200, TimeUnit.MILLISECONDS).build());
      }
      upstream.start();
      ConnectionPool pool = IdlePool.create(1, Duration.ofMinutes(5));
      OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();

      Thread[] callers = new Thread[3];
      for (int i = 0; i < callers.length; i++) {
        callers[i] = Thread.ofVirtual().start(() -> {
          try {
            call(client, upstream);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
      }
      for (Thread caller : callers) {
        caller.join();
      }

      assertThat(awaitConnections(pool, 1, IdlePool.SWEEP.multipliedBy(5))).isEqualTo(1);
      assertThat(pool.idleConnectionCount()).isEqualTo(1);
    }
  }
}
