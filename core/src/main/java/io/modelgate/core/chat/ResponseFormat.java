package io.modelgate.core.chat;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The shape the answer must take: free text, any JSON object, or JSON matching a schema. */
public record ResponseFormat(Type type, @Nullable String schemaName, @Nullable String schema) {
  public enum Type {
    TEXT,
    JSON_OBJECT,
    JSON_SCHEMA
  }

  public ResponseFormat {
    Objects.requireNonNull(type, "'type' must not be null");
    if (type == Type.JSON_SCHEMA && (schema == null || schema.isBlank())) {
      throw new IllegalArgumentException("a json_schema response format needs its 'schema'");
    }
  }

  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null);
  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null);
}
