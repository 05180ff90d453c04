package io.modelgate.core.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's failure means, whatever protocol it speaks: the one table from HTTP status to error kind that
 * every protocol module uses (through {@link UpstreamErrors}). A protocol module only reads its own error body
 * (the message, and a type or reason that may name a status, such as Gemini's {@code API_KEY_INVALID} under a 400).
 *
 * <table>
 *   <caption>HTTP status → kind</caption>
 *   <tr><th>status</th><th>kind</th><th>retriable</th></tr>
 *   <tr><td>400, 413, 422, any other 4xx</td><td>{@link #INVALID_REQUEST}</td><td>no</td></tr>
 *   <tr><td>401, 403</td><td>{@link #AUTHENTICATION}</td><td>no</td></tr>
 *   <tr><td>402</td><td>{@link #BILLING}</td><td>no</td></tr>
 *   <tr><td>404</td><td>{@link #MODEL_NOT_FOUND}</td><td>no</td></tr>
 *   <tr><td>408; no answer in time</td><td>{@link #TIMEOUT}</td><td>yes</td></tr>
 *   <tr><td>409</td><td>{@link #CONFLICT}</td><td>yes</td></tr>
 *   <tr><td>429</td><td>{@link #RATE_LIMITED}</td><td>yes</td></tr>
 *   <tr><td>5xx; connection failed</td><td>{@link #UNAVAILABLE}</td><td>yes</td></tr>
 * </table>
 */
public enum UpstreamErrorKind {
  /** The request was refused as it stands: {@link InvalidRequestException}. */
  INVALID_REQUEST(false),
  /** The configured key was refused or lacks a permission: {@link AuthenticationException}. */
  AUTHENTICATION(false),
  /** The provider account cannot pay for the call: {@link BillingException}. */
  BILLING(false),
  /** The provider does not know the model: {@link ModelNotFoundException}. */
  MODEL_NOT_FOUND(false),
  /** The provider did not answer in time: {@link UpstreamTimeoutException}. */
  TIMEOUT(true),
  /** The request collided with another at the provider: {@link UpstreamConflictException}. */
  CONFLICT(true),
  /** The provider throttles us: {@link RateLimitedException}. */
  RATE_LIMITED(true),
  /** The provider failed on its side or could not be reached: {@link UpstreamUnavailableException}. */
  UNAVAILABLE(true);

  private final boolean retriable;

  UpstreamErrorKind(boolean retriable) {
    this.retriable = retriable;
  }

  /** Whether the same request may succeed when tried again (later, or on another node). */
  public boolean retriable() {
    return retriable;
  }

  /** The kind of an HTTP {@code status} a provider answered with (a status below 400 is read as a failure too). */
  public static UpstreamErrorKind of(int status) {
    return switch (status) {
      case 401, 403 -> AUTHENTICATION;
      case 402 -> BILLING;
      case 404 -> MODEL_NOT_FOUND;
      case 408 -> TIMEOUT;
      case 409 -> CONFLICT;
      case 429 -> RATE_LIMITED;
      default -> status >= 400 && status < 500 ? INVALID_REQUEST : UNAVAILABLE;
    };
  }

  /**
   * The exception of this kind.
   *
   * @param status the upstream HTTP status, or 0 when no answer came
   * @param param the request field the provider named, if any (kept by {@link #INVALID_REQUEST})
   * @param retryAfter how long the provider asked us to wait, if it said (kept by the retriable kinds)
   */
  public ModelgateException error(String message, int status, @Nullable String param,
      @Nullable Duration retryAfter) {
    return switch (this) {
      case INVALID_REQUEST -> new InvalidRequestException(message, param);
      case AUTHENTICATION -> new AuthenticationException(message);
      case BILLING -> new BillingException(message);
      case MODEL_NOT_FOUND -> new ModelNotFoundException(message);
      case TIMEOUT -> new UpstreamTimeoutException(message, null);
      case CONFLICT -> new UpstreamConflictException(message, retryAfter);
      case RATE_LIMITED -> new RateLimitedException(message, retryAfter);
      case UNAVAILABLE -> new UpstreamUnavailableException(message, status, retryAfter, null);
    };
  }
}
