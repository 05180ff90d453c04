package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.error.AccessDeniedException;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.BillingException;
import io.modelgate.core.error.ContentFilteredException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelPendingException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.NoUsableModelException;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.TooSoonException;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.error.UpstreamConflictException;
import io.modelgate.core.error.UpstreamTimeoutException;
import io.modelgate.core.error.UpstreamUnavailableException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemsTest {
  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(new InvalidRequestException("'n' must be positive", "n"), 400, null),
        Arguments.of(new UnsupportedCapabilityException("no speech"), 400, null),
        Arguments.of(new AccessDeniedException("not yours"), 403, null),
        Arguments.of(new ModelNotFoundException("no such model"), 404, null),
        Arguments.of(new ModelPendingException("pending"), 409, null),
        Arguments.of(new PayloadTooLargeException(10), 413, null),
        Arguments.of(new QuotaExceededException("over budget", "usd_per_month", Duration.ofSeconds(30)), 429, "30"),
        Arguments.of(new TooSoonException("wait", Duration.ofMillis(1500)), 429, "2"),
        Arguments.of(new RateLimitedException("slow down", Duration.ofSeconds(7)), 429, "7"),
        Arguments.of(new RateLimitedException("slow down", null), 429, "1"),
        Arguments.of(new NoUsableModelException("nothing can serve"), 503, null),
        Arguments.of(new AuthenticationException("upstream refused the key"), 502, null),
        Arguments.of(new BillingException("Insufficient credits"), 502, null),
        Arguments.of(new ContentFilteredException("Gemini blocked the prompt (SAFETY)"), 400, null),
        Arguments.of(new UpstreamConflictException("busy", null), 503, "1"),
        Arguments.of(new UpstreamUnavailableException("boom", 500, null, null), 502, null),
        Arguments.of(new UpstreamUnavailableException("down", 503, Duration.ofSeconds(4), null), 503, "4"),
        Arguments.of(new UpstreamUnavailableException("refused", 0, null, null), 503, null),
        Arguments.of(new StreamBrokenException("cut", null), 502, null),
        Arguments.of(new UpstreamTimeoutException("slow", null), 504, null));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void eachErrorMapsToItsStatus(ModelgateException error, int status, String retryAfter) {
    Problem p = Problems.of(error);
    assertThat(p.status()).isEqualTo(status);
    assertThat(p.retryAfterSeconds()).isEqualTo(retryAfter);
    assertThat(p.code()).isNotBlank();
  }

  @Test
  void aCallerWithoutAValidKeyIs401WhileAnUpstreamKeyRefusalIs502() {
    assertThat(Problems.unauthenticated(new AuthenticationException("invalid gateway key")).status()).isEqualTo(401);
    assertThat(Problems.of(new AuthenticationException("invalid gateway key")).status()).isEqualTo(502);
  }

  @Test
  void messagesLoseKeysUrlsAndHostNames() {
    String text = Problems.scrub("failed: Bearer sk-proj-abcdefgh12345678 to https://10.0.0.5:11434/api/chat "
        + "via mac-studio.local:11434 (localhost/127.0.0.1:8080) and [::1]:9000");
    assertThat(text).doesNotContain("sk-proj", "10.0.0.5", "mac-studio", "127.0.0.1", "localhost", "::1", "11434");
    assertThat(Problems.of(new UpstreamUnavailableException("could not reach http://internal.corp:9999", 0, null,
        null)).message()).doesNotContain("internal.corp");
  }

  @Test
  void headerValuesArePrintableAscii() {
    assertThat(Call.headerSafe("alias: fast → demo:echo; é")).isEqualTo("alias: fast -> demo:echo; %C3%A9");
  }
}
