package io.modelgate.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.port.CallObserver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracing is on only when the OTEL_* variables name where spans go, and a wrong setting stops the start. */
class TracingTest {
  @Test
  void offUnlessAnExporterOrEndpointIsNamed() {
    assertThat(Tracing.enabled(Map.of())).isFalse();
    assertThat(Tracing.enabled(Map.of("OTEL_SERVICE_NAME", "gw"))).isFalse();
    assertThat(Tracing.enabled(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isTrue();
    assertThat(Tracing.enabled(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces"))).isTrue();
    assertThat(Tracing.enabled(Map.of("OTEL_TRACES_EXPORTER", "console"))).isTrue();
    assertThat(Tracing.enabled(Map.of("OTEL_TRACES_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isFalse();
    assertThat(Tracing.enabled(Map.of("OTEL_SDK_DISABLED", "true",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isFalse();
  }

  @Test
  void offNothingWatchesTheGatewayAndSpansAreNoOps() {
    try (Tracing tracing = Tracing.fromEnvironment(Map.of())) {
      assertThat(tracing.on()).isFalse();
      assertThat(TracingModule.callObserver(TracingModule.tracingObserver(tracing))).isSameAs(CallObserver.NONE);
      assertThat(tracing.tracer().spanBuilder("x").startSpan().isRecording()).isFalse();
    }
  }

  @Test
  void onTheSdkRecordsAndTheGatewayIsWatched() {
    try (Tracing tracing = Tracing.fromEnvironment(Map.of("OTEL_TRACES_EXPORTER", "console"))) {
      assertThat(tracing.on()).isTrue();
      assertThat(TracingModule.callObserver(TracingModule.tracingObserver(tracing)))
          .isInstanceOf(OtelCallObserver.class);
      assertThat(tracing.tracer().spanBuilder("x").startSpan().isRecording()).isTrue();
    }
  }

  @Test
  void aWrongSettingStopsTheStartNamingTheVariables() {
    assertThatThrownBy(() -> Tracing.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
        "OTEL_TRACES_SAMPLER", "sometimes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("OpenTelemetry settings (OTEL_*):")
        .hasMessageContaining("sometimes");
  }

  @Test
  void providersAreNamedAsTheGenAiConventionsNameThem() {
    assertThat(OtelCallObserver.providerName("openai", io.modelgate.core.model.ProviderKind.OPENAI))
        .isEqualTo("openai");
    assertThat(OtelCallObserver.providerName("gemini", io.modelgate.core.model.ProviderKind.GEMINI))
        .isEqualTo("gcp.gemini");
    assertThat(OtelCallObserver.providerName("xai", io.modelgate.core.model.ProviderKind.OPENAI_COMPATIBLE))
        .isEqualTo("x_ai");
    assertThat(OtelCallObserver.providerName("mac", io.modelgate.core.model.ProviderKind.OLLAMA))
        .isEqualTo("ollama");
  }
}
