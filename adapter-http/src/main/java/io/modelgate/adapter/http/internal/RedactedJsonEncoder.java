package io.modelgate.adapter.http.internal;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.modelgate.core.error.Redaction;
import java.nio.charset.StandardCharsets;

/**
 * Logback's JSON encoder (one object per line: time, level, logger, the formatted message, MDC, key-value pairs,
 * exception) with every secret the process knows redacted from the whole line, as {@code %secretMsg} does for text.
 * The unformatted message and its arguments are left out: the formatted message says it once.
 */
public final class RedactedJsonEncoder extends JsonEncoder {
  public RedactedJsonEncoder() {
    setWithFormattedMessage(true);
    setWithMessage(false);
    setWithArguments(false);
    setWithSequenceNumber(false);
    setWithContext(false);
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return Redaction.redact(new String(super.encode(event), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
  }
}
