package io.modelgate.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text shaped like a provider's key is redacted whatever its case; text with no such shape comes back as it was. */
class RedactionByShapeTest {
  @Test
  void keyShapesAreRedactedInAnyCase() {
    assertThat(Redaction.redact("key SK-PROJ-abcdefgh12345 leaked")).isEqualTo("key [redacted] leaked");
    assertThat(Redaction.redact("Authorization: BEARER abcdefgh.12345")).isEqualTo("Authorization: BEARER [redacted]");
    assertThat(Redaction.redact("GET /v1/models?API_KEY=xyz&b=1")).isEqualTo("GET /v1/models?API_KEY=[redacted]&b=1");
    assertThat(Redaction.redact("u?Token=t0k")).isEqualTo("u?Token=[redacted]");
    assertThat(Redaction.redact("aizaSyA0123456789abcdefghijkl")).isEqualTo("[redacted]");
    assertThat(Redaction.redact("Xai-abcdefgh1 and GSK_abcdefgh1 and MG_abcdefgh1"))
        .isEqualTo("[redacted] and [redacted] and [redacted]");
  }

  @Test
  void textWithoutAKeyShapeIsReturnedUnchanged() {
    String access = "POST /v1/chat/completions 200 3ms request_id=req_0123456789abcdef caller=usr_4d5048695399 "
        + "model=fast:gpt-bench provider=fast input_tokens=24 output_tokens=170 cost_usd=0 attempts=1";
    assertThat(Redaction.mayHoldKeyShape(access)).isFalse();
    assertThat(Redaction.redact(access)).isSameAs(access);
    assertThat(Redaction.mayHoldKeyShape("risk-free")).as("'sk-' inside a word is still looked at").isTrue();
    assertThat(Redaction.redact("risk-free")).isEqualTo("risk-free");
  }
}
