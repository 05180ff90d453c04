package io.modelgate.core.provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelgate.core.error.UnsupportedCapabilityException;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Connects provider instances through their drivers with the key that applies to the caller, and keeps the
 * connections (keyed by the instance's configuration and a fingerprint of the key, never the key) for reuse.
 */
@Singleton
public final class ProviderConnections {
  private record CacheKey(ProviderInstance instance, String keyFingerprint) {}

  private final Map<ProviderKind, ProviderDriver> drivers = new EnumMap<>(ProviderKind.class);
  private final CredentialResolver credentials;
  private final Cache<CacheKey, ProviderConnection> connections =
      Caffeine.newBuilder().maximumSize(1_000).expireAfterAccess(Duration.ofHours(1)).build();

  private final OutboundPolicy outbound;

  public ProviderConnections(Set<ProviderDriver> drivers, CredentialResolver credentials) {
    this(drivers, credentials, new OutboundPolicy(Map.of()));
  }

  /** Connections whose instances carry, when {@code outbound} guards them, what their drivers need to guard them. */
  @Inject
  public ProviderConnections(Set<ProviderDriver> drivers, CredentialResolver credentials, OutboundPolicy outbound) {
    this.outbound = outbound;
    for (ProviderDriver driver : drivers) {
      for (ProviderKind kind : driver.kinds()) {
        this.drivers.put(kind, driver);
      }
    }
    this.credentials = credentials;
  }

  public boolean supports(ProviderKind kind) {
    return drivers.containsKey(kind);
  }

  /** The drivers, one per kind they serve. */
  public List<ProviderDriver> drivers() {
    return drivers.values().stream().distinct().toList();
  }

  /** A connection to {@code instance} for a call on behalf of {@code userId} (null for shared or system calls). */
  public ProviderConnection connect(ProviderInstance instance, @Nullable String userId) {
    ProviderDriver driver = drivers.get(instance.kind());
    if (driver == null) {
      throw new UnsupportedCapabilityException("no provider module for kind '" + instance.kind().wireName()
          + "' is installed (instance '" + instance.id() + "')");
    }
    Optional<Secret> key = credentials.keyFor(instance, userId);
    CacheKey cacheKey = new CacheKey(instance, key.map(Secret::fingerprint).orElse(""));
    return connections.get(cacheKey, k -> driver.connect(outbound.stamp(instance), key.orElse(null)));
  }

  /** A fingerprint of the key that applies, for caches that must tell keys apart; "" when keyless. */
  public String keyFingerprint(ProviderInstance instance, @Nullable String userId) {
    return credentials.keyFor(instance, userId).map(Secret::fingerprint).orElse("");
  }
}
