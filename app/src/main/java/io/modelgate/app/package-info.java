/**
 * The assembled application shared by the HTTP service and the CLI: every setting read once
 * ({@link io.modelgate.app.Configuration}), and the Dagger modules for stores and providers from which a component
 * gets core's front door, {@link io.modelgate.core.Modelgate}. Only this module knows {@code persistence-jdbi}.
 */
package io.modelgate.app;
