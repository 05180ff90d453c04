package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.routing.FailoverSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverConfigTest {
  @Test
  void eachVariableSetsItsKnobAndTheRestKeepTheirDefaults() {
    FailoverSettings s = ConfigModule.failoverSettings(Map.of("MODELGATE_MAX_ATTEMPTS", "2",
        "MODELGATE_FIRST_BYTE_TIMEOUT_SECONDS", "9", "MODELGATE_BREAKER_COOLDOWN_SECONDS", "45"));
    assertThat(s.maxAttempts()).isEqualTo(2);
    assertThat(s.firstByteTimeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(s.breakerCooldown()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.idleTimeout()).isEqualTo(FailoverSettings.DEFAULTS.idleTimeout());
    assertThat(ConfigModule.failoverSettings(Map.of())).isEqualTo(FailoverSettings.DEFAULTS);
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(() -> ConfigModule.failoverSettings(Map.of("MODELGATE_IDLE_TIMEOUT_SECONDS", "soon")))
        .hasMessageContaining("MODELGATE_IDLE_TIMEOUT_SECONDS");
    assertThatThrownBy(() -> ConfigModule.failoverSettings(Map.of("MODELGATE_MAX_ATTEMPTS", "0")))
        .hasMessageContaining("maxAttempts");
  }
}
