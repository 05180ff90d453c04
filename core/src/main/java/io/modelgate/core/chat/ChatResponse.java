package io.modelgate.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A whole chat reply: the text, the tool calls, why it stopped and what it used, and a refusal if it declined. */
public record ChatResponse(
    String text, @Nullable String reasoning, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage,
    @Nullable String finishDetail, @Nullable String refusal) {

  public ChatResponse {
    toolCalls = List.copyOf(toolCalls);
  }

  /**
   * Reads {@code stream} to its end and joins what it sent (choice 0 only); a {@link ChatEvent.Failed} end is
   * thrown. The stream is closed either way.
   */
  public static ChatResponse collect(ChatStream stream) {
    try (stream) {
      StringBuilder text = new StringBuilder();
      StringBuilder reasoning = new StringBuilder();
      StringBuilder refusal = new StringBuilder();
      Map<Integer, String[]> calls = new TreeMap<>();
      Usage usage = Usage.ZERO;
      while (true) {
        ChatEvent event = stream.next();
        switch (event) {
          case ChatEvent.TextDelta d -> {
            if (d.choice() == 0) {
              text.append(d.text());
            }
          }
          case ChatEvent.ReasoningDelta d -> reasoning.append(d.visibleText());
          case ChatEvent.RefusalDelta d -> {
            if (d.choice() == 0) {
              refusal.append(d.text());
            }
          }
          case ChatEvent.ToolCallDelta d -> {
            if (d.choice() == 0) {
              String[] call = calls.computeIfAbsent(d.index(), i -> new String[] {null, null, ""});
              if (d.id() != null) {
                call[0] = d.id();
              }
              if (d.name() != null) {
                call[1] = d.name();
              }
              call[2] = call[2] + d.arguments();
            }
          }
          case ChatEvent.UsageReport u -> usage = u.usage();
          case ChatEvent.LogprobsDelta l -> { }
          case ChatEvent.NativeEvent n -> { } // the same reply as the other events say it, in a protocol's words
          case ChatEvent.SystemFingerprint f -> { }
          case ChatEvent.ResponseIdentity r -> { }
          case ChatEvent.Completed c -> {
            List<ToolCall> toolCalls = new ArrayList<>();
            calls.forEach((index, call) -> toolCalls.add(
                new ToolCall(call[0] == null ? "call_" + index : call[0], call[1], call[2])));
            return new ChatResponse(text.toString(), reasoning.isEmpty() ? null : reasoning.toString(), toolCalls,
                c.reason(), c.usage() != null ? c.usage() : usage, c.detail(),
                refusal.isEmpty() ? null : refusal.toString());
          }
          case ChatEvent.Failed f -> throw f.error();
        }
      }
    }
  }
}
