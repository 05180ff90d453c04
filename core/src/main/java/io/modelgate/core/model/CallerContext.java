package io.modelgate.core.model;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling and on whose behalf: the user, their org, the gateway key they used and the conversation the call
 * belongs to. All are optional; an embedded caller may have none.
 */
public record CallerContext(
    @Nullable String principal,
    @Nullable String orgId,
    @Nullable String gatewayKey,
    @Nullable String conversationId,
    boolean admin) {

  public static final CallerContext ANONYMOUS = new CallerContext(null, null, null, null, false);
  public static final CallerContext SYSTEM = new CallerContext(null, null, null, null, true);

  public static CallerContext user(String principal, @Nullable String orgId) {
    return new CallerContext(principal, orgId, null, null, false);
  }

  public CallerContext inConversation(@Nullable String conversation) {
    return new CallerContext(principal, orgId, gatewayKey, conversation, admin);
  }

  /** The conversation this call belongs to, as this caller's own; null when the call names none. */
  public @Nullable Conversation conversation() {
    return conversationId == null || conversationId.isBlank() ? null
        : new Conversation(principal == null ? Conversation.NO_OWNER : principal, conversationId);
  }
}
