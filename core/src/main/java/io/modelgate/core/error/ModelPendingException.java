package io.modelgate.core.error;

/** The model is in the catalog but still waits for an admin to enable it. */
public class ModelPendingException extends NonRetriableException {
  public ModelPendingException(String message) {
    super(message, "model_pending", null);
  }
}
