package io.modelgate.adapter.http.internal;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.modelgate.core.error.Redaction;

/** {@code %secretMsg}: the formatted message with every secret the process knows redacted. */
public final class RedactedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redaction.redact(super.convert(event));
  }
}
