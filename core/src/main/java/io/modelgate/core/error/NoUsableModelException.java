package io.modelgate.core.error;

/** Routing found nothing that may serve the request, after every fallback. */
public class NoUsableModelException extends NonRetriableException {
  public NoUsableModelException(String message) {
    super(message, "no_usable_model", null);
  }
}
