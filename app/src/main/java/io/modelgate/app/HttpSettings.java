package io.modelgate.app;

import io.modelgate.core.model.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP service's part of the {@link Configuration}: the address and port to listen on, the origins CORS allows,
 * the request body limit, the admin key to bootstrap with, how often providers' health is probed (zero: never), and
 * how long a stream may be silent before a keep-alive comment is sent, and how long requests in flight may take to
 * finish once the service is told to stop (zero: they are ended at once), and how long the Responses API keeps a
 * reply it was asked to store.
 */
public record HttpSettings(String host, int port, List<String> corsOrigins, long maxBodyBytes,
    @Nullable Secret adminKey, Duration healthInterval, Duration keepAlive, Duration drainTimeout,
    Duration responsesRetention) {
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  public static final Duration DEFAULT_RESPONSES_RETENTION = Duration.ofDays(30);

  /** Settings that keep stored responses for the default retention. */
  public HttpSettings(String host, int port, List<String> corsOrigins, long maxBodyBytes, @Nullable Secret adminKey,
      Duration healthInterval, Duration keepAlive, Duration drainTimeout) {
    this(host, port, corsOrigins, maxBodyBytes, adminKey, healthInterval, keepAlive, drainTimeout,
        DEFAULT_RESPONSES_RETENTION);
  }

  public HttpSettings {
    Objects.requireNonNull(host, "'host' must not be null");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("'port' must be between 0 and 65535, was " + port);
    }
    corsOrigins = List.copyOf(corsOrigins);
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("'maxBodyBytes' must be positive, was " + maxBodyBytes);
    }
    if (healthInterval.isNegative()) {
      throw new IllegalArgumentException("'healthInterval' must not be negative, was " + healthInterval);
    }
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("'keepAlive' must be positive, was " + keepAlive);
    }
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("'drainTimeout' must not be negative, was " + drainTimeout);
    }
    if (responsesRetention.isNegative() || responsesRetention.isZero()) {
      throw new IllegalArgumentException("'responsesRetention' must be positive, was " + responsesRetention);
    }
  }

  /** These settings listening on {@code port} instead. */
  public HttpSettings withPort(int value) {
    return new HttpSettings(host, value, corsOrigins, maxBodyBytes, adminKey, healthInterval, keepAlive,
        drainTimeout, responsesRetention);
  }

  public boolean allowsOrigin(String origin) {
    return corsOrigins.contains(origin) || corsOrigins.contains("*");
  }
}
