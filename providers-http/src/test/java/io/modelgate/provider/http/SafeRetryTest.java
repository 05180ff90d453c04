package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.provider.testkit.IdleClosingServer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The one safe retry: a request the upstream never saw is sent again once; nothing it may have seen is. */
class SafeRetryTest {
  private static final MediaType JSON = MediaType.get("application/json");

  private static Request post(String url) {
    return new Request.Builder().url(url).post(RequestBody.create("{\"model\":\"m\"}", JSON)).build();
  }

  private static IdleClosingServer upstreamClosingIdleConnectionsAfterOneSecond() throws IOException {
    return new IdleClosingServer(1000, request -> new IdleClosingServer.Answer(200, "application/json", "{}"));
  }

  @Test
  void callsAfterTheUpstreamClosedTheIdleConnectionAllSucceedEachReachingItOnce() throws Exception {
    try (IdleClosingServer upstream = upstreamClosingIdleConnectionsAfterOneSecond()) {
      OkHttpClient client = ProviderHttp.newClient();
      for (int i = 0; i < 4; i++) {
        if (i > 0) {
          Thread.sleep(1500); // longer than the upstream keeps an idle connection
        }
        try (Response response = client.newCall(post(upstream.url("/v1/chat/completions"))).execute()) {
          assertThat(response.code()).isEqualTo(200);
        }
      }
      assertThat(upstream.requests()).hasSize(4);
    }
  }

  @Test
  void withoutItTheFirstCallAfterTheIdleGapFailsWithoutReachingTheUpstream() throws Exception {
    try (IdleClosingServer upstream = upstreamClosingIdleConnectionsAfterOneSecond()) {
      OkHttpClient plain = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
      try (Response response = plain.newCall(post(upstream.url("/v1/chat/completions"))).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
      Thread.sleep(1500);
      assertThatThrownBy(() -> plain.newCall(post(upstream.url("/v1/chat/completions"))).execute().close())
          .isInstanceOf(IOException.class);
      assertThat(upstream.requests()).hasSize(1);
    }
  }

  @Test
  void aConnectionReusedAtOnceIsNotProbedOneIdleSinceBeforeIsProbedOnce() throws Exception {
    try (IdleClosingServer upstream = upstreamClosingIdleConnectionsAfterOneSecond()) {
      okhttp3.ConnectionPool pool = new okhttp3.ConnectionPool();
      SafeRetry retry = new SafeRetry(pool);
      OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).retryOnConnectionFailure(false)
          .addInterceptor(retry.retrying()).addNetworkInterceptor(retry.watching()).build();
      for (int i = 0; i < 5; i++) {
        try (Response response = client.newCall(post(upstream.url("/v1/chat/completions"))).execute()) {
          assertThat(response.code()).isEqualTo(200);
        }
      }
      assertThat(retry.probes()).isZero();
      Thread.sleep(SafeRetry.PROBE_AFTER.toMillis() + 300); // idle longer than a reuse without a probe allows
      try (Response response = client.newCall(post(upstream.url("/v1/chat/completions"))).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
      assertThat(retry.probes()).isEqualTo(1);
      assertThat(pool.connectionCount()).isEqualTo(1);
      assertThat(upstream.requests()).hasSize(6);
    }
  }

  @Test
  void aConnectionReusedAtOnceAfterAnAnswerReadForLongIsNotProbed() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      // A streamed answer whose body takes twice as long as a reuse without a probe allows; its head comes at once.
      long pause = SafeRetry.PROBE_AFTER.toMillis() / 5;
      server.enqueue(new MockResponse.Builder().body("0123456789").throttleBody(1, pause, TimeUnit.MILLISECONDS)
          .build());
      server.enqueue(new MockResponse.Builder().body("next").build());
      okhttp3.ConnectionPool pool = new okhttp3.ConnectionPool();
      SafeRetry retry = new SafeRetry(pool);
      OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).retryOnConnectionFailure(false)
          .addInterceptor(retry.retrying()).addNetworkInterceptor(retry.watching()).build();
      try (Response response = client.newCall(post(server.url("/x").toString())).execute()) {
        assertThat(response.body().string()).isEqualTo("0123456789");
      }
      try (Response response = client.newCall(post(server.url("/x").toString())).execute()) {
        assertThat(response.body().string()).isEqualTo("next");
      }
      assertThat(retry.probes()).as("the connection was busy until the call before ended").isZero();
      assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(server.takeRequest().getConnectionIndex());
    }
  }

  @Test
  void anAnswered408IsNotSentAgain() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(408).body("late").build());
      server.enqueue(new MockResponse.Builder().code(200).body("second").build());
      try (Response response = ProviderHttp.newClient().newCall(post(server.url("/x").toString())).execute()) {
        assertThat(response.code()).isEqualTo(408);
      }
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aRequestWrittenOnAFreshConnectionThatGotNoAnswerIsNotSentAgain() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
      server.enqueue(new MockResponse.Builder().code(200).body("second").build());
      assertThatThrownBy(() -> ProviderHttp.newClient().newCall(post(server.url("/x").toString())).execute().close())
          .isInstanceOf(IOException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aClientHandedInGetsThePolicyPerInstance() {
    OkHttpClient plain = new OkHttpClient();
    OkHttpClient configured = ProviderHttp.forInstance(plain,
        io.modelgate.core.model.ProviderInstance.builder("p", io.modelgate.core.model.ProviderKind.OLLAMA).build());
    assertThat(configured.retryOnConnectionFailure()).isFalse();
    assertThat(configured.interceptors()).hasAtLeastOneElementOfType(SafeRetry.Retrying.class);
    OkHttpClient again = ProviderHttp.forInstance(configured,
        io.modelgate.core.model.ProviderInstance.builder("q", io.modelgate.core.model.ProviderKind.OLLAMA).build());
    assertThat(again.interceptors()).hasSize(configured.interceptors().size());
  }
}
