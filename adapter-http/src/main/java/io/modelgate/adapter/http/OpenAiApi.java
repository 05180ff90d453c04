package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.ImageRequest;
import io.modelgate.core.chat.ImageResponse;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.gateway.Gateway;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.gateway.GatewayResult;
import io.modelgate.core.gateway.GatewaySpeech;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.routing.ModelRouter;
import io.modelgate.wire.ChatCompletionWire;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The OpenAI-compatible API: models, chat completions (streaming and not, with tools), embeddings, speech. */
@Singleton
final class OpenAiApi {
  private static final String TAG = "openai";

  private final ChatCalls chats;
  private final Gateway gateway;
  private final ModelRouter router;
  private final Metrics metrics;
  private final RateLimitHeaders limits;
  private final PreparedAnswers prepared;

  @Inject
  OpenAiApi(ChatCalls chats, Gateway gateway, ModelRouter router, Metrics metrics, RateLimitHeaders limits,
      PreparedAnswers prepared) {
    this.limits = limits;
    this.prepared = prepared;
    this.chats = chats;
    this.gateway = gateway;
    this.router = router;
    this.metrics = metrics;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    return List.of(
        new Endpoint(Method.GET, "/v1/models", user, TAG, "The enabled models this caller may use", this::models)
            .reply(OpenAiWire.ModelList.class),
        new Endpoint(Method.GET, "/v1/models/{id}", user, TAG, "One model this caller may use", this::model)
            .reply(OpenAiWire.Model.class),
        new Endpoint(Method.POST, "/v1/chat/completions", user, TAG,
            "Chat completion, streamed as server-sent events with stream: true", this::chat)
            .body(ChatCompletionWire.Request.class).reply(OpenAiWire.Completion.class),
        new Endpoint(Method.POST, "/v1/embeddings", user, TAG, "Embeddings of one or more texts", this::embed)
            .body(RequestWire.Embeddings.class).reply(OpenAiWire.EmbeddingList.class),
        new Endpoint(Method.POST, "/v1/audio/speech", user, TAG, "Speech audio from text", this::speak)
            .body(RequestWire.Speech.class),
        new Endpoint(Method.POST, "/v1/images/generations", user, TAG, "Images from a prompt", this::images)
            .body(RequestWire.Images.class),
        new Endpoint(Method.POST, "/ai/speech", user, "catalog",
            "Speech audio from text, from any speech provider (the body of /v1/audio/speech)", this::speak)
            .body(RequestWire.Speech.class));
  }

  /** The list as prepared for the caller's view of the current state (see {@link PreparedAnswers}). */
  void models(Call call) {
    CallerContext caller = call.caller();
    call.cacheable(prepared.answer("/v1/models", List.of(), caller, () -> OpenAiWire.ModelList.of(
        router.usable(caller, null, null).stream().map(OpenAiWire::model).toList()), call.json()), Call.REVALIDATE);
  }

  void model(Call call) {
    String raw = call.path("id");
    ModelId id;
    try {
      id = ModelId.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), "id");
    }
    OpenAiWire.Model model = router.usable(call.caller(), id).map(OpenAiWire::model)
        .orElseThrow(() -> new ModelNotFoundException("model '" + id + "' does not exist or you may not use it"));
    call.cacheableJson(model);
  }

  // ---- chat -----------------------------------------------------------------------------------------------------

  private void chat(Call call) throws IOException {
    long started = System.nanoTime();
    Fields body = call.body();
    ChatRequest request = ChatRequests.openAi(call.body(ChatCompletionWire.Request.class), body, call.caller(),
        call.json());
    boolean stream = body.bool("stream", false);
    GatewayChat chat = chats.open(request, call.requestId());
    if (stream) {
      chats.relay(call, chat, started, new StreamFormat(ChatRequests.wantsUsageChunk(body)));
      return;
    }
    ChatCalls.Reply reply = chats.join(call, chat, started);
    chats.answerHeaders(call, reply);
    List<OpenAiWire.Choice> choices = new ArrayList<>();
    for (ChatCalls.Choice c : reply.choices()) {
      choices.add(new OpenAiWire.Choice(c.index(), OpenAiWire.assistant(c), OpenAiWire.Logprobs.of(c.logprobs()),
          reply.finish().wireName()));
    }
    call.json(200, new OpenAiWire.Completion(completionId(chat), "chat.completion", Instant.now().getEpochSecond(),
        chat.route().servedId().toString(), choices, OpenAiWire.usage(reply.usage()), reply.systemFingerprint()));
  }

  private static String completionId(GatewayChat chat) {
    return "chatcmpl-" + chat.requestId().substring(4);
  }

  /**
   * OpenAI's {@code chat.completion.chunk} stream. Every choice gets its {@code role} exactly once, in a chunk of
   * its own before its first content (as OpenAI sends it; the SDK's stream helper refuses a choice without one).
   */
  private static final class StreamFormat implements ChatCalls.Format {
    private final boolean usageChunk;
    private final Set<Integer> choices = new TreeSet<>();
    private final Set<Integer> withRole = new TreeSet<>();
    private @Nullable String fingerprint;
    private String id = "";
    private String model = "";
    private long created;

    StreamFormat(boolean usageChunk) {
      this.usageChunk = usageChunk;
    }

    @Override
    public void start(Sse sse, GatewayChat chat) throws IOException {
      id = completionId(chat);
      model = chat.route().servedId().toString();
      created = Instant.now().getEpochSecond();
      role(sse, 0);
    }

    /** The choice's role chunk, the first time the choice appears. */
    private void role(Sse sse, int choice) throws IOException {
      if (withRole.add(choice)) {
        sse.data(chunk(choice, new OpenAiWire.Delta("assistant", "", null, null), null));
      }
    }

    @Override
    public void event(Sse sse, ChatEvent event) throws IOException {
      switch (event) {
        case ChatEvent.TextDelta d -> {
          choices.add(d.choice());
          role(sse, d.choice());
          sse.data(chunk(d.choice(), new OpenAiWire.Delta(null, d.text(), null, null), null));
        }
        case ChatEvent.ReasoningDelta d -> {
          if (!d.visibleText().isEmpty()) {
            sse.data(chunk(0, new OpenAiWire.Delta(null, null, null, d.visibleText()), null));
          }
        }
        case ChatEvent.SystemFingerprint f -> fingerprint = f.value();
        case ChatEvent.ResponseIdentity r -> { }
        case ChatEvent.NativeEvent n -> { } // another protocol's words for what the deltas already carry
        case ChatEvent.RefusalDelta d -> {
          choices.add(d.choice());
          role(sse, d.choice());
          sse.data(chunk(d.choice(), new OpenAiWire.Delta(null, null, d.text(), null, null), null));
        }
        case ChatEvent.ToolCallDelta d -> {
          choices.add(d.choice());
          role(sse, d.choice());
          OpenAiWire.ToolCallDelta call = new OpenAiWire.ToolCallDelta(d.index(), d.id(),
              d.id() != null ? "function" : null, new OpenAiWire.FunctionDelta(d.name(), d.arguments()));
          sse.data(chunk(d.choice(), new OpenAiWire.Delta(null, null, List.of(call), null), null));
        }
        case ChatEvent.LogprobsDelta l -> {
          role(sse, l.choice());
          sse.data(new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model, fingerprint,
              List.of(new OpenAiWire.ChunkChoice(l.choice(), new OpenAiWire.Delta(null, null, null, null),
                  OpenAiWire.Logprobs.of(l.content()), null)), null));
        }
        default -> { }
      }
    }

    @Override
    public void completed(Sse sse, ChatEvent.Completed end, Usage usage, BigDecimal cost) throws IOException {
      choices.add(0);
      for (int choice : choices) {
        role(sse, choice);
        sse.data(chunk(choice, new OpenAiWire.Delta(null, null, null, null), end.reason().wireName()));
      }
      if (usageChunk) {
        sse.data(new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model, fingerprint, List.of(),
            OpenAiWire.usage(usage)));
      }
    }

    private OpenAiWire.Chunk chunk(int choice, OpenAiWire.Delta delta, String finish) {
      return new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model, fingerprint,
          List.of(new OpenAiWire.ChunkChoice(choice, delta, null, finish)), null);
    }
  }

  // ---- embeddings and speech ------------------------------------------------------------------------------------

  private void embed(Call call) {
    long started = System.nanoTime();
    Fields body = call.body();
    RequestWire.Embeddings in = call.body(RequestWire.Embeddings.class);
    if (in.input() instanceof List<?> list && !list.isEmpty() && !(list.getFirst() instanceof String)) {
      throw body.invalid("input", "must be a string or an array of strings; token arrays are not supported");
    }
    List<String> inputs = body.strings("input");
    if (inputs == null || inputs.isEmpty()) {
      throw body.invalid("input", "is required");
    }
    String format = in.encodingFormat();
    if (format != null && !format.equals("float") && !format.equals("base64")) {
      throw body.invalid("encoding_format", "must be float or base64");
    }
    List<String> texts = inputs;
    EmbeddingRequest request = Fields.checked(() -> new EmbeddingRequest(in.model(), texts, in.dimensions(),
        call.caller()));
    GatewayResult<EmbeddingResponse> result = embedding(call, request, started);
    List<OpenAiWire.Embedding> data = new ArrayList<>();
    List<float[]> vectors = result.value().vectors();
    for (int i = 0; i < vectors.size(); i++) {
      data.add(new OpenAiWire.Embedding("embedding", i,
          "base64".equals(format) ? base64(vectors.get(i)) : vectors.get(i)));
    }
    Usage usage = result.value().usage();
    call.json(200, new OpenAiWire.EmbeddingList("list", data, result.route().servedId().toString(),
        new OpenAiWire.EmbeddingUsage(usage.promptTokens(), usage.totalTokens())));
  }

  /**
   * Embeds through the gateway, for every protocol that serves embeddings: metered either way, and on success the
   * route, cost and limit headers set.
   */
  GatewayResult<EmbeddingResponse> embedding(Call call, EmbeddingRequest request, long started) {
    GatewayResult<EmbeddingResponse> result;
    try {
      result = gateway.embed(request, call.requestId());
    } catch (ModelgateException e) {
      metrics.refused("embedding", request.model(), e.code(), System.nanoTime() - started);
      throw e;
    }
    metrics.served(call, "embedding", result.route(), "success", null, result.value().usage(), result.costUsd(),
        System.nanoTime() - started, null);
    call.routeHeaders(result.route());
    call.costHeader(result.costUsd());
    limits.write(call);
    return result;
  }

  /** OpenAI's base64 encoding: the float32 values, little-endian. */
  static String base64(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) {
      buffer.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  private void images(Call call) {
    long started = System.nanoTime();
    Fields body = call.body();
    Integer n = body.smallInteger("n");
    ImageRequest request = Fields.checked(() -> new ImageRequest(body.string("model"),
        body.requiredString("prompt"), n == null ? 1 : n, body.string("size"), body.string("quality"),
        body.string("style"), body.string("response_format"), call.caller()));
    GatewayResult<ImageResponse> result;
    try {
      result = gateway.generateImages(request, call.requestId());
    } catch (ModelgateException e) {
      metrics.refused("image", request.model(), e.code(), System.nanoTime() - started);
      throw e;
    }
    Usage usage = result.value().usage();
    metrics.served(call, "image", result.route(), "success", null, usage, result.costUsd(), System.nanoTime() - started,
        null);
    call.routeHeaders(result.route());
    call.costHeader(result.costUsd());
    limits.write(call);
    List<OpenAiWire.ImageData> data = result.value().images().stream()
        .map(i -> new OpenAiWire.ImageData(i.url(), i.b64Json(), i.revisedPrompt())).toList();
    call.json(200, new OpenAiWire.ImageList(result.value().created(), data, usage.totalTokens() == 0 ? null
        : new OpenAiWire.ImageUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens())));
  }

  /**
   * Speech: the audio is passed on as the provider sends it. If the provider's stream breaks off, the connection
   * is closed without ending the response, so the caller sees an error and never a clean, shortened clip.
   */
  private void speak(Call call) throws IOException {
    long started = System.nanoTime();
    Fields body = call.body();
    RequestWire.Speech in = call.body(RequestWire.Speech.class);
    String input = body.requiredString("input");
    SpeechRequest request = Fields.checked(() -> new SpeechRequest(in.model(), input,
        in.voice() == null ? "alloy" : in.voice(), in.responseFormat(), in.speed(), call.caller()));
    GatewaySpeech speech;
    try {
      speech = gateway.speak(request, call.requestId());
    } catch (ModelgateException e) {
      metrics.refused("speech", request.model(), e.code(), System.nanoTime() - started);
      throw e;
    }
    try (speech) {
      call.routeHeaders(speech.route());
      call.costHeader(speech.costUsd());
      limits.write(call);
      OutputStream out = call.startStream(speech.audio().contentType());
      InputStream audio = speech.audio().body();
      byte[] buffer = new byte[16 * 1024];
      for (int n = read(audio, buffer, speech); n >= 0; n = read(audio, buffer, speech)) {
        try {
          out.write(buffer, 0, n);
          out.flush();
        } catch (IOException | RuntimeException e) {
          throw new Sse.ClientGoneException(e);
        }
      }
      out.close();
      metrics.served(call, "speech", speech.route(), "success", null, Usage.of(request.characters(), 0),
          speech.costUsd(), System.nanoTime() - started, null);
    }
  }

  /** Reads the provider's audio; a failure closes the caller's connection mid-body (see {@link #speak}). */
  private static int read(InputStream audio, byte[] buffer, GatewaySpeech speech) {
    try {
      return audio.read(buffer);
    } catch (IOException e) {
      throw new Exchange.Dropped("request " + speech.requestId() + ": the audio from provider '"
          + speech.route().instance().id() + "' broke off: " + e.getMessage(), e);
    }
  }
}
