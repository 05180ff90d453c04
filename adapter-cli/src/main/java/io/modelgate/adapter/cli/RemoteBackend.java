package io.modelgate.adapter.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Secret;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.wire.AdminWire;
import io.modelgate.wire.ModelWire;
import io.modelgate.wire.WireJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The commands over a running server's HTTP API, with {@code MODELGATE_API_KEY} as the bearer key: a typed
 * client ({@link ServerApi}, Retrofit over OkHttp and Moshi) reads the same wire records the server writes, and
 * each is turned into the view embedded mode prints by the same {@link Views} code.
 */
final class RemoteBackend implements Backend {
  /** A failure the server reported, or the server could not be reached; the message says which, plainly. */
  static final class ServerException extends RuntimeException {
    private final int status;

    ServerException(String message, int status) {
      super(message);
      this.status = status;
    }

    /** The HTTP status, or 0 when the server was not reached. */
    int status() {
      return status;
    }
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
  private static final MediaType JSON = MediaType.get("application/json");

  private final String base;
  private final @Nullable String apiKey;
  private final OkHttpClient http;
  private final Moshi moshi = WireJson.moshi().build();
  private final JsonAdapter<Object> tree = moshi.adapter(Object.class);
  private final ServerApi api;

  RemoteBackend(String base, @Nullable String apiKey) {
    this.base = base;
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    String key = this.apiKey;
    this.http = new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT).readTimeout(REQUEST_TIMEOUT)
        .addInterceptor(chain -> {
          Request.Builder request = chain.request().newBuilder().header("User-Agent", "modelgate-cli");
          if (chain.request().header("Accept") == null) {
            request.header("Accept", "application/json");
          }
          if (key != null) {
            request.header("Authorization", "Bearer " + key);
          }
          return chain.proceed(request.build());
        })
        .build();
    this.api = new Retrofit.Builder().baseUrl(base + "/").client(http)
        .addConverterFactory(MoshiConverterFactory.create(moshi)).build().create(ServerApi.class);
  }

  // ---- models -----------------------------------------------------------------------------------------------

  @Override
  public List<View> models(ModelFilter filter) {
    try {
      return send(api.models(filter.provider(), wire(filter.category()), wire(filter.status()), filter.text()))
          .data().stream().filter(e -> matches(filter, e)).map(Views::model).toList();
    } catch (ServerException e) {
      if (e.status() != 403) {
        throw e;
      }
    }
    // A member's key: the models this caller may use, as the OpenAI-compatible list shows them.
    return send(api.usableModels()).data().stream().filter(m -> matches(filter, m)).map(RemoteBackend::usable)
        .toList();
  }

  private static @Nullable String wire(@Nullable ModelCategory category) {
    return category == null ? null : category.wireName();
  }

  private static @Nullable String wire(@Nullable ModelStatus status) {
    return status == null ? null : status.wireName();
  }

  private static boolean matches(ModelFilter filter, ModelWire.Entry e) {
    return filter.matches(ModelId.parse(e.id()), ModelCategory.parse(e.category()), ModelStatus.parse(e.status()),
        c -> e.capabilities().contains(c.wireName()), e.name(), e.description());
  }

  /** The same filter over an entry of {@code /v1/models}; one the CLI cannot read is left out. */
  private static boolean matches(ModelFilter filter, Map<String, Object> m) {
    try {
      List<?> capabilities = m.get("capabilities") instanceof List<?> l ? l : List.of();
      return filter.matches(ModelId.parse(String.valueOf(m.get("id"))),
          ModelCategory.parse(String.valueOf(m.get("category"))), ModelStatus.parse(String.valueOf(m.get("status"))),
          (Capability c) -> capabilities.contains(c.wireName()), String.valueOf(m.get("name")),
          m.get("description") == null ? null : String.valueOf(m.get("description")));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** An entry of {@code /v1/models} in the shape of {@link ModelWire.Entry}; what it does not carry is null. */
  private static View usable(Map<String, Object> m) {
    View v = new View();
    for (var component : ModelWire.Entry.class.getRecordComponents()) {
      com.squareup.moshi.Json name = component.getAnnotation(com.squareup.moshi.Json.class);
      String key = name == null ? component.getName() : name.name();
      v.put(key, m.get(key));
    }
    if (v.get("voices") == null) {
      v.remove("voices");
    }
    return v;
  }

  @Override
  public List<View> model(ModelId id) {
    return send(api.model(path(id.toString()))).data().stream().map(Views::model).toList();
  }

  @Override
  public List<View> discover(@Nullable String provider, @Nullable ModelCategory category, boolean force,
      Consumer<View> progress) {
    AdminWire.Report report = send(api.discover(new AdminWire.DiscoverRequest(provider, wire(category), force)));
    List<View> reports = new ArrayList<>();
    for (AdminWire.ProviderRun run : report.providers()) {
      View view = Views.report(run);
      progress.accept(view);
      reports.add(view);
    }
    return reports;
  }

  @Override
  public View setStatus(List<ModelId> ids, ModelStatus status) {
    AdminWire.Bulk answer = send(api.setStatus(new AdminWire.StatusRequest(
        ids.stream().map(ModelId::toString).toList(), status.wireName())));
    return new View().with("status", status.wireName()).with("updated", answer.updated())
        .with("failed", answer.failed() == null ? Map.of() : answer.failed());
  }

  @Override
  public View setDefault(@Nullable String provider, ModelCategory category, @Nullable ModelId model) {
    AdminWire.DefaultModel answer = send(api.setDefault(new AdminWire.DefaultRequest(
        provider == null ? "*" : provider, category.wireName(), model == null ? null : model.toString())));
    return new View().with("provider", "*".equals(answer.provider()) ? null : answer.provider())
        .with("category", answer.category()).with("model", answer.modelId());
  }

  @Override
  public View setCallerDefault(CallerScope scope, String id, @Nullable ModelId model) {
    // A blank model clears it: Moshi leaves a null out, and the API wants the field present.
    Map<String, Object> answer = send(api.setPreference(Map.of("scope", scope.wireName(),
        scope == CallerScope.ORGANIZATION ? "organization_id" : "agent_id", id,
        "preferred_model", model == null ? "" : model.toString())));
    Object set = answer.get(scope == CallerScope.ORGANIZATION ? "organization_default" : "agent_default");
    Object now = set instanceof Map<?, ?> m ? m.get("model_id") : null;
    return new View().with("scope", scope.wireName()).with("id", id).with("model", now);
  }

  @Override
  public View getDefault(@Nullable String provider, ModelCategory category) {
    Object model;
    if (provider == null) {
      model = send(api.catalog(category.wireName())).get("default_model_id");
    } else {
      model = send(api.provider(path(provider))).defaultModels().get(category.wireName());
    }
    return new View().with("provider", provider).with("category", category.wireName()).with("model", model);
  }

  @Override
  public View addMigration(ModelMigration migration) {
    AdminWire.MigrationAdded answer = send(api.addMigration(new AdminWire.MigrationRequest(
        migration.from().toString(), migration.to().toString(), migration.reason().wireName(),
        migration.automatic())));
    return Views.of(answer.migration()).with("rewritten", answer.rewritten());
  }

  @Override
  public List<View> migrations() {
    return send(api.migrations()).data().stream().map(Views::of).toList();
  }

  // ---- providers --------------------------------------------------------------------------------------------

  /**
   * The providers with the health the server last saw; with {@code probe}, the server probes every enabled one
   * first and records what it saw, which {@code /ai/models} then shows.
   */
  @Override
  public List<View> providers(boolean probe, Duration timeout) {
    if (probe) {
      send(api.probe(Math.max(1, timeout.toMillis())));
    }
    List<AdminWire.Instance> instances = send(api.providers()).data();
    Map<String, Object> catalog = send(api.catalog(null));
    Map<?, ?> states = catalog.get("providers") instanceof Map<?, ?> s ? s : Map.of();
    Map<Object, Object> latency = new LinkedHashMap<>();
    if (catalog.get("models") instanceof List<?> models) {
      for (Object m : models) {
        if (m instanceof Map<?, ?> model && model.get("latency_ms") != null) {
          latency.putIfAbsent(model.get("provider"), model.get("latency_ms"));
        }
      }
    }
    List<View> views = new ArrayList<>();
    for (AdminWire.Instance i : instances) {
      Map<?, ?> state = states.get(i.id()) instanceof Map<?, ?> s ? s : null;
      Object health = state == null || "disabled".equals(state.get("status")) ? null : state.get("status");
      views.add(Views.provider(i, health, latency.get(i.id()), state == null ? null : state.get("error")));
    }
    return views;
  }

  @Override
  public View addProvider(ProviderSpec spec, @Nullable Secret key) {
    AdminWire.Instance added = send(api.addProvider(request(spec, spec.kind() == null ? null
        : spec.kind().wireName(), key, spec.options().isEmpty() ? null : spec.optionsOver(Map.of()))));
    return Views.provider(added, null, null, null).with("has_key", key != null);
  }

  @Override
  public View updateProvider(ProviderSpec spec, @Nullable Secret key) {
    Map<String, String> options = spec.options().isEmpty() ? null
        : spec.optionsOver(send(api.provider(path(spec.id()))).options());
    return Views.provider(send(api.updateProvider(path(spec.id()), request(spec, null, key, options))), null, null,
        null);
  }

  private static AdminWire.ProviderRequest request(ProviderSpec spec, @Nullable String kind, @Nullable Secret key,
      @Nullable Map<String, String> options) {
    return new AdminWire.ProviderRequest(kind == null ? null : spec.id(), kind, spec.name(), spec.baseUrl(), null,
        null, null, spec.enabled(), null, null, options, key == null ? null : key.reveal());
  }

  @Override
  public void removeProvider(String id) {
    send(api.removeProvider(path(id)));
  }

  // ---- aliases ----------------------------------------------------------------------------------------------

  @Override
  public List<View> aliases() {
    return send(api.aliases()).data().stream().map(Views::of).toList();
  }

  @Override
  public View saveAlias(String name, List<ModelId> models, Map<String, Object> defaults,
      @Nullable BalanceStrategy strategy) {
    return Views.of(send(api.saveAlias(path(name), new AdminWire.AliasRequest(
        models.stream().map(ModelId::toString).toList(), defaults,
        strategy == null ? null : strategy.wireName()))));
  }

  @Override
  public void removeAlias(String name) {
    send(api.removeAlias(path(name)));
  }

  // ---- chat -------------------------------------------------------------------------------------------------

  /** Streams through {@code POST /ai/stream} (read by okhttp-sse): a route event, deltas, then done, or an error. */
  @Override
  public View chat(ChatInput input, Consumer<String> text) {
    List<Map<String, Object>> messages = new ArrayList<>();
    if (input.system() != null) {
      messages.add(Map.of("role", "system", "content", input.system()));
    }
    messages.add(Map.of("role", "user", "content", input.prompt()));
    Map<String, Object> body = new LinkedHashMap<>();
    if (input.model() != null) {
      body.put("model", input.model());
    }
    if (input.conversation() != null) {
      body.put("conversation_id", input.conversation());
    }
    body.put("messages", messages);
    Request request = new Request.Builder().url(base + "/ai/stream").header("Accept", "text/event-stream")
        .post(RequestBody.create(tree.toJson(body), JSON)).build();
    ChatReader reader = new ChatReader(text);
    try (Response response = execute(http.newCall(request))) {
      if (!response.isSuccessful()) {
        ResponseBody error = response.body();
        throw failure(response.code(), error == null ? "" : error.string());
      }
      EventSources.processResponse(response, reader);
    } catch (IOException e) {
      throw new ServerException("the connection to " + base + " broke: " + e.getMessage(), 0);
    }
    return reader.result();
  }

  /** Collects one {@code /ai/stream} reply as its events arrive. */
  private final class ChatReader extends EventSourceListener {
    private final Consumer<String> text;
    private @Nullable Map<?, ?> route;
    private @Nullable Map<?, ?> done;
    private @Nullable String error;
    private @Nullable Throwable broken;
    private final StringBuilder reply = new StringBuilder();
    private final Map<Integer, View> calls = new TreeMap<>();

    ChatReader(Consumer<String> text) {
      this.text = text;
    }

    @Override
    public void onEvent(EventSource source, @Nullable String id, @Nullable String type, String data) {
      if (done != null || error != null || data.equals("[DONE]")) {
        return;
      }
      Map<?, ?> event;
      try {
        event = tree.fromJson(data) instanceof Map<?, ?> m ? m : Map.of();
      } catch (IOException e) {
        error = "the server at " + base + " answered something that is not JSON";
        return;
      }
      if (event.get("error") instanceof Map<?, ?> e) {
        error = String.valueOf(e.get("message"));
        return;
      }
      switch (String.valueOf(event.get("type"))) {
        case "route" -> route = event;
        case "delta" -> {
          String t = String.valueOf(event.get("text"));
          reply.append(t);
          text.accept(t);
        }
        case "tool_call" -> {
          int index = ((Number) event.get("index")).intValue();
          View call = calls.computeIfAbsent(index, i -> new View().with("id", null).with("name", null)
              .with("arguments", ""));
          if (event.get("id") != null) {
            call.put("id", event.get("id"));
          }
          if (event.get("name") != null) {
            call.put("name", event.get("name"));
          }
          call.put("arguments", call.get("arguments") + String.valueOf(event.get("arguments")));
        }
        case "done" -> done = event;
        default -> { }
      }
    }

    @Override
    public void onFailure(EventSource source, @Nullable Throwable t, @Nullable Response response) {
      broken = t;
    }

    View result() {
      if (error != null) {
        throw new ServerException(error, 0);
      }
      if (route == null || done == null) {
        throw new ServerException(broken == null ? "the server's stream ended before the reply was complete"
            : "the connection to " + base + " broke: " + broken.getMessage(), 0);
      }
      return chatView(route, done, reply.toString(), new ArrayList<>(calls.values()));
    }
  }

  private static View chatView(Map<?, ?> route, Map<?, ?> done, String text, List<View> toolCalls) {
    Map<?, ?> r = route.get("route") instanceof Map<?, ?> m ? m : Map.of();
    List<String> steps = new ArrayList<>();
    if (r.get("steps") instanceof List<?> list) {
      for (Object step : list) {
        if (step instanceof Map<?, ?> s) {
          steps.add(s.get("kind") + ": " + s.get("detail"));
        }
      }
    }
    List<String> attempts = new ArrayList<>();
    if (r.get("attempts") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> attempt) {
          attempts.add(attempt.get("model") + " " + attempt.get("outcome")
              + (attempt.get("error") == null ? "" : " " + attempt.get("error")) + " "
              + ((Number) attempt.get("took_ms")).longValue() + "ms");
        }
      }
    }
    View routeView = new View().with("requested", route.get("requested_model")).with("served", route.get("model"))
        .with("provider", route.get("provider")).with("source", r.get("source")).with("steps", steps)
        .with("attempts", attempts);
    Map<?, ?> u = done.get("usage") instanceof Map<?, ?> m ? m : Map.of();
    Object cached = u.get("prompt_tokens_details") instanceof Map<?, ?> d ? d.get("cached_tokens") : 0;
    Object reasoning = u.get("completion_tokens_details") instanceof Map<?, ?> d ? d.get("reasoning_tokens") : 0;
    View usage = new View().with("prompt_tokens", u.get("prompt_tokens"))
        .with("completion_tokens", u.get("completion_tokens")).with("cached_tokens", cached)
        .with("reasoning_tokens", reasoning).with("total_tokens", u.get("total_tokens"));
    return new View().with("request_id", route.get("id")).with("model", route.get("model")).with("route", routeView)
        .with("text", text).with("finish_reason", done.get("finish_reason")).with("tool_calls", toolCalls)
        .with("usage", usage);
  }

  // ---- users' provider keys ----------------------------------------------------------------------------------

  @Override
  public List<View> keys(@Nullable String user) {
    return send(api.keys()).data().stream().map(Views::credential).toList();
  }

  @Override
  public View addKey(@Nullable String user, String provider, Secret key) {
    return Views.credential(send(api.addKey(new AdminWire.ApiKeyRequest(provider, key.reveal()))));
  }

  @Override
  public void removeKey(@Nullable String user, String provider) {
    send(api.removeKey(path(provider)));
  }

  // ---- accounts ---------------------------------------------------------------------------------------------

  @Override
  public View createGatewayKey(String user, @Nullable String name) {
    AdminWire.NewKey issued = send(api.issueKey(path(user), new AdminWire.KeyRequest(name)));
    return new View().with("key", issued.key()).with("prefix", issued.prefix()).with("user_id", user)
        .with("name", name);
  }

  @Override
  public List<View> gatewayKeys(String user) {
    return send(api.gatewayKeys(path(user))).data().stream().map(Views::gatewayKey).toList();
  }

  @Override
  public void revokeGatewayKey(String prefix) {
    send(api.revokeKey(path(prefix)));
  }

  @Override
  public List<View> users() {
    return send(api.users()).data().stream().map(Views::of).toList();
  }

  @Override
  public View createUser(String name, String role, @Nullable String org) {
    return Views.of(send(api.createUser(new AdminWire.UserRequest(name, role, org))));
  }

  @Override
  public List<View> orgs() {
    return send(api.orgs()).data().stream().map(Views::of).toList();
  }

  @Override
  public View createOrg(String name) {
    return Views.of(send(api.createOrg(new AdminWire.OrgRequest(name))));
  }

  @Override
  public View allowModels(String org, List<String> patterns) {
    return Views.of(send(api.allowModels(path(org), new AdminWire.AllowedModelsRequest(patterns))));
  }

  // ---- quota and usage ---------------------------------------------------------------------------------------

  @Override
  public View quota(QuotaSubject subject) {
    return Views.quota(send(api.quota(subject.kind().wireName(), path(subject.id()))));
  }

  @Override
  public View setQuota(QuotaSubject subject, QuotaLimits limits) {
    return Views.quota(send(api.setQuota(subject.kind().wireName(), path(subject.id()),
        AdminWire.limits(limits))));
  }

  @Override
  public List<View> usage(UsageGroupBy by, @Nullable Instant since, @Nullable Instant until) {
    AdminWire.Usage answer = send(api.usage(by.wireName(), since == null ? null : since.toString(),
        until == null ? null : until.toString()));
    return answer.totals().stream().map(Views::usage).toList();
  }

  // ---- audit ------------------------------------------------------------------------------------------------

  @Override
  public List<View> audit(int limit) {
    return send(api.audit(limit)).data().stream().map(Views::of).toList();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  // ---- HTTP -------------------------------------------------------------------------------------------------

  /** Runs one call; its answer (null when it has none), or the server's error or the failure to reach it. */
  private <T> T send(Call<T> call) {
    retrofit2.Response<T> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw unreachable(e);
    }
    if (!response.isSuccessful()) {
      String body;
      try (ResponseBody error = response.errorBody()) {
        body = error == null ? "" : error.string();
      } catch (IOException e) {
        body = "";
      }
      throw failure(response.code(), body);
    }
    return response.body();
  }

  private Response execute(okhttp3.Call call) {
    try {
      return call.execute();
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private ServerException unreachable(IOException e) {
    if (e instanceof ConnectException) {
      return new ServerException("cannot reach the server at " + base + ": connection refused", 0);
    }
    if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).toLowerCase().contains("connect")) {
      return new ServerException("cannot reach the server at " + base + ": no answer within "
          + CONNECT_TIMEOUT.toSeconds() + " s", 0);
    }
    if (e instanceof InterruptedIOException) {
      return new ServerException("the server at " + base + " did not answer in time", 0);
    }
    return new ServerException("cannot reach the server at " + base + ": "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
  }

  /** The server's error message (OpenAI's error body), with a hint for a missing or refused key. */
  private ServerException failure(int status, String body) {
    String message = null;
    try {
      if (!body.isBlank() && tree.fromJson(body) instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e) {
        message = String.valueOf(e.get("message"));
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: say what the status was
    }
    if (message == null) {
      message = "the server answered HTTP " + status;
    }
    if (status == 401) {
      message += apiKey == null ? " (set MODELGATE_API_KEY to a gateway key)" : " (check MODELGATE_API_KEY)";
    }
    return new ServerException(message, status);
  }

  /** A path segment, encoded; a model id keeps its {@code :} and {@code /}. */
  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":")
        .replace("%2F", "/");
  }
}
