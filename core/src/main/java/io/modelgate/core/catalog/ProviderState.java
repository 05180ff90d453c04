package io.modelgate.core.catalog;

import io.modelgate.core.model.HealthState;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the catalog last saw of a provider instance: its health, when, how fast, and the last error. */
public record ProviderState(
    String provider, HealthState health, @Nullable Instant lastChecked, @Nullable Duration latency,
    @Nullable String error) {}
