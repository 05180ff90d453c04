package io.modelgate.core.error;

/**
 * The provider refused to answer because of what was asked: a prompt its safety filter blocked (Gemini's
 * {@code promptFeedback.blockReason}). The message names the reason and the categories; the same request will be
 * refused again, so it is not retriable.
 */
public class ContentFilteredException extends NonRetriableException {
  public ContentFilteredException(String message) {
    super(message, "content_filter", null);
  }
}
