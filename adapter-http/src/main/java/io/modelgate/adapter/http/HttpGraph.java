package io.modelgate.adapter.http;

import io.modelgate.app.Application;
import io.modelgate.core.account.AccountService;

/**
 * What the HTTP service needs from its object graph. {@link HttpComponent} is the production graph; a test
 * declares its own component extending this one to choose other modules (a store, fake drivers).
 */
interface HttpGraph {
  Application application();

  AccountService accounts();

  HttpSettings settings();

  Api api();

  /** Probes providers' health in the background, so routing avoids the ones that are down. */
  io.modelgate.core.catalog.ProviderHealthMonitor health();

  /** Whether the service serves, drains or aborts, and how many requests it serves now. */
  Lifecycle lifecycle();

  /** The database the stores use; closed with the service. */
  io.modelgate.persistence.JdbiStores database();
}
