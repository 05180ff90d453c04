package io.modelgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.TokenCounter;
import org.junit.jupiter.api.Test;

class JtokkitTokenCounterTest {
  private final TokenCounter counter = new JtokkitTokenCounter();

  @Test
  void openAiModelsAreCountedWithTheirOwnEncoding() {
    // "Hello world" is two tokens in both cl100k_base and o200k_base.
    assertThat(counter.count(ModelId.parse("openai:gpt-4o-mini"), "Hello world")).isEqualTo(2);
    assertThat(counter.count(ModelId.parse("openai:gpt-3.5-turbo"), "Hello world")).isEqualTo(2);
    assertThat(counter.count(ModelId.parse("openrouter:openai/gpt-4o"), "Hello world")).isEqualTo(2);
  }

  @Test
  void theTwoEncodingsDifferWhereTheyShould() {
    String text = "Привет, как дела? これは日本語のテキストです。";
    long o200k = counter.count(ModelId.parse("openai:gpt-4o"), text);
    long cl100k = counter.count(ModelId.parse("openai:gpt-4"), text);
    assertThat(o200k).isPositive().isLessThan(cl100k);
  }

  @Test
  void otherVendorsGetAFifthMoreThanCl100k() {
    long cl100k = counter.count(ModelId.parse("openai:gpt-4"), "The quick brown fox jumps over the lazy dog.");
    assertThat(cl100k).isEqualTo(10);
    assertThat(counter.count(ModelId.parse("anthropic:claude-sonnet-4-5"),
        "The quick brown fox jumps over the lazy dog.")).isEqualTo(12);
    assertThat(counter.count(ModelId.parse("openrouter:meta-llama/llama-3.1-8b"), "Hello world")).isEqualTo(3);
  }

  @Test
  void specialTokenTextIsCountedAsOrdinaryTextAndEmptyIsZero() {
    assertThat(counter.count(ModelId.parse("openai:gpt-4o"), "<|endoftext|>")).isPositive();
    assertThat(counter.count(ModelId.parse("ollama-mac:llama3.1:8b"), "")).isZero();
  }

  @Test
  void theBoundIsNeverUnderTheCountAndIsTheTextsUtf8Bytes() {
    String[] texts = {"Hello world", "The quick brown fox jumps over the lazy dog.", " ", "a", "\n\n\n",
        "Привет, как дела? これは日本語のテキストです。", "emoji 😀👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "x".repeat(5000), "1234567890 ".repeat(300)};
    String[] models = {"openai:gpt-4o", "openai:gpt-4", "anthropic:claude-sonnet-4-5", "ollama-mac:llama3.1:8b"};
    for (String model : models) {
      for (String text : texts) {
        ModelId id = ModelId.parse(model);
        assertThat(counter.atMost(id, text)).as("%s: %s", model, text)
            .isGreaterThanOrEqualTo(counter.count(id, text));
      }
    }
    assertThat(counter.atMost(ModelId.parse("openai:gpt-4o"), "añ€😀")).isEqualTo(1 + 2 + 3 + 4);
    // Other vendors' bound carries the same allowance as their count.
    assertThat(counter.atMost(ModelId.parse("anthropic:claude-sonnet-4-5"), "x".repeat(100))).isEqualTo(120);
  }
}
