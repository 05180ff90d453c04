package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.UpstreamErrors;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Secret;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Anthropic's statuses and error types, each to the right exception, with Anthropic's own message. */
class AnthropicErrorsTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ModelgateException failureFor(mockwebserver3.MockResponse response) {
    server.enqueue(response);
    try (ChatStream stream = new AnthropicDriver()
        .connect(AnthropicTestSupport.instance(server, Map.of()), Secret.of("sk-ant-test-errors-000000000000"))
        .chat().stream("claude-haiku-4-5", ChatRequest.of(null, "Hi"))) {
      return ((ChatEvent.Failed) stream.next()).error();
    }
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
      "400, InvalidRequestException, false", "401, AuthenticationException, false",
      "403, AuthenticationException, false", "404, ModelNotFoundException, false",
      "408, UpstreamTimeoutException, true", "413, InvalidRequestException, false",
      "422, InvalidRequestException, false", "429, RateLimitedException, true",
      "500, UpstreamUnavailableException, true", "503, UpstreamUnavailableException, true",
      "529, UpstreamUnavailableException, true"})
  void statusMapsToTheRightException(int status, String exception, boolean retriable) {
    ModelgateException error = failureFor(AnthropicTestSupport.errorResponse(status));
    assertThat(error.getClass().getSimpleName()).isEqualTo(exception);
    assertThat(error.retriable()).isEqualTo(retriable);
  }

  @Test
  void messageIsAnthropicsOwnFromTheRecordedBody() {
    assertThat(failureFor(AnthropicTestSupport.errorResponse(400)).getMessage())
        .startsWith("messages.0.content.1: unexpected `tool_use_id` found in `tool_result` blocks");
    assertThat(failureFor(AnthropicTestSupport.errorResponse(429)).getMessage())
        .startsWith("This request would exceed your organization's rate limit");
  }

  @Test
  void retryAfterOfAnOverloadIsKept() {
    ModelgateException error = failureFor(AnthropicTestSupport.errorResponse(529).newBuilder()
        .setHeader("retry-after", "3").build());
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void bodyThatIsNotAnthropicJsonStillGivesAMessage() {
    ModelgateException error = failureFor(AnthropicTestSupport.json(502, "<html>Bad gateway</html>"));
    assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(error.getMessage()).contains("HTTP 502");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "overloaded_error, UpstreamUnavailableException", "api_error, UpstreamUnavailableException",
      "rate_limit_error, RateLimitedException", "timeout_error, UpstreamTimeoutException",
      "authentication_error, AuthenticationException", "permission_error, AuthenticationException",
      "not_found_error, ModelNotFoundException", "invalid_request_error, InvalidRequestException",
      "request_too_large, InvalidRequestException", "billing_error, BillingException"})
  void streamErrorTypeMapsToTheRightException(String type, String exception) {
    ModelgateException error = UpstreamErrors.forStatus(AnthropicErrors.statusOf(type), "m", null, null);
    assertThat(error.getClass().getSimpleName()).isEqualTo(exception);
  }
}
