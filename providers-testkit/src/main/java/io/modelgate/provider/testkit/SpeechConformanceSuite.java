package io.modelgate.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.UpstreamTimeoutException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.port.SpeechModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance suite of speech-only providers (ElevenLabs, Azure AI Speech), beside the chat suite
 * {@link ProviderConformanceSuite}: discovery lists speech models from the real payload, the audio comes back
 * byte for byte as sent, each error status maps to the right exception, the key travels only in a header and never
 * shows in a URL, a body or a message, and a broken or truncated audio stream ends as an error, not as a short
 * clip.
 */
public abstract class SpeechConformanceSuite {
  /** An obviously fake key; the suite checks it never shows outside the auth header. */
  protected static final String FAKE_KEY = "sk-test-speech-conformance-000000000000";

  /** What each status must become; any other (5xx) is the provider being unavailable. */
  private static final Map<Integer, Class<? extends ModelgateException>> EXPECTED = Map.of(
      400, InvalidRequestException.class, 422, InvalidRequestException.class,
      401, AuthenticationException.class, 403, AuthenticationException.class,
      404, ModelNotFoundException.class, 408, UpstreamTimeoutException.class, 429, RateLimitedException.class);

  protected final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  // ---- what a subclass supplies -------------------------------------------------------------------------------

  protected abstract ProviderDriver driver();

  /** The instance under test pointed at {@code server}, with {@code options} added to its own. */
  protected abstract ProviderInstance instance(MockWebServer server, Map<String, String> options);

  /** The header the provider reads its key from ({@code xi-api-key}, {@code Ocp-Apim-Subscription-Key}). */
  protected abstract String keyHeader();

  /** Enqueues the real list-API payloads (every page) for one discovery. */
  protected abstract void enqueueModelList(MockWebServer server);

  /** Checks the requests discovery sent (paths, paging) and what it parsed. */
  protected abstract void verifyListing(List<RecordedRequest> requests, ModelListing listing);

  /** The model (without instance) and voice the speech tests use. */
  protected abstract String speechModel();

  protected abstract String voice();

  /** Checks the synthesis request the provider received (path, headers, body). */
  protected abstract void verifySpeech(RecordedRequest request);

  /** The provider's error response for {@code status}, from its documented error shape. */
  protected abstract MockResponse errorResponse(int status);

  /** An error response whose message echoes {@code key}. */
  protected abstract MockResponse errorEchoing(String key);

  /** Requests the driver sends before synthesis (a token exchange, a voice lookup); none by default. */
  protected void enqueueBeforeSpeech(MockWebServer server) {}

  // ---- helpers ------------------------------------------------------------------------------------------------

  protected final ProviderConnection connect(Map<String, String> options) {
    return driver().connect(instance(server, options), Secret.of(FAKE_KEY));
  }

  protected final SpeechModel speech() {
    SpeechModel speech = connect(Map.of()).speech();
    assertThat(speech).as("a speech provider's connection offers speech").isNotNull();
    return speech;
  }

  protected SpeechRequest speechRequest() {
    return new SpeechRequest(null, "Hello from the conformance suite.", voice(), "mp3", null,
        CallerContext.ANONYMOUS);
  }

  /** Some bytes that are plainly not text, as an audio body. */
  protected static byte[] audioBytes(int size) {
    byte[] audio = new byte[size];
    for (int i = 0; i < size; i++) {
      audio[i] = (byte) (i * 31 + 7);
    }
    return audio;
  }

  protected static MockResponse audioResponse(byte[] audio, String contentType) {
    return new MockResponse.Builder().setHeader("Content-Type", contentType).body(new Buffer().write(audio)).build();
  }

  /** Every request the server has received and not yet handed out, in order. */
  protected final List<RecordedRequest> takeAll() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(50, TimeUnit.MILLISECONDS); r != null;
        r = server.takeRequest(50, TimeUnit.MILLISECONDS)) {
      requests.add(r);
    }
    return requests;
  }

  private static byte[] readAll(SpeechAudio audio) throws IOException {
    try (audio; InputStream in = audio.body()) {
      return in.readAllBytes();
    }
  }

  private static void assertKeyOnlyInItsHeader(RecordedRequest request, String header) {
    assertThat(request.getHeaders().get(header)).isEqualTo(FAKE_KEY);
    assertThat(request.getUrl().toString()).doesNotContain(FAKE_KEY);
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    assertThat(body).doesNotContain(FAKE_KEY);
    request.getHeaders().names().stream().filter(n -> !n.equalsIgnoreCase(header))
        .forEach(n -> assertThat(request.getHeaders().get(n)).as(n).doesNotContain(FAKE_KEY));
  }

  // ---- the suite ----------------------------------------------------------------------------------------------

  @Test
  void discoveryListsSpeechModelsFromTheRealPayload() throws Exception {
    enqueueModelList(server);
    ModelListing listing = connect(Map.of()).discovery().listModels();
    List<RecordedRequest> requests = takeAll();
    verifyListing(requests, listing);
    assertThat(listing.models()).isNotEmpty().allSatisfy(m -> assertThat(m.category()).isEqualTo(ModelCategory.TTS));
    requests.forEach(r -> assertKeyOnlyInItsHeader(r, keyHeader()));
  }

  @Test
  void audioComesBackByteForByte() throws Exception {
    byte[] audio = audioBytes(64 * 1024);
    enqueueBeforeSpeech(server);
    server.enqueue(audioResponse(audio, "audio/mpeg"));
    SpeechAudio result = speech().speak(speechModel(), speechRequest());
    assertThat(result.contentType()).startsWith("audio/");
    assertThat(readAll(result)).isEqualTo(audio);
    List<RecordedRequest> requests = takeAll();
    verifySpeech(requests.getLast());
    requests.forEach(r -> assertKeyOnlyInItsHeader(r, keyHeader()));
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {400, 401, 403, 404, 408, 422, 429, 500, 502, 503})
  void errorStatusMapsToTheRightException(int status) {
    enqueueBeforeSpeech(server);
    server.enqueue(errorResponse(status));
    Class<? extends ModelgateException> expected = EXPECTED.getOrDefault(status, UpstreamUnavailableException.class);
    assertThatThrownBy(() -> speech().speak(speechModel(), speechRequest()))
        .isInstanceOf(expected)
        .satisfies(e -> {
          assertThat(((ModelgateException) e).retriable()).isEqualTo(status == 408 || status == 429 || status >= 500);
          assertThat(e.getMessage()).isNotBlank().doesNotContain(FAKE_KEY);
        });
  }

  @Test
  void retryAfterIsKeptOnRateLimit() {
    enqueueBeforeSpeech(server);
    server.enqueue(errorResponse(429).newBuilder().setHeader("Retry-After", "7").build());
    assertThatThrownBy(() -> speech().speak(speechModel(), speechRequest()))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void errorsOnDiscoveryAreMappedToo() {
    server.enqueue(errorResponse(401));
    assertThatThrownBy(() -> connect(Map.of()).discovery().listModels())
        .isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FAKE_KEY));
  }

  @Test
  void keyEchoedInAnErrorBodyIsRedacted() {
    enqueueBeforeSpeech(server);
    server.enqueue(errorEchoing(FAKE_KEY));
    assertThatThrownBy(() -> speech().speak(speechModel(), speechRequest()))
        .isInstanceOf(ModelgateException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FAKE_KEY));
  }

  @Test
  void truncatedAudioEndsAsAnErrorNotAShortClip() {
    byte[] audio = audioBytes(8 * 1024);
    enqueueBeforeSpeech(server);
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg")
        .body(new Buffer().write(audio)).setHeader("Content-Length", audio.length + 4096)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
    SpeechAudio result = speech().speak(speechModel(), speechRequest());
    assertThatThrownBy(() -> readAll(result)).isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(FAKE_KEY));
  }

  @Test
  void chunkedAudioCutMidChunkEndsAsAnError() {
    enqueueBeforeSpeech(server);
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/mpeg")
        .chunkedBody(new Buffer().write(audioBytes(8 * 1024)), 1024)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    assertThatThrownBy(() -> readAll(speech().speak(speechModel(), speechRequest())))
        .isInstanceOf(IOException.class);
  }

  @Test
  void firstByteLaterThanTheReadTimeoutIsARetriableTimeout() {
    enqueueBeforeSpeech(server);
    server.enqueue(audioResponse(audioBytes(16), "audio/mpeg").newBuilder()
        .headersDelay(2, TimeUnit.SECONDS).build());
    SpeechModel speech = connect(Map.of(ProviderInstance.READ_TIMEOUT_OPTION, "300")).speech();
    assertThatThrownBy(() -> speech.speak(speechModel(), speechRequest()))
        .isInstanceOf(UpstreamTimeoutException.class);
  }

  @Test
  void aSpeechOnlyProviderRefusesChat() {
    var chat = connect(Map.of()).chat();
    var last = chat.stream(speechModel(), io.modelgate.core.chat.ChatRequest.of(null, "hi")).next();
    assertThat(last).isInstanceOf(io.modelgate.core.chat.ChatEvent.Failed.class);
    assertThat(((io.modelgate.core.chat.ChatEvent.Failed) last).error())
        .isInstanceOf(io.modelgate.core.error.UnsupportedCapabilityException.class);
  }

  /** The text of {@code bytes}, for subclasses that check a request body. */
  protected static String utf8(byte @Nullable [] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  /** Whether {@code haystack} holds {@code needle}, for binary bodies. */
  protected static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}
