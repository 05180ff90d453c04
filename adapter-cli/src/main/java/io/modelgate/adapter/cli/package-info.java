/**
 * The command-line interface: picocli commands that parse, call the core services and render tables or JSON, wired
 * with Dagger. {@link io.modelgate.adapter.cli.Main} is the entry point.
 */
package io.modelgate.adapter.cli;
