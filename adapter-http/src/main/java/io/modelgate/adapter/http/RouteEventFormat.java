package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.routing.Route;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The event stream of the catalog API ({@code /ai/stream}) and of seed 002's {@code /api/generate}: the route
 * first, then text, reasoning and tool-call deltas of the first choice, then done with usage and cost (or error).
 */
final class RouteEventFormat implements ChatCalls.Format {
  static final RouteEventFormat INSTANCE = new RouteEventFormat();

  private RouteEventFormat() {}

  @Override
  public void start(Sse sse, GatewayChat c) throws IOException {
    Route r = c.route();
    sse.data(new CatalogWire.RouteEvent("route", c.requestId(), r.servedId().toString(), r.requested(),
        r.instance().id(), CatalogWire.route(r)));
  }

  @Override
  public void event(Sse sse, ChatEvent event) throws IOException {
    switch (event) {
      case ChatEvent.TextDelta d when d.choice() == 0 -> sse.data(new CatalogWire.DeltaEvent("delta", d.text()));
      case ChatEvent.ReasoningDelta d when !d.visibleText().isEmpty() ->
          sse.data(new CatalogWire.DeltaEvent("reasoning", d.visibleText()));
      case ChatEvent.RefusalDelta d when d.choice() == 0 -> sse.data(new CatalogWire.DeltaEvent("refusal", d.text()));
      case ChatEvent.ToolCallDelta d when d.choice() == 0 -> sse.data(new CatalogWire.ToolCallEvent("tool_call",
          d.index(), d.id(), d.name(), d.arguments()));
      default -> { }
    }
  }

  @Override
  public void completed(Sse sse, ChatEvent.Completed end, Usage usage, BigDecimal cost) throws IOException {
    sse.data(new CatalogWire.DoneEvent("done", end.reason().wireName(), OpenAiWire.usage(usage), cost));
  }
}
