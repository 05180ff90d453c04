package io.modelgate.core.model;

import io.modelgate.core.chat.Usage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * What a model costs in USD: per million input, output and cached-input tokens, and per request. A missing rate is
 * unknown, not free; a missing cached-input rate falls back to the input rate.
 */
public record Pricing(
    @Nullable BigDecimal inputPerMillion,
    @Nullable BigDecimal outputPerMillion,
    @Nullable BigDecimal cachedInputPerMillion,
    @Nullable BigDecimal perRequest) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public Pricing {
    checkNotNegative(inputPerMillion, "inputPerMillion");
    checkNotNegative(outputPerMillion, "outputPerMillion");
    checkNotNegative(cachedInputPerMillion, "cachedInputPerMillion");
    checkNotNegative(perRequest, "perRequest");
  }

  public static Pricing perMillion(String input, String output) {
    return new Pricing(new BigDecimal(input), new BigDecimal(output), null, null);
  }

  public static final Pricing FREE = new Pricing(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  /**
   * The cost of one call: uncached prompt tokens at the input rate, cached ones at the cached rate, completion
   * tokens (reasoning included) at the output rate, plus the per-request fee. Unknown rates count as zero.
   */
  public BigDecimal cost(Usage usage) {
    BigDecimal in = orZero(inputPerMillion);
    BigDecimal cachedRate = cachedInputPerMillion != null ? cachedInputPerMillion : in;
    long cached = Math.min(usage.cachedTokens(), usage.promptTokens());
    long uncached = usage.promptTokens() - cached;
    BigDecimal tokens = in.multiply(BigDecimal.valueOf(uncached))
        .add(cachedRate.multiply(BigDecimal.valueOf(cached)))
        .add(orZero(outputPerMillion).multiply(BigDecimal.valueOf(usage.completionTokens())));
    return tokens.divide(MILLION, MathContext.DECIMAL64)
        .add(orZero(perRequest))
        .setScale(10, RoundingMode.HALF_UP)
        .stripTrailingZeros();
  }

  public boolean isKnown() {
    return inputPerMillion != null || outputPerMillion != null || perRequest != null;
  }

  private static BigDecimal orZero(@Nullable BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  private static void checkNotNegative(@Nullable BigDecimal value, String name) {
    if (value != null && value.signum() < 0) {
      throw new IllegalArgumentException("'" + name + "' must not be negative, was " + value);
    }
  }

  /**
   * The cost of an image generation: the tokens it reports (at the token rates, as {@link #cost(Usage)}) plus,
   * for image models, {@code perRequest} as the price of each of the {@code images} made.
   */
  public BigDecimal imageCost(Usage usage, int images) {
    BigDecimal tokens = cost(usage).subtract(orZero(perRequest));
    return tokens.add(orZero(perRequest).multiply(BigDecimal.valueOf(images)))
        .setScale(10, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
