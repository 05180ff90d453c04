package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /metrics} is Micrometer's Prometheus text, and no caller can grow its label sets at will. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsHttpTest {
  private Harness h;

  @BeforeAll
  void start() throws Exception {
    h = new Harness();
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
  }

  @Test
  void requestsWithBogusModelNamesAddNoSeries() {
    chat("bogus:first-made-up-name");
    List<String> before = series();

    for (String bogus : List.of("bogus:second-made-up-name", "third-made-up-name", "openai:fourth-made-up-name",
        "demo:fifth-made-up-name")) {
      assertThat(chat(bogus).statusCode()).as(bogus).isGreaterThanOrEqualTo(400);
    }
    List<String> after = series();

    assertThat(after).hasSameSizeAs(before);
    assertThat(String.join("\n", after)).doesNotContain("made-up-name")
        .contains("modelgate_model_errors_total{code=\"model_not_found\",model=\"other\",provider=\"\"}");
  }

  @Test
  void aRefusedCallOnACatalogModelIsLabelledWithItsId() {
    // gpt-4.1-nano was discovered but never enabled: in the catalog, refused by the router.
    HttpResponse<String> refused = chat("openai:gpt-4.1-nano");
    assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);

    assertThat(String.join("\n", series()))
        .containsPattern("modelgate_model_requests_total\\{model=\"openai:gpt-4\\.1-nano\",operation=\"chat\","
            + "outcome=\"error\",provider=\"\"} 1(\\.0)?");
  }

  @Test
  void servedCallsKeepTheirMeaningsUnderMicrometer() {
    assertThat(chat("demo:echo").statusCode()).isEqualTo(200);

    String text = String.join("\n", series());
    assertThat(text)
        .containsPattern("modelgate_http_requests_total\\{method=\"POST\",route=\"/v1/chat/completions\","
            + "status=\"200\"} \\d")
        .contains("modelgate_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/chat/completions\","
            + "le=\"0.005\"}")
        .containsPattern("modelgate_model_request_duration_seconds_count\\{model=\"demo:echo\",operation=\"chat\","
            + "provider=\"demo\"} \\d")
        .contains("modelgate_time_to_first_token_seconds_bucket{model=\"demo:echo\",provider=\"demo\",le=\"+Inf\"}")
        .containsPattern("modelgate_tokens_total\\{model=\"demo:echo\",provider=\"demo\",type=\"completion\"} [1-9]");
  }

  private HttpResponse<String> chat(String model) {
    return h.post("/v1/chat/completions", h.adminKey,
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  /** The sample lines of a scrape (no comments), without their values' changes mattering to the count. */
  private List<String> series() {
    HttpResponse<String> r = h.get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    return Arrays.stream(r.body().split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }
}
