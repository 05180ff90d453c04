/**
 * The command-line interface: picocli commands that parse and check their arguments, call a
 * {@link io.modelgate.adapter.cli.Backend} — embedded over the core services and the configured database, or remote
 * over a server's HTTP API through a Retrofit client of the shared {@code io.modelgate.wire} records — and print its
 * views, made from those records in both modes, as aligned tables or JSON. {@link io.modelgate.adapter.cli.Main} is
 * the entry point.
 */
package io.modelgate.adapter.cli;
