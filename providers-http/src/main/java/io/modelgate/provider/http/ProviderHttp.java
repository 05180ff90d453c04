package io.modelgate.provider.http;

import io.modelgate.core.model.ProviderInstance;
import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one place the provider protocol modules build their OkHttp clients. Every client it gives has the default
 * timeouts (connect {@link #CONNECT_TIMEOUT}, read {@link #DEFAULT_READ_TIMEOUT} or the instance's own), OkHttp's
 * silent retries off (it would resend a request after a 408 or after a failure the upstream may have seen: a chat
 * POST sent twice may be billed twice), and instead {@link SafeRetry}: a request that failed on a pooled connection
 * the upstream had already closed, or before any byte of it was written, is tried once more at once on a fresh
 * connection. An instance that {@link io.modelgate.core.provider.OutboundPolicy} guards (a member's provider) also
 * gets {@link OutboundGuard}: only public addresses (or the allowed networks), checked at every connection. Every
 * request carries the W3C {@code traceparent} of the attempt that made it, when one is traced ({@link TraceContext}).
 * Okio's timeout watchdog is paced ({@link WatchdogPacer}), so a call's timeouts do not wake it, and it alone ends a
 * read that passes a read timeout of a second or more ({@link WatchdogTimedSockets}: no timed park per read).
 */
public final class ProviderHttp {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);
  /**
   * Idle connections kept per client, for reuse by the next call: as many as the calls a busy gateway has in flight
   * to one upstream, so none is closed after a burst only to be opened again (OkHttp's default keeps five). HTTP/2
   * upstreams (negotiated by ALPN over TLS) need one connection for all their calls.
   */
  static final int MAX_IDLE_CONNECTIONS = 512;
  static final Duration KEEP_ALIVE = Duration.ofMinutes(5);

  private ProviderHttp() {}

  /**
   * A new client; a driver makes one and shares it (its connection pool and dispatcher) across its instances. Its
   * pool keeps up to {@value #MAX_IDLE_CONNECTIONS} idle connections alive for {@link #KEEP_ALIVE}.
   */
  public static OkHttpClient newClient() {
    WatchdogPacer.install();
    return withPolicy(new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(DEFAULT_READ_TIMEOUT)
        .socketFactory(new WatchdogTimedSockets()),
        IdlePool.create(MAX_IDLE_CONNECTIONS, KEEP_ALIVE))
        .build();
  }

  /**
   * {@code shared} for one instance: its read timeout ({@link ProviderInstance#READ_TIMEOUT_OPTION}), and the
   * transport policy above when {@code shared} (a client handed in from outside) lacks it.
   */
  public static OkHttpClient forInstance(OkHttpClient shared, ProviderInstance instance) {
    WatchdogPacer.install();
    OkHttpClient.Builder builder = shared.newBuilder().readTimeout(instance.readTimeout(DEFAULT_READ_TIMEOUT));
    boolean hasPolicy = shared.interceptors().stream().anyMatch(SafeRetry.Retrying.class::isInstance);
    builder = hasPolicy ? builder : withPolicy(builder, shared.connectionPool());
    if (OutboundGuard.guards(instance)) {
      builder = OutboundGuard.apply(builder, shared.dns(), instance);
    }
    return builder.build();
  }

  private static OkHttpClient.Builder withPolicy(OkHttpClient.Builder builder, ConnectionPool pool) {
    SafeRetry retry = new SafeRetry(pool);
    return builder
        .connectionPool(pool)
        .retryOnConnectionFailure(false)
        .eventListenerFactory(TraceContext.capturing())
        .addInterceptor(TraceContext.injecting())
        .addInterceptor(retry.retrying())
        .addNetworkInterceptor(retry.watching());
  }
}
