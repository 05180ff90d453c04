package io.modelgate.provider.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Retries, once and at once on a fresh connection, a request of which not one byte was written, so the upstream
 * never saw it: one whose pooled connection the upstream had already closed (Node, uvicorn/vLLM and many proxies
 * close idle connections after a few seconds, and OkHttp looks closely at a pooled HTTP/1 connection only after it
 * has been idle 10 s, so the request would be written into a dead socket and fail with "unexpected end of
 * stream"), and one that failed before it reached the network at all (the connection could not be made). Never a
 * request that was written, answered (a 408 included), timed out or cancelled, nor one whose body cannot be sent
 * twice: nothing the upstream may have seen is sent again.
 *
 * <p>Two interceptors share the state. {@link #watching()}, a network interceptor, runs after OkHttp has picked
 * the connection and before it writes: on a pooled HTTP/1 connection it checks, without blocking (1 ms), whether
 * the upstream has closed it (or sent something unasked, such as a parting 408), and if so fails the exchange
 * there, before any byte is written. {@link #retrying()}, an application interceptor, decides. Thread-safe.
 */
final class SafeRetry {
  /** How far a call's exchange got. */
  private enum Attempt { FOUND_CLOSED, WRITING }

  /** Thrown before writing when the pooled connection turns out to be closed. */
  static final class ClosedPooledConnectionException extends IOException {
    ClosedPooledConnectionException(String message) {
      super(message);
    }
  }

  private final ConnectionPool pool;
  /** Connections that have carried an exchange: the next exchange on one of them reuses a pooled connection. */
  private final Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private final Map<Call, Attempt> attempts = new ConcurrentHashMap<>();

  SafeRetry(ConnectionPool pool) {
    this.pool = pool;
  }

  Interceptor retrying() {
    return new Retrying();
  }

  Interceptor watching() {
    return this::watch;
  }

  private Response watch(Interceptor.Chain chain) throws IOException {
    Connection connection = chain.connection();
    if (connection != null && !used.add(connection) && connection.protocol() != Protocol.HTTP_2
        && connection.protocol() != Protocol.H2_PRIOR_KNOWLEDGE && closedByPeer(connection.socket())) {
      attempts.put(chain.call(), Attempt.FOUND_CLOSED);
      throw new ClosedPooledConnectionException("the upstream had closed the pooled connection");
    }
    attempts.put(chain.call(), Attempt.WRITING);
    return chain.proceed(chain.request());
  }

  /**
   * Whether the upstream has closed an idle HTTP/1 connection (end of stream) or sent on it unasked: a 1 ms read,
   * which on a healthy idle connection times out (as OkHttp's own deep check does). A byte read means the
   * connection is unusable anyway; OkHttp closes it when the exchange fails.
   */
  private static boolean closedByPeer(Socket socket) {
    try {
      int timeout = socket.getSoTimeout();
      try {
        socket.setSoTimeout(1);
        socket.getInputStream().read(); // -1: closed; a byte: something nobody asked for; unusable either way
        return true;
      } catch (SocketTimeoutException idle) {
        return false;
      } finally {
        socket.setSoTimeout(timeout);
      }
    } catch (IOException e) {
      return true;
    }
  }

  /** The application interceptor; its own type so {@link ProviderHttp} can tell a client already has it. */
  final class Retrying implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      try {
        return chain.proceed(request);
      } catch (IOException e) {
        Attempt attempt = attempts.remove(chain.call());
        if (!safeToRetry(chain.call(), request, attempt, e)) {
          throw e;
        }
        // The upstream closes idle connections: the other idle ones in the pool may be as dead as this one.
        pool.evictAll();
        return chain.proceed(request);
      } finally {
        attempts.remove(chain.call());
      }
    }
  }

  private static boolean safeToRetry(Call call, Request request, @Nullable Attempt attempt, IOException e) {
    if (call.isCanceled() || e instanceof InterruptedIOException
        || (request.body() != null && request.body().isOneShot())) {
      return false;
    }
    // No attempt recorded: the call failed before its exchange reached the network (no connection could be made).
    return attempt == null || attempt == Attempt.FOUND_CLOSED;
  }
}
