package io.modelgate.core.model;

/** What happens to a newly discovered model: it waits for an admin (the default), or it is enabled at once. */
public enum ApprovalPolicy {
  MANUAL,
  AUTO_ENABLE;

  public ModelStatus initialStatus() {
    return this == AUTO_ENABLE ? ModelStatus.ENABLED : ModelStatus.PENDING;
  }
}
