package io.modelgate.core.error;

/** The caller is known but may not do this: a role it lacks, a model its org does not allow, another's node. */
public class AccessDeniedException extends NonRetriableException {
  public AccessDeniedException(String message) {
    super(message, "access_denied", null);
  }
}
