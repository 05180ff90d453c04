package io.modelgate.adapter.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

  /** Counts the writes that reach it: what write(2) calls a stream of stderr's would make. */
  private static final class CountingStream extends ByteArrayOutputStream {
    int writes;

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      writes++;
      super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
      writes++;
      super.write(b);
    }

    synchronized String text() {
      return toString(StandardCharsets.UTF_8);
    }
  }

  private OutputStreamAppender<ILoggingEvent> buffered(CountingStream target) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
    out.setContext(context);
    out.setName("BUFFERED");
    out.setEncoder(encoder);
    out.setImmediateFlush(false);
    out.setOutputStream(new BufferedOutputStream(target, 64 * 1024));
    out.start();
    return out;
  }

  @Test
  void aBufferedAppenderIsFlushedOnceABatchNotOnceALine() throws InterruptedException {
    CountingStream target = new CountingStream();
    BatchingAppender appender = started(1024, 200);
    appender.addAppender(buffered(target));
    Logger logger = context.getLogger("test");
    for (int i = 0; i < 100; i++) {
      logger.info("line {}", i);
    }
    String expected = IntStream.range(0, 100).mapToObj(i -> "line " + i + System.lineSeparator())
        .reduce("", String::concat);
    long until = System.nanoTime() + 5_000_000_000L;
    while (!target.text().equals(expected) && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(target.text()).isEqualTo(expected);
    assertThat(target.writes).as("writes for 100 lines logged within one 200 ms interval").isBetween(1, 2);
  }

  @Test
  void stoppingFlushesWhatABufferedAppenderHoldsAndStopsIt() {
    CountingStream target = new CountingStream();
    BatchingAppender appender = started(1024, 60_000);
    OutputStreamAppender<ILoggingEvent> out = buffered(target);
    appender.addAppender(out);
    Logger logger = context.getLogger("test");
    for (int i = 0; i < 10; i++) {
      logger.info("line {}", i);
    }
    assertThat(target.text()).as("nothing written before the interval").isEmpty();
    appender.stop();
    assertThat(target.text()).isEqualTo(IntStream.range(0, 10).mapToObj(i -> "line " + i + System.lineSeparator())
        .reduce("", String::concat));
    assertThat(out.isStarted()).isFalse();
  }
}
