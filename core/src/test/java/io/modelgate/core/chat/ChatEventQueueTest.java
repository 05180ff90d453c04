package io.modelgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.error.StreamBrokenException;
import io.modelgate.core.error.UpstreamTimeoutException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ChatEventQueueTest {
  @Test
  void aLongWaitEndsAsSoonAsTheEventComes() throws InterruptedException {
    ChatEventQueue queue = new ChatEventQueue();
    Thread producer = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
      queue.emit(new ChatEvent.TextDelta("late"));
    });
    long start = System.nanoTime();
    assertThat(queue.poll(Duration.ofSeconds(30))).isEqualTo(new ChatEvent.TextDelta("late"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    producer.join();
  }

  @Test
  void aLongWaitWithNoEventGivesUpAtItsDeadline() {
    ChatEventQueue queue = new ChatEventQueue();
    long start = System.nanoTime();
    assertThat(queue.poll(Duration.ofMillis(1_200))).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(1_200), Duration.ofMillis(1_200 + 2_000));
    queue.emit(new ChatEvent.TextDelta("after"));
    assertThat(queue.poll(Duration.ofSeconds(2))).isEqualTo(new ChatEvent.TextDelta("after"));
  }

  @Test
  void aRelaysQuarterSecondPollsTakeEachEventAsItComesAndStillEndAStalledStream() throws InterruptedException {
    ChatEventQueue queue = new ChatEventQueue(Duration.ofMillis(700));
    Thread producer = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < 3; i++) {
          Thread.sleep(20);
          queue.emit(new ChatEvent.TextDelta("t" + i));
        }
      } catch (InterruptedException e) {
        // the test ends
      }
    });
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      assertThat(queue.poll(Duration.ofMillis(250))).isEqualTo(new ChatEvent.TextDelta("t" + i));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
    }
    producer.join();
    long stalled = System.nanoTime();
    ChatEvent end = null;
    while (end == null) {
      end = queue.poll(Duration.ofMillis(250));
    }
    assertThat(end).isInstanceOfSatisfying(ChatEvent.Failed.class,
        f -> assertThat(f.error()).isInstanceOf(UpstreamTimeoutException.class));
    assertThat(Duration.ofNanos(System.nanoTime() - stalled))
        .isBetween(Duration.ofMillis(600), Duration.ofMillis(700 + 2_000));
  }

  @Test
  void aProducerThatStopsWithoutAFinishEndsTheStreamAsBroken() {
    ChatEventQueue queue = new ChatEventQueue();
    queue.emit(new ChatEvent.TextDelta("partial"));
    queue.finish();
    assertThat(queue.next()).isEqualTo(new ChatEvent.TextDelta("partial"));
    ChatEvent end = queue.next();
    assertThat(end).isInstanceOf(ChatEvent.Failed.class);
    assertThat(((ChatEvent.Failed) end).error()).isInstanceOf(StreamBrokenException.class);
  }

  @Test
  void collectingABrokenStreamThrowsInsteadOfReturningAPartialAnswer() {
    ChatEventQueue queue = new ChatEventQueue();
    queue.emit(new ChatEvent.TextDelta("partial"));
    queue.finish();
    assertThatThrownBy(() -> ChatResponse.collect(queue)).isInstanceOf(StreamBrokenException.class);
  }

  @Test
  void onlyOneTerminalEventIsEverDelivered() {
    ChatEventQueue queue = new ChatEventQueue();
    assertThat(queue.emit(new ChatEvent.Failed(new StreamBrokenException("reset", null)))).isFalse();
    assertThat(queue.emit(new ChatEvent.Completed(FinishReason.STOP, null))).isFalse();
    queue.finish();
    assertThat(queue.next()).isInstanceOf(ChatEvent.Failed.class);
    assertThatThrownBy(queue::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aCleanFinishIsNotTurnedIntoAnError() {
    ChatEventQueue queue = new ChatEventQueue();
    queue.emit(new ChatEvent.TextDelta("a"));
    queue.emit(new ChatEvent.Completed(FinishReason.STOP, Usage.of(1, 1)));
    queue.finish();
    ChatResponse r = ChatResponse.collect(queue);
    assertThat(r.text()).isEqualTo("a");
    assertThat(r.usage()).isEqualTo(Usage.of(1, 1));
  }

  @Test
  void aStallLongerThanTheIdleTimeoutIsATimeoutFailure() {
    ChatEventQueue queue = new ChatEventQueue(Duration.ofMillis(50));
    ChatEvent end = queue.next();
    assertThat(((ChatEvent.Failed) end).error()).isInstanceOf(UpstreamTimeoutException.class);
    assertThat(queue.isClosed()).isTrue();
  }

  @Test
  void pollGivesUpQuietlyUntilTheIdleTimeoutHasPassed() {
    ChatEventQueue queue = new ChatEventQueue(Duration.ofMillis(300));
    assertThat(queue.poll(Duration.ofMillis(50))).isNull();
    queue.emit(new ChatEvent.TextDelta("a"));
    assertThat(queue.poll(Duration.ofMillis(50))).isEqualTo(new ChatEvent.TextDelta("a"));
    ChatEvent end = null;
    for (int i = 0; i < 20 && end == null; i++) {
      end = queue.poll(Duration.ofMillis(50));
    }
    assertThat(end).isInstanceOfSatisfying(ChatEvent.Failed.class,
        f -> assertThat(f.error()).isInstanceOf(UpstreamTimeoutException.class));
  }

  @Test
  void closingRunsTheCancelActionOnceAndStopsTheProducer() {
    ChatEventQueue queue = new ChatEventQueue();
    AtomicBoolean cancelled = new AtomicBoolean();
    queue.onClose(() -> cancelled.set(!cancelled.get()));
    queue.close();
    queue.close();
    assertThat(cancelled).isTrue();
    assertThat(queue.emit(new ChatEvent.TextDelta("late"))).isFalse();
  }

  @Test
  void closingAfterTheEndLeavesTheProducerToFinishItsRead() {
    ChatEventQueue queue = new ChatEventQueue();
    AtomicBoolean cancelled = new AtomicBoolean();
    queue.onClose(() -> cancelled.set(true));
    queue.emit(new ChatEvent.Completed(FinishReason.STOP, null));
    assertThat(queue.next()).isInstanceOf(ChatEvent.Completed.class);
    queue.close();
    assertThat(cancelled).as("nothing left to cancel: the upstream call ended").isFalse();

    ChatEventQueue early = new ChatEventQueue();
    AtomicBoolean cancelledEarly = new AtomicBoolean();
    early.emit(new ChatEvent.TextDelta("half"));
    early.close();
    early.onClose(() -> cancelledEarly.set(true));
    assertThat(cancelledEarly).as("closed before the end, even before the action was set").isTrue();
  }

  @Test
  void toolCallDeltasAreJoinedIntoCalls() {
    ChatEventQueue queue = new ChatEventQueue();
    queue.emit(new ChatEvent.ToolCallDelta(0, 0, "call_1", "get_weather", "{\"city\":"));
    queue.emit(new ChatEvent.ToolCallDelta(0, 0, null, null, "\"Paris\"}"));
    queue.emit(new ChatEvent.Completed(FinishReason.TOOL_CALLS, null));
    ChatResponse r = ChatResponse.collect(queue);
    assertThat(r.toolCalls()).containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }
}
