package io.modelgate.core.chat;

import java.util.Locale;

/** Who wrote a message. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  TOOL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("'role' must not be null");
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "system", "developer" -> SYSTEM;
      case "user" -> USER;
      case "assistant" -> ASSISTANT;
      case "tool" -> TOOL;
      default -> throw new IllegalArgumentException(
          "unknown role '" + text + "'; expected one of system, user, assistant, tool");
    };
  }
}
