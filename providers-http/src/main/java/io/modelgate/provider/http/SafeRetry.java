package io.modelgate.provider.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.internal.connection.RealConnection;
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
 * the connection and before it writes: on a pooled HTTP/1 connection that has been idle for {@link #PROBE_AFTER}
 * or longer it checks, with a 1 ms read, whether the upstream has closed it (or sent something unasked, such as a
 * parting 408), and if so fails the exchange there, before any byte is written. A connection reused sooner is not
 * probed: servers close idle connections after seconds, not milliseconds, and the probe's 1 ms wait (more on a busy
 * core) was most of the gateway's added latency when calls follow each other. {@link #retrying()}, an application
 * interceptor, decides. Thread-safe.
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

  /**
   * How long a pooled connection may have been idle and still be used without a probe. Idle time is OkHttp's own
   * ({@link RealConnection#getIdleAtNs()}): since the connection's last exchange released it, its response read to
   * the end, or since it was made. It used to be counted from the previous response's head, so every call that
   * followed a streamed answer longer than this on its connection (most model streams) was probed, a timed read of
   * 1 ms or more before its request, although the connection had been busy until just before.
   */
  static final Duration PROBE_AFTER = Duration.ofMillis(500);

  private final ConnectionPool pool;
  private final AtomicLong probes = new AtomicLong();
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
    if (connection instanceof RealConnection pooled && connection.protocol() != Protocol.HTTP_2
        && connection.protocol() != Protocol.H2_PRIOR_KNOWLEDGE && idleNanos(pooled) >= PROBE_AFTER.toNanos()) {
      probes.incrementAndGet();
      if (closedByPeer(connection.socket())) {
        attempts.put(chain.call(), Attempt.FOUND_CLOSED);
        throw new ClosedPooledConnectionException("the upstream had closed the pooled connection");
      }
    }
    attempts.put(chain.call(), Attempt.WRITING);
    return chain.proceed(chain.request());
  }

  /**
   * How long {@code connection} was idle before this exchange took it: since its last exchange released it, or
   * since it was made (a new connection: no time at all).
   */
  private static long idleNanos(RealConnection connection) {
    long idleAt;
    synchronized (connection) { // OkHttp sets it holding the connection's lock
      idleAt = connection.getIdleAtNs();
    }
    return System.nanoTime() - idleAt;
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

  /** How many pooled connections were probed before a request was written on them. */
  long probes() {
    return probes.get();
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
