package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The console's own shapes: who is signed in, sessions, and the events of {@code /api/events}. */
final class ConsoleWire {
  private ConsoleWire() {}

  /** Who is signed in; the CSRF token only for a cookie session (never the gateway key). */
  public record Who(
      @Json(name = "user_id") @Nullable String userId,
      @Nullable String name,
      String role,
      @Json(name = "org_id") @Nullable String orgId,
      @Json(name = "key_prefix") @Nullable String keyPrefix,
      @Json(name = "session_id") @Nullable String sessionId,
      @Json(name = "expires_at") @Nullable String expiresAt,
      @Json(name = "csrf_token") @Nullable String csrfToken) {}

  public record Session(
      String id,
      @Json(name = "user_id") String userId,
      @Json(name = "key_prefix") String keyPrefix,
      @Json(name = "created_at") String createdAt,
      @Json(name = "expires_at") String expiresAt,
      @Json(name = "revoked_at") @Nullable String revokedAt,
      boolean active,
      @Json(name = "user_agent") @Nullable String userAgent,
      boolean current) {}

  public record Sessions(List<Session> data) {}

  public record Revoked(String id, boolean revoked) {}

  public record Event(long id, String type, String at, String provider, @Nullable String model,
      @Nullable String category, @Nullable String before, @Nullable String after) {}

  public record Reset(String reason) {}
}
