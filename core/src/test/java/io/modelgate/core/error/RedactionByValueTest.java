package io.modelgate.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RedactionByValueTest {
  @Test
  void aSecretWithoutAKnownPrefixIsRedactedByValueAndItsEncodingsOnceItIsMade() {
    String value = "PLAINunitKey/with+odd=chars-" + System.nanoTime();
    String echoed = "Incorrect API key provided: " + value;
    assertThat(Redaction.redact(echoed)).as("unknown until made").contains(value);
    Secret.of(value);
    assertThat(Redaction.redact(echoed)).isEqualTo("Incorrect API key provided: [redacted]");
    assertThat(Redaction.redact("q=" + URLEncoder.encode(value, StandardCharsets.UTF_8))).isEqualTo("q=[redacted]");
    assertThat(Redaction.redact("basic " + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("basic [redacted]");
    assertThat(Redaction.redact("{\"k\":\"" + value.replace("/", "\\/") + "\"}")).isEqualTo("{\"k\":\"[redacted]\"}");
  }

  @Test
  void secretsAtTheTextsEdgesOrOverlappingInUnicodeTextAreRedactedWhole() {
    String first = "clé-secrète-" + System.nanoTime();
    String second = first.substring(first.length() - 8) + "-suite-秘密";
    Secret.of(first);
    Secret.of(second);
    assertThat(Redaction.redactValues(first + " → ok")).isEqualTo("[redacted] → ok");
    assertThat(Redaction.redactValues("ok ← " + second)).isEqualTo("ok ← [redacted]");
    assertThat(Redaction.redactValues("«" + first + second.substring(8) + "»")).as("overlapping: neither part left")
        .isEqualTo("«[redacted]»");
  }

  @Test
  void shortValuesAreNotRememberedSoOrdinaryWordsStay() {
    Redaction.remember("short");
    assertThat(Redaction.redact("a short text")).isEqualTo("a short text");
  }

  @Test
  void auditTextKeepsAGatewayKeysPrefixButNotAKnownValue() {
    String key = "mg_0a1b2c3d_" + "z".repeat(20) + System.nanoTime();
    Secret.of(key);
    assertThat(Redaction.redactValues("revoked mg_0a1b2c3d; was " + key)).isEqualTo("revoked mg_0a1b2c3d; was [redacted]");
  }
}
