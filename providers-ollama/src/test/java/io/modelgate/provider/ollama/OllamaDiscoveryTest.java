package io.modelgate.provider.ollama;

import static io.modelgate.provider.ollama.OllamaTesting.assertJsonBody;
import static io.modelgate.provider.ollama.OllamaTesting.fixture;
import static io.modelgate.provider.ollama.OllamaTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class OllamaDiscoveryTest extends OllamaServerTest {
  private ModelListing list() {
    return connect().discovery().listModels();
  }

  /** Answers /api/tags with {@code tags}, and each /api/show with what {@code show} gives for the model asked. */
  private void serve(String tags, Function<String, MockResponse> show) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/api/tags")) {
          return json(200, tags);
        }
        Object body = OllamaTesting.parse(request.getBody().utf8());
        return show.apply((String) ((Map<?, ?>) body).get("model"));
      }
    });
  }

  private static String tags(String... names) {
    StringBuilder json = new StringBuilder("{\"models\":[");
    for (int i = 0; i < names.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(names[i]).append("\",\"model\":\"")
          .append(names[i]).append("\",\"details\":{\"family\":\"llama\",\"families\":[\"llama\"]}}");
    }
    return json.append("]}").toString();
  }

  private static String show(String capabilities, String family) {
    return "{\"details\":{\"family\":\"" + family + "\",\"families\":[\"" + family + "\"]},"
        + "\"model_info\":{\"general.architecture\":\"" + family + "\",\"" + family + ".context_length\":2048}"
        + (capabilities == null ? "" : ",\"capabilities\":" + capabilities) + "}";
  }

  @Test
  void showEnrichesTheListedModelWithContextLengthCapabilitiesAndDescription() throws Exception {
    serve(fixture("openapi_api_tags_response.json"), model -> json(200, fixture("api_show_response_llava.json")));

    DiscoveredModel model = list().models().getFirst();

    taken();
    RecordedRequest show = taken();
    assertThat(show.getUrl().encodedPath()).isEqualTo("/api/show");
    assertJsonBody(show, fixture("openapi_api_show_request.json"));
    assertThat(model.model()).isEqualTo("gemma4");
    assertThat(model.displayName()).isEqualTo("gemma4");
    assertThat(model.category()).isEqualTo(ModelCategory.TEXT);
    assertThat(model.contextWindow()).isEqualTo(8192); // model_info["llama.context_length"]
    assertThat(model.capabilities()).containsExactlyInAnyOrder(
        Capability.STREAMING, Capability.JSON_OUTPUT, Capability.VISION);
    assertThat(model.description()).isEqualTo("8.0B parameters, Q4_0"); // /api/show's details win over /api/tags'
    assertThat(model.pricing()).isEqualTo(Pricing.FREE);
    assertThat(model.source()).isEqualTo(ModelSource.DISCOVERED);
  }

  /**
   * The recorded /api/show answer as a llama3.1 with a Modelfile {@code PARAMETER num_ctx 2048} gives it: the
   * model could take 131072 tokens, but the node runs it with 2048, and the gateway sends no num_ctx.
   */
  @Test
  void theContextAdvertisedIsTheModelfilesNumCtxNotTheModelsMaximum() {
    String show = fixture("api_show_response_llava.json")
        .replace("\"llama.context_length\": 8192", "\"llama.context_length\": 131072")
        .replace("\"parameters\": \"num_keep", "\"parameters\": \"num_ctx                        2048\\nnum_keep");
    assertThat(show).contains("131072").contains("num_ctx");
    serve(fixture("openapi_api_tags_response.json"), model -> json(200, show));

    DiscoveredModel model = list().models().getFirst();

    assertThat(model.contextWindow()).isEqualTo(2048);
    assertThat(model.description()).isEqualTo("8.0B parameters, Q4_0; runs with num_ctx 2048 (model maximum 131072)");
  }

  @Test
  void aNumCtxAboveTheModelsMaximumIsCappedByIt() {
    String show = fixture("api_show_response_llava.json")
        .replace("\"parameters\": \"num_keep", "\"parameters\": \"num_ctx 65536\\nnum_keep");
    serve(fixture("openapi_api_tags_response.json"), model -> json(200, show));

    assertThat(list().models().getFirst().contextWindow()).isEqualTo(8192);
  }

  @Test
  void rawMetadataKeepsTheTagsEntryAndShowWithoutItsLongTexts() {
    serve(fixture("openapi_api_tags_response.json"), model -> json(200, fixture("api_show_response_llava.json")));

    String raw = list().models().getFirst().rawMetadata();

    Map<?, ?> parsed = (Map<?, ?>) OllamaTesting.parse(raw);
    assertThat(((Map<?, ?>) parsed.get("tags")).get("digest"))
        .isEqualTo("c6eb396dbd5992bbe3f5cdb947e8bbc0ee413d7c17e2beaae69f5d569cf982eb");
    assertThat(raw).contains("\"size\": 9608350245"); // numbers kept as sent, not re-printed as doubles
    Map<?, ?> show = (Map<?, ?>) parsed.get("show");
    assertThat(show.keySet()).map(Object::toString)
        .contains("details", "model_info", "capabilities", "parameters")
        .doesNotContain("modelfile", "template", "license");
  }

  @Test
  void aFailingShowKeepsTheModelWithWhatTagsSaid() {
    serve(tags("llama3.2:latest", "qwen3:8b"), model -> model.equals("qwen3:8b")
        ? json(404, "{\"error\":\"model 'qwen3:8b' not found\"}")
        : json(200, show("[\"completion\",\"tools\",\"thinking\"]", "llama")));

    ModelListing listing = list();

    assertThat(listing.models()).extracting(DiscoveredModel::model).containsExactly("llama3.2:latest", "qwen3:8b");
    DiscoveredModel llama = listing.models().get(0);
    assertThat(llama.contextWindow()).isEqualTo(2048);
    assertThat(llama.capabilities()).contains(Capability.TOOLS, Capability.REASONING);
    DiscoveredModel qwen = listing.models().get(1);
    assertThat(qwen.category()).isEqualTo(ModelCategory.TEXT);
    assertThat(qwen.contextWindow()).isNull();
    assertThat(qwen.capabilities()).doesNotContain(Capability.TOOLS);
    assertThat(qwen.rawMetadata()).doesNotContain("\"show\"");
    assertThat(listing.skipped()).isEmpty();
  }

  @Test
  void unreadableShowAnswerAlsoKeepsTheModel() {
    serve(tags("llama3.2:latest"), model -> json(200, "{not json"));

    assertThat(list().models()).singleElement().satisfies(m -> assertThat(m.contextWindow()).isNull());
  }

  @Test
  void embeddingCapabilityMakesAnEmbeddingModel() {
    serve(tags("nomic-embed-text:latest"), model -> json(200, show("[\"embedding\"]", "nomic-bert")));

    DiscoveredModel model = list().models().getFirst();

    assertThat(model.category()).isEqualTo(ModelCategory.EMBEDDING);
    assertThat(model.capabilities()).isEmpty();
    assertThat(model.contextWindow()).isEqualTo(2048);
  }

  @Test
  void withoutCapabilitiesBertFamiliesAndEmbedNamesAreEmbeddingModels() {
    serve(tags("all-minilm:latest", "mxbai-embed-large:latest", "llama3.2:latest"), model -> json(200,
        model.startsWith("all-minilm") ? show(null, "bert") : show(null, "llama")));

    assertThat(list().models()).extracting(DiscoveredModel::model, DiscoveredModel::category).containsExactly(
        org.assertj.core.groups.Tuple.tuple("all-minilm:latest", ModelCategory.EMBEDDING),
        org.assertj.core.groups.Tuple.tuple("mxbai-embed-large:latest", ModelCategory.EMBEDDING),
        org.assertj.core.groups.Tuple.tuple("llama3.2:latest", ModelCategory.TEXT));
  }

  @Test
  void showCallsRunConcurrentlyButAtMostFourAtATime() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    String[] names = new String[10];
    for (int i = 0; i < names.length; i++) {
      names[i] = "model-" + i + ":latest";
    }
    serve(tags(names), model -> {
      int now = inFlight.incrementAndGet();
      most.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return json(200, show("[\"completion\"]", "llama"));
    });

    List<DiscoveredModel> models = list().models();

    assertThat(models).extracting(DiscoveredModel::model).containsExactly(names);
    assertThat(most.get()).isBetween(2, OllamaDiscovery.SHOW_CONCURRENCY);
  }

  @Test
  void anEmptyNodeListsNothing() {
    server.enqueue(json(200, "{\"models\":[]}"));

    assertThat(list().models()).isEmpty();
  }
}
