package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.provider.testkit.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The shipped curated resource is what the generator makes of the dataset, and ships with its licence. */
class CuratedModelsTest {
  @Test
  void shippedResourceStillAgreesWithTheDataset() throws Exception {
    Path dataset = datasetOrSkip();
    String shipped;
    try (InputStream in = CuratedModels.class.getResourceAsStream(CuratedModels.RESOURCE)) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(shipped)
        .as("curated-models.json is stale: run CuratedModelsGenerator.main from providers-openai")
        .isEqualTo(CuratedModelsGenerator.generate(dataset));
  }

  @Test
  void theDatasetsLicenceShipsBesideIt() throws Exception {
    try (InputStream in = CuratedModels.class.getResourceAsStream("genai-prices-LICENSE.txt")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("The MIT License").contains("Pydantic Services Inc.");
    }
  }

  @Test
  void everyProviderOfTheGeneratorHasModels() {
    CuratedModels curated = CuratedModels.load();
    assertThat(curated.providers()).containsExactlyInAnyOrderElementsOf(CuratedModelsGenerator.PROVIDERS.values());
    CuratedModelsGenerator.PROVIDERS.values()
        .forEach(p -> assertThat(curated.forProvider(p).models()).as(p).isNotEmpty());
  }

  private static Path datasetOrSkip() {
    Path dataset;
    try {
      dataset = Fixtures.data().resolve("genai-prices/data.json");
    } catch (IllegalStateException e) {
      dataset = null;
    }
    Assumptions.assumeTrue(dataset != null && Files.isRegularFile(dataset), "genai-prices dataset not present");
    return dataset;
  }
}
