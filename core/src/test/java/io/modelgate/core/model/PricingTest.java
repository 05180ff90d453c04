package io.modelgate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricingTest {
  @Test
  void cachedTokensArePricedAtTheirOwnRate() {
    // 10,000 prompt tokens of which 4,000 cached, 2,000 completion; $2.50 in, $1.25 cached, $10 out per million.
    Pricing price = new Pricing(new BigDecimal("2.50"), new BigDecimal("10"), new BigDecimal("1.25"), null);
    BigDecimal cost = price.cost(new Usage(10_000, 2_000, 4_000, 0, null));
    // 6,000 * 2.5/1e6 = 0.015; 4,000 * 1.25/1e6 = 0.005; 2,000 * 10/1e6 = 0.02 → 0.04
    assertThat(cost).isEqualByComparingTo("0.04");
  }

  @Test
  void missingCachedRateFallsBackToTheInputRate() {
    Pricing price = Pricing.perMillion("3", "15");
    assertThat(price.cost(new Usage(1_000_000, 0, 500_000, 0, null))).isEqualByComparingTo("3");
  }

  @Test
  void perRequestFeeIsAdded() {
    Pricing price = new Pricing(BigDecimal.ONE, BigDecimal.ONE, null, new BigDecimal("0.005"));
    assertThat(price.cost(Usage.of(1_000_000, 0))).isEqualByComparingTo("1.005");
  }

  @Test
  void negativeRatesAreRefusedByName() {
    assertThatThrownBy(() -> new Pricing(new BigDecimal("-1"), null, null, null))
        .hasMessageContaining("'inputPerMillion' must not be negative");
  }
}
