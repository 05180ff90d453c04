package io.modelgate.provider.azurespeech;

import io.modelgate.core.error.InvalidRequestException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds the SSML document Azure synthesises. The caller's text is always escaped as XML character data, so no
 * input ({@code <}, {@code &}, quotes, a closing {@code </voice>}) can add markup; the voice name must look like
 * one of Azure's ({@code en-US-JennyNeural}, {@code en-US-Ava:DragonHDLatestNeural}) and is refused otherwise.
 */
final class Ssml {
  private static final Pattern VOICE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]+)+(:[A-Za-z0-9]+)?");

  private Ssml() {}

  static String speak(String voice, String text, @Nullable Double rate) {
    if (!VOICE.matcher(voice).matches()) {
      throw new InvalidRequestException("'" + voice + "' is not an Azure voice name (such as en-US-JennyNeural)",
          "voice");
    }
    String[] parts = voice.split("-");
    String lang = parts.length >= 3 ? parts[0] + "-" + parts[1] : parts[0];
    String body = escape(text);
    if (rate != null) {
      body = "<prosody rate='" + rate + "'>" + body + "</prosody>";
    }
    return "<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='" + lang + "'>"
        + "<voice name='" + voice + "'>" + body + "</voice></speak>";
  }

  /** {@code text} as XML character data, safe inside an element or a quoted attribute. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // Characters XML 1.0 cannot carry at all are dropped rather than sent to break the document.
          if (c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
              || c >= 0x10000) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
