package io.modelgate.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {
  private static final Instant NOW = Instant.parse("2026-10-21T07:27:00Z");

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
      "400, INVALID_REQUEST, InvalidRequestException, false",
      "401, AUTHENTICATION, AuthenticationException, false",
      "402, BILLING, BillingException, false",
      "403, AUTHENTICATION, AuthenticationException, false",
      "404, MODEL_NOT_FOUND, ModelNotFoundException, false",
      "405, INVALID_REQUEST, InvalidRequestException, false",
      "408, TIMEOUT, UpstreamTimeoutException, true",
      "409, CONFLICT, UpstreamConflictException, true",
      "413, INVALID_REQUEST, InvalidRequestException, false",
      "422, INVALID_REQUEST, InvalidRequestException, false",
      "429, RATE_LIMITED, RateLimitedException, true",
      "500, UNAVAILABLE, UpstreamUnavailableException, true",
      "502, UNAVAILABLE, UpstreamUnavailableException, true",
      "503, UNAVAILABLE, UpstreamUnavailableException, true",
      "504, UNAVAILABLE, UpstreamUnavailableException, true",
      "529, UNAVAILABLE, UpstreamUnavailableException, true"})
  void eachStatusHasOneKind(int status, UpstreamErrorKind kind, String exception, boolean retriable) {
    ModelgateException error = UpstreamErrors.forStatus(status, "said no", "model", Duration.ofSeconds(3));
    assertThat(UpstreamErrorKind.of(status)).isEqualTo(kind);
    assertThat(error.getClass().getSimpleName()).isEqualTo(exception);
    assertThat(error.retriable()).isEqualTo(retriable).isEqualTo(kind.retriable());
    assertThat(error.getMessage()).isEqualTo("said no");
  }

  @Test
  void retriableKindsKeepTheWaitAndInvalidRequestsKeepTheField() {
    assertThat(UpstreamErrors.forStatus(429, null, null, Duration.ofSeconds(3)).retryAfter())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(UpstreamErrors.forStatus(503, null, null, Duration.ofSeconds(4)).retryAfter())
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(((UpstreamUnavailableException) UpstreamErrors.forStatus(503, null, null, null)).status())
        .isEqualTo(503);
    assertThat(((InvalidRequestException) UpstreamErrors.forStatus(400, "bad", "temperature", null)).param())
        .isEqualTo("temperature");
    assertThat(UpstreamErrors.forStatus(500, " ", null, null).getMessage()).contains("HTTP 500");
  }

  @Test
  void retryAfterReadsDeltaSecondsAndHttpDates() {
    assertThat(UpstreamErrors.retryAfter("7", NOW)).isEqualTo(Duration.ofSeconds(7));
    assertThat(UpstreamErrors.retryAfter(" 1.5 ", NOW)).isEqualTo(Duration.ofMillis(1500));
    assertThat(UpstreamErrors.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT", NOW)).isEqualTo(Duration.ofSeconds(60));
    assertThat(UpstreamErrors.retryAfter("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    assertThat(UpstreamErrors.retryAfter("-3", NOW)).isNull();
    assertThat(UpstreamErrors.retryAfter("soon", NOW)).isNull();
    assertThat(UpstreamErrors.retryAfter(null, NOW)).isNull();
  }

  @Test
  void ioFailuresAreTimeoutsUnreachableOrBrokenStreams() {
    assertThat(UpstreamErrors.fromIo("Ollama", new SocketTimeoutException("timeout"), false))
        .isInstanceOf(UpstreamTimeoutException.class).hasMessageContaining("Ollama");
    assertThat(UpstreamErrors.fromIo("Ollama", new java.io.InterruptedIOException("timeout"), true))
        .isInstanceOf(UpstreamTimeoutException.class);
    ModelgateException refused = UpstreamErrors.fromIo("Ollama", new ConnectException("Connection refused"), false);
    assertThat(refused).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(((UpstreamUnavailableException) refused).status()).isZero();
    assertThat(UpstreamErrors.fromIo("Ollama", new IOException("unexpected end of stream"), true))
        .isInstanceOf(StreamBrokenException.class).satisfies(e -> assertThat(e.retriable()).isTrue());
  }
}
