package io.modelgate.adapter.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.ContextUtil;
import io.modelgate.adapter.http.internal.BatchingAppender;
import io.modelgate.adapter.http.internal.LogFormatEncoder;
import io.modelgate.adapter.http.internal.RedactedMessageConverter;
import io.modelgate.adapter.http.internal.RedactedThrowableConverter;
import java.io.BufferedOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CLI's logging, set up in code: logback finds it as a service ({@code META-INF/services}) before it looks for a
 * {@code logback.xml}. Reading an XML configuration loads logback's Joran interpreter and the JDK's XML parser, about
 * 420 classes whose metadata stays resident for the life of the process (measured with {@code -Xlog:class+load}).
 * <ul>
 *   <li>Every secret the process knows is redacted from messages and exceptions, whatever the level and format
 *       ({@code %secretMsg}, {@code %secretEx}).</li>
 *   <li>The CLI writes its own output to stdout; logs go to stderr (by default warnings and worse only,
 *       {@code MODELGATE_LOG_LEVEL}), as text or, with {@code MODELGATE_LOG_FORMAT=json}, one JSON object per line
 *       (logback's JsonEncoder, redacted).</li>
 *   <li>The server's access log ({@code modelgate.access}, one line per request, INFO) is written by a thread of its
 *       own in batches ({@link BatchingAppender}: a blocking write to stderr from a request's virtual thread would
 *       make the scheduler wake a spare carrier, and logback's AsyncAppender wakes its writer for every line). The
 *       writer wakes at the first line after a quiet spell and then writes what came every 25 ms, in one write to
 *       stderr (its lines gather in a buffer flushed after each batch). Nothing is dropped (a full queue makes the
 *       caller wait); what is still queued at exit is written by logback's shutdown hook.</li>
 *   <li>Providers' health and circuit moves are logged at INFO.</li>
 * </ul>
 * A configuration file named by {@code -Dlogback.configurationFile} still wins: this then leaves the work to logback.
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%level %logger{20}: %secretMsg%n%secretEx";
  /** What the access log gathers before a write: a batch of about 25 ms at 5,000 requests a second is ~30 KB. */
  static final int ACCESS_BUFFER_BYTES = 32 * 1024;

  /** For logback's service loader. */
  public LogbackSetup() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Map<String, Supplier<DynamicConverter<?>>> rules = new HashMap<>();
    rules.put("secretMsg", RedactedMessageConverter::new);
    rules.put("secretEx", RedactedThrowableConverter::new);
    context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder(context));
    stderr.start();

    // The access log's own stderr appender: its lines gather in a buffer that the batching appender flushes after
    // each batch, one write(2) a batch instead of one a line (at c=256 the writer's share of the gateway's core
    // was 5.9%; perf sched, 2026-11-30). The root's appender above still writes each warning at once. The stream
    // under the buffer is logback's own for the ConsoleAppender: System.err as it is at each write, never closed.
    OutputStreamAppender<ILoggingEvent> accessLines = new OutputStreamAppender<>();
    accessLines.setContext(context);
    accessLines.setName("ACCESS_STDERR");
    accessLines.setEncoder(encoder(context));
    accessLines.setImmediateFlush(false);
    accessLines.setOutputStream(new BufferedOutputStream(ConsoleTarget.SystemErr.getStream(), ACCESS_BUFFER_BYTES));
    accessLines.start();

    BatchingAppender access = new BatchingAppender();
    access.setContext(context);
    access.setName("ACCESS");
    access.setQueueSize(1024);
    access.setIntervalMillis(25);
    access.addAppender(accessLines);
    access.start();

    DefaultShutdownHook hook = new DefaultShutdownHook();
    hook.setContext(context);
    new ContextUtil(context).addOrReplaceShutdownHook(hook);

    Logger accessLog = context.getLogger("modelgate.access");
    accessLog.setLevel(Level.INFO);
    accessLog.setAdditive(false);
    accessLog.addAppender(access);
    context.getLogger("io.modelgate.core.catalog.ProviderStates").setLevel(Level.INFO);
    context.getLogger("io.modelgate.core.routing.CircuitBreakers").setLevel(Level.INFO);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(variable("MODELGATE_LOG_LEVEL", "WARN")));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The text (the redacting pattern) or JSON encoder that {@code MODELGATE_LOG_FORMAT} picks, started. */
  private static LogFormatEncoder encoder(LoggerContext context) {
    LogFormatEncoder encoder = new LogFormatEncoder();
    encoder.setContext(context);
    encoder.setFormat(variable("MODELGATE_LOG_FORMAT", "text"));
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }

  /** A setting as logback's {@code ${NAME:-default}} reads it: a system property, else the environment. */
  private static String variable(String name, String fallback) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name);
    }
    return value == null ? fallback : value;
  }
}
