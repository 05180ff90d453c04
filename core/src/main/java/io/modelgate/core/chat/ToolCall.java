package io.modelgate.core.chat;

/** A function call the model asked for, with its arguments as JSON text. */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    if (id == null) {
      throw new IllegalArgumentException("'id' must not be null");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("'name' of a tool call must not be blank");
    }
    arguments = arguments == null || arguments.isEmpty() ? "{}" : arguments;
  }
}
