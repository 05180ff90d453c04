package io.modelgate.core.routing;

/** Why a model cannot serve a call: each hop routing skips names one, and the router's answer depends on it. */
public enum Refusal {
  /** No such model, or it is on a provider the caller cannot see. */
  NOT_IN_CATALOG,
  /** The model exists, but not in the category asked for (a text model asked to embed). */
  WRONG_CATEGORY,
  /** Its provider is switched off. */
  PROVIDER_OFF,
  PENDING,
  DISABLED,
  DEPRECATED,
  /** The access policy (the caller's org's allowed models) refuses it. */
  NOT_ALLOWED,
  /** Its provider was last seen down. */
  PROVIDER_DOWN,
  /** Its circuit breaker (or its provider's) is open after failures. */
  CIRCUIT_OPEN
}
