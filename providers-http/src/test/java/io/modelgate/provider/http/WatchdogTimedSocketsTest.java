package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchdogTimedSocketsTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OkHttpClient client(Duration readTimeout) {
    return ProviderHttp.newClient().newBuilder().readTimeout(readTimeout).build();
  }

  @Test
  void aReadPastALongReadTimeoutStillFailsAsATimeout() {
    server.enqueue(new MockResponse.Builder().body("late").headersDelay(6, TimeUnit.SECONDS).build());
    OkHttpClient client = client(Duration.ofMillis(1_500));
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.newCall(new Request.Builder().url(server.url("/")).build()).execute().close())
        .isInstanceOf(InterruptedIOException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1_400), Duration.ofMillis(4_500));
  }

  @Test
  void aConnectionServesCallsAfterTheFirstOnTheSameSocket() throws Exception {
    server.enqueue(new MockResponse.Builder().body("one").build());
    server.enqueue(new MockResponse.Builder().body("two").build());
    OkHttpClient client = client(Duration.ofSeconds(30));
    for (String expected : new String[] {"one", "two"}) {
      try (Response response = client.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
        assertThat(response.body().string()).isEqualTo(expected);
      }
    }
    assertThat(server.takeRequest().getConnectionIndex()).isZero();
    assertThat(server.takeRequest().getConnectionIndex()).as("the same connection").isZero();
  }
}
