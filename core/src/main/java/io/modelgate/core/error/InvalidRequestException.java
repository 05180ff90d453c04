package io.modelgate.core.error;

import org.jspecify.annotations.Nullable;

/** The request is malformed or names a bad value (upstream 400/422 too); {@link #param()} names the field. */
public class InvalidRequestException extends NonRetriableException {
  private final @Nullable String param;

  public InvalidRequestException(String message, @Nullable String param) {
    super(message, "invalid_request", null);
    this.param = param;
  }

  public @Nullable String param() {
    return param;
  }
}
