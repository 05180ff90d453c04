package io.modelgate.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonTest {
  /** Text exactly as the hand-written writer before Moshi stored it (its escapes, Double.toString numbers). */
  private static final String OLD_ALIAS_DEFAULTS = "{\"temperature\":0.2,\"max_tokens\":512,\"stream\":true,"
      + "\"stop\":[\"\\n\\n\",\"END \\\"quoted\\\"\"],\"user\":\"support-bot ü\\u0001\",\"tiny\":1.0E-5,"
      + "\"big\":123456789012345678901234567890,\"exact\":0.1000000000000000055511151231257827,\"none\":null,"
      + "\"metadata\":{\"team\":\"support\",\"tier\":2}}";

  @Test
  void readsWhatTheOldWriterStored() {
    Map<String, Object> read = Json.readObject(OLD_ALIAS_DEFAULTS);

    assertThat(read).containsEntry("temperature", 0.2).containsEntry("max_tokens", 512L)
        .containsEntry("stream", true).containsEntry("user", "support-bot ü\u0001").containsEntry("tiny", 1.0E-5)
        .containsEntry("big", new BigDecimal("123456789012345678901234567890"))
        .containsEntry("exact", new BigDecimal("0.1000000000000000055511151231257827"))
        .containsEntry("none", null).containsEntry("metadata", Map.of("team", "support", "tier", 2L));
    assertThat(read.get("stop")).isEqualTo(List.of("\n\n", "END \"quoted\""));
    assertThat(Json.readStrings("[\"openai:gpt-4o\",\"demo:*\"]")).containsExactly("openai:gpt-4o", "demo:*");
    assertThat(Json.readObject("{}")).isEmpty();
  }

  @Test
  void writesWhatItReadsBackWithTheSameKindsOfNumber() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("temperature", 0.7);
    value.put("max_tokens", 2048);
    value.put("price", new BigDecimal("0.00000125"));
    value.put("stop", Arrays.asList("a\tb", null));
    value.put("nested", new TreeMap<>(Map.of("b", false, "a", List.of())));

    String text = Json.write(value);

    assertThat(text).startsWith("{\"temperature\":0.7,\"max_tokens\":2048,");
    Map<String, Object> back = Json.readObject(text);
    assertThat(back).containsEntry("temperature", 0.7).containsEntry("max_tokens", 2048L)
        .containsEntry("stop", Arrays.asList("a\tb", null)).containsEntry("nested", Map.of("a", List.of(), "b", false));
    assertThat(new BigDecimal(back.get("price").toString())).isEqualByComparingTo("0.00000125");
  }

  @Test
  void brokenOrWrongStoredJsonIsAClearError() {
    assertThatThrownBy(() -> Json.readObject("{\"a\":1")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stored JSON is broken");
    assertThatThrownBy(() -> Json.readObject("[1] trailing")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stored JSON is broken");
    assertThatThrownBy(() -> Json.readObject("[\"a\"]")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not an object");
    assertThatThrownBy(() -> Json.readStrings("{\"a\":1}")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stored JSON is broken");
    assertThatThrownBy(() -> Json.write(Map.of("t", Double.NaN))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot store");
    assertThatThrownBy(() -> Json.write(Map.of("when", java.time.Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot store");
  }
}
