package io.modelgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.provider.testkit.Fixtures;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemini's own error bodies (the recorded ones in the fixtures) mapped to core exceptions. */
class GeminiErrorsTest {
  private final MockWebServer server = new MockWebServer();
  private ProviderConnection connection;

  @BeforeEach
  void start() throws Exception {
    server.start();
    connection = new GeminiDriver().connect(GeminiTesting.instance(server, Map.of()), Secret.of(GeminiTesting.KEY));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ModelgateException chatFailure() {
    ChatEvent last = GeminiTesting.drain(connection.chat().stream("gemini-2.0-flash", ChatRequest.of(null, "Hello!")))
        .getLast();
    return ((ChatEvent.Failed) last).error();
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource({
      "error_400_api_key_invalid.json, 400, AuthenticationException, API key not valid. Please pass a valid API key.",
      "error_403_service_disabled.json, 403, AuthenticationException, Generative Language API has not been used",
      "error_404_model_not_found.json, 404, ModelNotFoundException, models/gemini-5.0-flash is not found"})
  void recordedErrorBodiesMapToTheRightException(String fixture, int status, String type, String message) {
    server.enqueue(GeminiTesting.json(status, Fixtures.read("gemini/" + fixture)));
    ModelgateException error = chatFailure();
    assertThat(error.getClass().getSimpleName()).isEqualTo(type);
    assertThat(error.getMessage()).startsWith(message);
    assertThat(error.retriable()).isFalse();
  }

  @Test
  void badKeyOnDiscoveryIsAnAuthenticationFailureNotAnInvalidRequest() {
    server.enqueue(GeminiTesting.json(400, Fixtures.read("gemini/error_400_api_key_invalid.json")));
    assertThatThrownBy(() -> connection.discovery().listModels()).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void quotaRetryDelayInTheBodyIsKeptWhenThereIsNoRetryAfterHeader() {
    server.enqueue(GeminiTesting.json(429, """
        {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED",
          "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "13s"}]}}"""));
    ModelgateException error = chatFailure();
    assertThat(error).isInstanceOf(RateLimitedException.class);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(13));
  }

  @Test
  void theKeyIsRemovedEvenWhereItDoesNotLookLikeOne() {
    String oddKey = "plain-proxy-token-42";
    ProviderConnection proxied = new GeminiDriver().connect(GeminiTesting.instance(server, Map.of()),
        Secret.of(oddKey));
    server.enqueue(GeminiTesting.json(401, "{\"error\":{\"code\":401,\"message\":\"bad token " + oddKey
        + "\",\"status\":\"UNAUTHENTICATED\"}}"));
    assertThatThrownBy(() -> proxied.discovery().listModels())
        .isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(oddKey).contains("[redacted]"));
  }

  @Test
  void anUnreadableErrorBodyStillNamesTheStatus() {
    server.enqueue(GeminiTesting.json(404, "<html>Not Found</html>"));
    assertThat(chatFailure()).isInstanceOf(ModelNotFoundException.class).hasMessage("Gemini answered HTTP 404");
  }
}
