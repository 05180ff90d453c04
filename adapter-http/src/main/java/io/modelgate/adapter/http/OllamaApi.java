package io.modelgate.adapter.http;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.gateway.GatewayResult;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.routing.ModelRouter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Ollama's API under {@code /ollama}, so that Open WebUI, Continue, Enchanted and the {@code ollama} libraries can
 * use every model the caller may use: the model lists ({@code /api/tags}, {@code /api/ps}, named by catalog ids),
 * {@code /api/show}, {@code /api/chat} and {@code /api/generate} (newline-delimited JSON unless
 * {@code stream: false}), {@code /api/embed} and {@code /api/embeddings}, {@code /api/version}. The gateway key
 * comes as a bearer token. Managing local models (pull, push, create, copy, delete) has no meaning here and answers
 * 501 in Ollama's error shape. Every call takes the gateway's one path.
 */
@Singleton
final class OllamaApi {
  private static final String TAG = "ollama";
  /** The Ollama version we answer as: clients check it to know which fields to expect. */
  static final String VERSION = "0.9.0";
  private static final String BASE = "/ollama";

  private final ChatCalls chats;
  private final ModelRouter router;
  private final OpenAiApi openAi;
  private final RateLimitHeaders limits;

  private final PreparedAnswers prepared;

  @Inject
  OllamaApi(ChatCalls chats, ModelRouter router, OpenAiApi openAi, RateLimitHeaders limits,
      PreparedAnswers prepared) {
    this.prepared = prepared;
    this.chats = chats;
    this.router = router;
    this.openAi = openAi;
    this.limits = limits;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access user = Endpoint.Access.USER;
    Endpoint.Dialect ollama = Endpoint.Dialect.OLLAMA;
    List<Endpoint> out = new ArrayList<>(List.of(
        new Endpoint(Method.GET, BASE + "/api/version", Endpoint.Access.PUBLIC, TAG,
            "Ollama: the version we answer as", call -> call.json(200, new OllamaWire.Version(VERSION)), ollama),
        new Endpoint(Method.GET, BASE + "/api/tags", user, TAG, "Ollama: the models this caller may use",
            call -> call.send(200, prepared.answer(BASE + "/api/tags", List.of(), call.caller(),
                () -> new OllamaWire.ModelList(models(call, false)), call.json()).bytes()), ollama),
        new Endpoint(Method.GET, BASE + "/api/ps", user, TAG, "Ollama: the models this caller may use, as running",
            call -> call.json(200, new OllamaWire.ModelList(models(call, true))), ollama),
        new Endpoint(Method.POST, BASE + "/api/show", user, TAG, "Ollama: one model's details", this::show, ollama)
            .body(RequestWire.OllamaShow.class).reply(OllamaWire.Show.class),
        new Endpoint(Method.POST, BASE + "/api/chat", user, TAG,
            "Ollama: a chat reply, streamed as NDJSON unless stream is false", this::chat, ollama)
            .body(RequestWire.OllamaChat.class).reply(OllamaWire.ChatLine.class),
        new Endpoint(Method.POST, BASE + "/api/generate", user, TAG,
            "Ollama: a completion of a prompt, streamed as NDJSON unless stream is false", this::generate, ollama)
            .body(RequestWire.OllamaGenerate.class).reply(OllamaWire.GenerateLine.class),
        new Endpoint(Method.POST, BASE + "/api/embed", user, TAG, "Ollama: embeddings of one or more texts",
            this::embed, ollama).body(RequestWire.OllamaEmbed.class).reply(OllamaWire.Embed.class),
        new Endpoint(Method.POST, BASE + "/api/embeddings", user, TAG, "Ollama: the embedding of one text (legacy)",
            this::embedding, ollama).body(RequestWire.OllamaEmbedding.class).reply(OllamaWire.LegacyEmbedding.class)));
    for (String action : List.of("pull", "push", "create", "copy")) {
      out.add(new Endpoint(Method.POST, BASE + "/api/" + action, user, TAG,
          "Ollama: not served (models come from the gateway's providers)", OllamaApi::unsupported, ollama)
              .body(RequestWire.OllamaManage.class));
    }
    out.add(new Endpoint(Method.DELETE, BASE + "/api/delete", user, TAG,
        "Ollama: not served (models come from the gateway's providers)", OllamaApi::unsupported, ollama));
    return out;
  }

  private static void unsupported(Call call) {
    String path = call.requestPath();
    String action = path.substring(path.lastIndexOf('/') + 1);
    call.fail(new Problem(501, "invalid_request_error", "unsupported",
        "'" + action + "' is not supported: this is Modelgate, whose models come from the providers an admin "
            + "configures; list them with /api/tags", null, null));
  }

  // ---- models ---------------------------------------------------------------------------------------------------

  private List<OllamaWire.Model> models(Call call, boolean running) {
    String expires = running ? Instant.now().plusSeconds(86_400).toString() : null;
    return router.usable(call.caller(), null, null).stream()
        .filter(e -> e.category() == ModelCategory.TEXT || e.category() == ModelCategory.EMBEDDING)
        .map(e -> new OllamaWire.Model(e.id().toString(), e.id().toString(), e.discoveredAt().toString(), 0,
            digest(e.id()), details(e), expires, running ? 0L : null))
        .toList();
  }

  private void show(Call call) {
    Fields body = call.body();
    String name = body.string("model") != null ? body.string("model") : body.requiredString("name");
    CatalogEntry entry = usable(call, name);
    List<String> capabilities = new ArrayList<>();
    if (entry.category() == ModelCategory.EMBEDDING) {
      capabilities.add("embedding");
    } else {
      capabilities.add("completion");
      if (entry.capabilities().contains(Capability.TOOLS)) {
        capabilities.add("tools");
      }
      if (entry.capabilities().contains(Capability.VISION)) {
        capabilities.add("vision");
      }
      if (entry.capabilities().contains(Capability.REASONING)) {
        capabilities.add("thinking");
      }
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("general.architecture", entry.providerKind().wireName());
    info.put("general.basename", entry.displayName());
    if (entry.contextWindow() != null) {
      info.put(entry.providerKind().wireName() + ".context_length", entry.contextWindow());
    }
    call.json(200, new OllamaWire.Show("# served by Modelgate from provider '" + entry.id().instance() + "'\n"
        + "FROM " + entry.id(), "", "{{ .Prompt }}", details(entry), info, capabilities,
        entry.discoveredAt().toString()));
  }

  private CatalogEntry usable(Call call, String name) {
    Optional<CatalogEntry> found;
    try {
      found = router.usable(call.caller(), ModelId.parse(name));
    } catch (IllegalArgumentException e) {
      found = Optional.empty();
    }
    return found.orElseThrow(() -> new ModelNotFoundException("model '" + name + "' not found"));
  }

  private static OllamaWire.Details details(CatalogEntry e) {
    return new OllamaWire.Details("", e.providerKind().wireName(), e.id().instance(), List.of(e.id().instance()),
        "", "");
  }

  /** A stable stand-in for Ollama's blob digest: the SHA-256 of the model id. */
  private static String digest(ModelId id) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(id.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- chat and generate ----------------------------------------------------------------------------------------

  private void chat(Call call) throws IOException {
    long started = System.nanoTime();
    Fields body = call.body();
    ChatRequest request = OllamaRequests.chat(body, call.caller(), call.json());
    serve(call, body, request, started, true);
  }

  private void generate(Call call) throws IOException {
    long started = System.nanoTime();
    Fields body = call.body();
    String model = body.requiredString("model");
    String prompt = body.string("prompt");
    if (prompt == null || prompt.isEmpty()) {
      // Ollama's way to load a model: an empty prompt. Nothing to load here; say the model is there.
      usable(call, model);
      call.json(200, new OllamaWire.GenerateLine(model, Instant.now().toString(), "", null, true, "load", null,
          null, null, null));
      return;
    }
    ChatRequest request = OllamaRequests.generate(body, call.caller(), call.json());
    serve(call, body, request, started, false);
  }

  private void serve(Call call, Fields body, ChatRequest request, long started, boolean chat) throws IOException {
    String model = body.requiredString("model");
    GatewayChat open = chats.open(request, call.requestId());
    Lines lines = new Lines(model, chat, started);
    if (body.bool("stream", true)) {
      chats.relay(call, open, started, lines);
      return;
    }
    ChatCalls.Reply reply = chats.join(call, open, started);
    call.routeHeaders(open.route());
    call.costHeader(reply.cost());
    limits.write(call);
    ChatCalls.Choice first = reply.choices().getFirst();
    Map<Integer, String[]> calls = new TreeMap<>();
    for (int i = 0; i < first.toolCalls().size(); i++) {
      calls.put(i, new String[] {first.toolCalls().get(i).name(), first.toolCalls().get(i).arguments()});
    }
    call.json(200, lines.last(first.text(), first.reasoning(), calls, reply.finish(), reply.usage()));
  }

  /** Ollama's stream: a line per piece of text or thinking, tool calls whole, then the last line with the counts. */
  private static final class Lines implements ChatCalls.Format {
    private final String model;
    private final boolean chat;
    private final long started;
    private final Map<Integer, String[]> calls = new TreeMap<>();

    Lines(String model, boolean chat, long started) {
      this.model = model;
      this.chat = chat;
      this.started = started;
    }

    @Override
    public Sse open(Call http) {
      return Sse.ndjson(http.startNdjsonStream(), http.json());
    }

    @Override
    public void start(Sse sse, GatewayChat call) {}

    @Override
    public void event(Sse sse, ChatEvent event) throws IOException {
      switch (event) {
        case ChatEvent.TextDelta d when d.choice() == 0 && !d.text().isEmpty() -> sse.data(piece(d.text(), null));
        case ChatEvent.ReasoningDelta d when !d.visibleText().isEmpty() -> sse.data(piece("", d.visibleText()));
        case ChatEvent.ToolCallDelta d when d.choice() == 0 -> {
          String[] c = calls.computeIfAbsent(d.index(), i -> new String[] {"unknown", ""});
          if (d.name() != null) {
            c[0] = d.name();
          }
          c[1] = c[1] + d.arguments();
        }
        default -> { }
      }
    }

    @Override
    public void completed(Sse sse, ChatEvent.Completed end, Usage usage, BigDecimal cost) throws IOException {
      if (chat && !calls.isEmpty()) {
        sse.data(new OllamaWire.ChatLine(model, Instant.now().toString(),
            new OllamaWire.Message("assistant", "", null, toolCalls(calls)), false, null, null, null, null, null));
        calls.clear();
      }
      sse.data(last("", null, calls, end.reason(), usage));
    }

    @Override
    public void end(Sse sse) {
      // The done line was the end.
    }

    @Override
    public void failed(Sse sse, Problem problem) throws IOException {
      sse.data(problem.body(Endpoint.Dialect.OLLAMA));
    }

    private Object piece(String text, @Nullable String thinking) {
      String now = Instant.now().toString();
      return chat
          ? new OllamaWire.ChatLine(model, now, new OllamaWire.Message("assistant", text, thinking, null), false,
              null, null, null, null, null)
          : new OllamaWire.GenerateLine(model, now, text, thinking, false, null, null, null, null, null);
    }

    Object last(String text, @Nullable String thinking, Map<Integer, String[]> toolCalls, FinishReason finish,
        Usage usage) {
      String now = Instant.now().toString();
      String reason = finish == FinishReason.LENGTH ? "length" : "stop";
      long total = System.nanoTime() - started;
      return chat
          ? new OllamaWire.ChatLine(model, now, new OllamaWire.Message("assistant", text, thinking,
              toolCalls.isEmpty() ? null : toolCalls(toolCalls)), true, reason, total, 0L, usage.promptTokens(),
              usage.completionTokens())
          : new OllamaWire.GenerateLine(model, now, text, thinking, true, reason, total, 0L, usage.promptTokens(),
              usage.completionTokens());
    }

    private static List<OllamaWire.ToolCall> toolCalls(Map<Integer, String[]> calls) {
      List<OllamaWire.ToolCall> out = new ArrayList<>();
      for (String[] c : calls.values()) {
        String arguments = AnthropicBlocks.isJsonObject(c[1]) ? c[1] : "{}";
        out.add(new OllamaWire.ToolCall(new OllamaWire.Function(c[0], new OpenAiWire.RawJson(arguments))));
      }
      return out;
    }
  }

  // ---- embeddings -----------------------------------------------------------------------------------------------

  private void embed(Call call) {
    long started = System.nanoTime();
    Fields body = call.body();
    List<String> inputs = body.strings("input");
    if (inputs == null || inputs.isEmpty()) {
      throw body.invalid("input", "is required");
    }
    EmbeddingRequest request = Fields.checked(() -> new EmbeddingRequest(body.requiredString("model"), inputs,
        body.smallInteger("dimensions"), call.caller()));
    GatewayResult<EmbeddingResponse> result = openAi.embedding(call, request, started);
    call.json(200, new OllamaWire.Embed(body.requiredString("model"), result.value().vectors(),
        System.nanoTime() - started, 0, result.value().usage().promptTokens()));
  }

  private void embedding(Call call) {
    long started = System.nanoTime();
    Fields body = call.body();
    EmbeddingRequest request = Fields.checked(() -> new EmbeddingRequest(body.requiredString("model"),
        List.of(body.requiredString("prompt")), null, call.caller()));
    GatewayResult<EmbeddingResponse> result = openAi.embedding(call, request, started);
    call.json(200, new OllamaWire.LegacyEmbedding(result.value().vectors().getFirst()));
  }
}
