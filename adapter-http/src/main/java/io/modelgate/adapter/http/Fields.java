package io.modelgate.adapter.http;

import io.modelgate.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object from a request, read field by field: every wrong type is a 400 that names the field
 * ({@code messages[2].role}). Absent and {@code null} fields read as null.
 */
final class Fields {
  private static final Pattern QUOTED_NAME = Pattern.compile("'([a-z_][a-z0-9_.\\[\\]]*)'");

  private final Map<String, Object> values;
  private final String path;

  Fields(Map<String, Object> values, String path) {
    this.values = values;
    this.path = path;
  }

  static Fields of(Map<String, Object> values) {
    return new Fields(values, "");
  }

  String name(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    return values.get(field) != null;
  }

  Set<String> names() {
    return values.keySet();
  }

  @Nullable Object raw(String field) {
    return values.get(field);
  }

  InvalidRequestException invalid(String field, String problem) {
    return new InvalidRequestException("'" + name(field) + "' " + problem, name(field));
  }

  @Nullable String string(String field) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw invalid(field, "must be a string");
    }
    return s;
  }

  String requiredString(String field) {
    String s = string(field);
    if (s == null || s.isBlank()) {
      throw invalid(field, "is required");
    }
    return s;
  }

  @Nullable Double number(String field) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw invalid(field, "must be a number");
    }
    return n.doubleValue();
  }

  @Nullable Long integer(String field) {
    Double d = number(field);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d) || Math.abs(d) > 9.007199254740991E15) {
      throw invalid(field, "must be a whole number");
    }
    return d.longValue();
  }

  @Nullable Integer smallInteger(String field) {
    Long l = integer(field);
    if (l == null) {
      return null;
    }
    if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
      throw invalid(field, "is out of range");
    }
    return l.intValue();
  }

  @Nullable Boolean bool(String field) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw invalid(field, "must be true or false");
    }
    return b;
  }

  boolean bool(String field, boolean fallback) {
    Boolean b = bool(field);
    return b == null ? fallback : b;
  }

  /** A string, or an array of strings, as a list; null when absent. */
  @Nullable List<String> strings(String field) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (!(v instanceof List<?> list)) {
      throw invalid(field, "must be a string or an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw invalid(field + "[" + i + "]", "must be a string");
      }
      out.add(s);
    }
    return out;
  }

  @Nullable Fields object(String field) {
    Object v = values.get(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map<?, ?> map)) {
      throw invalid(field, "must be an object");
    }
    return new Fields(stringKeys(map), name(field));
  }

  /** The elements of an array field that must all be objects; empty when absent. */
  List<Fields> objects(String field) {
    Object v = values.get(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw invalid(field, "must be an array");
    }
    List<Fields> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        throw invalid(field + "[" + i + "]", "must be an object");
      }
      out.add(new Fields(stringKeys(map), name(field) + "[" + i + "]"));
    }
    return out;
  }

  Map<String, Object> asMap() {
    return values;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /**
   * Runs {@code build}, turning a value's own check ({@code 'temperature' must be between 0 and 2}) into a 400
   * that names the field the message quotes.
   */
  static <T> T checked(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      Matcher m = QUOTED_NAME.matcher(message);
      throw new InvalidRequestException(message, m.find() ? m.group(1) : null);
    }
  }

  /** JSON numbers arrive as doubles; whole ones go back to longs so they pass upstream as {@code 42}, not 42.0. */
  static @Nullable Object normalised(@Nullable Object value) {
    return switch (value) {
      case null -> null;
      case Double d when d == Math.rint(d) && Math.abs(d) < 9.007199254740991E15 -> d.longValue();
      case Map<?, ?> map -> {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), normalised(v)));
        yield out;
      }
      case List<?> list -> list.stream().map(Fields::normalised).toList();
      default -> value;
    };
  }
}
