package io.modelgate.adapter.http.internal;

import io.helidon.logging.common.spi.LoggingProvider;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Helidon's logging set up through SLF4J: its {@code java.util.logging} records go to SLF4J (and so to logback, in
 * the configured format). Found by Helidon through {@code ServiceLoader}; without a provider Helidon prints a plain
 * line to stderr at start, which would break {@code MODELGATE_LOG_FORMAT=json}'s one JSON object per line.
 */
public final class Slf4jLogging implements LoggingProvider {
  /** Sends {@code java.util.logging} to SLF4J, once. */
  public static void install() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  @Override
  public void initialization() {
    install();
  }

  @Override
  public void runTime() {
    install();
  }
}
