package io.modelgate.core.error;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log, an error, an audit entry or a caller: every secret value the
 * process holds (each {@link io.modelgate.core.model.Secret} remembers itself here when made: provider keys from
 * the environment, the vault or a request, gateway keys, the admin and master keys), by exact value and its
 * obvious encodings (URL-encoded, base64, JSON-escaped), and anything shaped like a known provider's key.
 *
 * <p>The set of values is process-wide on purpose: text leaves the process through paths no object graph reaches
 * (a logging framework's converter, an exception's message). It only grows by secrets the process was given or
 * made, never by what a caller merely sends. Thread-safe.
 */
public final class Redaction {
  private static final Pattern KEY_LIKE = Pattern.compile(
      "(?i)(?:sk-(?:ant-|or-|proj-)?[A-Za-z0-9_\\-]{8,}"
          + "|AIza[0-9A-Za-z_\\-]{20,}"
          + "|xai-[A-Za-z0-9]{8,}"
          + "|gsk_[A-Za-z0-9]{8,}"
          + "|mg_[A-Za-z0-9_]{8,}"
          + "|(?<=bearer )[A-Za-z0-9._\\-]{8,}"
          + "|(?<=[?&](?:key|api_key|apikey|token)=)[^&\\s\"']+)");
  /**
   * Text {@link #KEY_LIKE} can match holds one of these, in any case (each of its alternatives starts with or looks
   * behind at one): a text holding none is not searched, which most log lines are (an access line, a refusal).
   */
  private static final List<String> KEY_SHAPE_MARKS = List.of("sk-", "aiza", "xai-", "gsk_", "mg_", "bearer ",
      "key=", "token=");
  /**
   * Shorter values would redact ordinary words; no real key is this short. Every form of a value is at least as long
   * (an encoding never shortens it), which {@link KnownValues} relies on.
   */
  static final int MIN_LENGTH = 8;
  private static final int MAX_VALUES = 100_000;
  private static final String REDACTED = "[redacted]";

  /** The values and their forms; finding them costs one pass over a text, however many there are. */
  private static final KnownValues KNOWN = new KnownValues(MAX_VALUES, REDACTED);

  private Redaction() {}

  /** Remembers {@code secret} (and its encodings) so that it is redacted from every text from now on. */
  public static void remember(String secret) {
    if (secret == null || secret.strip().length() < MIN_LENGTH) {
      return;
    }
    String value = secret.strip();
    if (KNOWN.contains(value)) {
      return; // its forms went in with it
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    KNOWN.addAll(List.of(value,
        URLEncoder.encode(value, StandardCharsets.UTF_8),
        Base64.getEncoder().encodeToString(bytes),
        Base64.getEncoder().withoutPadding().encodeToString(bytes),
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        jsonEscaped(value)));
  }

  /** {@code text} without any secret value the process knows, nor anything shaped like a provider's key. */
  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    String known = redactValues(text);
    return mayHoldKeyShape(known) ? KEY_LIKE.matcher(known).replaceAll(REDACTED) : known;
  }

  /** Whether {@code text} holds a mark that text shaped like a provider's key needs. */
  static boolean mayHoldKeyShape(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String mark : KEY_SHAPE_MARKS) {
      if (lower.contains(mark)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} without any secret value the process knows (where two overlap, both go, and one holding another
   * goes whole); key-shaped text stays (an audit entry names a gateway key by its {@code mg_} prefix, which is not
   * secret). {@code text} itself when it holds none.
   */
  public static String redactValues(String text) {
    return KNOWN.redact(text);
  }

  private static String jsonEscaped(String value) {
    StringBuilder b = new StringBuilder(value.length() + 8);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '/' -> b.append("\\/");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
