package io.modelgate.core.model;

import java.util.Locale;

/**
 * A model's place in its lifecycle: {@code PENDING → ENABLED | DISABLED}, {@code ENABLED ⇄ DISABLED}, any →
 * {@code DEPRECATED}; only an admin brings a deprecated model back.
 */
public enum ModelStatus {
  PENDING,
  ENABLED,
  DISABLED,
  DEPRECATED;

  /** Who asks for a change: discovery may only auto-enable a pending model or deprecate one. */
  public enum Actor {
    ADMIN,
    DISCOVERY
  }

  /** Whether {@code actor} may move a model from this status to {@code target}; staying put is always allowed. */
  public boolean canMoveTo(ModelStatus target, Actor actor) {
    if (target == this) {
      return true;
    }
    if (target == DEPRECATED) {
      return true;
    }
    return switch (this) {
      case PENDING -> target == ENABLED && actor == Actor.DISCOVERY
          || (target == ENABLED || target == DISABLED) && actor == Actor.ADMIN;
      case ENABLED -> target == DISABLED && actor == Actor.ADMIN;
      case DISABLED -> target == ENABLED && actor == Actor.ADMIN;
      case DEPRECATED -> (target == ENABLED || target == DISABLED) && actor == Actor.ADMIN;
    };
  }

  /** Throws {@link IllegalTransitionException} unless {@link #canMoveTo} allows the change. */
  public void checkMoveTo(ModelStatus target, Actor actor) {
    if (!canMoveTo(target, actor)) {
      String why = target == PENDING
          ? "no model goes back to pending"
          : this == DEPRECATED ? "only an admin brings a deprecated model back" : "that change is not allowed";
      throw new IllegalTransitionException(this, target, why);
    }
  }

  public static ModelStatus parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("'status' must not be null");
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown status '" + text + "'; expected one of pending, enabled, disabled, deprecated", e);
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
