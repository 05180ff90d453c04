package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.provider.testkit.Fixtures;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A streamed call that ends as the protocol says ({@code data: [DONE]}) leaves its connection to the upstream in
 * the pool: a later call goes out on it, with no new TCP (or TLS) handshake.
 */
class StreamConnectionReuseTest {
  @Test
  void streamedCallsOneAfterAnotherShareOneUpstreamConnection() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.start();
      String stream = Fixtures.read(OpenAiConformanceTest.TEXT_STREAM);
      for (int i = 0; i < 3; i++) {
        upstream.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
            .chunkedBody(stream, 64).build());
      }
      ProviderConnection connection = new OpenAiDriver().connect(ProviderInstance.builder("vllm",
          ProviderKind.OPENAI_COMPATIBLE).baseUrl(upstream.url("/v1").toString()).build(), null);

      for (int i = 0; i < 3; i++) {
        if (i > 0) {
          // The caller has its answer with the terminal event; the reading thread then closes the body and the
          // connection goes back to the pool a moment later.
          Thread.sleep(500);
        }
        assertThat(connection.chat().complete("gpt-4o-mini", ChatRequest.of(null, "Hi")).text()).isNotBlank();
      }

      RecordedRequest first = upstream.takeRequest();
      RecordedRequest second = upstream.takeRequest();
      RecordedRequest third = upstream.takeRequest();
      assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
      assertThat(third.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
      assertThat(third.getExchangeIndex()).isEqualTo(2);
    }
  }
}
