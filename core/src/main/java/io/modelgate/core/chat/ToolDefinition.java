package io.modelgate.core.chat;

import org.jspecify.annotations.Nullable;

/** A function the model may call: its name, what it does, and its parameters as a JSON Schema text. */
public record ToolDefinition(String name, @Nullable String description, String parametersSchema) {
  public ToolDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("'name' of a tool must not be blank");
    }
    parametersSchema = parametersSchema == null || parametersSchema.isBlank()
        ? "{\"type\":\"object\",\"properties\":{}}" : parametersSchema;
  }
}
