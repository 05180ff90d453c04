package io.modelgate.core.model;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling and on whose behalf: the user, their org, the gateway key they used, the conversation the call
 * belongs to and the agent (a named caller context of an app, seed 002) it comes from. All are optional; an embedded
 * caller may have none.
 */
public record CallerContext(
    @Nullable String principal,
    @Nullable String orgId,
    @Nullable String gatewayKey,
    @Nullable String conversationId,
    boolean admin,
    @Nullable String agentId) {

  public CallerContext(@Nullable String principal, @Nullable String orgId, @Nullable String gatewayKey,
      @Nullable String conversationId, boolean admin) {
    this(principal, orgId, gatewayKey, conversationId, admin, null);
  }

  public CallerContext {
    if (agentId != null && !AGENT_ID.matcher(agentId).matches()) {
      throw new IllegalArgumentException("'agent_id' must be 1-64 letters, digits, '.', '_' or '-', was '"
          + agentId + "'");
    }
  }

  private static final java.util.regex.Pattern AGENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public static final CallerContext ANONYMOUS = new CallerContext(null, null, null, null, false);
  public static final CallerContext SYSTEM = new CallerContext(null, null, null, null, true);

  public static CallerContext user(String principal, @Nullable String orgId) {
    return new CallerContext(principal, orgId, null, null, false);
  }

  public CallerContext inConversation(@Nullable String conversation) {
    return new CallerContext(principal, orgId, gatewayKey, conversation, admin, agentId);
  }

  /** The same caller, calling for {@code agent} (null: for no agent). */
  public CallerContext forAgent(@Nullable String agent) {
    return new CallerContext(principal, orgId, gatewayKey, conversationId, admin,
        agent == null || agent.isBlank() ? null : agent.strip());
  }

  /** The conversation this call belongs to, as this caller's own; null when the call names none. */
  public @Nullable Conversation conversation() {
    return conversationId == null || conversationId.isBlank() ? null
        : new Conversation(principal == null ? Conversation.NO_OWNER : principal, conversationId);
  }
}
