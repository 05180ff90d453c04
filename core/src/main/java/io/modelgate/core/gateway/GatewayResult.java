package io.modelgate.core.gateway;

import io.modelgate.core.routing.Route;
import java.math.BigDecimal;

/** A finished call: its request id, the route it took, what it returned and what it cost (USD). */
public record GatewayResult<T>(String requestId, Route route, T value, BigDecimal costUsd) {}
