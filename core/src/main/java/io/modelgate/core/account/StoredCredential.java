package io.modelgate.core.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A provider key as listed: whose, for which instance, masked ({@code sk-…xyz1}), and when last used. */
public record StoredCredential(
    String owner, String instance, String masked, Instant createdAt, @Nullable Instant lastUsedAt) {}
