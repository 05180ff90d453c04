package io.modelgate.core.error;

import java.util.regex.Pattern;

/** Removes anything key-like from text before it reaches a log, an error or a caller. */
public final class Redaction {
  private static final Pattern KEY_LIKE = Pattern.compile(
      "(?i)(?:sk-(?:ant-|or-|proj-)?[A-Za-z0-9_\\-]{8,}"
          + "|AIza[0-9A-Za-z_\\-]{20,}"
          + "|xai-[A-Za-z0-9]{8,}"
          + "|gsk_[A-Za-z0-9]{8,}"
          + "|mg_[A-Za-z0-9_]{8,}"
          + "|(?<=bearer )[A-Za-z0-9._\\-]{8,}"
          + "|(?<=[?&](?:key|api_key|apikey|token)=)[^&\\s\"']+)");

  private Redaction() {}

  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    return KEY_LIKE.matcher(text).replaceAll("[redacted]");
  }
}
