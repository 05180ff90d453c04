package io.modelgate.core.error;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one place a provider's failure becomes a Modelgate exception, for every protocol module: an HTTP status
 * (through {@link UpstreamErrorKind}'s table), an I/O failure, and the {@code Retry-After} header. Protocol modules
 * read their own error bodies for the message and hand the status here. Stateless and thread-safe.
 */
public final class UpstreamErrors {
  private UpstreamErrors() {}

  /**
   * The exception for HTTP {@code status}; {@code message} is the provider's own (redacted by the exception), or,
   * when blank, one naming the status.
   */
  public static ModelgateException forStatus(int status, @Nullable String message, @Nullable String param,
      @Nullable Duration retryAfter) {
    String text = message == null || message.isBlank() ? "the provider answered HTTP " + status : message;
    return UpstreamErrorKind.of(status).error(text, status, param, retryAfter);
  }

  /**
   * An I/O failure talking to {@code provider} (a name for messages: "Anthropic", "the provider"): a timeout (no
   * first byte, or a stall) is an {@link UpstreamTimeoutException}; anything else is the provider being unreachable
   * before the answer {@code started}, or a {@link StreamBrokenException} after it had.
   */
  public static ModelgateException fromIo(String provider, IOException e, boolean started) {
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (isTimeout(e)) {
      return new UpstreamTimeoutException(provider + " did not answer in time (" + what + ")", e);
    }
    if (started) {
      return new StreamBrokenException("the stream from " + provider + " broke off: " + what, e);
    }
    return new UpstreamUnavailableException(provider + " could not be reached: " + what, 0, null, e);
  }

  /** A socket read timeout, or the whole-call timeout an HTTP client reports as an interrupted "timeout". */
  private static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException
            && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timeout"));
  }

  /**
   * The wait a {@code Retry-After} header asks for, read either way RFC 9110 allows: delta-seconds ({@code 7}, and
   * leniently {@code 1.5}) or an HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT}), measured from {@code now}. A
   * date already past gives zero; a missing or unreadable header gives null.
   */
  public static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      double seconds = Double.parseDouble(value);
      return seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)
          ? null : Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** {@link #retryAfter(String, Instant)} measured from the system clock. */
  public static @Nullable Duration retryAfter(@Nullable String header) {
    return retryAfter(header, Instant.now());
  }
}
