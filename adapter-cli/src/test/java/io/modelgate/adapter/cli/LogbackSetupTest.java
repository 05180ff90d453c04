package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import io.modelgate.adapter.http.internal.BatchingAppender;
import io.modelgate.adapter.http.internal.LogFormatEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLI's logging as its logback.xml had it: stderr at WARN, the access log in batches, the redacting pattern.
 * (A {@code -Dlogback.configurationFile} still wins: ReplicasOnPostgresTest runs its servers with one.)
 */
class LogbackSetupTest {
  @Test
  void configuresStderrTheAccessLogAndTheRedactingPatternWithoutAnXmlFile() {
    LoggerContext context = new LoggerContext();
    LogbackSetup setup = new LogbackSetup();
    setup.setContext(context);
    try {
      assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

      Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      String level = System.getProperty("MODELGATE_LOG_LEVEL", System.getenv("MODELGATE_LOG_LEVEL"));
      assertThat(root.getLevel()).isEqualTo(level == null ? Level.WARN : Level.toLevel(level));
      Appender<ILoggingEvent> stderr = root.getAppender("STDERR");
      assertThat(stderr).isInstanceOf(ConsoleAppender.class);
      assertThat(((ConsoleAppender<ILoggingEvent>) stderr).getTarget()).isEqualTo("System.err");
      assertThat(((ConsoleAppender<ILoggingEvent>) stderr).getEncoder()).isInstanceOf(LogFormatEncoder.class);

      Logger access = context.getLogger("modelgate.access");
      assertThat(access.getLevel()).isEqualTo(Level.INFO);
      assertThat(access.isAdditive()).isFalse();
      Appender<ILoggingEvent> batching = access.getAppender("ACCESS");
      assertThat(batching).isInstanceOf(BatchingAppender.class);
      assertThat(batching.isStarted()).isTrue();
      Appender<ILoggingEvent> lines = ((BatchingAppender) batching).getAppender("ACCESS_STDERR");
      assertThat(lines).as("the access log's own stderr appender, flushed a batch at a time")
          .isInstanceOf(OutputStreamAppender.class).isNotSameAs(stderr);
      assertThat(((OutputStreamAppender<ILoggingEvent>) lines).isImmediateFlush()).isFalse();
      assertThat(((OutputStreamAppender<ILoggingEvent>) lines).getEncoder()).isInstanceOf(LogFormatEncoder.class);
      assertThat(((ConsoleAppender<ILoggingEvent>) stderr).isImmediateFlush()).as("warnings go out at once").isTrue();
      assertThat(context.getLogger("io.modelgate.core.catalog.ProviderStates").getLevel()).isEqualTo(Level.INFO);
      assertThat(context.getLogger("io.modelgate.core.routing.CircuitBreakers").getLevel()).isEqualTo(Level.INFO);
      assertThat(context.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD)).as("logback's shutdown hook").isNotNull();
      assertThat(((Map<Object, Object>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS)))
          .containsKeys("secretMsg", "secretEx");

      if (System.getenv("MODELGATE_LOG_FORMAT") == null && System.getProperty("MODELGATE_LOG_FORMAT") == null) {
        ILoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("x", context.getLogger(
            "io.modelgate.core.catalog.ProviderStates"), Level.INFO, "provider {} is up", null, new Object[] {"a"});
        String line = new String(((ConsoleAppender<ILoggingEvent>) stderr).getEncoder().encode(event),
            StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("INFO i.m.c.c.ProviderStates: provider a is up" + System.lineSeparator());
      }
    } finally {
      context.stop();
    }
  }
}
