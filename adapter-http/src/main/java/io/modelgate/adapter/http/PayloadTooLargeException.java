package io.modelgate.adapter.http;

import io.modelgate.core.error.NonRetriableException;

/** A request body over the service's limit. */
final class PayloadTooLargeException extends NonRetriableException {
  PayloadTooLargeException(long limit) {
    super("the request body is larger than the limit of " + limit + " bytes", "payload_too_large", null);
  }
}
