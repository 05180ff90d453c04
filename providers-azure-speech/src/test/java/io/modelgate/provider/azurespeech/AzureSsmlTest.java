package io.modelgate.provider.azurespeech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.SpeechModel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AzureSsmlTest {
  private final MockWebServer server = new MockWebServer();
  private SpeechModel speech;

  @BeforeEach
  void start() throws Exception {
    server.start();
    speech = new AzureSpeechDriver().connect(ProviderInstance.builder("azure-speech", ProviderKind.AZURE_SPEECH)
        .baseUrl(server.url("/").toString()).build(), Secret.of("azure-key-for-tests-0000")).speech();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String sentSsml(String voice, String text, Double speed) throws Exception {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg").body("audio").build());
    speech.speak("neural", new SpeechRequest(null, text, voice, null, speed, CallerContext.ANONYMOUS)).close();
    return server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8();
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "</voice><voice name='en-US-GuyNeural'>injected",
      "Tom & Jerry <break time='5s'/> say \"hi\" and 'bye'",
      "]]><!-- comment --><![CDATA[",
      "<?xml version='1.0'?><speak>nested</speak>",
      "&amp; already escaped &lt;b&gt;",
      "&#x3C;voice name=&#x27;x&#x27;&#x3E;"})
  void textNeverInjectsMarkup(String hostile) throws Exception {
    Document ssml = parse(sentSsml("en-US-JennyNeural", hostile, null));
    Element speak = ssml.getDocumentElement();
    assertThat(speak.getLocalName()).isEqualTo("speak");
    assertThat(speak.getElementsByTagNameNS("*", "voice").getLength()).isEqualTo(1);
    Element voice = (Element) speak.getElementsByTagNameNS("*", "voice").item(0);
    assertThat(voice.getAttribute("name")).isEqualTo("en-US-JennyNeural");
    // The voice holds exactly one text node: the input, character for character, and no element at all.
    assertThat(voice.getChildNodes().getLength()).isEqualTo(1);
    assertThat(voice.getFirstChild().getNodeType()).isEqualTo(org.w3c.dom.Node.TEXT_NODE);
    assertThat(voice.getTextContent()).isEqualTo(hostile);
  }

  @Test
  void speedBecomesAProsodyRateAroundTheEscapedText() throws Exception {
    Document ssml = parse(sentSsml("de-DE-KatjaNeural", "a < b", 1.25));
    Element prosody = (Element) ssml.getElementsByTagNameNS("*", "prosody").item(0);
    assertThat(prosody.getAttribute("rate")).isEqualTo("1.25");
    assertThat(prosody.getTextContent()).isEqualTo("a < b");
    assertThat(ssml.getDocumentElement().getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"))
        .isEqualTo("de-DE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US-Jenny' xml:lang='x", "en-US-Jenny><evil/>", "Jenny", "en-US-Jenny Neural"})
  void aVoiceNameThatIsNotAzureShapedIsRefusedBeforeAnyCall(String voice) {
    assertThatThrownBy(() -> speech.speak("neural",
        new SpeechRequest(null, "hi", voice, null, null, CallerContext.ANONYMOUS)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.param()).isEqualTo("voice"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void hdVoiceNamesWithAColonAreAccepted() throws Exception {
    assertThat(sentSsml("en-US-Ava:DragonHDLatestNeural", "hi", null)).contains("name='en-US-Ava:DragonHDLatestNeural'");
  }

  @Test
  void formatsMapToAzureOutputFormatsAndUnknownOnesAreRefused() {
    assertThat(AzureSynthesis.outputFormat("opus")).isEqualTo("ogg-24khz-16bit-mono-opus");
    assertThat(AzureSynthesis.outputFormat("wav")).isEqualTo("riff-24khz-16bit-mono-pcm");
    assertThat(AzureSynthesis.outputFormat("pcm")).isEqualTo("raw-24khz-16bit-mono-pcm");
    assertThat(AzureSynthesis.outputFormat("audio-48khz-192kbitrate-mono-mp3"))
        .isEqualTo("audio-48khz-192kbitrate-mono-mp3");
    assertThatThrownBy(() -> AzureSynthesis.outputFormat("flac"))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.param()).isEqualTo("response_format"));
  }

  @Test
  void environmentContractNamesTheRegionOrTheBaseUrl() {
    AzureSpeechDriver driver = new AzureSpeechDriver();
    assertThat(driver.fromEnvironment(Map.of())).isEmpty();
    ProviderInstance regional = driver.fromEnvironment(Map.of("AZURE_SPEECH_KEY", "k", "AZURE_SPEECH_REGION",
        "westeurope")).getFirst();
    assertThat(regional.id()).isEqualTo("azure-speech");
    assertThat(regional.baseUrl()).isEqualTo("https://westeurope.tts.speech.microsoft.com");
    assertThat(regional.credentialRef()).isEqualTo(ProviderInstance.envCredential("AZURE_SPEECH_KEY"));
    assertThat(driver.fromEnvironment(Map.of("AZURE_SPEECH_KEY", "k", "AZURE_SPEECH_BASE_URL",
        "http://127.0.0.1:9")).getFirst().baseUrl()).isEqualTo("http://127.0.0.1:9");
    assertThatThrownBy(() -> driver.fromEnvironment(Map.of("AZURE_SPEECH_KEY", "k")))
        .hasMessageContaining("AZURE_SPEECH_REGION");
    assertThatThrownBy(() -> driver.fromEnvironment(Map.of("AZURE_SPEECH_KEY", "k", "AZURE_SPEECH_REGION",
        "west europe"))).hasMessageContaining("AZURE_SPEECH_REGION");
  }
}
