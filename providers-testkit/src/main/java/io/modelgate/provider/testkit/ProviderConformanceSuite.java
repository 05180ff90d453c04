package io.modelgate.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.error.AuthenticationException;
import io.modelgate.core.error.BillingException;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.error.UpstreamConflictException;
import io.modelgate.core.error.UpstreamTimeoutException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The provider conformance suite: every provider module subclasses it once per protocol it speaks, and the same
 * tests run against each. The subclass names the real fixture payloads and asserts what only it knows (paths,
 * headers, body fields); this class holds the behaviour every provider must share: discovery, streaming as tokens
 * arrive, the blocking call built on the stream, each error status mapped to the same exception for every
 * protocol (the core's one table) with the key never shown, a connection failure, {@code Retry-After} as seconds
 * and as an HTTP date, a broken or malformed stream ending as a failure, and a slow first byte tolerated.
 *
 * <p>The subclass's {@link #instance} must honour the option {@link #READ_TIMEOUT_OPTION} (milliseconds).
 */
public abstract class ProviderConformanceSuite {
  /** The instance option every driver reads for its read timeout, in milliseconds. */
  public static final String READ_TIMEOUT_OPTION = ProviderInstance.READ_TIMEOUT_OPTION;

  /** An obviously fake key; the suite checks it never shows in an error. */
  protected static final String FAKE_KEY = "sk-test-conformance-0000000000000000";

  protected MockWebServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  // ---- what a subclass supplies -------------------------------------------------------------------------------

  protected abstract ProviderDriver driver();

  /**
   * The instance under test pointed at {@code server}, with {@code options} added to its own. The base URL follows
   * the provider's SDK convention (with or without a version path).
   */
  protected abstract ProviderInstance instance(MockWebServer server, Map<String, String> options);

  /** The key to connect with; null for a keyless protocol. */
  protected @Nullable Secret apiKey() {
    return Secret.of(FAKE_KEY);
  }

  /** Enqueues the real list-API payloads (every page) for one discovery. */
  protected abstract void enqueueModelList(MockWebServer server);

  /** Checks the requests discovery sent (path, auth header, paging) and what it parsed. */
  protected abstract void verifyListing(List<RecordedRequest> requests, ModelListing listing);

  /** The model name (without instance) the chat tests ask for. */
  protected abstract String chatModel();

  /** A real streamed chat transcript as the provider sends it (SSE or NDJSON), with a clean finish. */
  protected abstract MockResponse streamResponse();

  /** Checks the streaming request (path, headers, body) and the joined reply of {@link #streamResponse()}. */
  protected abstract void verifyStream(RecordedRequest request, ChatResponse reply);

  /** The provider's error response for {@code status}, from the fixtures where they have one. */
  protected abstract MockResponse errorResponse(int status);

  /**
   * The first part of {@link #streamResponse()}: some deltas, then nothing more (no finish, no end marker). Used
   * for the truncated-stream and reset tests.
   */
  protected abstract String truncatedStreamBody();

  /** A stream body whose second event is not valid JSON. */
  protected abstract String malformedStreamBody();

  /** The content type the provider streams with ({@code text/event-stream}, {@code application/x-ndjson}). */
  protected String streamContentType() {
    return "text/event-stream";
  }

  /** Whether the protocol has embeddings; if so, override the two embedding hooks. */
  protected boolean supportsEmbeddings() {
    return false;
  }

  protected String embeddingModel() {
    throw new UnsupportedOperationException();
  }

  protected MockResponse embeddingResponse() {
    throw new UnsupportedOperationException();
  }

  protected void verifyEmbedding(RecordedRequest request, EmbeddingResponse response) {
    throw new UnsupportedOperationException();
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  protected final ProviderConnection connect(Map<String, String> options) {
    return driver().connect(instance(server, options), apiKey());
  }

  protected final ProviderConnection connect() {
    return connect(Map.of());
  }

  protected ChatRequest chatRequest() {
    return ChatRequest.of(null, "Hello!");
  }

  protected final List<RecordedRequest> takeAll() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
      requests.add(r);
    }
    return requests;
  }

  private static List<ChatEvent> drain(ChatStream stream) {
    List<ChatEvent> events = new ArrayList<>();
    try (stream) {
      ChatEvent e;
      do {
        e = stream.next();
        events.add(e);
      } while (!e.terminal());
    }
    return events;
  }

  // ---- the suite ----------------------------------------------------------------------------------------------

  @Test
  void discoveryListsModelsFromTheRealPayload() throws Exception {
    enqueueModelList(server);
    ModelListing listing = connect().discovery().listModels();
    verifyListing(takeAll(), listing);
    assertThat(listing.models()).isNotEmpty();
  }

  @Test
  void streamDeliversDeltasThenACleanFinish() throws Exception {
    server.enqueue(streamResponse());
    List<ChatEvent> events = drain(connect().chat().stream(chatModel(), chatRequest()));
    assertThat(events).last().isInstanceOf(ChatEvent.Completed.class);
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.TextDelta || e instanceof ChatEvent.ToolCallDelta)
        .hasSizeGreaterThan(1);
    assertThat(events).filteredOn(ChatEvent::terminal).hasSize(1);
  }

  @Test
  void blockingCallIsTheJoinedStream() throws Exception {
    server.enqueue(streamResponse());
    ChatResponse reply = connect().chat().complete(chatModel(), chatRequest());
    verifyStream(server.takeRequest(1, TimeUnit.SECONDS), reply);
  }

  /**
   * One table for every protocol: each status the same kind of error, whichever provider answered it (402 is a
   * billing refusal, never retried; 408, 409, 429 and 5xx may be retried; every other 4xx is the request's fault).
   */
  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504})
  void errorStatusMapsToTheRightException(int status) {
    server.enqueue(errorResponse(status));
    ChatEvent last = drain(connect().chat().stream(chatModel(), chatRequest())).getLast();
    assertThat(last).isInstanceOf(ChatEvent.Failed.class);
    ModelgateException error = ((ChatEvent.Failed) last).error();
    Class<? extends ModelgateException> expected = switch (status) {
      case 401, 403 -> AuthenticationException.class;
      case 402 -> BillingException.class;
      case 404 -> ModelNotFoundException.class;
      case 400, 413, 422 -> InvalidRequestException.class;
      case 408 -> UpstreamTimeoutException.class;
      case 409 -> UpstreamConflictException.class;
      case 429 -> RateLimitedException.class;
      default -> UpstreamUnavailableException.class;
    };
    assertThat(error).isInstanceOf(expected);
    assertThat(error.retriable()).isEqualTo(status == 408 || status == 409 || status == 429 || status >= 500);
    assertThat(error.getMessage()).isNotBlank().doesNotContain(FAKE_KEY);
  }

  @Test
  void connectionFailureIsARetriableUnavailableUpstream() {
    ProviderConnection connection = connect();
    server.close(); // nothing listens on the instance's port any more
    ChatEvent last = drain(connection.chat().stream(chatModel(), chatRequest())).getLast();
    ModelgateException error = ((ChatEvent.Failed) last).error();
    assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(((UpstreamUnavailableException) error).status()).isZero();
    assertThat(error.retriable()).isTrue();
  }

  @Test
  void retryAfterIsKeptOnRateLimit() {
    server.enqueue(errorResponse(429).newBuilder().setHeader("Retry-After", "7").build());
    ChatEvent last = drain(connect().chat().stream(chatModel(), chatRequest())).getLast();
    assertThat(((ChatEvent.Failed) last).error().retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {429, 503})
  void retryAfterAsAnHttpDateIsHonoured(int status) {
    String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120).withNano(0));
    server.enqueue(errorResponse(status).newBuilder().setHeader("Retry-After", inTwoMinutes).build());
    ChatEvent last = drain(connect().chat().stream(chatModel(), chatRequest())).getLast();
    Duration wait = ((ChatEvent.Failed) last).error().retryAfter();
    assertThat(wait).isNotNull().isBetween(Duration.ofSeconds(60), Duration.ofSeconds(121));
  }

  @Test
  void errorsOnDiscoveryAreMappedToo() {
    server.enqueue(errorResponse(401));
    assertThatThrownBy(() -> connect().discovery().listModels())
        .isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(FAKE_KEY));
  }

  @Test
  void keyEchoedInAnErrorBodyIsRedacted() {
    server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"Incorrect API key provided: " + FAKE_KEY + "\",\"type\":\"invalid_request_error\"}}")
        .build());
    ChatEvent last = drain(connect().chat().stream(chatModel(), chatRequest())).getLast();
    assertThat(((ChatEvent.Failed) last).error().getMessage()).doesNotContain(FAKE_KEY);
  }

  @Test
  void truncatedStreamEndsAsAFailureNotAFinish() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", streamContentType())
        .body(truncatedStreamBody()).build());
    List<ChatEvent> events = drain(connect().chat().stream(chatModel(), chatRequest()));
    assertThat(events).last().isInstanceOf(ChatEvent.Failed.class);
    assertThat(((ChatEvent.Failed) events.getLast()).error().retriable()).isTrue();
  }

  @Test
  void connectionResetMidStreamEndsAsAFailure() {
    String body = truncatedStreamBody();
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", streamContentType())
        .body(body).setHeader("Content-Length", body.length() + 4096)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
    List<ChatEvent> events = drain(connect().chat().stream(chatModel(), chatRequest()));
    assertThat(events).last().isInstanceOf(ChatEvent.Failed.class);
  }

  @Test
  void malformedLineEndsAsAFailure() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", streamContentType())
        .body(malformedStreamBody()).build());
    List<ChatEvent> events = drain(connect().chat().stream(chatModel(), chatRequest()));
    assertThat(events).last().isInstanceOf(ChatEvent.Failed.class);
  }

  @Test
  void slowFirstByteIsWaitedFor() throws Exception {
    server.enqueue(streamResponse().newBuilder().headersDelay(700, TimeUnit.MILLISECONDS).build());
    ChatResponse reply = connect(Map.of(READ_TIMEOUT_OPTION, "5000")).chat().complete(chatModel(), chatRequest());
    verifyStream(server.takeRequest(1, TimeUnit.SECONDS), reply);
  }

  @Test
  void firstByteLaterThanTheReadTimeoutIsARetriableTimeout() {
    server.enqueue(streamResponse().newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    List<ChatEvent> events = drain(connect(Map.of(READ_TIMEOUT_OPTION, "300")).chat()
        .stream(chatModel(), chatRequest()));
    assertThat(events).last().isInstanceOf(ChatEvent.Failed.class);
    assertThat(((ChatEvent.Failed) events.getLast()).error()).isInstanceOf(UpstreamTimeoutException.class);
  }

  @Test
  void closingTheStreamEarlyCancelsTheUpstreamCall() {
    server.enqueue(streamResponse().newBuilder().throttleBody(16, 50, TimeUnit.MILLISECONDS).build());
    ChatStream stream = connect().chat().stream(chatModel(), chatRequest());
    stream.close();
    // Closing must not hang, and the stream must not report a finish after it was closed.
    assertThat(server.getRequestCount()).isLessThanOrEqualTo(1);
  }

  @Test
  void embeddingsReturnOneVectorPerInput() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(supportsEmbeddings(), "protocol has no embeddings");
    server.enqueue(embeddingResponse());
    var embeddings = connect().embeddings();
    assertThat(embeddings).isNotNull();
    EmbeddingResponse response = embeddings.embed(embeddingModel(), embeddingRequest());
    verifyEmbedding(server.takeRequest(1, TimeUnit.SECONDS), response);
    assertThat(response.vectors()).isNotEmpty().allSatisfy(v -> assertThat(v).isNotEmpty());
  }

  protected EmbeddingRequest embeddingRequest() {
    return EmbeddingRequest.of(null, "The food was delicious and the waiter...");
  }
}
