package io.modelgate.adapter.http;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.RequestId;
import io.modelgate.core.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request being served: the exchange on its connection, the route's path parameters, who is calling, the
 * request id, and the helpers every handler uses — the body with its size limit, JSON answers, the route headers
 * and the start of a stream.
 */
final class Call {
  static final String REQUEST_ID = "x-modelgate-request-id";

  private final Exchange exchange;
  private final Map<String, String> parameters;
  private final JsonCodec json;
  private final long maxBody;
  private final RequestId requestId;
  private @Nullable CallerContext caller;
  private @Nullable Fields body;
  private @Nullable Record record;
  private boolean streaming;
  private Endpoint.Dialect dialect = Endpoint.Dialect.OPENAI;
  private byte @Nullable [] bytes;
  private @Nullable Served served;

  /**
   * The model call a request made, as the access log shows it: the model and provider, its tokens and cost, and how
   * many upstream attempts it took (more than one after a retry or a fallback).
   */
  record Served(String model, String provider, Usage usage, BigDecimal cost, int attempts) {}

  Call(Exchange exchange, Map<String, String> parameters, JsonCodec json, long maxBody, RequestId requestId) {
    this.exchange = exchange;
    this.parameters = parameters;
    this.json = json;
    this.maxBody = maxBody;
    this.requestId = requestId;
    exchange.header(REQUEST_ID, requestId.value());
  }

  /** Notes the model call this request made, for the access log. */
  void served(Route route, Usage usage, BigDecimal cost) {
    served = new Served(route.servedId().toString(), route.instance().id(), usage, cost,
        Math.max(1, route.attempts().size()));
  }

  /** The model call this request made, if it made one that ended. */
  @Nullable Served served() {
    return served;
  }

  /** The protocol the endpoint speaks, which shapes its errors. */
  Endpoint.Dialect dialect() {
    return dialect;
  }

  void dialect(Endpoint.Dialect value) {
    dialect = value;
  }

  /** The exchange on the connection, for the server's own bookkeeping (handlers use the methods here). */
  Exchange exchange() {
    return exchange;
  }

  /** The request's method, as written on its request line. */
  String method() {
    return exchange.method();
  }

  /** The request's path, percent-decoded, without the query. */
  String requestPath() {
    return URLDecoder.decode(exchange.rawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  RequestId requestId() {
    return requestId;
  }

  /** The caller; only endpoints open to anyone have none. */
  CallerContext caller() {
    if (caller == null) {
      throw new IllegalStateException("no caller on a public endpoint");
    }
    return caller;
  }

  void caller(CallerContext value) {
    caller = value;
  }

  /**
   * The caller in the conversation and for the agent a body names ({@code conversation_id}, {@code agent_id}), each
   * taking the place of its header's; a bad agent id is a 400 naming {@code agent_id}.
   */
  CallerContext caller(@Nullable String conversation, @Nullable String agent) {
    CallerContext base = caller();
    return Fields.checked(() -> (conversation == null ? base : base.inConversation(conversation))
        .forAgent(agent != null ? agent : base.agentId()));
  }

  boolean hasCaller() {
    return caller != null;
  }

  /** The id of the authenticated user. */
  String principal() {
    String p = caller().principal();
    if (p == null) {
      throw new IllegalStateException("authenticated caller without a principal");
    }
    return p;
  }

  /** Whether the response is under way as a stream (an error can then no longer change its status). */
  boolean streaming() {
    return streaming;
  }

  // ---- reading --------------------------------------------------------------------------------------------------

  /** The body as a JSON object; 400 when it is not one, 413 when over the limit. */
  Fields body() {
    if (body == null) {
      body = Fields.of(json.readObject(bodyBytes()));
    }
    return body;
  }

  /**
   * The body as the request record that describes it (and the OpenAPI document shows): 400 naming the field when
   * one has the wrong type or a required one is missing.
   */
  <R extends Record> R body(Class<R> type) {
    if (type.isInstance(record)) {
      return type.cast(record);
    }
    R value = json.readRecord(body().asMap(), type);
    record = value;
    return value;
  }

  /** Whether the request carries a body at all (a POST may come without one where its fields are optional). */
  boolean hasBody() {
    return bytes != null ? bytes.length > 0 : exchange.hasBody();
  }

  /** The body's bytes, read once (with the size limit) and kept. */
  byte[] bodyBytes() {
    if (bytes == null) {
      bytes = readBody();
    }
    return bytes;
  }

  private byte[] readBody() {
    if (exchange.contentLength() > maxBody) {
      throw new PayloadTooLargeException(maxBody);
    }
    try (InputStream in = exchange.body()) {
      long declared = exchange.contentLength();
      if (declared > 0) {
        // Read into an array of the declared size: readNBytes(limit) would first fill 16 KB chunks, then copy.
        byte[] bytes = new byte[(int) declared];
        int n = in.readNBytes(bytes, 0, bytes.length);
        return n == bytes.length ? bytes : Arrays.copyOf(bytes, n);
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
      if (bytes.length > maxBody) {
        throw new PayloadTooLargeException(maxBody);
      }
      return bytes;
    } catch (IOException e) {
      throw new InvalidRequestException("the request body could not be read", null);
    }
  }

  String path(String name) {
    String raw = parameters.get(name);
    if (raw == null) {
      throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
    }
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  /** The query parameter's first value, decoded and stripped; empty when absent or blank. */
  Optional<String> query(String name) {
    String query = exchange.rawQuery();
    int from = 0;
    while (from <= query.length() && !query.isEmpty()) {
      int amp = query.indexOf('&', from);
      int end = amp < 0 ? query.length() : amp;
      int eq = query.indexOf('=', from);
      int nameEnd = eq < 0 || eq > end ? end : eq;
      if (URLDecoder.decode(query.substring(from, nameEnd), StandardCharsets.UTF_8).equals(name)) {
        String value = nameEnd == end ? "" : URLDecoder.decode(query.substring(nameEnd + 1, end),
            StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      }
      if (amp < 0) {
        break;
      }
      from = amp + 1;
    }
    return Optional.empty();
  }

  boolean queryFlag(String name) {
    return query(name).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
  }

  Optional<String> header(String name) {
    return exchange.header(name);
  }

  /** The value of the request's cookie {@code name}, if it sent one. */
  Optional<String> cookie(String name) {
    for (Http1Framing.Field f : exchange.fields()) {
      if (!f.is("Cookie")) {
        continue;
      }
      for (String pair : f.value().split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          String value = pair.substring(eq + 1).strip();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  // ---- answering ------------------------------------------------------------------------------------------------

  void header(String name, String value) {
    exchange.header(name, headerSafe(value));
  }

  void json(int status, Object value) {
    send(status, "application/json", json.encode(value));
  }

  /** As {@link #json}, with null fields written out, for shapes whose clients expect every field. */
  void jsonWithNulls(int status, Object value) {
    send(status, json.writeWithNulls(value));
  }

  void send(int status, byte[] jsonBody) {
    send(status, "application/json", jsonBody);
  }

  /** Sends {@code body} as the whole answer, of {@code contentType}. */
  void send(int status, String contentType, byte[] body) {
    exchange.status(status);
    exchange.header("Content-Type", contentType);
    exchange.send(body);
  }

  /** As {@link #send(int, String, byte[])}, the body sent from the buffer it was written to (which is emptied). */
  void send(int status, String contentType, okio.Buffer body) {
    exchange.status(status);
    exchange.header("Content-Type", contentType);
    exchange.send(body);
  }

  /**
   * Sends a JSON body that callers may keep and revalidate: an {@code ETag} of its bytes, {@code no-cache} (a copy
   * is checked with us before each use, so a model an admin switched on or off shows at once on every replica),
   * and 304 with no body when {@code If-None-Match} already holds that tag.
   */
  void cacheableJson(Object value) {
    cacheableJson(value, REVALIDATE);
  }

  /** The {@code Cache-Control} of {@link #cacheableJson(Object)}: kept by the caller alone, checked before each use. */
  static final String REVALIDATE = "private, no-cache";

  /** As {@link #cacheableJson(Object)}, with the {@code Cache-Control} a route chooses. */
  void cacheableJson(Object value, String cacheControl) {
    cacheable(json.writeTagged(value), cacheControl);
  }

  /**
   * As {@link #cacheableJson(Object, String)}, for an answer already encoded and tagged. An answer of
   * {@link #COMPRESSED_FROM} bytes or more goes gzip-compressed to a caller that accepts it (compressed once per
   * answer, see {@link JsonCodec#gzipped}), with a tag of its own; either tag revalidates.
   */
  void cacheable(JsonCodec.Tagged answer, String cacheControl) {
    JsonCodec.Tagged sent = answer.bytes().length >= COMPRESSED_FROM && acceptsGzip() ? json.gzipped(answer) : answer;
    exchange.header("ETag", sent.tag());
    exchange.header("Cache-Control", cacheControl);
    exchange.header("Vary", "Authorization, Accept-Encoding");
    String ifNoneMatch = exchange.header("If-None-Match").orElse("");
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(answer.tag()) || c.equals(JsonCodec.gzippedTag(answer.tag())) || c.equals("*")) {
        exchange.status(304);
        exchange.send();
        return;
      }
    }
    if (sent != answer) {
      exchange.header("Content-Encoding", "gzip");
    }
    // A large body (a prepared model list of megabytes) is written from a native copy made once, not copied per send.
    exchange.status(200);
    exchange.header("Content-Type", "application/json");
    exchange.send(sent.bytes(), sent.tag());
  }

  /**
   * The size from which a cacheable answer is compressed for a caller that accepts gzip: below it the bytes saved
   * are a packet or two.
   */
  static final int COMPRESSED_FROM = 16 * 1024;

  /** Whether the request's {@code Accept-Encoding} takes gzip (named, or {@code *}, with a q-value above 0). */
  boolean acceptsGzip() {
    String accepted = exchange.header("Accept-Encoding").orElse("");
    boolean any = false;
    for (String item : accepted.split(",")) {
      String[] parts = item.split(";");
      String coding = parts[0].strip();
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip();
        if (p.startsWith("q=") || p.startsWith("Q=")) {
          refused = p.substring(2).strip().matches("0(\\.0{0,3})?");
        }
      }
      if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
        return !refused;
      }
      any |= coding.equals("*") && !refused;
    }
    return any;
  }

  void noContent() {
    exchange.status(204);
    exchange.send();
  }

  void fail(Problem problem) {
    String retry = problem.retryAfterSeconds();
    if (retry != null) {
      exchange.header("Retry-After", retry);
    }
    send(problem.status(), dialect == Endpoint.Dialect.OPENAI
        ? json.writeWithNulls(problem.body()) : json.write(problem.body(dialect)));
  }

  /**
   * The headers that tell a caller which model served and how it was chosen; {@code x-modelgate-requested-model}
   * only when the call named one.
   */
  void routeHeaders(Route route) {
    String served = route.servedId().toString();
    header("x-modelgate-model", served);
    // Seed 000's clients read the model that answered from this header.
    header("X-Halext-AI-Model", served);
    if (route.requested() != null) {
      header("x-modelgate-requested-model", route.requested());
    }
    header("x-modelgate-provider", route.instance().id());
    header("x-modelgate-route", route.trail());
    if (!route.attempts().isEmpty()) {
      header("x-modelgate-attempts", route.attempts().stream().map(Object::toString)
          .collect(java.util.stream.Collectors.joining(", ")));
    }
    if (route.requestedDeprecated()) {
      CatalogEntry asked = route.requestedEntry();
      header("Deprecation", asked != null && asked.deprecatedAt() != null
          ? "@" + asked.deprecatedAt().getEpochSecond() : "true");
      String successor = asked != null && asked.successor() != null ? asked.successor().toString() : served;
      header("Link", "</v1/models/" + successor + ">; rel=\"successor-version\"");
    }
  }

  void costHeader(BigDecimal cost) {
    header("x-modelgate-cost-usd", cost.toPlainString());
  }

  /** Commits a 200 event stream and returns its body; each frame must be flushed by the writer. */
  OutputStream startEventStream() {
    return startUnbuffered("text/event-stream; charset=utf-8");
  }

  /** Commits a 200 stream of newline-delimited JSON (Ollama's streaming); each line must be flushed by the writer. */
  OutputStream startNdjsonStream() {
    return startUnbuffered("application/x-ndjson");
  }

  /** A 200 stream that no cache or proxy should hold back. */
  private OutputStream startUnbuffered(String contentType) {
    streaming = true;
    exchange.status(200);
    exchange.header("Content-Type", contentType);
    exchange.header("Cache-Control", "no-cache");
    exchange.header("X-Accel-Buffering", "no");
    return exchange.outputStream();
  }

  /** Commits a 200 binary stream of {@code contentType}. */
  OutputStream startStream(String contentType) {
    streaming = true;
    exchange.status(200);
    exchange.header("Content-Type", contentType);
    return exchange.outputStream();
  }

  JsonCodec json() {
    return json;
  }

  /** Header values are printable ASCII: arrows become {@code ->}, anything else is percent-encoded, long ones cut. */
  static String headerSafe(String value) {
    if (value.length() <= HEADER_VALUE_MAX && printableAscii(value)) {
      return value; // nothing to replace, encode or cut: most values (ids, model names, numbers)
    }
    String v = value.replace("→", "->");
    StringBuilder out = new StringBuilder(v.length());
    for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (keptAsIs(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
      if (out.length() > HEADER_VALUE_MAX) {
        out.append("...");
        break;
      }
    }
    return out.toString();
  }

  /** The length past which {@link #headerSafe} cuts a value (and adds {@code ...}). */
  private static final int HEADER_VALUE_MAX = 2_000;

  /** Whether every character of {@code value} is {@link #keptAsIs}: a header value as it is. */
  private static boolean printableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!keptAsIs(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@link #headerSafe} keeps {@code c} as it is: printable ASCII other than {@code %}. */
  private static boolean keptAsIs(int c) {
    return c >= 0x20 && c < 0x7f && c != '%';
  }
}
