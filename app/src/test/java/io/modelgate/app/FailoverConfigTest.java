package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.routing.FailoverSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverConfigTest {
  @TempDir Path home;

  @Test
  void eachVariableSetsItsKnobAndTheRestKeepTheirDefaults() {
    FailoverSettings s = load(Map.of("MODELGATE_MAX_ATTEMPTS", "2",
        "MODELGATE_FIRST_BYTE_TIMEOUT_SECONDS", "9", "MODELGATE_BREAKER_COOLDOWN_SECONDS", "45",
        "MODELGATE_RETRY_AFTER_MAX_WAIT_SECONDS", "0"));
    assertThat(s.maxAttempts()).isEqualTo(2);
    assertThat(s.firstByteTimeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(s.breakerCooldown()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.maxRetryAfterWait()).isZero();
    assertThat(s.idleTimeout()).isEqualTo(FailoverSettings.DEFAULTS.idleTimeout());
    assertThat(load(Map.of())).isEqualTo(FailoverSettings.DEFAULTS);
  }

  @Test
  void everyBadValueIsNamedByItsVariableInOneError() {
    assertThatThrownBy(() -> load(Map.of("MODELGATE_IDLE_TIMEOUT_SECONDS", "soon", "MODELGATE_MAX_ATTEMPTS", "0",
        "MODELGATE_BREAKER_FAILURES", "-1", "MODELGATE_REQUEST_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrong in 4 places")
        .hasMessageContaining("MODELGATE_IDLE_TIMEOUT_SECONDS must be a positive number of seconds, was 'soon'")
        .hasMessageContaining("MODELGATE_MAX_ATTEMPTS must be a number of attempts from 1 to 20, was '0'")
        .hasMessageContaining("MODELGATE_BREAKER_FAILURES must be a positive number of failures, was '-1'")
        .hasMessageContaining("MODELGATE_REQUEST_TIMEOUT_SECONDS must be a positive number of seconds, was '0'");
  }

  @Test
  void theGraphUsesTheConfiguredSettings() {
    Configuration c = Configuration.load(env(Map.of("MODELGATE_MAX_ATTEMPTS", "3")));
    assertThat(ConfigModule.failoverSettings(c).maxAttempts()).isEqualTo(3);
  }

  private FailoverSettings load(Map<String, String> vars) {
    return Configuration.load(env(vars)).failover();
  }

  private Map<String, String> env(Map<String, String> vars) {
    Map<String, String> env = new HashMap<>(vars);
    env.put("MODELGATE_HOME", home.toString());
    return env;
  }
}
