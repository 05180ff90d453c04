package io.modelgate.core.chat;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation. An assistant message may carry the tool calls it made; a tool message answers the
 * call named by {@code toolCallId}.
 */
public record ChatMessage(
    Role role,
    List<ContentPart> content,
    @Nullable String name,
    List<ToolCall> toolCalls,
    @Nullable String toolCallId) {

  public ChatMessage {
    Objects.requireNonNull(role, "'role' must not be null");
    content = content == null ? List.of() : List.copyOf(content);
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (role == Role.TOOL && (toolCallId == null || toolCallId.isBlank())) {
      throw new IllegalArgumentException("a tool message needs the 'tool_call_id' it answers");
    }
    if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new IllegalArgumentException("only an assistant message carries 'tool_calls'");
    }
  }

  public static ChatMessage system(String text) {
    return new ChatMessage(Role.SYSTEM, List.of(ContentPart.text(text)), null, List.of(), null);
  }

  public static ChatMessage user(String text) {
    return new ChatMessage(Role.USER, List.of(ContentPart.text(text)), null, List.of(), null);
  }

  public static ChatMessage assistant(String text) {
    return new ChatMessage(Role.ASSISTANT, List.of(ContentPart.text(text)), null, List.of(), null);
  }

  public static ChatMessage toolResult(String toolCallId, String text) {
    return new ChatMessage(Role.TOOL, List.of(ContentPart.text(text)), null, List.of(), toolCallId);
  }

  /** The text parts joined; images are left out. */
  public String text() {
    return content.stream()
        .filter(p -> p instanceof ContentPart.Text)
        .map(p -> ((ContentPart.Text) p).text())
        .collect(Collectors.joining());
  }
}
