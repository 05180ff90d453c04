package io.modelgate.adapter.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every endpoint of the service in one table, and the Helidon routing built from it. */
@Singleton
final class Api {
  private final List<Endpoint> endpoints;
  private final Dispatcher dispatcher;
  private final Cors cors;
  private final List<Endpoint> management;

  @Inject
  Api(OpenAiApi openAi, AnthropicApi anthropic, OllamaApi ollama, ResponsesApi responses, CatalogApi catalog, AdminApi admin, QuotaApi quotas, UsageApi usage, UserApi user, OpsApi ops, RegistryApi registry,
      PreferencesApi preferences, GenerateApi generate, Dispatcher dispatcher, Cors cors, JsonCodec json,
      SessionApi sessions, EventsApi events) {
    this.dispatcher = dispatcher;
    this.cors = cors;
    List<Endpoint> all = new ArrayList<>();
    all.addAll(openAi.endpoints());
    all.addAll(anthropic.endpoints());
    all.addAll(ollama.endpoints());
    all.addAll(responses.endpoints());
    all.addAll(catalog.endpoints());
    all.addAll(admin.endpoints());
    all.addAll(quotas.endpoints());
    all.addAll(usage.endpoints());
    all.addAll(user.endpoints());
    all.addAll(registry.endpoints());
    all.addAll(preferences.endpoints());
    all.addAll(generate.endpoints());
    all.addAll(ops.endpoints());
    all.addAll(sessions.endpoints());
    all.addAll(events.endpoints());
    all.addAll(new ConsoleAssets(Api.class.getClassLoader()).endpoints());
    all.add(new Endpoint(Method.GET, "/openapi.json", Endpoint.Access.PUBLIC, "operations",
        "This document: OpenAPI 3.1 of every endpoint", call -> call.send(200, openApi(json))));
    this.endpoints = List.copyOf(all);
    this.management = ops.management();
  }

  private byte[] openApi(JsonCodec json) {
    return json.treeText(OpenApi.document(endpoints)).getBytes(StandardCharsets.UTF_8);
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  void routing(HttpRouting.Builder routing) {
    routing.addFilter(cors);
    for (Endpoint e : endpoints) {
      routing.route(e.method(), e.helidonPath(), (req, res) -> dispatcher.serve(e, req, res));
    }
    routing.any(dispatcher::noRoute);
  }

  /** The management port's routing: health and the metrics, nothing else. */
  void managementRouting(HttpRouting.Builder routing) {
    for (Endpoint e : management) {
      routing.route(e.method(), e.helidonPath(), (req, res) -> dispatcher.serve(e, req, res));
    }
    routing.any(dispatcher::noRoute);
  }
}
