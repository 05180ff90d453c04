package io.modelgate.adapter.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Secret;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.usage.UsageGroupBy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The commands over a running server's HTTP API (issue 5's paths), with {@code MODELGATE_API_KEY} as the bearer
 * key. Each answer is mapped once, here, to the same view embedded mode prints.
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

  private final String base;
  private final @Nullable String apiKey;
  private final HttpClient http;
  private final JsonAdapter<Object> json = new Moshi.Builder().build().adapter(Object.class);

  RemoteBackend(String base, @Nullable String apiKey) {
    this.base = base;
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  // ---- models -----------------------------------------------------------------------------------------------

  @Override
  public List<View> models(ModelFilter filter) {
    String query = query("provider", filter.provider(),
        "category", filter.category() == null ? null : filter.category().wireName(),
        "status", filter.status() == null ? null : filter.status().wireName(), "q", filter.text());
    List<View> models;
    try {
      models = data(send("GET", "/api/admin/models" + query, null));
    } catch (ServerException e) {
      if (e.status() != 403) {
        throw e;
      }
      // A member's key: the models this caller may use, as the OpenAI-compatible list shows them.
      models = data(send("GET", "/v1/models", null)).stream().filter(m -> matches(filter, m)).toList();
    }
    return models.stream()
        .filter(m -> filter.capability() == null || m.get("capabilities") instanceof List<?> caps
            && caps.contains(filter.capability().wireName()))
        .map(RemoteBackend::model).toList();
  }

  @Override
  public List<View> model(ModelId id) {
    return data(send("GET", "/api/admin/models/" + path(id.toString()), null)).stream()
        .map(RemoteBackend::model).toList();
  }

  /** The server filters the admin list; the caller's own list is filtered here the same way. */
  private static boolean matches(ModelFilter filter, View m) {
    String text = filter.text() == null ? null : filter.text().toLowerCase(java.util.Locale.ROOT);
    return (filter.provider() == null || filter.provider().equals(m.get("provider")))
        && (filter.category() == null || filter.category().wireName().equals(m.get("category")))
        && (filter.status() == null || filter.status().wireName().equals(m.get("status")))
        && (text == null || java.util.stream.Stream.of(m.get("id"), m.get("name"), m.get("description"))
            .anyMatch(v -> v != null && v.toString().toLowerCase(java.util.Locale.ROOT).contains(text)));
  }

  private static View model(View m) {
    return pick(m, "id", "provider", "kind", "category", "name", "description", "status", "source",
        "context_window", "max_output_tokens", "capabilities", "pricing", "discovered_at", "enabled_at",
        "deprecated_at", "last_seen_at", "admin_notes", "successor")
        .with("pricing", m.get("pricing") instanceof Map<?, ?> p ? pick(view(p), "input_per_million",
            "output_per_million", "cached_input_per_million", "per_request") : null);
  }

  @Override
  public List<View> discover(@Nullable String provider, @Nullable ModelCategory category, boolean force,
      Consumer<View> progress) {
    Map<String, Object> body = new LinkedHashMap<>();
    putIfSet(body, "provider", provider);
    putIfSet(body, "category", category == null ? null : category.wireName());
    body.put("force", force);
    View answer = object(send("POST", "/api/admin/models/discover", body));
    List<View> reports = new ArrayList<>();
    for (View r : list(answer.get("providers"))) {
      View report = new View().with("provider", r.get("provider")).with("ok", r.get("error") == null)
          .with("listed", r.get("listed")).with("new", r.get("added")).with("updated", r.get("updated"))
          .with("deprecated", r.get("deprecated")).with("skipped", r.get("skipped") == null ? Map.of()
              : r.get("skipped")).with("cache_hit", r.get("cache_hit")).with("error", r.get("error"))
          .with("retry_after_s", r.get("retry_after_s")).with("took_ms", r.get("took_ms"));
      progress.accept(report);
      reports.add(report);
    }
    return reports;
  }

  @Override
  public View setStatus(List<ModelId> ids, ModelStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model_ids", ids.stream().map(ModelId::toString).toList());
    body.put("status", status.wireName());
    View answer = object(send("POST", "/api/admin/models/bulk-update", body));
    return new View().with("status", status.wireName()).with("updated", answer.get("updated"))
        .with("failed", answer.get("failed") == null ? Map.of() : answer.get("failed"));
  }

  @Override
  public View setDefault(@Nullable String provider, ModelCategory category, @Nullable ModelId model) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("provider", provider == null ? "*" : provider);
    body.put("category", category.wireName());
    body.put("model_id", model == null ? null : model.toString());
    View answer = object(send("POST", "/api/admin/models/set-default", body));
    Object p = answer.get("provider");
    return new View().with("provider", "*".equals(p) ? null : p).with("category", answer.get("category"))
        .with("model", answer.get("model_id"));
  }

  @Override
  public View getDefault(@Nullable String provider, ModelCategory category) {
    Object model;
    if (provider == null) {
      model = object(send("GET", "/ai/models" + query("category", category.wireName()), null))
          .get("default_model_id");
    } else {
      View instance = object(send("GET", "/api/admin/providers/" + path(provider), null));
      model = instance.get("default_models") instanceof Map<?, ?> d ? d.get(category.wireName()) : null;
    }
    return new View().with("provider", provider).with("category", category.wireName()).with("model", model);
  }

  @Override
  public View addMigration(ModelMigration migration) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", migration.from().toString());
    body.put("to", migration.to().toString());
    body.put("reason", migration.reason().wireName());
    body.put("automatic", migration.automatic());
    View answer = object(send("POST", "/api/admin/models/migrations", body));
    return migration(view((Map<?, ?>) answer.get("migration"))).with("rewritten", answer.get("rewritten"));
  }

  @Override
  public List<View> migrations() {
    return data(send("GET", "/api/admin/models/migrations", null)).stream().map(RemoteBackend::migration)
        .toList();
  }

  private static View migration(View m) {
    return pick(m, "from", "to", "reason", "automatic", "created_at");
  }

  // ---- providers --------------------------------------------------------------------------------------------

  /**
   * The instances with the health the server last saw (a server probes as it discovers and serves; the CLI does
   * not ask it to probe on demand).
   */
  @Override
  public List<View> providers(boolean probe, Duration timeout) {
    if (probe) {
      // The server probes every enabled provider now and records what it saw, which /ai/models then shows.
      send("POST", "/api/admin/providers/health?timeout_ms=" + Math.max(1, timeout.toMillis()), null);
    }
    List<View> instances = data(send("GET", "/api/admin/providers", null));
    View catalog = object(send("GET", "/ai/models", null));
    Map<?, ?> states = catalog.get("providers") instanceof Map<?, ?> s ? s : Map.of();
    Map<Object, Object> latency = new LinkedHashMap<>();
    for (View m : list(catalog.get("models"))) {
      if (m.get("latency_ms") != null) {
        latency.putIfAbsent(m.get("provider"), m.get("latency_ms"));
      }
    }
    List<View> views = new ArrayList<>();
    for (View i : instances) {
      Map<?, ?> state = states.get(i.get("id")) instanceof Map<?, ?> s ? s : null;
      Object health = state == null || "disabled".equals(state.get("status")) ? null : state.get("status");
      views.add(instance(i).with("health", health).with("latency_ms", latency.get(i.get("id")))
          .with("detail", state == null ? null : state.get("error")));
    }
    return views;
  }

  private static View instance(View i) {
    Object origin = i.get("options") instanceof Map<?, ?> o && o.get("origin") != null ? o.get("origin") : "admin";
    return new View().with("id", i.get("id")).with("kind", i.get("kind")).with("name", i.get("name"))
        .with("base_url", i.get("base_url")).with("enabled", i.get("enabled"))
        .with("visibility", i.get("visibility")).with("owner", i.get("owner")).with("origin", origin)
        .with("defaults", i.get("default_models") == null ? Map.of() : i.get("default_models"))
        .with("health", null).with("latency_ms", null).with("detail", null);
  }

  @Override
  public View addProvider(ProviderSpec spec, @Nullable Secret key) {
    Map<String, Object> body = providerBody(spec, key);
    body.put("id", spec.id());
    body.put("kind", spec.kind() == null ? null : spec.kind().wireName());
    return instance(object(send("POST", "/api/admin/providers", body))).with("has_key", key != null);
  }

  @Override
  public View updateProvider(ProviderSpec spec, @Nullable Secret key) {
    return instance(object(send("PATCH", "/api/admin/providers/" + path(spec.id()), providerBody(spec, key))));
  }

  private static Map<String, Object> providerBody(ProviderSpec spec, @Nullable Secret key) {
    Map<String, Object> body = new LinkedHashMap<>();
    putIfSet(body, "name", spec.name());
    putIfSet(body, "base_url", spec.baseUrl());
    putIfSet(body, "enabled", spec.enabled());
    putIfSet(body, "key", key == null ? null : key.reveal());
    return body;
  }

  @Override
  public void removeProvider(String id) {
    send("DELETE", "/api/admin/providers/" + path(id), null);
  }

  // ---- chat -------------------------------------------------------------------------------------------------

  /** Streams through {@code POST /ai/stream}: a route event, deltas, then done, or an error frame. */
  @Override
  public View chat(ChatInput input, Consumer<String> text) {
    List<Map<String, Object>> messages = new ArrayList<>();
    if (input.system() != null) {
      messages.add(Map.of("role", "system", "content", input.system()));
    }
    messages.add(Map.of("role", "user", "content", input.prompt()));
    Map<String, Object> body = new LinkedHashMap<>();
    putIfSet(body, "model", input.model());
    body.put("messages", messages);
    HttpResponse<InputStream> response = exchange(request("POST", "/ai/stream", body)
        .header("Accept", "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() >= 300) {
        throw failure(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      View route = null;
      View done = null;
      StringBuilder reply = new StringBuilder();
      Map<Integer, View> calls = new java.util.TreeMap<>();
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null && done == null; line = lines.readLine()) {
        if (!line.startsWith("data:")) {
          continue;
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
          break;
        }
        View event = object(parse(data));
        if (event.get("error") instanceof Map<?, ?> error) {
          throw new ServerException(String.valueOf(error.get("message")), 0);
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
      if (route == null || done == null) {
        throw new ServerException("the server's stream ended before the reply was complete", 0);
      }
      return chatView(route, done, reply.toString(), new ArrayList<>(calls.values()));
    } catch (IOException e) {
      throw new ServerException("the connection to " + base + " broke: " + e.getMessage(), 0);
    }
  }

  private static View chatView(View route, View done, String text, List<View> toolCalls) {
    Map<?, ?> r = route.get("route") instanceof Map<?, ?> m ? m : Map.of();
    List<String> steps = new ArrayList<>();
    for (View step : list(r.get("steps"))) {
      steps.add(step.get("kind") + ": " + step.get("detail"));
    }
    View routeView = new View().with("requested", route.get("requested_model")).with("served", route.get("model"))
        .with("provider", route.get("provider")).with("source", r.get("source")).with("steps", steps);
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
    return data(send("GET", "/api/ai/api-keys", null)).stream().map(RemoteBackend::credential).toList();
  }

  private static View credential(View c) {
    return new View().with("provider", c.get("provider")).with("key", c.get("masked"))
        .with("created_at", c.get("created_at")).with("last_used_at", c.get("last_used_at"));
  }

  @Override
  public View addKey(@Nullable String user, String provider, Secret key) {
    return credential(object(send("POST", "/api/ai/api-keys", Map.of("provider", provider, "key", key.reveal()))));
  }

  @Override
  public void removeKey(@Nullable String user, String provider) {
    send("DELETE", "/api/ai/api-keys/" + path(provider), null);
  }

  // ---- accounts ---------------------------------------------------------------------------------------------

  @Override
  public View createGatewayKey(String user, @Nullable String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    putIfSet(body, "name", name);
    View answer = object(send("POST", "/api/admin/users/" + path(user) + "/keys", body));
    return new View().with("key", answer.get("key")).with("prefix", answer.get("prefix")).with("user_id", user)
        .with("name", name);
  }

  @Override
  public List<View> gatewayKeys(String user) {
    return data(send("GET", "/api/admin/users/" + path(user) + "/keys", null)).stream()
        .map(k -> pick(k, "prefix", "user_id", "name", "created_at", "last_used_at", "revoked_at")).toList();
  }

  @Override
  public void revokeGatewayKey(String prefix) {
    send("DELETE", "/api/admin/keys/" + path(prefix), null);
  }

  @Override
  public List<View> users() {
    return data(send("GET", "/api/admin/users", null)).stream().map(RemoteBackend::user).toList();
  }

  private static View user(View u) {
    return pick(u, "id", "name", "role", "org_id", "created_at");
  }

  @Override
  public View createUser(String name, String role, @Nullable String org) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("role", role);
    putIfSet(body, "org_id", org);
    return user(object(send("POST", "/api/admin/users", body)));
  }

  @Override
  public List<View> orgs() {
    return data(send("GET", "/api/admin/orgs", null)).stream().map(RemoteBackend::org).toList();
  }

  private static View org(View o) {
    return pick(o, "id", "name", "allowed_models", "created_at");
  }

  @Override
  public View createOrg(String name) {
    return org(object(send("POST", "/api/admin/orgs", Map.of("name", name))));
  }

  @Override
  public View allowModels(String org, List<String> patterns) {
    return org(object(send("PUT", "/api/admin/orgs/" + path(org) + "/allowed-models",
        Map.of("allowed_models", patterns))));
  }

  // ---- quota and usage ---------------------------------------------------------------------------------------

  private static final String[] QUOTA_FIELDS = {"requests_per_day", "requests_per_month", "tokens_per_month",
      "usd_per_month", "rpm", "tpm"};

  @Override
  public View quota(QuotaSubject subject) {
    return quotaView(subject, object(send("GET", quotaPath(subject), null)));
  }

  @Override
  public View setQuota(QuotaSubject subject, QuotaLimits limits) {
    View body = Views.limits(limits);
    body.remove("kind");
    body.remove("id");
    return quotaView(subject, object(send("PUT", quotaPath(subject), body)));
  }

  private static String quotaPath(QuotaSubject subject) {
    return "/api/admin/quotas/" + subject.kind().wireName() + "/" + path(subject.id());
  }

  private static View quotaView(QuotaSubject subject, View answer) {
    View limits = answer.get("limits") instanceof Map<?, ?> l ? view(l) : answer;
    View v = new View().with("kind", subject.kind().wireName()).with("id", subject.id());
    for (String field : QUOTA_FIELDS) {
      v.put(field, limits.get(field));
    }
    return v.with("usage", list(answer.get("usage")).stream()
        .map(u -> pick(u, "limit", "max", "used", "remaining", "resets_at")).toList());
  }

  @Override
  public List<View> usage(UsageGroupBy by, @Nullable Instant since, @Nullable Instant until) {
    View answer = object(send("GET", "/api/admin/usage" + query("group_by", by.wireName(),
        "from", since == null ? null : since.toString(), "to", until == null ? null : until.toString()), null));
    return list(answer.get("totals")).stream().map(t -> pick(t, "key", "requests", "prompt_tokens",
        "completion_tokens", "cached_tokens", "reasoning_tokens", "cost_usd")).toList();
  }

  // ---- audit ------------------------------------------------------------------------------------------------

  @Override
  public List<View> audit(int limit) {
    return data(send("GET", "/api/admin/audit?limit=" + limit, null)).stream()
        .map(e -> pick(e, "at", "actor", "action", "target", "before", "after")).toList();
  }

  @Override
  public void close() {
    http.close();
  }

  // ---- HTTP -------------------------------------------------------------------------------------------------

  private HttpRequest.Builder request(String method, String path, @Nullable Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json").header("User-Agent", "modelgate-cli");
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
    }
    return b;
  }

  /** Sends a request and returns its parsed JSON answer (null when it has none); a non-2xx status is thrown. */
  private @Nullable Object send(String method, String path, @Nullable Object body) {
    HttpResponse<String> response = exchange(request(method, path, body),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() >= 300) {
      throw failure(response.statusCode(), response.body());
    }
    return response.body() == null || response.body().isBlank() ? null : parse(response.body());
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.build(), handler);
    } catch (HttpConnectTimeoutException e) {
      throw new ServerException("cannot reach the server at " + base + ": no answer within "
          + CONNECT_TIMEOUT.toSeconds() + " s", 0);
    } catch (ConnectException e) {
      throw new ServerException("cannot reach the server at " + base + ": connection refused", 0);
    } catch (HttpTimeoutException e) {
      throw new ServerException("the server at " + base + " did not answer in time", 0);
    } catch (IOException e) {
      throw new ServerException("cannot reach the server at " + base + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerException("interrupted while waiting for the server", 0);
    }
  }

  /** The server's error message (OpenAI's error body), with a hint for a missing or refused key. */
  private ServerException failure(int status, String body) {
    String message = null;
    try {
      if (parse(body) instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> error) {
        message = String.valueOf(error.get("message"));
      }
    } catch (ServerException e) {
      // not JSON: say what the status was
    }
    if (message == null) {
      message = "the server answered HTTP " + status;
    }
    if (status == 401) {
      message += apiKey == null ? " (set MODELGATE_API_KEY to a gateway key)"
          : " (check MODELGATE_API_KEY)";
    }
    return new ServerException(message, status);
  }

  private @Nullable Object parse(String text) {
    try {
      return json.fromJson(text);
    } catch (IOException | RuntimeException e) {
      throw new ServerException("the server at " + base + " answered something that is not JSON", 0);
    }
  }

  // ---- JSON trees ---------------------------------------------------------------------------------------------

  private static View object(@Nullable Object value) {
    if (value instanceof Map<?, ?> m) {
      return view(m);
    }
    throw new ServerException("the server's answer is not a JSON object", 0);
  }

  private static List<View> data(@Nullable Object value) {
    return list(object(value).get("data"));
  }

  private static List<View> list(@Nullable Object value) {
    List<View> views = new ArrayList<>();
    if (value instanceof List<?> items) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> m) {
          views.add(view(m));
        }
      }
    }
    return views;
  }

  private static View view(Map<?, ?> map) {
    View v = new View();
    map.forEach((k, val) -> v.put(String.valueOf(k), val));
    return v;
  }

  /** The given keys of {@code from}, in this order; a missing key is null, so every view has a stable shape. */
  private static View pick(View from, String... keys) {
    View v = new View();
    for (String key : keys) {
      v.put(key, from.get(key));
    }
    return v;
  }

  private static void putIfSet(Map<String, Object> body, String key, @Nullable Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":")
        .replace("%2F", "/");
  }

  private static String query(@Nullable String... pairs) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        q.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
      }
    }
    return q.toString();
  }
}
