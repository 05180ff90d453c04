package io.modelgate.adapter.http;

import io.modelgate.app.Database;
import io.modelgate.app.HttpSettings;
import io.modelgate.app.tracing.Tracing;
import io.modelgate.core.Modelgate;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.catalog.ProviderHealthMonitor;

/**
 * What the HTTP service needs from its object graph. {@link HttpComponent} is the production graph; a test
 * declares its own component extending this one to choose other modules (a store, fake drivers).
 */
interface HttpGraph {
  /** Core's front door: started (configured providers registered) before the service listens. */
  Modelgate modelgate();

  AccountService accounts();

  HttpSettings settings();

  Api api();

  /** Probes providers' health in the background, so routing avoids the ones that are down. */
  ProviderHealthMonitor health();

  /** Whether the service serves, drains or aborts, and how many requests it serves now. */
  Lifecycle lifecycle();

  /** The service's meters; closed with the service. */
  Metrics metrics();

  /** The alert webhook's sender; closed with the service. */
  AlertWebhook alerts();

  /** The operations settings: the management port among them. */
  io.modelgate.app.OperationsSettings operations();

  /** Traces (off unless OTEL_* names an exporter); closed, flushing its spans, with the service. */
  Tracing tracing();

  /** The storage the stores use; closed with the service. */
  Database database();
}
