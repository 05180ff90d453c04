package io.modelgate.adapter.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.modelgate.adapter.http.internal.LogFormatEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Every log line from creation to {@link #close}, at {@code level} and up, formatted as production formats it: by
 * the launcher's encoder (the CLI's {@code LogbackSetup}'s {@link LogFormatEncoder}) as text and as JSON, both kept.
 */
final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream text = new ByteArrayOutputStream();
  private final ByteArrayOutputStream json = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> textAppender;
  private final OutputStreamAppender<ILoggingEvent> jsonAppender;
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level before = root.getLevel();

  LogCapture(Level level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    textAppender = appender(context, encoder(context, "text"), text);
    jsonAppender = appender(context, encoder(context, "json"), json);
    root.setLevel(level);
    root.addAppender(textAppender);
    root.addAppender(jsonAppender);
  }

  /**
   * The launcher's encoder (the CLI's {@code LogbackSetup}) in {@code format}, with its pattern less the logger's
   * shortening.
   */
  private static LogFormatEncoder encoder(LoggerContext context, String format) {
    LogFormatEncoder encoder = new LogFormatEncoder();
    encoder.setContext(context);
    encoder.setFormat(format);
    encoder.setPattern("%level %logger: %secretMsg%n%secretEx");
    encoder.start();
    return encoder;
  }

  private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, Encoder<ILoggingEvent> encoder,
      ByteArrayOutputStream sink) {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(sink);
    appender.start();
    return appender;
  }

  /** The lines as text. */
  String text() {
    synchronized (text) {
      return text.toString(StandardCharsets.UTF_8);
    }
  }

  /** The lines as JSON, one object per line. */
  String json() {
    synchronized (json) {
      return json.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    root.detachAppender(textAppender);
    root.detachAppender(jsonAppender);
    root.setLevel(before);
  }
}
