package io.modelgate.adapter.http;

import static io.modelgate.adapter.http.Harness.error;
import static io.modelgate.adapter.http.Harness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Images through {@code /v1/images/generations} from an OpenAI-compatible server named in {@code modelgate.yaml},
 * and the official {@code openai} npm client's {@code images.generate} and {@code audio.speech.create} against the
 * service with ElevenLabs and Azure configured by the environment contract and faked on MockWebServer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesAndSpeechEndToEndTest {
  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  static final byte[] AUDIO = SpeechProvidersHttpTest.audio(30_000);

  final MockWebServer images = new MockWebServer();
  final MockWebServer eleven = new MockWebServer();
  final MockWebServer azure = new MockWebServer();
  final List<RecordedRequest> imageCalls = new CopyOnWriteArrayList<>();
  Path config;
  Harness h;

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @BeforeAll
  void start() throws Exception {
    images.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        imageCalls.add(r);
        String path = r.getUrl().encodedPath();
        String body = r.getBody() == null ? "" : r.getBody().utf8();
        if (path.equals("/v1/models")) {
          return json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"dall-e-3\",\"object\":\"model\"},"
              + "{\"id\":\"gpt-image-1\",\"object\":\"model\"}]}");
        }
        if (path.equals("/v1/images/generations") && body.contains("\"gpt-image-1\"")) {
          return json(200, "{\"created\":1764460800,\"data\":[{\"b64_json\":\"" + PNG + "\"}],"
              + "\"usage\":{\"input_tokens\":10,\"output_tokens\":272,\"total_tokens\":282}}");
        }
        if (path.equals("/v1/images/generations")) {
          int n = body.contains("\"n\":2") ? 2 : 1;
          String one = "{\"url\":\"https://images.example/otter.png\",\"revised_prompt\":\"An otter, revised\"}";
          return json(200, "{\"created\":1764460800,\"data\":[" + one + (n == 2 ? "," + one : "") + "]}");
        }
        return json(404, "{\"error\":{\"message\":\"no route\"}}");
      }
    });
    eleven.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (path.equals("/v1/models")) {
          return json(200, "[{\"model_id\":\"eleven_flash_v2_5\",\"name\":\"Eleven Flash v2.5\","
              + "\"can_do_text_to_speech\":true}]");
        }
        if (path.equals("/v2/voices")) {
          return json(200, "{\"voices\":[{\"voice_id\":\"JBFqnCBsd6RMkjVDRZzb\",\"name\":\"George\","
              + "\"labels\":{\"accent\":\"british\"},\"preview_url\":\"https://storage.example/george.mp3\"}],"
              + "\"has_more\":false}");
        }
        return new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg").body(new Buffer().write(AUDIO))
            .build();
      }
    });
    azure.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        if (r.getUrl().encodedPath().equals("/cognitiveservices/voices/list")) {
          return json(200, "[{\"ShortName\":\"en-GB-SoniaNeural\",\"Locale\":\"en-GB\",\"VoiceType\":\"Neural\"}]");
        }
        return new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg").body(new Buffer().write(AUDIO))
            .build();
      }
    });
    images.start();
    eleven.start();
    azure.start();
    config = Files.createTempFile("modelgate-images", ".yaml");
    Files.writeString(config, """
        providers:
          - id: imagebox
            kind: openai-compatible
            name: Image box
            base_url: %s
            approval: auto-enable
        """.formatted(images.url("/v1")));
    h = new Harness(Map.of("MODELGATE_CONFIG", config.toString(),
        "ELEVENLABS_API_KEY", "xi-e2e-key-000000000000", "ELEVENLABS_BASE_URL", eleven.url("/").toString(),
        "AZURE_SPEECH_KEY", "azure-e2e-key-0000000000", "AZURE_SPEECH_BASE_URL", azure.url("/").toString()));
    for (String id : List.of("elevenlabs:eleven_flash_v2_5", "azure-speech:neural")) {
      assertThat(h.method("PATCH", "/api/admin/models/" + id, h.adminKey, "{\"status\":\"enabled\"}").statusCode())
          .isEqualTo(200);
    }
  }

  @AfterAll
  void stop() throws Exception {
    h.close();
    images.close();
    eleven.close();
    azure.close();
    Files.deleteIfExists(config);
  }

  @Test
  void imagesComeInOpenAisShapeWithTheirPricePerImage() {
    HttpResponse<String> r = h.post("/v1/images/generations", h.adminKey,
        "{\"model\":\"imagebox:dall-e-3\",\"prompt\":\"an otter\",\"n\":2,\"size\":\"1024x1024\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Object> body = object(r);
    assertThat(body).containsEntry("created", 1764460800.0);
    assertThat(Harness.data(r)).hasSize(2).allSatisfy(d -> assertThat(d)
        .containsEntry("url", "https://images.example/otter.png").containsEntry("revised_prompt", "An otter, revised"));
    assertThat(new BigDecimal(r.headers().firstValue("x-modelgate-cost-usd").orElseThrow()))
        .isEqualByComparingTo("0.08"); // two images at USD 0.04
    String id = r.headers().firstValue("x-modelgate-request-id").orElseThrow();
    UsageRecord record = h.graph.usageLog().find(UsageQuery.ALL).stream().filter(u -> u.requestId().equals(id))
        .findFirst().orElseThrow();
    assertThat(record.operation()).isEqualTo("image");
    assertThat(record.costUsd()).isEqualByComparingTo("0.08");
    RecordedRequest sent = imageCalls.stream().filter(c -> c.getUrl().encodedPath().endsWith("/generations"))
        .findFirst().orElseThrow();
    assertThat(sent.getBody().utf8()).contains("\"model\":\"dall-e-3\"", "\"prompt\":\"an otter\"", "\"n\":2");
  }

  @Test
  void gptImageTokensAreCountedAndPriced() {
    HttpResponse<String> r = h.post("/v1/images/generations", h.adminKey,
        "{\"model\":\"imagebox:gpt-image-1\",\"prompt\":\"a dot\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(Harness.data(r)).singleElement().satisfies(d -> assertThat(d).containsEntry("b64_json", PNG));
    assertThat(object(r).get("usage")).isEqualTo(Map.of("input_tokens", 10.0, "output_tokens", 272.0,
        "total_tokens", 282.0));
  }

  @Test
  void aBadImageRequestIsA400NamingTheField() {
    HttpResponse<String> many = h.post("/v1/images/generations", h.adminKey,
        "{\"model\":\"imagebox:dall-e-3\",\"prompt\":\"x\",\"n\":11}");
    assertThat(many.statusCode()).isEqualTo(400);
    assertThat(error(many)).containsEntry("param", "n");
    HttpResponse<String> noPrompt = h.post("/v1/images/generations", h.adminKey, "{\"model\":\"imagebox:dall-e-3\"}");
    assertThat(noPrompt.statusCode()).isEqualTo(400);
    assertThat(error(noPrompt)).containsEntry("param", "prompt");
    HttpResponse<String> format = h.post("/v1/images/generations", h.adminKey,
        "{\"model\":\"imagebox:dall-e-3\",\"prompt\":\"x\",\"response_format\":\"gif\"}");
    assertThat(error(format)).containsEntry("param", "response_format");
  }

  @Test
  void aModelThatMakesNoImagesIsNotAnImageModel() {
    HttpResponse<String> r = h.post("/v1/images/generations", h.adminKey,
        "{\"model\":\"demo:echo\",\"prompt\":\"x\"}");
    assertThat(r.statusCode()).isBetween(400, 404);
  }

  @Test
  void theCatalogHasAnImageCategory() {
    HttpResponse<String> r = h.get("/ai/models?category=image", h.adminKey);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("imagebox:dall-e-3", "imagebox:gpt-image-1").doesNotContain("demo:echo");
  }

  private static final String SCRIPT = """
      const OpenAI = require('openai');
      const assert = require('assert');
      const crypto = require('crypto');
      (async () => {
        const client = new OpenAI({ apiKey: process.env.MG_KEY, baseURL: process.env.MG_BASE + '/v1' });
        for (const [model, voice] of [['elevenlabs:eleven_flash_v2_5', 'George'],
                                      ['azure-speech:neural', 'en-GB-SoniaNeural']]) {
          const speech = await client.audio.speech.create({ model, voice, input: 'Hello from the SDK' });
          const bytes = Buffer.from(await speech.arrayBuffer());
          assert.strictEqual(crypto.createHash('sha256').update(bytes).digest('hex'), process.env.AUDIO_SHA,
            model + ': audio changed on the way');
        }
        const url = await client.images.generate({ model: 'imagebox:dall-e-3', prompt: 'an otter', n: 1,
          size: '1024x1024', response_format: 'url' });
        assert.strictEqual(url.data[0].url, 'https://images.example/otter.png');
        const b64 = await client.images.generate({ model: 'imagebox:gpt-image-1', prompt: 'a dot' });
        assert.ok(b64.data[0].b64_json.startsWith('iVBORw0KGgo'));
        console.log('SDK-MEDIA-OK');
      })().catch(e => { console.error(e); process.exit(1); });
      """;

  @Test
  void theOfficialOpenAiClientSpeaksAndDrawsThroughTheGateway() throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(AUDIO));
    String out = NodeClients.run("openai", List.of("openai@^4"), SCRIPT,
        Map.of("MG_BASE", h.base(), "MG_KEY", h.adminKey, "AUDIO_SHA", sha));
    assertThat(out).contains("SDK-MEDIA-OK");
  }
}
