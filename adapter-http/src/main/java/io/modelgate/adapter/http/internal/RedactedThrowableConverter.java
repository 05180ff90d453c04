package io.modelgate.adapter.http.internal;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.modelgate.core.error.Redaction;

/** {@code %secretEx}: a logged exception's messages and stack with every secret the process knows redacted. */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redaction.redact(super.convert(event));
  }
}
