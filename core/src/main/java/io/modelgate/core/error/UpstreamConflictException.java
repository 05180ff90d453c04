package io.modelgate.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered HTTP 409: the request collided with another one in flight there (a lock, a concurrent
 * update). It was not processed, so trying again shortly may succeed — OpenAI's and Anthropic's own SDKs retry it.
 */
public class UpstreamConflictException extends RetriableException {
  public UpstreamConflictException(String message, java.time.@Nullable Duration retryAfter) {
    super(message, "upstream_conflict", retryAfter, null);
  }
}
