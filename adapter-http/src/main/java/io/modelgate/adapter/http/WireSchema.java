package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import com.squareup.moshi.Types;
import io.modelgate.core.error.InvalidRequestException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a wire record says about its JSON, read from the record itself by reflection: each component is a field
 * named as Moshi names it ({@link Json#name}), required unless its type is {@link Nullable}, typed by its Java
 * type. The OpenAPI document's request bodies and the check that a parsed request holds its required fields both
 * come from here, so neither can drift from the records the handlers parse. A component of type {@code Object}
 * is any JSON value (a field that takes a string or an array, say).
 */
final class WireSchema {
  private WireSchema() {}

  /** The JSON Schema (as OpenAPI 3.1 embeds it) of a record, list, map or scalar type. */
  static Map<String, Object> of(Type type) {
    if (type instanceof WildcardType w) {
      return of(w.getUpperBounds()[0]);
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      if (Collection.class.isAssignableFrom(raw)) {
        return Map.of("type", "array", "items", of(p.getActualTypeArguments()[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return Map.of("type", "object", "additionalProperties", of(p.getActualTypeArguments()[1]));
      }
      if (raw.isRecord()) {
        // A generic record (Data<T>): each component with the type arguments put in for the type variables.
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        TypeVariable<?>[] variables = raw.getTypeParameters();
        for (int i = 0; i < variables.length; i++) {
          bindings.put(variables[i], p.getActualTypeArguments()[i]);
        }
        return record(raw, bindings);
      }
      return of(raw);
    }
    if (!(type instanceof Class<?> c)) {
      return Map.of();
    }
    if (c == OpenAiWire.RawJson.class) {
      return Map.of(); // JSON written as it came: any value
    }
    if (c.isRecord()) {
      return record(c, Map.of());
    }
    if (c.isArray()) {
      return Map.of("type", "array", "items", of(c.getComponentType()));
    }
    if (c == String.class || c == char.class || c == Character.class) {
      return Map.of("type", "string");
    }
    if (c == Instant.class) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (c == boolean.class || c == Boolean.class) {
      return Map.of("type", "boolean");
    }
    if (c == int.class || c == Integer.class) {
      return Map.of("type", "integer", "format", "int32");
    }
    if (c == long.class || c == Long.class || c == short.class || c == Short.class || c == BigInteger.class) {
      return Map.of("type", "integer");
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
      return Map.of("type", "number");
    }
    if (c.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return Map.of("type", "string", "enum", names);
    }
    if (Collection.class.isAssignableFrom(c)) {
      return Map.of("type", "array");
    }
    if (Map.class.isAssignableFrom(c)) {
      return Map.of("type", "object");
    }
    return Map.of();
  }

  private static Map<String, Object> record(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      properties.put(name(c), of(bound(c.getGenericType(), bindings)));
      if (!optional(c)) {
        required.add(name(c));
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return schema;
  }

  /** {@code type} with the bound type variables put in: {@code List<T>} becomes {@code List<Entry>}. */
  private static Type bound(Type type, Map<TypeVariable<?>, Type> bindings) {
    if (type instanceof TypeVariable<?> v) {
      return bindings.getOrDefault(v, Object.class);
    }
    if (type instanceof ParameterizedType p && !bindings.isEmpty()) {
      Type[] arguments = p.getActualTypeArguments().clone();
      for (int i = 0; i < arguments.length; i++) {
        arguments[i] = bound(arguments[i], bindings);
      }
      return Types.newParameterizedTypeWithOwner(p.getOwnerType(), p.getRawType(), arguments);
    }
    return type;
  }

  /** The component's JSON field name: its {@code @Json(name)} or its own name. */
  static String name(RecordComponent c) {
    Json json = c.getAnnotation(Json.class);
    if (json == null && c.getAccessor() != null) {
      json = c.getAccessor().getAnnotation(Json.class);
    }
    return json == null ? c.getName() : json.name();
  }

  /** Whether the field may be absent: its type is marked {@link Nullable}. */
  static boolean optional(RecordComponent c) {
    return c.getAnnotatedType().isAnnotationPresent(Nullable.class) || c.isAnnotationPresent(Nullable.class);
  }

  /**
   * Checks that parsed request records (and the records inside them) hold every required field. What to check of a
   * record type is found by reflection once per type and kept; a check itself reads each component through a method
   * handle and builds a field's path ({@code messages[2].role}) only for the error. Thread-safe.
   */
  static final class RequiredFields {
    /** A record component as the check needs it. */
    private record Component(String name, MethodHandle accessor, boolean optional) {}

    private final ClassValue<List<Component>> components = new ClassValue<>() {
      @Override
      protected List<Component> computeValue(Class<?> type) {
        List<Component> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
          Method accessor = c.getAccessor();
          accessor.setAccessible(true);
          try {
            out.add(new Component(name(c), MethodHandles.lookup().unreflect(accessor), optional(c)));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + type.getSimpleName(), e);
          }
        }
        return List.copyOf(out);
      }
    };

    /**
     * Throws a 400 naming the first required field that a parsed record (or the records inside it) lacks, as
     * {@code messages[2].role}.
     */
    void check(Object value) {
      String missing = firstMissing(value);
      if (missing != null) {
        throw new InvalidRequestException("'" + missing + "' is required", missing);
      }
    }

    private @Nullable String firstMissing(Object value) {
      if (value instanceof Record record) {
        for (Component c : components.get(record.getClass())) {
          Object v;
          try {
            v = c.accessor().invoke(record);
          } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + c.name() + " of " + record.getClass().getSimpleName(),
                e);
          }
          if (v == null) {
            if (!c.optional()) {
              return c.name();
            }
          } else {
            String inner = firstMissing(v);
            if (inner != null) {
              return inner.startsWith("[") ? c.name() + inner : c.name() + "." + inner;
            }
          }
        }
      } else if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          Object item = list.get(i);
          String inner = item == null ? null : firstMissing(item);
          if (inner != null) {
            return "[" + i + "]" + (inner.startsWith("[") ? inner : "." + inner);
          }
        }
      }
      return null;
    }
  }
}
