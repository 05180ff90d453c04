package io.modelgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.ImageRequest;
import io.modelgate.core.chat.ImageResponse;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ImageModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class OpenAiImagesTest extends ServerTest {
  private static final String KEY = "sk-test-images-000000000000";

  private ImageModel images(ProviderKind kind) {
    ImageModel images = new OpenAiDriver().connect(ProviderInstance.builder("openai", kind)
        .baseUrl(server.url("/v1").toString()).build(), Secret.of(KEY)).images();
    assertThat(images).isNotNull();
    return images;
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = OpenAiImagesTest.class.getResourceAsStream("/openai-images/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void dallE3AnswersWithAUrlAndItsRevisedPrompt() throws Exception {
    server.enqueue(json(200, fixture("dall-e-3_url_response.json")));
    ImageResponse response = images(ProviderKind.OPENAI).generate("dall-e-3", new ImageRequest(null,
        "a baby sea otter", 1, "1024x1024", "standard", "vivid", "url", CallerContext.ANONYMOUS));
    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/images/generations");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(sent.getBody().utf8()).isEqualTo("{\"model\":\"dall-e-3\",\"prompt\":\"a baby sea otter\",\"n\":1,"
        + "\"size\":\"1024x1024\",\"quality\":\"standard\",\"style\":\"vivid\",\"response_format\":\"url\"}");
    assertThat(response.created()).isEqualTo(1713833628L);
    assertThat(response.images()).singleElement().satisfies(i -> {
      assertThat(i.url()).startsWith("https://oaidalleapiprodscus.blob.core.windows.net/");
      assertThat(i.revisedPrompt()).startsWith("A cute baby sea otter");
    });
  }

  @Test
  void gptImageAnswersInBase64WithTokensAndIsNotSentAResponseFormat() throws Exception {
    server.enqueue(json(200, fixture("gpt-image-1_response.json")));
    ImageResponse response = images(ProviderKind.OPENAI_COMPATIBLE).generate("gpt-image-1", new ImageRequest(null,
        "two dots", 2, null, "low", null, "b64_json", CallerContext.ANONYMOUS));
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8())
        .isEqualTo("{\"model\":\"gpt-image-1\",\"prompt\":\"two dots\",\"n\":2,\"quality\":\"low\"}");
    assertThat(response.images()).hasSize(2).allSatisfy(i -> assertThat(i.b64Json()).startsWith("iVBORw0KGgo"));
    assertThat(response.usage().promptTokens()).isEqualTo(50);
    assertThat(response.usage().completionTokens()).isEqualTo(510);
  }

  @Test
  void aUrlFromAGptImageModelIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> images(ProviderKind.OPENAI).generate("gpt-image-1", new ImageRequest(null, "x", 1,
        null, null, null, "url", CallerContext.ANONYMOUS)))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.param()).isEqualTo("response_format"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void errorsAreTheProtocolsAndNeverShowTheKey() {
    server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
        + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    assertThatThrownBy(() -> images(ProviderKind.OPENAI).generate("dall-e-3", ImageRequest.of(null, "x")))
        .isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    server.enqueue(json(400, "{\"error\":{\"message\":\"Your request was rejected by the safety system.\","
        + "\"type\":\"image_generation_user_error\",\"code\":\"content_policy_violation\"}}"));
    assertThatThrownBy(() -> images(ProviderKind.OPENAI).generate("dall-e-3", ImageRequest.of(null, "x")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("safety system");
  }

  @Test
  void openWebUiHasNoImagesThroughThisProtocol() {
    assertThat(new OpenAiDriver().connect(ProviderInstance.builder("openwebui", ProviderKind.OPENWEBUI)
        .baseUrl(server.url("/").toString()).build(), null).images()).isNull();
  }
}
