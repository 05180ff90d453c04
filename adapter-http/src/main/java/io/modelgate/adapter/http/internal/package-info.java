/**
 * Classes public only because a framework makes them by name: the logback converters that redact secrets from
 * every log line ({@code %secretMsg}, {@code %secretEx}) and the encoder that writes lines as text or redacted JSON
 * ({@code MODELGATE_LOG_FORMAT}), and the appender that writes the access log in batches from a thread of its own,
 * set up by the CLI's {@code LogbackSetup}.
 */
@NullMarked
package io.modelgate.adapter.http.internal;

import org.jspecify.annotations.NullMarked;
