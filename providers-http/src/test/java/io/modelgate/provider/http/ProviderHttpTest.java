package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class ProviderHttpTest {
  private static final int CONCURRENCY = 40;

  /** {@code CONCURRENCY} calls at once, each answered after a short wait so they overlap; their connections. */
  private static List<Integer> burst(OkHttpClient client, MockWebServer upstream) throws Exception {
    List<Future<Integer>> calls = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < CONCURRENCY; i++) {
        calls.add(callers.submit(() -> {
          try (Response r = client.newCall(new Request.Builder().url(upstream.url("/v1/models")).build()).execute()) {
            return r.code();
          }
        }));
      }
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> call : calls) {
      codes.add(call.get());
    }
    return codes;
  }

  @Test
  void theConnectionsOfABurstStayOpenForTheNextOne() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          return new MockResponse.Builder().body("{}").headersDelay(150, TimeUnit.MILLISECONDS).build();
        }
      });
      upstream.start();
      OkHttpClient client = ProviderHttp.newClient();

      assertThat(burst(client, upstream)).containsOnly(200);
      int opened = client.connectionPool().connectionCount();
      assertThat(opened).as("connections the first burst opened").isGreaterThan(5);
      assertThat(burst(client, upstream)).containsOnly(200);

      List<Integer> connections = new ArrayList<>();
      for (int i = 0; i < 2 * CONCURRENCY; i++) {
        connections.add(upstream.takeRequest().getConnectionIndex());
      }
      assertThat(connections.stream().distinct().count()).as("connections over both bursts")
          .isLessThanOrEqualTo(Math.max(opened, CONCURRENCY));
      assertThat(client.connectionPool().idleConnectionCount()).isEqualTo(client.connectionPool().connectionCount());
    }
  }
}
