package io.modelgate.core.routing;

import java.util.Locale;

/** One step routing took, with what it saw: {@code skipped: openai:gpt-4 is disabled}. */
public record RouteStep(Kind kind, String detail) {
  /** What a step did. */
  public enum Kind {
    /** The model named in the request serves. */
    CHOSEN,
    /** A model of the alias named in the request serves. */
    ALIAS,
    /** A candidate could not serve; the detail says which and why. */
    SKIPPED,
    /** An automatic migration replaced the model asked for. */
    MIGRATION,
    /** The replaced model's provider's default for the category serves. */
    PROVIDER_DEFAULT,
    /** The server-wide default serves in place of the model asked for. */
    GLOBAL_DEFAULT,
    /** The conversation's pinned model serves a call that named none. */
    CONVERSATION,
    /** The default of the agent the call came from (seed 002's agent-level default). */
    AGENT_DEFAULT,
    /** The user's preferred model (or their default provider config's) serves. */
    USER_PREFERENCE,
    /** The org's default serves. */
    ORG_DEFAULT,
    /** The server default serves a call that named nothing and had no preference. */
    SERVER_DEFAULT,
    /** No default could serve: the first enabled model of the category on a provider that is up. */
    FIRST_AVAILABLE,
    /** The chosen model's targets all failed; a fallback model served. */
    FAILOVER;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The name on the wire: {@code provider-default}. */
    public String wireName() {
      return wireName;
    }
  }

  public RouteStep {
    if (kind == null) {
      throw new IllegalArgumentException("'kind' must not be null");
    }
    if (detail == null) {
      throw new IllegalArgumentException("'detail' must not be null");
    }
  }

  @Override
  public String toString() {
    return kind.wireName() + ": " + detail;
  }
}
