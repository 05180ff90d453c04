package io.modelgate.adapter.http;

import io.modelgate.app.OperationsSettings;
import io.modelgate.core.error.Redaction;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.port.ProviderEvents;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a small JSON object to the operator's webhook ({@code MODELGATE_ALERT_WEBHOOK}) each time a provider goes
 * down or comes back: {@code {"event":"provider_down"|"provider_up","provider","state","previous","detail","at"}}.
 * Down is {@code down}; back is {@code healthy} again — a provider that is only {@code degraded} on its way back (a
 * circuit's half-open trial) is not back yet, so a trial that fails sends no second pair of alerts.
 * The caller never waits: events go into a bounded queue ({@value #CAPACITY}; when it is full the event is dropped
 * and logged) that one virtual thread sends, each with a short timeout and no retry. The body holds no key (the
 * detail is redacted), and logs name the webhook by its origin only, since its path may be a token. Does nothing
 * when no webhook is configured. Thread-safe.
 */
@Singleton
final class AlertWebhook implements ProviderEvents, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  static final int CAPACITY = 256;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final @Nullable URI url;
  private final @Nullable String origin;
  private final JsonCodec json;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
  /** The providers an alert said were down, and no alert since said were back. */
  private final Set<String> down = ConcurrentHashMap.newKeySet();
  private final @Nullable HttpClient client;
  private final @Nullable Thread sender;
  private volatile boolean closed;

  @Inject
  AlertWebhook(OperationsSettings settings, JsonCodec json) {
    this.url = settings.alertWebhook();
    this.origin = settings.alertWebhookOrigin();
    this.json = json;
    if (url == null) {
      client = null;
      sender = null;
    } else {
      client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
      sender = Thread.ofVirtual().name("modelgate-alerts").start(this::send);
    }
  }

  @Override
  public void healthChanged(HealthChange change) {
    if (url == null) {
      return;
    }
    String event;
    if (change.to() == HealthState.DOWN && down.add(change.provider())) {
      event = "provider_down";
    } else if (change.to() == HealthState.HEALTHY && down.remove(change.provider())) {
      event = "provider_up";
    } else {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("provider", change.provider());
    body.put("state", change.to().wireName());
    body.put("previous", change.from().wireName());
    if (change.detail() != null) {
      body.put("detail", Redaction.redact(change.detail()));
    }
    body.put("at", change.at().toString());
    if (!queue.offer(json.treeText(body))) {
      LOG.warn("alert webhook {}: {} alerts wait already; dropped '{}' of provider '{}'", origin, CAPACITY,
          body.get("event"), change.provider());
    }
  }

  private void send() {
    while (!closed) {
      String body;
      try {
        body = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (body != null) {
        post(body);
      }
    }
  }

  private void post(String body) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
        .header("User-Agent", "modelgate-alerts").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        LOG.warn("alert webhook {} answered {}", origin, response.statusCode());
      }
    } catch (IOException e) {
      LOG.warn("alert webhook {} could not be reached: {}", origin, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops sending; alerts still queued are dropped. */
  @Override
  public void close() {
    closed = true;
    if (sender != null) {
      sender.interrupt();
    }
    if (client != null) {
      client.close();
    }
  }
}
