package io.modelgate.adapter.http;

import io.modelgate.app.HttpSettings;
import io.modelgate.core.events.CatalogChangeFeed;
import io.modelgate.core.events.CatalogEvent;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/events}: the catalog's changes as server-sent events (seed 001 §11.1) — new models, status,
 * price and default changes, provider health — filtered to what the caller may see: an admin sees all; a member
 * sees the providers visible to them and, of their models, only those that are or were enabled (pending models are
 * admin business). Each event has an id; a client reconnecting with {@code Last-Event-ID} gets what it missed, or a
 * {@code reset} event when that is no longer kept. A connection ends after {@link #MAX_CONNECTION}; clients
 * reconnect.
 */
@Singleton
final class EventsApi {
  static final Duration MAX_CONNECTION = Duration.ofMinutes(5);

  private final CatalogChangeFeed feed;
  private final ProviderRegistry registry;
  private final HttpSettings settings;

  @Inject
  EventsApi(CatalogChangeFeed feed, ProviderRegistry registry, HttpSettings settings) {
    this.feed = feed;
    this.registry = registry;
    this.settings = settings;
  }

  List<Endpoint> endpoints() {
    return List.of(new Endpoint(Method.GET, "/api/events", Endpoint.Access.USER, "console",
        "Server-sent events of catalog changes and provider health the caller may see; resumes with Last-Event-ID",
        this::stream));
  }

  private void stream(Call call) throws IOException {
    CallerContext caller = call.caller();
    long after = call.header("Last-Event-ID").or(() -> call.query("last_event_id")).flatMap(EventsApi::number)
        .orElse(-1L);
    boolean reset = after >= 0 && feed.tooOld(after);
    if (after < 0 || reset) {
      after = feed.lastId();
    }
    Sse sse = new Sse(call.startEventStream(), call.json());
    sse.retry(2_000);
    if (reset) {
      sse.event(after, "reset", new ConsoleWire.Reset("events since the given id are no longer kept; reload"));
    }
    long started = System.nanoTime();
    long quietSince = System.nanoTime();
    Duration keepAlive = settings.keepAlive();
    try {
      while (System.nanoTime() - started < MAX_CONNECTION.toNanos()) {
        List<CatalogEvent> events = feed.await(after, Duration.ofSeconds(1));
        if (events.isEmpty() && feed.tooOld(after)) {
          after = feed.lastId();
          sse.event(after, "reset", new ConsoleWire.Reset("events were dropped; reload"));
          continue;
        }
        for (CatalogEvent e : events) {
          after = e.id();
          if (visible(caller, e)) {
            sse.event(e.id(), e.type().wireName(), view(e));
            quietSince = System.nanoTime();
          }
        }
        if (System.nanoTime() - quietSince > keepAlive.toNanos()) {
          sse.keepAlive();
          quietSince = System.nanoTime();
        }
      }
      sse.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean visible(CallerContext caller, CatalogEvent e) {
    if (caller.admin()) {
      return true;
    }
    Optional<ProviderInstance> provider = registry.find(e.provider()).filter(p -> p.visibleTo(caller.principal()));
    if (provider.isEmpty() || !provider.get().enabled()) {
      return false;
    }
    return switch (e.type()) {
      case PROVIDER_HEALTH, DEFAULT_CHANGED -> true;
      case MODEL_ADDED -> "enabled".equals(e.after());
      case MODEL_STATUS -> "enabled".equals(e.before()) || "enabled".equals(e.after());
      case MODEL_PRICE -> true;
    };
  }

  private static ConsoleWire.Event view(CatalogEvent e) {
    return new ConsoleWire.Event(e.id(), e.type().wireName(), e.at().toString(), e.provider(),
        e.model() == null ? null : e.model().toString(), e.category() == null ? null : e.category().wireName(),
        e.before(), e.after());
  }

  private static Optional<Long> number(String text) {
    try {
      return Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
