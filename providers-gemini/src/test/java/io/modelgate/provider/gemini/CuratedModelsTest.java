package io.modelgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.ModelCategory;
import io.modelgate.provider.testkit.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CuratedModelsTest {
  @Test
  void shippedResourceStillAgreesWithTheDataset() throws Exception {
    Path data = Fixtures.data().resolve("genai-prices/data.json");
    Assumptions.assumeTrue(Files.exists(data), "genai-prices dataset not present");
    String shipped;
    try (InputStream in = CuratedModels.class.getResourceAsStream(CuratedModels.RESOURCE)) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(shipped)
        .as("regenerate with CuratedModelsGenerator after the dataset changes")
        .isEqualTo(CuratedModelsGenerator.generate(data));
  }

  @Test
  void licenceNoticeShipsBesideTheDerivedFile() throws Exception {
    try (InputStream in = CuratedModels.class.getResourceAsStream("genai-prices-LICENSE.txt")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("The MIT License").contains("Pydantic Services Inc.");
    }
  }

  @Test
  void theFirstMatchingRuleWinsAsInTheDataset() {
    CuratedModels curated = CuratedModels.load(GeminiDriver.newMoshi());
    assertThat(curated.match("gemini-2.0-flash-lite-001", ModelCategory.TEXT).model())
        .isEqualTo("gemini-2.0-flash-lite");
    assertThat(curated.match("gemini-2.0-flash-thinking-001", ModelCategory.TEXT).model())
        .isEqualTo("gemini-2.0-flash");
    assertThat(curated.match("gemini-2.5-pro-exp-03-25", ModelCategory.TEXT).model()).isEqualTo("gemini-2.5-pro");
    assertThat(curated.match("gemini-embedding-001", ModelCategory.TEXT)).as("category must agree").isNull();
    assertThat(curated.match("evergreen-custom", ModelCategory.TEXT)).isNull();
  }

  @Test
  void tieredAndDatedPricesTakeTodaysBaseRate() {
    CuratedModels curated = CuratedModels.load(GeminiDriver.newMoshi());
    var pro = curated.match("gemini-2.5-pro", ModelCategory.TEXT).pricing();
    assertThat(pro.inputPerMillion()).isEqualByComparingTo("1.25");
    assertThat(pro.outputPerMillion()).isEqualByComparingTo("10");
    var flash36 = curated.match("gemini-3.6-flash", ModelCategory.TEXT).pricing();
    assertThat(flash36.inputPerMillion()).isEqualByComparingTo("0.75");
  }

  @Test
  void matchClausesCombine() {
    Map<String, Object> rule = Map.of("or", List.of(Map.of("equals", "a"),
        Map.of("and", List.of(Map.of("starts_with", "gem"), Map.of("ends_with", "-x")))));
    assertThat(CuratedModels.matches(rule, "a")).isTrue();
    assertThat(CuratedModels.matches(rule, "gemini-x")).isTrue();
    assertThat(CuratedModels.matches(rule, "gemini-y")).isFalse();
    assertThat(CuratedModels.matches(Map.of("regex", "^gemini-3\\.5-flash-\\d"), "gemini-3.5-flash-2")).isTrue();
    assertThat(CuratedModels.matches(Map.of("unknown", "x"), "x")).isFalse();
  }
}
