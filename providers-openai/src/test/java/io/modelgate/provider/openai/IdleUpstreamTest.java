package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.provider.testkit.Fixtures;
import io.modelgate.provider.testkit.IdleClosingServer;
import org.junit.jupiter.api.Test;

/**
 * An upstream that closes idle connections after 1 s (as Node, uvicorn/vLLM and many proxies do after a few):
 * chat calls and health probes spaced further apart all succeed, each reaching the upstream exactly once, and the
 * provider stays healthy.
 */
class IdleUpstreamTest {
  @Test
  void callsAndProbesAfterIdleGapsSucceedAndReachTheUpstreamOnceEach() throws Exception {
    try (IdleClosingServer upstream = new IdleClosingServer(1000, request -> request.endsWith("/models")
        ? new IdleClosingServer.Answer(200, "application/json", Fixtures.read("openai/models_list_response.json"))
        : new IdleClosingServer.Answer(200, "text/event-stream", Fixtures.read(OpenAiConformanceTest.TEXT_STREAM)))) {
      ProviderConnection connection = new OpenAiDriver().connect(
          ProviderInstance.builder("vllm", ProviderKind.OPENAI_COMPATIBLE).baseUrl(upstream.url("/v1")).build(), null);
      for (int i = 0; i < 4; i++) {
        if (i > 0) {
          Thread.sleep(1500); // longer than the upstream keeps an idle connection
        }
        if (i % 2 == 0) {
          assertThat(connection.health().probe().state()).isEqualTo(HealthState.HEALTHY);
        } else {
          assertThat(connection.chat().complete("gpt-4o-mini", ChatRequest.of(null, "Hi")).text()).isNotBlank();
        }
      }
      assertThat(upstream.requests()).containsExactly("GET /v1/models", "POST /v1/chat/completions",
          "GET /v1/models", "POST /v1/chat/completions");
    }
  }
}
