package io.modelgate.core.chat;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** How to sample: every field optional, so the provider's own default applies where one is not set. */
public record SamplingOptions(
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer maxTokens,
    List<String> stop,
    @Nullable Long seed,
    @Nullable Double presencePenalty,
    @Nullable Double frequencyPenalty,
    @Nullable Integer n,
    @Nullable Boolean logprobs,
    @Nullable Integer topLogprobs) {

  public static final SamplingOptions DEFAULTS =
      new SamplingOptions(null, null, null, List.of(), null, null, null, null, null, null);

  public SamplingOptions {
    stop = stop == null ? List.of() : List.copyOf(stop);
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("'temperature' must be between 0 and 2, was " + temperature);
    }
    if (topP != null && (topP <= 0 || topP > 1)) {
      throw new IllegalArgumentException("'top_p' must be in (0, 1], was " + topP);
    }
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("'max_tokens' must be positive, was " + maxTokens);
    }
    if (n != null && n <= 0) {
      throw new IllegalArgumentException("'n' must be positive, was " + n);
    }
  }

  public SamplingOptions withMaxTokens(@Nullable Integer value) {
    return new SamplingOptions(temperature, topP, value, stop, seed, presencePenalty, frequencyPenalty, n, logprobs,
        topLogprobs);
  }

  public SamplingOptions withTemperature(@Nullable Double value) {
    return new SamplingOptions(value, topP, maxTokens, stop, seed, presencePenalty, frequencyPenalty, n, logprobs,
        topLogprobs);
  }
}
