package io.modelgate.app;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.TokenCounter;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens with jtokkit's tiktoken encodings: exact for OpenAI's models ({@code o200k_base} for the GPT-4o, 4.1,
 * 5 and o-series families, {@code cl100k_base} for the older ones), whether served by OpenAI or through an
 * aggregator as {@code openai/...}. Other vendors' tokenizers differ, and several (Anthropic's among them) make
 * more tokens of the same text, so for every other model the {@code cl100k_base} count is raised by a fifth: the
 * count sizes a reservation, where too many is safe and too few lets a call past its limit. Each encoding is loaded
 * on its first use (jtokkit's lazy registry, once per encoding even under concurrent calls): loading both took half
 * the CPU of a start and ~45 MB of heap, and a gateway serving no OpenAI model never needs {@code o200k_base}.
 * Thread-safe.
 */
final class JtokkitTokenCounter implements TokenCounter {
  /** The allowance, in percent, added for models whose tokenizer is not one of jtokkit's. */
  static final int OTHER_VENDOR_MARGIN_PERCENT = 20;
  private static final List<String> O200K_FAMILIES =
      List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "gpt-oss", "o1", "o3", "o4");
  private static final List<String> CL100K_FAMILIES =
      List.of("gpt-4", "gpt-3.5", "text-embedding-3", "text-embedding-ada-002");

  private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();

  @Override
  public long count(ModelId model, String text) {
    if (text.isEmpty()) {
      return 0;
    }
    Counting counting = Counting.of(model);
    long counted = registry.getEncoding(counting.encoding).countTokensOrdinary(text);
    return counting.margin ? withMargin(counted) : counted;
  }

  /**
   * The text's length in UTF-8 bytes, with the other-vendor allowance where {@link #count} adds it: a tiktoken
   * token is at least one byte, so no count passes it, and no encoding is loaded to know it.
   */
  @Override
  public long atMost(ModelId model, String text) {
    long bytes = utf8Length(text);
    return Counting.of(model).margin ? withMargin(bytes) : bytes;
  }

  /** How a model's text is counted: with which encoding, and whether the other-vendor allowance is added. */
  private enum Counting {
    O200K(EncodingType.O200K_BASE, false),
    CL100K(EncodingType.CL100K_BASE, false),
    OTHER_VENDOR(EncodingType.CL100K_BASE, true);

    final EncodingType encoding;
    final boolean margin;

    Counting(EncodingType encoding, boolean margin) {
      this.encoding = encoding;
      this.margin = margin;
    }

    static Counting of(ModelId model) {
      String name = model.model().toLowerCase(Locale.ROOT);
      int slash = name.indexOf('/');
      String vendor = slash < 0 ? null : name.substring(0, slash);
      String family = name.substring(slash + 1);
      if (vendor == null || vendor.equals("openai")) {
        if (startsWithAny(family, O200K_FAMILIES)) {
          return O200K;
        }
        if (startsWithAny(family, CL100K_FAMILIES)) {
          return CL100K;
        }
      }
      return OTHER_VENDOR;
    }
  }

  private static long withMargin(long counted) {
    return counted + (counted * OTHER_VENDOR_MARGIN_PERCENT + 99) / 100;
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // A surrogate is half of a 4-byte character.
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  private static boolean startsWithAny(String family, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (family.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
