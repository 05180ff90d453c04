/**
 * Traces with the OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables and off unless they name
 * an exporter: {@link Tracing} is the entry point (the SDK, or nothing), {@link TracingModule} binds it and the
 * gateway's {@link io.modelgate.core.port.CallObserver}, which turns each attempt at a provider into a client span
 * with the GenAI semantic conventions' attributes.
 */
@NullMarked
package io.modelgate.app.tracing;

import org.jspecify.annotations.NullMarked;
