package io.modelgate.adapter.http;

import io.modelgate.app.HttpSettings;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.model.RequestId;
import io.modelgate.core.routing.Route;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Runs chat calls for the HTTP endpoints, whatever their wire format: opens the call through the gateway, then
 * either joins the reply (every choice, tool calls included) or relays it as server-sent events, and meters it.
 * A stream is committed only once its first event is known not to be a failure, so a refused call still gets its
 * proper status; a stream whose upstream breaks later ends with an error event and no {@code [DONE]}; a client
 * that goes away closes the call, which stops the upstream.
 */
@Singleton
final class ChatCalls {
  /** How one wire format writes a relayed stream. */
  interface Format {
    /** Commits the response as a stream: server-sent events unless the format says otherwise. */
    default Sse open(Call http) {
      return new Sse(http.startEventStream(), http.json());
    }

    void start(Sse sse, GatewayChat chat) throws IOException;

    /** A non-terminal event: a delta or a usage report. */
    void event(Sse sse, ChatEvent event) throws IOException;

    void completed(Sse sse, ChatEvent.Completed end, Usage usage, BigDecimal cost) throws IOException;

    /** The stream's last frame after a clean end: OpenAI's {@code [DONE]} unless the format has its own. */
    default void end(Sse sse) throws IOException {
      sse.done();
    }

    /** The error frame of a stream whose upstream broke: never followed by a clean end. */
    default void failed(Sse sse, Problem problem) throws IOException {
      sse.error(problem);
    }
  }

  /** One choice of a joined reply. */
  record Choice(int index, String text, @Nullable String reasoning, List<io.modelgate.core.chat.ToolCall> toolCalls,
      @Nullable String logprobs, @Nullable String refusal) {}

  /** A joined reply. */
  record Reply(GatewayChat call, List<Choice> choices, FinishReason finish, Usage usage, BigDecimal cost,
      @Nullable String systemFingerprint) {
    Route route() {
      return call.route();
    }
  }

  private final Gateway gateway;
  private final java.time.Duration keepAlive;
  private final Metrics metrics;
  private final RateLimitHeaders limits;
  private final Lifecycle lifecycle;

  /** How often a waiting call looks whether the service is ending it. */
  private static final java.time.Duration ABORT_CHECK = java.time.Duration.ofMillis(250);

  @Inject
  ChatCalls(Gateway gateway, Metrics metrics, RateLimitHeaders limits, HttpSettings settings, Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
    this.keepAlive = settings.keepAlive();
    this.gateway = gateway;
    this.metrics = metrics;
    this.limits = limits;
  }

  GatewayChat open(ChatRequest request, RequestId id) {
    try {
      return gateway.stream(request, id);
    } catch (ModelgateException e) {
      metrics.refused("chat", request.model(), e.code(), 0);
      throw e;
    }
  }

  /** Reads the call to its end; a failure is thrown after it is metered. */
  Reply join(Call http, GatewayChat call, long startedNanos) {
    return join(http, call, startedNanos, event -> { });
  }

  /** Reads the call to its end, showing each event to {@code listener} first; a failure is thrown after metering. */
  Reply join(Call http, GatewayChat call, long startedNanos, java.util.function.Consumer<ChatEvent> listener) {
    try (call) {
      Map<Integer, Text> texts = new TreeMap<>();
      Map<Integer, Text> reasoning = new TreeMap<>();
      Map<Integer, Text> refusals = new TreeMap<>();
      String fingerprint = null;
      Map<Integer, StringBuilder> logprobs = new TreeMap<>();
      Map<Integer, Map<Integer, String[]>> calls = new TreeMap<>();
      Usage usage = Usage.ZERO;
      while (true) {
        ChatEvent event = nextUnlessAborted(call);
        listener.accept(event);
        switch (event) {
          case ChatEvent.TextDelta d -> texts.computeIfAbsent(d.choice(), i -> new Text()).add(d.text());
          case ChatEvent.ReasoningDelta d -> reasoning.computeIfAbsent(0, i -> new Text()).add(d.visibleText());
          case ChatEvent.SystemFingerprint f -> fingerprint = f.value();
          case ChatEvent.ResponseIdentity r -> { }
          case ChatEvent.NativeEvent n -> { } // for a listener of its protocol; the choices come from the rest
          case ChatEvent.RefusalDelta d -> refusals.computeIfAbsent(d.choice(), i -> new Text()).add(d.text());
          case ChatEvent.ToolCallDelta d -> {
            String[] c = calls.computeIfAbsent(d.choice(), i -> new TreeMap<>())
                .computeIfAbsent(d.index(), i -> new String[] {null, null, ""});
            if (d.id() != null) {
              c[0] = d.id();
            }
            if (d.name() != null) {
              c[1] = d.name();
            }
            c[2] = c[2] + d.arguments();
          }
          case ChatEvent.UsageReport u -> usage = u.usage();
          case ChatEvent.LogprobsDelta l -> {
            // The pieces are JSON arrays: joined into one array per choice.
            String items = l.content().strip();
            items = items.substring(1, items.length() - 1).strip();
            if (!items.isEmpty()) {
              StringBuilder joined = logprobs.computeIfAbsent(l.choice(), i -> new StringBuilder());
              joined.append(joined.isEmpty() ? "" : ",").append(items);
            }
          }
          case ChatEvent.Completed c -> {
            if (c.usage() != null) {
              usage = c.usage();
            }
            BigDecimal cost = call.route().served().costOf(usage);
            metered(http, call.route(), "success", null, usage, cost, startedNanos, null);
            List<Choice> choices = new ArrayList<>();
            java.util.Set<Integer> indexes = new java.util.TreeSet<>(texts.keySet());
            indexes.addAll(calls.keySet());
            indexes.addAll(refusals.keySet());
            indexes.add(0);
            for (int i : indexes) {
              List<io.modelgate.core.chat.ToolCall> toolCalls = new ArrayList<>();
              calls.getOrDefault(i, Map.of()).forEach((index, tc) -> toolCalls.add(
                  new io.modelgate.core.chat.ToolCall(tc[0] == null ? "call_" + index : tc[0],
                      tc[1] == null ? "unknown" : tc[1], tc[2])));
              choices.add(new Choice(i, texts.containsKey(i) ? texts.get(i).toString() : "",
                  reasoning.containsKey(i) ? reasoning.get(i).toString() : null, toolCalls,
                  logprobs.containsKey(i) ? "[" + logprobs.get(i) + "]" : null,
                  refusals.containsKey(i) ? refusals.get(i).toString() : null));
            }
            return new Reply(call, choices, c.reason(), usage, cost, fingerprint);
          }
          case ChatEvent.Failed f -> {
            metered(http, call.route(), "error", f.error().code(), usage, BigDecimal.ZERO, startedNanos, null);
            throw f.error();
          }
        }
      }
    }
  }

  /**
   * The pieces of one text of a joined reply, joined: a whole answer's text comes in one piece, kept as it is, not
   * copied into a builder that grows and then copied out of it.
   */
  private static final class Text {
    private String first = "";
    private @Nullable StringBuilder joined;

    void add(String piece) {
      if (joined != null) {
        joined.append(piece);
      } else if (first.isEmpty()) {
        first = piece;
      } else {
        joined = new StringBuilder(Math.max(64, 2 * (first.length() + piece.length()))).append(first).append(piece);
      }
    }

    @Override
    public String toString() {
      return joined != null ? joined.toString() : first;
    }
  }

  /** The headers of a whole answer: the route, its cost and the caller's limits. */
  void answerHeaders(Call http, Reply reply) {
    http.routeHeaders(reply.route());
    http.costHeader(reply.cost());
    limits.write(http);
  }

  /** Relays the call as server-sent events in {@code format}. */
  void relay(Call http, GatewayChat call, long startedNanos, Format format) throws IOException {
    try (call) {
      ChatEvent event = nextUnlessAborted(call);
      if (event instanceof ChatEvent.Failed f) {
        metered(http, call.route(), "error", f.error().code(), Usage.ZERO, BigDecimal.ZERO, startedNanos, null);
        throw f.error();
      }
      http.routeHeaders(call.route());
      limits.write(http);
      Sse sse = format.open(http);
      sse.deferFlushes(); // what is ready goes out in one write: the head, the first chunks, the last ones
      Usage usage = Usage.ZERO;
      Long firstToken = null;
      try {
        format.start(sse, call);
        while (true) {
          if (firstToken == null && isDelta(event)) {
            firstToken = System.nanoTime() - startedNanos;
          }
          switch (event) {
            case ChatEvent.Completed c -> {
              if (c.usage() != null) {
                usage = c.usage();
              }
              BigDecimal cost = call.route().served().costOf(usage);
              format.completed(sse, c, usage, cost);
              format.end(sse);
              sse.close();
              metered(http, call.route(), "success", null, usage, cost, startedNanos, firstToken);
              return;
            }
            case ChatEvent.Failed f -> {
              format.failed(sse, Problems.of(f.error()));
              sse.close();
              metered(http, call.route(), "error", f.error().code(), usage, BigDecimal.ZERO, startedNanos, firstToken);
              return;
            }
            case ChatEvent.UsageReport u -> {
              usage = u.usage();
              format.event(sse, event);
            }
            default -> format.event(sse, event);
          }
          event = nextOrKeepAlive(call, sse);
        }
      } catch (ShuttingDownException e) {
        // The drain time is up: the caller learns why the stream ends; leaving the try records its usage.
        sse.error(Problems.of(e));
        sse.close();
        metered(http, call.route(), "error", e.code(), usage, call.route().served().costOf(usage), startedNanos,
            firstToken);
      } catch (Sse.ClientGoneException e) {
        // Leaving the try closes the call: the upstream stops and usage is recorded as cancelled.
        metered(http, call.route(), "cancelled", null, usage, call.route().served().costOf(usage), startedNanos,
            firstToken);
        throw e;
      }
    }
  }

  /**
   * The stream's next event. One already at hand is returned at once (its frame joins the unsent ones); otherwise
   * what was written is sent before waiting, so no chunk is held back. While the provider is silent (a model
   * thinking), a keep-alive comment goes out every so often, which keeps proxies from timing out and finds a client
   * that has gone (the write fails).
   */
  private ChatEvent nextOrKeepAlive(GatewayChat call, Sse sse) throws IOException {
    ChatEvent ready = pollUnlessAborted(call, java.time.Duration.ZERO);
    if (ready != null) {
      return ready;
    }
    sse.flush();
    while (true) {
      long silentUntil = System.nanoTime() + keepAlive.toNanos();
      while (System.nanoTime() - silentUntil < 0) {
        ChatEvent event = pollUnlessAborted(call, ABORT_CHECK.compareTo(keepAlive) < 0 ? ABORT_CHECK : keepAlive);
        if (event != null) {
          return event;
        }
      }
      sse.keepAlive();
    }
  }

  /** The call's next event; throws {@link ShuttingDownException} once the service is ending the calls left. */
  private ChatEvent nextUnlessAborted(GatewayChat call) {
    ChatEvent event;
    while ((event = pollUnlessAborted(call, ABORT_CHECK)) == null) {
      // waiting, and looking now and then whether the service is stopping
    }
    return event;
  }

  private @Nullable ChatEvent pollUnlessAborted(GatewayChat call, java.time.Duration wait) {
    if (lifecycle.aborting()) {
      throw new ShuttingDownException();
    }
    return call.stream().poll(wait);
  }

  /** Meters a finished call; {@code firstChunk} only for a call relayed as a stream. */
  private void metered(Call http, Route route, String outcome, @Nullable String code, Usage usage, BigDecimal cost,
      long startedNanos, @Nullable Long firstChunk) {
    metrics.served(http, "chat", route, outcome, code, usage, cost, System.nanoTime() - startedNanos, firstChunk);
  }

  private static boolean isDelta(ChatEvent event) {
    return event instanceof ChatEvent.TextDelta || event instanceof ChatEvent.ToolCallDelta
        || event instanceof ChatEvent.ReasoningDelta || event instanceof ChatEvent.RefusalDelta;
  }
}
