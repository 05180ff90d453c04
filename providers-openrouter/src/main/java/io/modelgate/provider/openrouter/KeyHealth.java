package io.modelgate.provider.openrouter;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.model.HealthState;
import io.modelgate.provider.openai.internal.HealthCheck;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import java.math.BigDecimal;

/** Reads {@code GET /api/v1/key} for the health probe: the key works, and how much credit it has left. */
final class KeyHealth {
  private static final JsonAdapter<OpenRouterWire.KeyEnvelope> KEY =
      OpenAiHttp.MOSHI.adapter(OpenRouterWire.KeyEnvelope.class);

  private KeyHealth() {}

  /** HEALTHY with the credit left; DEGRADED when a limited key has none left (only free models will answer). */
  static HealthCheck.Verdict verdict(String body) {
    OpenRouterWire.KeyInfo key = OpenAiHttp.parse(KEY, body).data();
    String used = key.usage() == null ? "" : "; $" + usd(key.usage()) + " used";
    if (key.limit() == null) {
      return new HealthCheck.Verdict(HealthState.HEALTHY, "no credit limit" + used);
    }
    double remaining = key.limitRemaining() == null ? 0 : key.limitRemaining();
    String reset = key.limitReset() == null ? "" : " (resets " + key.limitReset() + ")";
    if (remaining <= 0) {
      return new HealthCheck.Verdict(HealthState.DEGRADED,
          "no credit left of $" + usd(key.limit()) + reset + used);
    }
    return new HealthCheck.Verdict(HealthState.HEALTHY,
        "$" + usd(remaining) + " credit left of $" + usd(key.limit()) + reset + used);
  }

  private static String usd(double amount) {
    return BigDecimal.valueOf(amount).stripTrailingZeros().toPlainString();
  }
}
