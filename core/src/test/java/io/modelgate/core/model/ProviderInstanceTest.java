package io.modelgate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderInstanceTest {
  private static ProviderInstance withOptions(Map<String, String> options) {
    return ProviderInstance.builder("ollama-mac", ProviderKind.OLLAMA).options(options).build();
  }

  @Test
  void readTimeoutComesFromTheOptionOrTheFallback() {
    assertThat(withOptions(Map.of()).readTimeout(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
    assertThat(withOptions(Map.of(ProviderInstance.READ_TIMEOUT_OPTION, " 1500 ")).readTimeout(Duration.ZERO))
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void aBadReadTimeoutNamesTheOptionAndTheInstance() {
    for (String bad : new String[] {"soon", "0", "-5"}) {
      assertThatThrownBy(() -> withOptions(Map.of(ProviderInstance.READ_TIMEOUT_OPTION, bad))
          .readTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("read-timeout-ms").hasMessageContaining("ollama-mac");
    }
  }

  @Test
  void aPrivateInstanceNeedsAnOwnerAndIsSeenOnlyByIt() {
    assertThatThrownBy(() -> ProviderInstance.builder("mac", ProviderKind.OLLAMA).visibility(Visibility.PRIVATE)
        .build()).hasMessageContaining("owner");
    ProviderInstance mac = ProviderInstance.builder("mac", ProviderKind.OLLAMA).visibility(Visibility.PRIVATE)
        .owner("bob").build();
    assertThat(mac.visibleTo("bob")).isTrue();
    assertThat(mac.visibleTo("ann")).isFalse();
    assertThat(mac.visibleTo(null)).isFalse();
  }

  @Test
  void baseUrlMustBeHttp() {
    assertThatThrownBy(() -> ProviderInstance.builder("x", ProviderKind.OPENAI).baseUrl("ftp://x").build())
        .hasMessageContaining("'baseUrl' must start with http");
  }
}
