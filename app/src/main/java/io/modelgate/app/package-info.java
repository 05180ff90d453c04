/**
 * The assembled application shared by the HTTP service and the CLI: configuration from the environment, the
 * Dagger modules for stores and providers, and start-up ({@link io.modelgate.app.Application}).
 */
package io.modelgate.app;
