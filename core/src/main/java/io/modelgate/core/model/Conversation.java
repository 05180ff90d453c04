package io.modelgate.core.model;

/**
 * A conversation: the id a caller gave it, scoped to that caller. The owner is the user's id, or {@code ""} for a
 * caller without one (the embedded CLI, a library); two callers using the same id have two conversations, so nobody
 * can steer another's calls by reusing their conversation id.
 */
public record Conversation(String owner, String id) {
  /** What a caller without a user id owns. */
  public static final String NO_OWNER = "";

  public Conversation {
    if (owner == null) {
      throw new IllegalArgumentException("conversation 'owner' must not be null");
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("'conversationId' must not be blank");
    }
    if (id.length() > 256) {
      throw new IllegalArgumentException("'conversationId' must be at most 256 characters");
    }
  }

  @Override
  public String toString() {
    return owner.isEmpty() ? id : owner + "/" + id;
  }
}
