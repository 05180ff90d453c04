package io.modelgate.adapter.http;

import com.squareup.moshi.Types;
import io.modelgate.wire.AdminWire;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One route of the service: method, path template ({@code /v1/models/{id}}, OpenAPI's spelling), who may call it,
 * a one-line summary for the OpenAPI document, the action, and the request record its body is parsed into (when
 * the handler reads one through {@link Call#body(Class)}), from which the document describes the body's fields and
 * which {@link Dispatcher} checks before the handler runs, the wire type of its answer, and the protocol it speaks,
 * which shapes its errors.
 */
record Endpoint(Method method, String path, Access access, String tag, String summary, Action action,
    @Nullable Class<? extends Record> body, @Nullable Type reply, Dialect dialect) {
  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

  /** Who may call an endpoint. */
  enum Access {
    /** Anyone; no key needed. */
    PUBLIC,
    /** Any caller with a valid gateway key. */
    USER,
    /** A caller whose key belongs to an admin. */
    ADMIN
  }

  /** Serves one request; a thrown {@link io.modelgate.core.error.ModelgateException} becomes the error response. */
  @FunctionalInterface
  interface Action {
    void handle(Call call) throws IOException;
  }

  /** The protocol an endpoint speaks, which decides the shape of its errors. */
  enum Dialect {
    /** OpenAI's {@code {"error":{"message","type","code","param"}}}; the service's own endpoints use it too. */
    OPENAI,
    /** Anthropic's {@code {"type":"error","error":{"type","message"}}}. */
    ANTHROPIC,
    /** Ollama's {@code {"error":"..."}}. */
    OLLAMA
  }

  Endpoint {
    Objects.requireNonNull(method, "'method' must not be null");
    Objects.requireNonNull(dialect, "'dialect' must not be null");
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("'path' must start with '/', was " + path);
    }
  }

  Endpoint(Method method, String path, Access access, String tag, String summary, Action action) {
    this(method, path, access, tag, summary, action, null, null, Dialect.OPENAI);
  }

  /** An endpoint that speaks {@code dialect}. */
  Endpoint(Method method, String path, Access access, String tag, String summary, Action action, Dialect dialect) {
    this(method, path, access, tag, summary, action, null, null, dialect);
  }

  /** This endpoint, its body described by the request record its handler parses. */
  Endpoint body(Class<? extends Record> type) {
    return new Endpoint(method, path, access, tag, summary, action, type, reply, dialect);
  }

  /**
   * This endpoint, its success answer described by the wire type it writes (a record, or a parameterised one such
   * as {@code Data<Entry>}).
   */
  Endpoint reply(Type type) {
    return new Endpoint(method, path, access, tag, summary, action, body, type, dialect);
  }

  /** This endpoint, answering a list of {@code item}s as {@code { data: [...] }} ({@link AdminWire.Data}). */
  Endpoint replyData(Class<?> item) {
    return reply(Types.newParameterizedTypeWithOwner(AdminWire.class, AdminWire.Data.class, item));
  }

  /** The path parameters in order: {@code [id]}. */
  List<String> parameters() {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(path);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
