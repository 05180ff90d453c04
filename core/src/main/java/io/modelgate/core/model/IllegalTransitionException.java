package io.modelgate.core.model;

import io.modelgate.core.error.InvalidRequestException;

/** A lifecycle change the rules refuse, such as {@code deprecated → enabled} asked by discovery. */
public final class IllegalTransitionException extends InvalidRequestException {
  private final ModelStatus from;
  private final ModelStatus to;

  public IllegalTransitionException(ModelStatus from, ModelStatus to, String why) {
    super("cannot change a model from " + from.wireName() + " to " + to.wireName() + ": " + why, "status");
    this.from = from;
    this.to = to;
  }

  public ModelStatus from() {
    return from;
  }

  public ModelStatus to() {
    return to;
  }
}
