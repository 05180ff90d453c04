package io.modelgate.core.error;

/** No such model: unknown to the catalog, or the provider said 404. */
public class ModelNotFoundException extends NonRetriableException {
  public ModelNotFoundException(String message) {
    super(message, "model_not_found", null);
  }
}
