package io.modelgate.provider.gemini;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.ContentFilteredException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns the events of one {@code streamGenerateContent?alt=sse} reply into core chat events; one per stream, not
 * thread-safe. Text parts become text deltas for their candidate, {@code thought} parts reasoning, function calls
 * whole tool-call deltas (with an id made up where Gemini gives none). Gemini sends no end marker: the stream is
 * finished when every candidate seen has a {@code finishReason} (a candidate cut by the safety filter is a
 * {@link FinishReason#CONTENT_FILTER} finish with the reason named). A prompt Gemini blocked outright
 * ({@code promptFeedback.blockReason}, no candidates) is not an answer at all: the stream fails with a
 * {@link ContentFilteredException} naming the reason and the categories rated, never an empty clean stop.
 *
 * <p>The first chunk naming {@code responseId} or {@code modelVersion} gives the reply's identity.
 *
 * <p>Usage: Gemini's {@code candidatesTokenCount} leaves out the thinking tokens ({@code thoughtsTokenCount}),
 * which are billed as output, so completion tokens here are candidates + thoughts (reasoning tokens = thoughts),
 * and prompt tokens include {@code toolUsePromptTokenCount}. Cached tokens are {@code cachedContentTokenCount}.
 */
final class GeminiStreamMapper {
  private final Map<Integer, String> finishReasons = new TreeMap<>();
  private final Map<Integer, String> finishMessages = new HashMap<>();
  private final Map<Integer, Integer> toolCalls = new HashMap<>();
  private final java.util.Set<Integer> candidates = new java.util.TreeSet<>();
  private @Nullable Usage usage;
  private boolean identified;

  /** The events {@code chunk} carries, in order. */
  List<ChatEvent> onChunk(GeminiWire.GenerateContentResponse chunk) {
    List<ChatEvent> events = new ArrayList<>();
    if (!identified && (chunk.responseId() != null || chunk.modelVersion() != null)) {
      identified = true;
      events.add(new ChatEvent.ResponseIdentity(chunk.responseId(), chunk.modelVersion()));
    }
    GeminiWire.PromptFeedback feedback = chunk.promptFeedback();
    if (feedback != null && feedback.blockReason() != null && !feedback.blockReason().isBlank()) {
      if (chunk.usageMetadata() != null) {
        usage = usage(chunk.usageMetadata());
        events.add(new ChatEvent.UsageReport(usage));
      }
      events.add(new ChatEvent.Failed(blocked(feedback)));
      return events;
    }
    List<GeminiWire.Candidate> list = chunk.candidates() == null ? List.of() : chunk.candidates();
    for (int position = 0; position < list.size(); position++) {
      GeminiWire.Candidate candidate = list.get(position);
      int choice = candidate.index() != null ? candidate.index() : position;
      candidates.add(choice);
      GeminiWire.Content content = candidate.content();
      List<GeminiWire.Part> parts = content == null || content.parts() == null ? List.of() : content.parts();
      for (GeminiWire.Part part : parts) {
        if (part.functionCall() != null) {
          GeminiWire.FunctionCall call = part.functionCall();
          int index = toolCalls.merge(choice, 1, Integer::sum) - 1;
          events.add(new ChatEvent.ToolCallDelta(choice, index,
              ToolCallIds.encode(call.id(), part.thoughtSignature()), call.name(),
              call.args() == null ? "{}" : call.args().json()));
        } else if (part.text() != null && !part.text().isEmpty()) {
          if (Boolean.TRUE.equals(part.thought())) {
            if (choice == 0) {
              events.add(new ChatEvent.ReasoningDelta(part.text()));
            }
          } else {
            events.add(new ChatEvent.TextDelta(choice, part.text()));
          }
        }
      }
      if (candidate.finishReason() != null && !candidate.finishReason().isEmpty()) {
        finishReasons.put(choice, candidate.finishReason());
        if (candidate.finishMessage() != null) {
          finishMessages.put(choice, candidate.finishMessage());
        }
      }
    }
    if (chunk.usageMetadata() != null) {
      Usage next = usage(chunk.usageMetadata());
      if (!next.equals(usage)) {
        usage = next;
        events.add(new ChatEvent.UsageReport(next));
      }
    }
    return events;
  }

  /** The clean end once the stream has said all it will, or null when it stopped short of its finish. */
  ChatEvent.@Nullable Completed completion() {
    if (candidates.isEmpty() || !finishReasons.keySet().containsAll(candidates)) {
      return null;
    }
    int first = candidates.iterator().next();
    String raw = finishReasons.get(first);
    FinishReason reason = finishReason(raw);
    if (reason == FinishReason.STOP && toolCalls.containsKey(first)) {
      reason = FinishReason.TOOL_CALLS;
    }
    String message = finishMessages.get(first);
    return new ChatEvent.Completed(reason, usage, message == null ? raw : raw + ": " + message);
  }

  /**
   * "Gemini blocked the prompt (SAFETY: …message…); categories: HARM_CATEGORY_DANGEROUS_CONTENT (HIGH)": the
   * categories rated blocked, else those rated above negligible or low.
   */
  static ContentFilteredException blocked(GeminiWire.PromptFeedback feedback) {
    StringBuilder message = new StringBuilder("Gemini blocked the prompt (").append(feedback.blockReason());
    if (feedback.blockReasonMessage() != null && !feedback.blockReasonMessage().isBlank()) {
      message.append(": ").append(feedback.blockReasonMessage());
    }
    message.append(')');
    List<GeminiWire.SafetyRating> ratings = feedback.safetyRatings() == null ? List.of() : feedback.safetyRatings();
    List<String> named = ratings.stream()
        .filter(r -> r.category() != null && (Boolean.TRUE.equals(r.blocked())
            || (r.probability() != null && !r.probability().equals("NEGLIGIBLE") && !r.probability().equals("LOW"))))
        .map(r -> r.category() + (r.probability() == null ? "" : " (" + r.probability() + ")"))
        .toList();
    if (!named.isEmpty()) {
      message.append("; categories: ").append(String.join(", ", named));
    }
    return new ContentFilteredException(message.toString());
  }

  static FinishReason finishReason(String raw) {
    return switch (raw) {
      case "STOP" -> FinishReason.STOP;
      case "MAX_TOKENS" -> FinishReason.LENGTH;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
           "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  static Usage usage(GeminiWire.UsageMetadata u) {
    long thoughts = orZero(u.thoughtsTokenCount());
    return new Usage(
        orZero(u.promptTokenCount()) + orZero(u.toolUsePromptTokenCount()),
        orZero(u.candidatesTokenCount()) + thoughts,
        orZero(u.cachedContentTokenCount()),
        thoughts,
        null);
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }
}
