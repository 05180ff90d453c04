package io.modelgate.app;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the service is operated, the operations part of the {@link Configuration}: where {@code /metrics} is served
 * (on a management port of its own, without a key, when {@code managementPort} is set; else on the main port, to
 * admins only), the log format, and the URL told when a provider goes down or comes back.
 *
 * @param managementPort the management listener's port ({@value Configuration#MANAGEMENT_PORT}; 0 picks a free
 *     one), or null for none
 * @param logFormat plain text or JSON lines ({@value Configuration#LOG_FORMAT})
 * @param alertWebhook where provider down/up events are posted ({@value Configuration#ALERT_WEBHOOK}), or null
 */
public record OperationsSettings(@Nullable Integer managementPort, LogFormat logFormat, @Nullable URI alertWebhook) {
  /** No management port, text logs, no webhook. */
  public static final OperationsSettings DEFAULTS = new OperationsSettings(null, LogFormat.TEXT, null);

  /** How log lines are written. */
  public enum LogFormat {
    /** One line of text per event. */
    TEXT,
    /** One JSON object per line (logback's JSON encoder). */
    JSON;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code text} or {@code json}, any case. */
    static LogFormat parse(String value) {
      for (LogFormat f : values()) {
        if (f.wireName().equalsIgnoreCase(value.strip())) {
          return f;
        }
      }
      throw new IllegalArgumentException("must be 'text' or 'json', was '" + value + "'");
    }
  }

  public OperationsSettings {
    if (managementPort != null && (managementPort < 0 || managementPort > 65_535)) {
      throw new IllegalArgumentException("'managementPort' must be between 0 and 65535, was " + managementPort);
    }
    Objects.requireNonNull(logFormat, "'logFormat' must not be null");
    if (alertWebhook != null && !("http".equals(alertWebhook.getScheme()) || "https".equals(alertWebhook.getScheme())
        || alertWebhook.getHost() == null)) {
      throw new IllegalArgumentException("'alertWebhook' must be an http or https URL");
    }
  }

  /** The webhook URL with no path, query or user part: what a log line may show of it (its path may be a secret). */
  public @Nullable String alertWebhookOrigin() {
    return alertWebhook == null ? null
        : alertWebhook.getScheme() + "://" + alertWebhook.getHost()
            + (alertWebhook.getPort() < 0 ? "" : ":" + alertWebhook.getPort());
  }
}
