package io.modelgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelSource;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class CuratedModelsTest {
  private final Moshi moshi = new Moshi.Builder().add(RawJson.class, RawJson.ADAPTER).build();
  private final CuratedModels curated = CuratedModels.load(moshi);

  /** Regenerates the resource: {@code mvn -o -pl providers-anthropic test -Dtest=CuratedModelsTest -Dmodelgate.regenerate=true}. */
  @Test
  @EnabledIfSystemProperty(named = "modelgate.regenerate", matches = "true")
  void regenerateTheShippedResource() throws Exception {
    CuratedModelsGenerator.main(new String[0]);
  }

  @Test
  void shippedResourceAgreesWithTheDataset() throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(CuratedModelsGenerator.dataset()), "genai-prices dataset absent");
    String shipped = resource(CuratedModels.RESOURCE);
    LocalDate asOf = LocalDate.parse(CuratedModels.adapter(moshi).fromJson(shipped).pricesAsOf());
    assertThat(shipped).isEqualTo(CuratedModelsGenerator.generate(CuratedModelsGenerator.dataset(), asOf));
  }

  @Test
  void datasetLicenceShipsBesideTheDerivedFile() throws Exception {
    assertThat(resource("genai-prices-LICENSE.txt")).contains("MIT License").contains("Pydantic");
  }

  @Test
  void everyCuratedModelIsAPricedCuratedTextModel() {
    assertThat(curated.all()).isNotEmpty().allSatisfy(m -> {
      assertThat(m.source()).isEqualTo(ModelSource.CURATED);
      assertThat(m.pricing()).isNotNull();
      assertThat(m.contextWindow()).isPositive();
      assertThat(m.capabilities()).contains(Capability.STREAMING, Capability.TOOLS);
    });
  }

  @Test
  void datedModelNameFindsItsCuratedFamily() {
    DiscoveredModel haiku = curated.find("claude-haiku-4-5-20251001").orElseThrow();
    assertThat(haiku.model()).isEqualTo("claude-haiku-4-5");
    assertThat(haiku.maxOutputTokens()).isEqualTo(64000);
    assertThat(haiku.pricing().inputPerMillion()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(haiku.pricing().cachedInputPerMillion()).isEqualByComparingTo("0.1");
    assertThat(curated.find("claude-sonnet-4-20250514").orElseThrow().model()).isEqualTo("claude-sonnet-4-0");
    assertThat(curated.find("gpt-4o")).isEmpty();
  }

  @Test
  void thinkingCapableModelsAreMarkedReasoning() {
    assertThat(curated.find("claude-sonnet-4-5").orElseThrow().capabilities())
        .contains(Capability.REASONING, Capability.VISION, Capability.JSON_OUTPUT);
    assertThat(curated.find("claude-3-haiku-20240307").orElseThrow().capabilities())
        .doesNotContain(Capability.REASONING);
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = CuratedModels.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
