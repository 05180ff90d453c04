package io.modelgate.core.gateway;

import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.routing.Route;

/**
 * A chat call under way: its request id, the route it took and the reply stream. Usage is recorded when the
 * stream reaches its end or is closed early.
 */
public record GatewayChat(String requestId, Route route, ChatStream stream) implements AutoCloseable {
  @Override
  public void close() {
    stream.close();
  }
}
