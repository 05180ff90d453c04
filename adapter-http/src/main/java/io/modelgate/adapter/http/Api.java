package io.modelgate.adapter.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every endpoint of the service in one table, and the routing built from it. */
@Singleton
final class Api {
  private final List<Endpoint> endpoints;
  private final Dispatcher dispatcher;
  private final Cors cors;
  private final Router router;
  private final Router management;

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
    this.router = new Router(endpoints);
    this.management = new Router(ops.management());
  }

  private byte[] openApi(JsonCodec json) {
    return json.treeText(OpenApi.document(endpoints)).getBytes(StandardCharsets.UTF_8);
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  /** Serves a request on the main port: CORS, then the first endpoint matching it, else the 404. */
  void serve(Exchange exchange) {
    if (!cors.answered(exchange)) {
      route(router, exchange);
    }
  }

  /** Serves a request on the management port: health and the metrics, nothing else. */
  void serveManagement(Exchange exchange) {
    route(management, exchange);
  }

  private void route(Router routes, Exchange exchange) {
    Router.Match match = routes.match(exchange.method(), exchange.rawPath());
    if (match == null) {
      dispatcher.noRoute(exchange);
    } else {
      dispatcher.serve(match.endpoint(), match.parameters(), exchange);
    }
  }
}
