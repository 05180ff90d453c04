package io.modelgate.core.routing;

import io.modelgate.core.model.ModelId;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One try of a call at one target: where it went, how it ended, the error code when it failed, and how long it
 * took (to the first token, or to the failure).
 */
public record Attempt(ModelId target, Outcome outcome, @Nullable String error, Duration took) {
  /** How an attempt ended. */
  public enum Outcome {
    /** The target answered and the call went on with it. */
    SERVED,
    /** The target answered with an error a retry cannot cure (the call ended with it). */
    REFUSED,
    /** The target failed in a way another try may cure: the call moved on. */
    FAILED,
    /** The target sent nothing in time: the call moved on. */
    TIMED_OUT;

    private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String wireName() {
      return wireName;
    }
  }

  public Attempt {
    if (target == null || outcome == null || took == null) {
      throw new IllegalArgumentException("an attempt needs its 'target', 'outcome' and 'took'");
    }
  }

  /** {@code ollama-mac:llama3.1:8b failed upstream_unavailable 12ms}. */
  @Override
  public String toString() {
    return target + " " + outcome.wireName() + (error == null ? "" : " " + error) + " " + took.toMillis() + "ms";
  }
}
