package io.modelgate.provider.openai;

import static io.modelgate.provider.openai.OpenAiConformanceTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Category from the id, skip counts, and the curated metadata filled into what OpenAI lists. */
class OpenAiDiscoveryTest extends ServerTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "gpt-4o, text", "text-embedding-3-small, embedding", "mistral-embed, embedding", "tts-1-hd, tts",
      "gpt-4o-mini-tts, tts", "dall-e-3, image", "gpt-image-1, image", "whisper-1, skip:transcription",
      "gpt-4o-transcribe, skip:transcription", "omni-moderation-latest, skip:moderation",
      "text-moderation-stable, skip:moderation", "openai/text-embedding-3-large, embedding"})
  void categoryIsInferredFromTheId(String id, String expected) {
    ModelClassifier kind = ModelClassifier.classify(id);
    String actual = kind.skipped() ? "skip:" + kind.skipReason() : kind.category().wireName();
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void transcriptionAndModerationModelsAreSkippedAndCountedAndImageModelsListed() {
    server.enqueue(json(200, """
        {"object":"list","data":[
          {"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"},
          {"id":"text-embedding-3-small","object":"model","created":1705948997,"owned_by":"system"},
          {"id":"tts-1","object":"model","created":1681940951,"owned_by":"openai-internal"},
          {"id":"dall-e-3","object":"model","created":1698785189,"owned_by":"system"},
          {"id":"gpt-image-1","object":"model","created":1745517030,"owned_by":"system"},
          {"id":"whisper-1","object":"model","created":1677532384,"owned_by":"openai-internal"},
          {"id":"gpt-4o-transcribe","object":"model","created":1742068463,"owned_by":"system"},
          {"id":"omni-moderation-latest","object":"model","created":1731689265,"owned_by":"system"}
        ]}"""));
    ModelListing listing = connect(ProviderKind.OPENAI, "openai").discovery().listModels();

    Map<String, DiscoveredModel> byId = listing.models().stream()
        .collect(Collectors.toMap(DiscoveredModel::model, Function.identity()));
    assertThat(byId.keySet()).containsExactlyInAnyOrder("gpt-4o", "text-embedding-3-small", "tts-1", "dall-e-3",
        "gpt-image-1");
    assertThat(listing.skipped()).isEqualTo(Map.of("transcription", 2, "moderation", 1));
    assertThat(byId.get("dall-e-3").category()).isEqualTo(ModelCategory.IMAGE);
    assertThat(byId.get("dall-e-3").pricing().perRequest()).isEqualByComparingTo("0.04");
    assertThat(byId.get("gpt-image-1").category()).isEqualTo(ModelCategory.IMAGE);
    assertThat(byId.get("gpt-image-1").pricing().outputPerMillion()).isEqualByComparingTo("40");

    DiscoveredModel gpt4o = byId.get("gpt-4o");
    assertThat(gpt4o.source()).isEqualTo(ModelSource.DISCOVERED);
    assertThat(gpt4o.contextWindow()).isEqualTo(128000);
    assertThat(gpt4o.maxOutputTokens()).isEqualTo(16384);
    assertThat(gpt4o.capabilities()).contains(Capability.STREAMING, Capability.TOOLS, Capability.VISION,
        Capability.JSON_OUTPUT);
    assertThat(gpt4o.pricing().inputPerMillion()).isEqualByComparingTo("2.5");
    assertThat(gpt4o.pricing().outputPerMillion()).isEqualByComparingTo("10");
    assertThat(gpt4o.pricing().cachedInputPerMillion()).isEqualByComparingTo("1.25");
    assertThat(gpt4o.rawMetadata()).isEqualTo(
        "{\"id\":\"gpt-4o\",\"object\":\"model\",\"created\":1715367049,\"owned_by\":\"system\"}");
    assertThat(byId.get("text-embedding-3-small").category()).isEqualTo(ModelCategory.EMBEDDING);
    assertThat(byId.get("text-embedding-3-small").pricing().inputPerMillion()).isEqualByComparingTo("0.02");
    assertThat(byId.get("tts-1").category()).isEqualTo(ModelCategory.TTS);
  }

  @Test
  void curatedModelsAreOfferedPerProvider() {
    var openai = connect(ProviderKind.OPENAI, "openai").discovery().curatedModels();
    assertThat(openai).isNotEmpty().allSatisfy(m -> assertThat(m.source()).isEqualTo(ModelSource.CURATED));
    assertThat(openai).extracting(DiscoveredModel::model).contains("gpt-4o-mini", "text-embedding-3-large",
        "gpt-image-1").doesNotContain("whisper-1");
    var xai = connect(ProviderKind.OPENAI_COMPATIBLE, "xai").discovery().curatedModels();
    assertThat(xai).isNotEmpty().allSatisfy(m -> assertThat(m.pricing()).isNotNull());
    assertThat(connect(ProviderKind.OPENAI_COMPATIBLE, "vllm").discovery().curatedModels()).isEmpty();
  }

  @Test
  void aDatedSnapshotTakesItsFamilysMetadata() {
    DiscoveredModel model = CuratedModels.load().forProvider("openai")
        .match("gpt-4o-mini-realtime-preview-2024-12-17").orElseThrow();
    assertThat(model.model()).isEqualTo("gpt-4o-mini-realtime-preview-2024-12-17");
    assertThat(model.pricing().inputPerMillion()).isEqualByComparingTo(new BigDecimal("0.6"));
  }

  private io.modelgate.core.port.ProviderConnection connect(ProviderKind kind, String id) {
    return new OpenAiDriver().connect(ProviderInstance.builder(id, kind).baseUrl(server.url("/v1").toString()).build(),
        Secret.of("sk-test-discovery-00000000"));
  }
}
