package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  private final JsonCodec json = new JsonCodec();

  private static OpenAiWire.ModelList models(int count, String status) {
    List<OpenAiWire.Model> data = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      data.add(new OpenAiWire.Model("openai:m-" + i, "model", 1_764_460_800L, "openai", "model", "m-" + i,
          "2025-11-30T00:00:00Z", "m-" + i, "openai", "text", status, null, 128_000, null, List.of("streaming"), null,
          null));
    }
    return OpenAiWire.ModelList.of(data);
  }

  @Test
  void anAnswerEqualToOneWrittenLatelyComesFromMemoryWithTheSameTag() {
    JsonCodec.Tagged first = json.writeTagged(models(1_000, "enabled"));
    JsonCodec.Tagged again = json.writeTagged(models(1_000, "enabled"));

    assertThat(again.bytes()).as("not encoded again").isSameAs(first.bytes());
    assertThat(again.tag()).isEqualTo(first.tag()).matches("\"[0-9a-f]{32}\"");
    assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo(
        new String(json.write(models(1_000, "enabled")), StandardCharsets.UTF_8));
  }

  @Test
  void aChangedAnswerIsWrittenAfreshWithAnotherTag() {
    JsonCodec.Tagged enabled = json.writeTagged(models(3, "enabled"));
    JsonCodec.Tagged changed = json.writeTagged(models(3, "deprecated"));

    assertThat(changed.tag()).isNotEqualTo(enabled.tag());
    assertThat(new String(changed.bytes(), StandardCharsets.UTF_8)).contains("\"status\":\"deprecated\"")
        .doesNotContain("\"enabled\"");
  }
}
