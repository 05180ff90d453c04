package io.modelgate.adapter.http;

import io.modelgate.core.error.RetriableException;

/** The service is stopping and its drain time is up: a call still running is ended (a retry elsewhere may work). */
final class ShuttingDownException extends RetriableException {
  ShuttingDownException() {
    super("the server is shutting down; the call was ended before it finished", "shutting_down", null, null);
  }
}
