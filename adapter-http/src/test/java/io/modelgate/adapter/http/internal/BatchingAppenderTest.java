package io.modelgate.adapter.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingAppenderTest {
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> sink = new ListAppender<>();

  private BatchingAppender started(int queueSize, int intervalMillis) {
    context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's configuration gives a context
    sink.setContext(context);
    sink.start();
    BatchingAppender appender = new BatchingAppender();
    appender.setContext(context);
    appender.setQueueSize(queueSize);
    appender.setIntervalMillis(intervalMillis);
    appender.addAppender(sink);
    appender.start();
    Logger logger = context.getLogger("test");
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
    return appender;
  }

  private List<String> messages() {
    synchronized (sink) {
      return new ArrayList<>(sink.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
  }

  @Test
  void linesArriveInOrderWithinTheIntervalWithoutStopping() throws InterruptedException {
    started(1024, 10);
    Logger logger = context.getLogger("test");
    for (int i = 0; i < 5; i++) {
      logger.info("line {}", i);
    }
    long until = System.nanoTime() + 5_000_000_000L;
    while (messages().size() < 5 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(messages()).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4");
  }

  @Test
  void aFullQueueMakesTheCallerWaitAndStoppingWritesWhatIsLeft() {
    BatchingAppender appender = started(4, 60_000);
    Logger logger = context.getLogger("test");
    for (int i = 0; i < 1_000; i++) {
      logger.info("line {}", i);
    }
    appender.stop();
    assertThat(messages()).containsExactlyElementsOf(IntStream.range(0, 1_000).mapToObj(i -> "line " + i).toList());
  }
}
