package io.modelgate.adapter.http.internal;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The launcher's encoder: {@code <format>} ({@code MODELGATE_LOG_FORMAT}) picks text — {@code <pattern>}, with the
 * {@code %secretMsg} and {@code %secretEx} conversions the configuration declares — or {@code json}, the redacted
 * {@link RedactedJsonEncoder}. One appender serves both, so logback warns of no unused one. The configuration
 * ({@code Configuration.load}) refuses any other value by name; here anything but {@code json} is text.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {
  private String format = "text";
  private String pattern = "%level %logger{20}: %secretMsg%n%secretEx";
  private @Nullable Encoder<ILoggingEvent> delegate;

  public void setFormat(@Nullable String value) {
    format = value == null ? "text" : value.strip();
  }

  public void setPattern(String value) {
    pattern = value;
  }

  @Override
  public void start() {
    Encoder<ILoggingEvent> chosen;
    if (format.equals("json")) {
      chosen = new RedactedJsonEncoder();
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(pattern);
      chosen = text;
    }
    chosen.setContext(getContext());
    chosen.start();
    delegate = chosen;
    super.start();
  }

  private Encoder<ILoggingEvent> delegate() {
    return Objects.requireNonNull(delegate, "the encoder is not started");
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate().headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate().encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate().footerBytes();
  }
}
