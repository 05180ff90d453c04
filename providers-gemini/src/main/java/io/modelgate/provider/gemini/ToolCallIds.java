package io.modelgate.provider.gemini;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Tool call ids that carry what Gemini needs back on the next turn. Gemini often gives a function call no id, so
 * one is made ({@code gcall_...}, never sent back); and thinking models attach a {@code thoughtSignature} that must
 * be returned with the call, which core's {@link io.modelgate.core.chat.ToolCall} has no field for, so it rides in
 * the id after a {@code ~} (a character base64 never uses). Callers treat ids as opaque, as the OpenAI protocol
 * does.
 */
final class ToolCallIds {
  private static final String GENERATED = "gcall_";
  private static final char SEPARATOR = '~';

  private ToolCallIds() {}

  /** What a call id holds: Gemini's own id (null when we made one up) and the thought signature, if any. */
  record Decoded(@Nullable String geminiId, @Nullable String thoughtSignature) {}

  static String encode(@Nullable String geminiId, @Nullable String thoughtSignature) {
    String id = geminiId != null && !geminiId.isEmpty()
        ? geminiId
        : GENERATED + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    return thoughtSignature == null || thoughtSignature.isEmpty() ? id : id + SEPARATOR + thoughtSignature;
  }

  static Decoded decode(String id) {
    int cut = id.indexOf(SEPARATOR);
    String base = cut < 0 ? id : id.substring(0, cut);
    String signature = cut < 0 ? null : id.substring(cut + 1);
    return new Decoded(base.startsWith(GENERATED) || base.isEmpty() ? null : base,
        signature == null || signature.isEmpty() ? null : signature);
  }
}
