package io.modelgate.adapter.http;

import io.modelgate.core.model.Secret;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP service's own configuration: the origins CORS allows ({@code MODELGATE_CORS_ORIGINS}, comma-separated,
 * none by default), the request body limit ({@code MODELGATE_MAX_BODY_BYTES}, 10 MiB by default) and the admin key
 * to bootstrap with ({@code MODELGATE_ADMIN_KEY}), and how often providers' health is probed
 * ({@code MODELGATE_HEALTH_INTERVAL_SECONDS}, 60 by default, 0 for never), and how long a stream may be silent
 * before a keep-alive comment is sent ({@code MODELGATE_SSE_KEEPALIVE_SECONDS}, 15 by default), and the address
 * to listen on ({@code MODELGATE_HOST}, every interface by default), and how long requests in flight may take to
 * finish once the service is told to stop ({@code MODELGATE_DRAIN_SECONDS}, 30 by default).
 */
record HttpSettings(List<String> corsOrigins, long maxBodyBytes, @Nullable Secret adminKey,
    java.time.Duration healthInterval, java.time.Duration keepAlive, String host, java.time.Duration drainTimeout) {
  static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  static final long DEFAULT_HEALTH_INTERVAL_SECONDS = 60;

  HttpSettings {
    corsOrigins = List.copyOf(corsOrigins);
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("'maxBodyBytes' must be positive, was " + maxBodyBytes);
    }
  }

  static HttpSettings fromEnvironment(Map<String, String> env) {
    String origins = env.getOrDefault("MODELGATE_CORS_ORIGINS", "");
    List<String> allowed = Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).toList();
    long limit = DEFAULT_MAX_BODY_BYTES;
    String configured = env.get("MODELGATE_MAX_BODY_BYTES");
    if (configured != null && !configured.isBlank()) {
      try {
        limit = Long.parseLong(configured.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("MODELGATE_MAX_BODY_BYTES must be a number of bytes, was '"
            + configured + "'", e);
      }
    }
    String admin = env.get("MODELGATE_ADMIN_KEY");
    long healthSeconds = seconds(env, "MODELGATE_HEALTH_INTERVAL_SECONDS", DEFAULT_HEALTH_INTERVAL_SECONDS, 0,
        "a number of seconds (0 for never)");
    long keepAliveSeconds = seconds(env, "MODELGATE_SSE_KEEPALIVE_SECONDS", 15, 1, "a positive number of seconds");
    String host = env.getOrDefault("MODELGATE_HOST", "").strip();
    long drainSeconds = seconds(env, "MODELGATE_DRAIN_SECONDS", 30, 0,
        "a number of seconds (0 ends calls in flight at once)");
    return new HttpSettings(allowed, limit, admin == null || admin.isBlank() ? null : Secret.of(admin),
        java.time.Duration.ofSeconds(healthSeconds), java.time.Duration.ofSeconds(keepAliveSeconds), host,
        java.time.Duration.ofSeconds(drainSeconds));
  }

  /** A whole number of seconds from {@code name}, at least {@code min}; {@code fallback} when unset. */
  private static long seconds(Map<String, String> env, String name, long fallback, long min, String what) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      seconds = min - 1;
    }
    if (seconds < min) {
      throw new IllegalArgumentException(name + " must be " + what + ", was '" + value + "'");
    }
    return seconds;
  }

  boolean allowsOrigin(String origin) {
    return corsOrigins.contains(origin) || corsOrigins.contains("*");
  }
}
