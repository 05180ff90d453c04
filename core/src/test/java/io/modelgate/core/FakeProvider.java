package io.modelgate.core;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A scriptable provider for service tests: set what it lists and how it answers. */
public final class FakeProvider implements ProviderDriver {
  public volatile Supplier<ModelListing> listing = () -> ModelListing.of(List.of());
  public volatile List<ChatEvent> reply = List.of(new ChatEvent.TextDelta("hi"),
      new ChatEvent.Completed(FinishReason.STOP, Usage.of(3, 1)));
  public final AtomicInteger listCalls = new AtomicInteger();
  public final List<String> chatModels = new ArrayList<>();
  public final List<ChatRequest> chatRequests = new ArrayList<>();
  public final List<Secret> keysSeen = new ArrayList<>();
  /** Thrown when a chat starts, instead of streaming the reply; null to stream it. */
  public volatile RuntimeException failOnChat;
  /** How many chat streams the caller closed. */
  public final AtomicInteger streamsClosed = new AtomicInteger();

  public static ProviderInstance instance(String id) {
    return ProviderInstance.builder(id, ProviderKind.OPENAI_COMPATIBLE).build();
  }

  public void lists(String... textModels) {
    List<DiscoveredModel> models = new ArrayList<>();
    for (String m : textModels) {
      models.add(DiscoveredModel.of(m, ModelCategory.TEXT));
    }
    listing = () -> ModelListing.of(models);
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.OPENAI_COMPATIBLE);
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, Secret apiKey) {
    if (apiKey != null) {
      keysSeen.add(apiKey);
    }
    return new ProviderConnection(
        () -> {
          listCalls.incrementAndGet();
          return listing.get();
        },
        (model, request) -> stream(model, request),
        null, null,
        () -> new HealthStatus(HealthState.HEALTHY, null, null, Instant.EPOCH));
  }

  private ChatStream stream(String model, ChatRequest request) {
    RuntimeException failure = failOnChat;
    if (failure != null) {
      throw failure;
    }
    synchronized (chatModels) {
      chatModels.add(model);
      chatRequests.add(request);
    }
    ChatEventQueue queue = new ChatEventQueue();
    List<ChatEvent> events = reply;
    Thread.ofVirtual().start(() -> {
      for (ChatEvent e : events) {
        if (!queue.emit(e)) {
          break;
        }
      }
      queue.finish();
    });
    return new ChatStream() {
      @Override
      public ChatEvent next() {
        return queue.next();
      }

      @Override
      public ChatEvent poll(java.time.Duration timeout) {
        return queue.poll(timeout);
      }

      @Override
      public void close() {
        streamsClosed.incrementAndGet();
        queue.close();
      }
    };
  }
}
