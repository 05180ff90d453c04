package io.modelgate.core.port;

import io.modelgate.core.model.HealthStatus;

/** Checks whether one provider instance answers, and how fast. Never throws: a failure is a DOWN status. */
public interface HealthProbe {
  HealthStatus probe();
}
