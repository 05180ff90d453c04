package io.modelgate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelIdTest {
  @Test
  void splitsAtTheFirstColonSoOllamaTagsStayInTheModel() {
    ModelId id = ModelId.parse("ollama-mac:llama3.1:8b");
    assertThat(id.instance()).isEqualTo("ollama-mac");
    assertThat(id.model()).isEqualTo("llama3.1:8b");
    assertThat(id).hasToString("ollama-mac:llama3.1:8b");
  }

  @Test
  void openRouterSlashesAreFine() {
    ModelId id = ModelId.parse("openrouter:anthropic/claude-3.5-sonnet");
    assertThat(id.instance()).isEqualTo("openrouter");
    assertThat(id.model()).isEqualTo("anthropic/claude-3.5-sonnet");
  }

  @Test
  void instanceIdsMayBe64CharactersButNotMore() {
    String ok = "a".repeat(64);
    assertThat(ModelId.parse(ok + ":m").instance()).isEqualTo(ok);
    assertThatThrownBy(() -> ModelId.parse("a".repeat(65) + ":m"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-64 characters");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "gpt-4o|has no ':'",
      ":gpt-4o|must not be empty",
      "OpenAI:gpt-4o|lower-case letters",
      "open_ai:gpt-4o|lower-case letters",
      "openai:|'model' must not be blank",
      "openai:gpt 4o|white space",
      "' '|must not be blank"})
  void badIdsGetAnErrorThatNamesTheProblem(String text, String problem) {
    assertThatThrownBy(() -> ModelId.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void nullIsRefusedClearly() {
    assertThatThrownBy(() -> ModelId.parse(null)).hasMessageContaining("must not be blank");
  }

  @Test
  void idsOrderByInstanceThenModel() {
    assertThat(ModelId.parse("a:z")).isLessThan(ModelId.parse("b:a"));
    assertThat(ModelId.parse("a:a")).isLessThan(ModelId.parse("a:b"));
  }
}
