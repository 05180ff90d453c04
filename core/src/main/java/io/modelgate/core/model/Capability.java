package io.modelgate.core.model;

import java.util.Locale;

/** Something a model can do beyond plain text in, text out. */
public enum Capability {
  STREAMING,
  TOOLS,
  VISION,
  JSON_OUTPUT,
  REASONING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Capability parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown capability '" + text + "'; expected one of streaming, tools, vision, json_output, reasoning", e);
    }
  }
}
