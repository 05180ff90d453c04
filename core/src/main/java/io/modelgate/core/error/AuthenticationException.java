package io.modelgate.core.error;

/** The key was refused (upstream 401/403), or a caller presented no valid gateway key. */
public class AuthenticationException extends NonRetriableException {
  public AuthenticationException(String message) {
    super(message, "authentication_failed", null);
  }
}
